#include "core/analysis/symmetry_centre.h"

#include <cmath>
#include <limits>
#include <vector>

namespace hrtem {

namespace {

/// Bilinear sample, clamped at the borders.
inline double sample(const cv::Mat& im, double x, double y)
{
    x = std::clamp(x, 0.0, im.cols - 1.001);
    y = std::clamp(y, 0.0, im.rows - 1.001);
    const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
    const double fx = x - x0, fy = y - y0;
    const float* r0 = im.ptr<float>(y0);
    const float* r1 = im.ptr<float>(y0 + 1);
    return (1 - fy) * ((1 - fx) * r0[x0] + fx * r0[x0 + 1]) + fy * ((1 - fx) * r1[x0] + fx * r1[x0 + 1]);
}

double asymmetry(const cv::Mat& im, double cx, double cy, const std::vector<cv::Point2d>& offsets)
{
    double sum = 0.0;
    for (const cv::Point2d& o : offsets) {
        const double d = sample(im, cx + o.x, cy + o.y) - sample(im, cx - o.x, cy - o.y);
        sum += d * d;
    }
    return sum / static_cast<double>(offsets.size());
}

} // namespace

SymmetryCentre symmetryCentre(const cv::Mat& image, double x, double y, double radius, double reach)
{
    // Half of the disc suffices: each offset is compared with its opposite.
    std::vector<cv::Point2d> offsets;
    const int r = static_cast<int>(std::ceil(radius));
    for (int dy = 0; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
            if ((dy > 0 || dx > 0) && dx * dx + dy * dy <= radius * radius)
                offsets.emplace_back(dx, dy);
    const double step = 0.5;
    const int n = static_cast<int>(std::floor(reach / step));
    double best = std::numeric_limits<double>::infinity();
    int bi = 0, bj = 0;
    std::vector<double> grid(static_cast<std::size_t>((2 * n + 1) * (2 * n + 1)));
    for (int j = -n; j <= n; ++j)
        for (int i = -n; i <= n; ++i) {
            const double a = asymmetry(image, x + i * step, y + j * step, offsets);
            grid[static_cast<std::size_t>((j + n) * (2 * n + 1) + (i + n))] = a;
            if (a < best) {
                best = a;
                bi = i;
                bj = j;
            }
        }
    auto at = [&](int i, int j) { return grid[static_cast<std::size_t>((j + n) * (2 * n + 1) + (i + n))]; };
    auto vertex = [](double l, double m, double rr) {
        const double d = l - 2 * m + rr;
        return d > 0 ? std::clamp(0.5 * (l - rr) / d, -0.5, 0.5) : 0.0;
    };
    double ox = 0.0, oy = 0.0;
    if (bi > -n && bi < n)
        ox = vertex(at(bi - 1, bj), at(bi, bj), at(bi + 1, bj));
    if (bj > -n && bj < n)
        oy = vertex(at(bi, bj - 1), at(bi, bj), at(bi, bj + 1));
    return {x + (bi + ox) * step, y + (bj + oy) * step, best};
}

} // namespace hrtem
