#include "core/analysis/symmetry_centre.h"

#include <algorithm>
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

/// The same at a whole-pixel centre whose window lies inside the image: plain reads, no
/// interpolation (the coarse search evaluates ~50 of these per column).
double asymmetryAtPixel(const cv::Mat& im, int cx, int cy, const std::vector<cv::Point>& offsets)
{
    double sum = 0.0;
    for (const cv::Point& o : offsets) {
        const double d = double(im.at<float>(cy + o.y, cx + o.x)) - double(im.at<float>(cy - o.y, cx - o.x));
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
    // Coarse to fine: a whole-pixel grid over the reach, then half a pixel around the best,
    // then a parabola through the finest neighbours. The asymmetry is smooth on the scale of a
    // column, so the coarse grid cannot jump into a wrong basin that the fine one would avoid.
    auto cost = [&](double cx, double cy) { return asymmetry(image, cx, cy, offsets); };
    std::vector<cv::Point> pixelOffsets;
    for (const cv::Point2d& o : offsets)
        pixelOffsets.emplace_back(static_cast<int>(o.x), static_cast<int>(o.y));
    // The coarse grid on whole pixels around the rounded start.
    const int x0 = static_cast<int>(std::lround(x)), y0 = static_cast<int>(std::lround(y));
    double bx = x0, by = y0;
    double best = std::numeric_limits<double>::infinity();
    const int n = static_cast<int>(std::floor(reach));
    const bool inside = x0 - n - r >= 0 && y0 - n - r >= 0 && x0 + n + r < image.cols && y0 + n + r < image.rows;
    for (int j = -n; j <= n; ++j)
        for (int i = -n; i <= n; ++i) {
            const double a = inside ? asymmetryAtPixel(image, x0 + i, y0 + j, pixelOffsets) : cost(x0 + i, y0 + j);
            if (a < best) {
                best = a;
                bx = x0 + i;
                by = y0 + j;
            }
        }
    const double step = 0.5;
    double grid[3][3];
    for (int pass = 0; pass < 3; ++pass) { // re-centre up to twice if the best is on the rim
        double cx = bx, cy = by;
        int bi = 0, bj = 0;
        for (int j = -1; j <= 1; ++j)
            for (int i = -1; i <= 1; ++i) {
                const double a = (i == 0 && j == 0) ? best : cost(cx + i * step, cy + j * step);
                grid[j + 1][i + 1] = a;
                if (a < best) {
                    best = a;
                    bi = i;
                    bj = j;
                }
            }
        bx = cx + bi * step;
        by = cy + bj * step;
        if (bi == 0 && bj == 0)
            break;
        if (pass == 2)
            return {bx, by, best};
    }
    auto vertex = [](double l, double m, double rr) {
        const double d = l - 2 * m + rr;
        return d > 0 ? std::clamp(0.5 * (l - rr) / d, -0.5, 0.5) : 0.0;
    };
    const double ox = vertex(grid[1][0], grid[1][1], grid[1][2]);
    const double oy = vertex(grid[0][1], grid[1][1], grid[2][1]);
    return {bx + ox * step, by + oy * step, best};
}

} // namespace hrtem
