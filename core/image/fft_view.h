#pragma once
// The live FFT a microscopist reads lattice spacings from: Hann-windowed, log magnitude,
// zero frequency in the centre, with the reciprocal-space calibration.
#include "core/io/calibration.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <string>

namespace hrtem {

struct FftView {
    cv::Mat logMagnitude;      ///< CV_32F, size x size, DC at (size/2, size/2)
    int size = 0;
    cv::Rect region;           ///< the square of the frame that was transformed
    double reciprocalScale = 0.0; ///< reciprocal units per FFT pixel (1/(size * pixel size))
    std::string reciprocalUnits;  ///< "1/nm" etc.; "1/px" when the frame is uncalibrated

    /// Spatial frequency |g| (reciprocal units) of FFT pixel (u, v).
    double frequencyAt(double u, double v) const;
};

/// |FFT| of a patch with its mean removed and a 2-D Hann window applied, zero frequency
/// moved to (cols/2, rows/2) (CV_32F). The measurement behind every FFT view.
cv::Mat centredWindowedMagnitude(const cv::Mat& patch);

/// FFT of the largest square that fits in `region` (whole frame if empty), centred in it.
/// Pixel sizes come from the x calibration (FFT pixels are square only when the frame's are).
FftView computeFftView(const cv::Mat& frame, cv::Rect region, const AxisCalibration& x);

} // namespace hrtem
