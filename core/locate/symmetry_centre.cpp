#include "core/locate/symmetry_centre.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hrtem {

namespace {

/// The image on a grid of half pixels: whole pixels copied, the points between two pixels
/// their mean, the points between four their mean (bilinear interpolation at those points).
cv::Mat halfPixelGrid(const cv::Mat& image)
{
    CV_Assert(image.type() == CV_32F && image.rows >= 1 && image.cols >= 1);
    cv::Mat grid(2 * image.rows - 1, 2 * image.cols - 1, CV_32F);
    for (int y = 0; y < image.rows; ++y) {
        const float* in = image.ptr<float>(y);
        float* out = grid.ptr<float>(2 * y);
        for (int x = 0; x < image.cols; ++x) {
            out[2 * x] = in[x];
            if (x + 1 < image.cols)
                out[2 * x + 1] = 0.5f * (in[x] + in[x + 1]);
        }
    }
    for (int y = 1; y < grid.rows; y += 2) {
        const float* above = grid.ptr<float>(y - 1);
        const float* below = grid.ptr<float>(y + 1);
        float* out = grid.ptr<float>(y);
        for (int x = 0; x < grid.cols; ++x)
            out[x] = 0.5f * (above[x] + below[x]);
    }
    return grid;
}

/// Mean squared difference between the grid at centre ± each offset (half-grid units).
/// Points outside the image are read at the nearest border point.
double asymmetry(const cv::Mat& grid, int cx, int cy, const std::vector<cv::Point>& offsets, int extent)
{
    double sum = 0.0;
    const bool inside = cx - extent >= 0 && cy - extent >= 0 && cx + extent < grid.cols && cy + extent < grid.rows;
    if (inside) {
        for (const cv::Point& o : offsets) {
            const double d = double(grid.at<float>(cy + o.y, cx + o.x)) - double(grid.at<float>(cy - o.y, cx - o.x));
            sum += d * d;
        }
    } else {
        auto at = [&](int x, int y) {
            return double(grid.at<float>(std::clamp(y, 0, grid.rows - 1), std::clamp(x, 0, grid.cols - 1)));
        };
        for (const cv::Point& o : offsets) {
            const double d = at(cx + o.x, cy + o.y) - at(cx - o.x, cy - o.y);
            sum += d * d;
        }
    }
    return sum / static_cast<double>(offsets.size());
}

} // namespace

SymmetryCentreSearch::SymmetryCentreSearch(const cv::Mat& image) : mHalfGrid(halfPixelGrid(image)) {}

SymmetryCentre SymmetryCentreSearch::find(double x, double y, double radius, double reach) const
{
    // Half of the disc suffices: each offset is compared with its opposite. Offsets are whole
    // pixels, i.e. two half-grid steps.
    std::vector<cv::Point> offsets;
    const int r = static_cast<int>(std::ceil(radius));
    for (int dy = 0; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx)
            if ((dy > 0 || dx > 0) && dx * dx + dy * dy <= radius * radius)
                offsets.emplace_back(2 * dx, 2 * dy);
    const int extent = 2 * r;
    auto cost = [&](int gx, int gy) { return asymmetry(mHalfGrid, gx, gy, offsets, extent); };
    // Coarse to fine: a whole-pixel grid over the reach, then half a pixel around the best,
    // then a parabola through the finest neighbours. The asymmetry is smooth on the scale of a
    // column, so the coarse grid cannot jump into a wrong basin that the fine one would avoid.
    const int x0 = 2 * static_cast<int>(std::lround(x)), y0 = 2 * static_cast<int>(std::lround(y));
    int bx = x0, by = y0;
    double best = std::numeric_limits<double>::infinity();
    const int n = static_cast<int>(std::floor(reach));
    for (int j = -n; j <= n; ++j)
        for (int i = -n; i <= n; ++i) {
            const double a = cost(x0 + 2 * i, y0 + 2 * j);
            if (a < best) {
                best = a;
                bx = x0 + 2 * i;
                by = y0 + 2 * j;
            }
        }
    double grid[3][3];
    for (int pass = 0; pass < 3; ++pass) { // re-centre up to twice if the best is on the rim
        const int cx = bx, cy = by;
        int bi = 0, bj = 0;
        for (int j = -1; j <= 1; ++j)
            for (int i = -1; i <= 1; ++i) {
                const double a = (i == 0 && j == 0) ? best : cost(cx + i, cy + j);
                grid[j + 1][i + 1] = a;
                if (a < best) {
                    best = a;
                    bi = i;
                    bj = j;
                }
            }
        bx = cx + bi;
        by = cy + bj;
        if (bi == 0 && bj == 0)
            break;
        if (pass == 2)
            return {0.5 * bx, 0.5 * by, best};
    }
    auto vertex = [](double l, double m, double rr) {
        const double d = l - 2 * m + rr;
        return d > 0 ? std::clamp(0.5 * (l - rr) / d, -0.5, 0.5) : 0.0;
    };
    const double ox = vertex(grid[1][0], grid[1][1], grid[1][2]);
    const double oy = vertex(grid[0][1], grid[1][1], grid[2][1]);
    return {0.5 * (bx + ox), 0.5 * (by + oy), best};
}

SymmetryCentre symmetryCentre(const cv::Mat& image, double x, double y, double radius, double reach)
{
    return SymmetryCentreSearch(image).find(x, y, radius, reach);
}

} // namespace hrtem
