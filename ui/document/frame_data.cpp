#include "ui/document/frame_data.h"

#include "core/io/stack.h"

#include <cmath>
#include <limits>

namespace hrtem::ui {

FrameDataPtr loadFrameData(StackReader& stack, int index, double lowPercent, double highPercent)
{
    return makeFrameData(index, stack.readFrame(index), lowPercent, highPercent);
}

FrameDataPtr makeFrameData(int index, cv::Mat frame, double lowPercent, double highPercent)
{
    auto data = std::make_shared<FrameData>();
    data->index = index;
    data->frame = std::move(frame);
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int y = 0; y < data->frame.rows; ++y) {
        const float* row = data->frame.ptr<float>(y);
        for (int x = 0; x < data->frame.cols; ++x)
            if (std::isfinite(row[x])) {
                lo = std::min(lo, static_cast<double>(row[x]));
                hi = std::max(hi, static_cast<double>(row[x]));
            }
    }
    if (!std::isfinite(lo)) // no finite pixel at all
        lo = hi = 0.0;
    data->min = lo;
    data->max = hi;
    data->autoLevels = percentileLevels(data->frame, lowPercent, highPercent);
    data->histogram = computeHistogram(data->frame, 256, lo, hi > lo ? hi : lo + 1.0);
    return data;
}

} // namespace hrtem::ui
