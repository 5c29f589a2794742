#include "core/locate/noise_model.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace hrtem {

double NoiseModel::variance(double value) const { return std::max(1e-6, gain * std::max(0.0, value - offset) + readVariance); }

NoiseModel estimateNoiseModel(const cv::Mat& frame)
{
    CV_Assert(frame.type() == CV_32F);
    // Residual of a pixel against the mean of its 8 neighbours: for white noise of variance v
    // its variance is v (1 + 1/8); structure smoother than a pixel mostly cancels.
    cv::Mat mean8;
    const cv::Mat kernel = (cv::Mat_<float>(3, 3) << 1, 1, 1, 1, 0, 1, 1, 1, 1) / 8.0F;
    cv::filter2D(frame, mean8, CV_32F, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    const cv::Mat residual = frame - mean8;
    constexpr int kBlock = 8;
    // Per block: variance of the residual over the block's mean. Flat blocks (vacuum, thin
    // support) show the pure noise ratio; structure only adds variance, so a low percentile of
    // the ratio is the detector's gain.
    std::vector<double> ratios;
    double smallest = 1e300;
    for (int y = 0; y + kBlock <= frame.rows; y += kBlock)
        for (int x = 0; x + kBlock <= frame.cols; x += kBlock) {
            const cv::Rect r(x, y, kBlock, kBlock);
            cv::Scalar m, s;
            cv::meanStdDev(residual(r), m, s);
            const double mean = cv::mean(frame(r))[0];
            const double variance = s[0] * s[0] / (1.0 + 1.0 / 8.0);
            smallest = std::min(smallest, variance);
            if (mean > 0)
                ratios.push_back(variance / mean);
        }
    NoiseModel model;
    if (ratios.size() < 16) {
        // Too small or non-positive data: one constant variance.
        model.gain = 1e-6;
        model.readVariance = std::max(1e-6, smallest);
        return model;
    }
    const std::size_t k = ratios.size() / 5;
    std::nth_element(ratios.begin(), ratios.begin() + static_cast<std::ptrdiff_t>(k), ratios.end());
    // The 20th percentile of a block variance (63 degrees of freedom, nearly normal with
    // relative spread sqrt(2/63)) lies 0.84 standard deviations below its mean.
    const double percentileCorrection = 1.0 / (1.0 - 0.8416 * std::sqrt(2.0 / (kBlock * kBlock - 1)));
    model.gain = std::max(1e-6, ratios[k] * percentileCorrection);
    return model;
}

} // namespace hrtem
