#pragma once
// Full-reference image quality against the simulator's noise-free frames.
#include <opencv2/core/mat.hpp>

namespace hrtem::restore {

/// Mean squared error of `image` against `reference` (CV_32F, same size).
double meanSquaredError(const cv::Mat& image, const cv::Mat& reference);

/// PSNR in dB with the reference's data range (max - min) as the peak.
double psnr(const cv::Mat& image, const cv::Mat& reference);

/// SSIM (Wang, Bovik, Sheikh & Simoncelli, IEEE TIP 13(4):600-612, 2004): Gaussian window of
/// sigma 1.5 px, K1 = 0.01, K2 = 0.03, L = the reference's data range; mean over the frame.
double ssim(const cv::Mat& image, const cv::Mat& reference);

} // namespace hrtem::restore
