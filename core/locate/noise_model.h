#pragma once
// How noisy a frame is, as a function of its signal: variance = gain · (value - offset) + read².
// Electron counting gives gain = 1 (Poisson); integrating detectors a gain in ADU per electron.
#include <opencv2/core/mat.hpp>

namespace hrtem {

struct NoiseModel {
    double gain = 1.0;      ///< variance per unit of signal
    double offset = 0.0;    ///< signal level that carries no shot noise (dark level)
    double readVariance = 0.0;

    double variance(double value) const;
};

/// Estimates the noise model from one frame, assuming shot noise (variance proportional to the
/// signal): the ratio of local residual variance to local mean over 8 x 8 blocks, taken at a
/// low percentile so that structured blocks do not count.
NoiseModel estimateNoiseModel(const cv::Mat& frame);

} // namespace hrtem
