#pragma once
// Shared machinery of the Fourier filters (Wiener, ABSF): not public API.
#include <opencv2/core/mat.hpp>

namespace hrtem::restore::detail {

/// Moisan's periodic + smooth decomposition (L. Moisan, "Periodic plus smooth image
/// decomposition", J. Math. Imaging Vis. 39:161-179, 2011): image = periodic + smooth, where the
/// periodic part has no jump at the frame border. Filtering only the periodic part keeps the
/// border's jump from putting a bright cross through the spectrum (which a filter would keep as
/// "signal") without windowing the image.
void periodicSmooth(const cv::Mat& image, cv::Mat& periodic, cv::Mat& smooth);

/// Circular shift so that the zero frequency moves to (cols/2, rows/2) (forward) or back.
cv::Mat fftShift(const cv::Mat& m);
cv::Mat ifftShift(const cv::Mat& m);

/// Applies a real weight, given centred (fftShift layout), to the spectrum of the periodic part
/// and returns the filtered periodic part plus the smooth part.
cv::Mat applySpectralWeight(const cv::Mat& spectrum, const cv::Mat& centredWeight, const cv::Mat& smooth);

/// Complex spectrum (CV_32FC2, unshifted) of a CV_32F image.
cv::Mat forwardSpectrum(const cv::Mat& image);

/// |F|^2 (CV_32F), centred.
cv::Mat centredPower(const cv::Mat& spectrum);

/// Radius of every pixel of a centred spectrum, as a fraction of Nyquist along each axis
/// (1 at the edge midpoints, sqrt(2) in the corners).
cv::Mat normalizedRadius(cv::Size size);

void requireCounts(const cv::Mat& frame, const char* what);

} // namespace hrtem::restore::detail
