#include "core/image/statistics.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

void Statistics::add(double v)
{
    if (!std::isfinite(v))
        return;
    if (count == 0) {
        min = max = v;
    } else {
        min = std::min(min, v);
        max = std::max(max, v);
    }
    sum += v;
    ++count;
}

void Statistics::merge(const Statistics& o)
{
    if (o.count == 0)
        return;
    if (count == 0) {
        *this = o;
        return;
    }
    min = std::min(min, o.min);
    max = std::max(max, o.max);
    sum += o.sum;
    count += o.count;
}

Statistics componentStatistics(const RawImage& image, int component)
{
    Statistics s;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            s.add(image.component(x, y, component));
    return s;
}

} // namespace hrtem
