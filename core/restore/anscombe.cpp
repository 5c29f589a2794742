#include "core/restore/anscombe.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hrtem::restore {
namespace {

// Below this the shot noise is negligible next to the read noise and the transform degenerates
// (2/g · sqrt(...) loses all precision), so the model is treated as Gaussian.
bool gaussianOnly(const NoiseModel& m) { return m.gain <= 1e-4 * std::sqrt(std::max(m.readVariance, 1e-12)); }

void requireFloat(const cv::Mat& m, const char* what)
{
    if (m.type() != CV_32FC1)
        throw std::invalid_argument(std::string(what) + ": expected a single-channel float (CV_32F) image");
}

} // namespace

double anscombeForward(double counts, const NoiseModel& m)
{
    if (gaussianOnly(m))
        return (counts - m.offset) / std::sqrt(std::max(m.readVariance, 1e-12));
    const double g = m.gain;
    const double inside = g * counts + 0.375 * g * g + m.readVariance - g * m.offset;
    return 2.0 / g * std::sqrt(std::max(0.0, inside));
}

double anscombeInverse(double d, const NoiseModel& m)
{
    if (gaussianOnly(m))
        return d * std::sqrt(std::max(m.readVariance, 1e-12)) + m.offset;
    // E[f(z)] for zero electrons and no read noise is 2·sqrt(3/8); below it the closed form
    // stops being monotone (the D^-3 term takes over) and the exact inverse is 0.
    constexpr double kZeroLevel = 1.2247448713915890; // 2·sqrt(3/8)
    const double sigma = std::sqrt(std::max(0.0, m.readVariance)) / m.gain; // read noise in electrons
    double electrons = 0.0;
    if (d > kZeroLevel) {
        const double s = std::sqrt(1.5);
        const double inv = 1.0 / d;
        electrons = 0.25 * d * d + 0.25 * s * inv - 1.375 * inv * inv + 0.625 * s * inv * inv * inv - 0.125 - sigma * sigma;
        electrons = std::max(0.0, electrons);
    }
    return m.gain * electrons + m.offset;
}

cv::Mat anscombeForward(const cv::Mat& counts, const NoiseModel& model)
{
    requireFloat(counts, "anscombeForward");
    cv::Mat out(counts.size(), CV_32F);
    for (int y = 0; y < counts.rows; ++y) {
        const float* in = counts.ptr<float>(y);
        float* o = out.ptr<float>(y);
        for (int x = 0; x < counts.cols; ++x)
            o[x] = static_cast<float>(anscombeForward(in[x], model));
    }
    return out;
}

cv::Mat anscombeInverse(const cv::Mat& stabilized, const NoiseModel& model)
{
    requireFloat(stabilized, "anscombeInverse");
    cv::Mat out(stabilized.size(), CV_32F);
    for (int y = 0; y < stabilized.rows; ++y) {
        const float* in = stabilized.ptr<float>(y);
        float* o = out.ptr<float>(y);
        for (int x = 0; x < stabilized.cols; ++x)
            o[x] = static_cast<float>(anscombeInverse(in[x], model));
    }
    return out;
}

} // namespace hrtem::restore
