#include "core/image/measurement.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Physical displacement and the end's physical covariance (diagonal).
struct PhysicalPoint {
    double x, y, varX, varY;
};

PhysicalPoint physical(const MeasurePoint& p, PixelScale s)
{
    return {p.x * s.x, p.y * s.y, p.errX * p.errX * s.x * s.x, p.errY * p.errY * s.y * s.y};
}

/// Bilinear interpolation at (x, y) px, or NaN outside the frame.
double sampleBilinear(const cv::Mat& frame, double x, double y)
{
    if (x < 0.0 || y < 0.0 || x > frame.cols - 1 || y > frame.rows - 1)
        return std::nan("");
    // The last row and column interpolate from the pair before them (weight 1 on themselves).
    const int x0 = std::clamp(int(std::floor(x)), 0, std::max(0, frame.cols - 2));
    const int y0 = std::clamp(int(std::floor(y)), 0, std::max(0, frame.rows - 2));
    const int x1 = std::min(x0 + 1, frame.cols - 1), y1 = std::min(y0 + 1, frame.rows - 1);
    const double fx = x - x0, fy = y - y0;
    const auto at = [&frame](int r, int c) { return frame.at<float>(r, c); };
    return (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
}

} // namespace

LengthMeasurement measureDistance(const MeasurePoint& a, const MeasurePoint& b, PixelScale scale)
{
    const PhysicalPoint pa = physical(a, scale), pb = physical(b, scale);
    const double dx = pb.x - pa.x, dy = pb.y - pa.y;
    LengthMeasurement m;
    m.length = std::hypot(dx, dy);
    m.hasError = a.hasError() && b.hasError() && m.length > 0.0;
    if (m.hasError) {
        const double ux = dx / m.length, uy = dy / m.length;
        m.error = std::sqrt(ux * ux * (pa.varX + pb.varX) + uy * uy * (pa.varY + pb.varY));
    }
    return m;
}

AngleMeasurement measureAngle(const MeasurePoint& a, const MeasurePoint& vertex, const MeasurePoint& b, PixelScale scale)
{
    const PhysicalPoint pa = physical(a, scale), pv = physical(vertex, scale), pb = physical(b, scale);
    const double ax = pa.x - pv.x, ay = pa.y - pv.y, bx = pb.x - pv.x, by = pb.y - pv.y;
    AngleMeasurement m;
    // atan2 of the cross and dot products: accurate near 0 and 180 degrees, unlike acos.
    m.degrees = std::atan2(std::abs(ax * by - ay * bx), ax * bx + ay * by) * 180.0 / kPi;
    const double ra2 = ax * ax + ay * ay, rb2 = bx * bx + by * by;
    m.hasError = a.hasError() && vertex.hasError() && b.hasError() && ra2 > 0.0 && rb2 > 0.0;
    if (!m.hasError)
        return m;
    // Each arm's direction moves by perp(r)/|r|² per unit of its end; the vertex moves both.
    const double gax = -ay / ra2, gay = ax / ra2, gbx = -by / rb2, gby = bx / rb2;
    const double gvx = -(gbx - gax), gvy = -(gby - gay);
    const double variance = gax * gax * pa.varX + gay * gay * pa.varY + gbx * gbx * pb.varX + gby * gby * pb.varY
        + gvx * gvx * pv.varX + gvy * gvy * pv.varY;
    m.error = std::sqrt(variance) * 180.0 / kPi;
    return m;
}

std::vector<ProfileSample> lineProfile(const cv::Mat& frame, const MeasurePoint& a, const MeasurePoint& b,
                                       int widthPx, PixelScale scale)
{
    std::vector<ProfileSample> samples;
    if (frame.empty() || frame.channels() != 1)
        return samples;
    cv::Mat values;
    frame.convertTo(values, CV_32F);
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double lengthPx = std::hypot(dx, dy);
    const int count = std::max(2, int(std::lround(lengthPx)) + 1);
    const double nx = lengthPx > 0 ? -dy / lengthPx : 0.0, ny = lengthPx > 0 ? dx / lengthPx : 0.0;
    const int width = std::max(1, widthPx);
    const double physicalLength = measureDistance(a, b, scale).length;
    for (int i = 0; i < count; ++i) {
        const double t = double(i) / (count - 1);
        double sum = 0.0;
        int n = 0;
        for (int k = 0; k < width; ++k) {
            const double across = k - (width - 1) / 2.0; // centred on the line
            const double v = sampleBilinear(values, a.x + t * dx + across * nx, a.y + t * dy + across * ny);
            if (!std::isnan(v)) {
                sum += v;
                ++n;
            }
        }
        if (n > 0)
            samples.push_back({t * physicalLength, sum / n});
    }
    return samples;
}

} // namespace hrtem
