#pragma once
// Display mapping of float frames: percentile auto-contrast, histograms, 8-bit rendering.
#include <opencv2/core/mat.hpp>

#include <vector>

namespace hrtem {

struct DisplayLevels {
    double low = 0.0;
    double high = 1.0;
};

struct Histogram {
    double low = 0.0;  ///< left edge of the first bin
    double high = 1.0; ///< right edge of the last bin
    std::vector<double> counts;
    double binWidth() const { return counts.empty() ? 0.0 : (high - low) / static_cast<double>(counts.size()); }
    double binCentre(std::size_t i) const { return low + (static_cast<double>(i) + 0.5) * binWidth(); }
};

/// Levels at the given percentiles (0..100) of the finite pixels. Large frames are
/// subsampled on a regular grid (at most ~1 M samples): the answer moves by far less than a
/// grey level and the GUI stays responsive on 4k frames.
DisplayLevels percentileLevels(const cv::Mat& frame, double lowPercent, double highPercent);

/// Histogram of the finite pixels over [low, high]; values outside are clamped into the end bins.
Histogram computeHistogram(const cv::Mat& frame, int bins, double low, double high);

/// Frame (CV_32F) -> CV_8U grey with `levels` mapped to 0..255 (NaN -> 0).
cv::Mat renderGrey8(const cv::Mat& frame, const DisplayLevels& levels);

} // namespace hrtem
