#pragma once
// Variance stabilization for shot noise: the generalized Anscombe transform turns
// counts = gain · Poisson(electrons) + offset + N(0, read²) into values of (nearly) unit
// variance, so that denoisers built for white Gaussian noise (NLM, BM3D) apply with sigma = 1.
#include "core/locate/noise_model.h"

#include <opencv2/core/mat.hpp>

namespace hrtem::restore {

/// Generalized Anscombe transform of one value (Murtagh, Starck & Bijaoui 1995):
/// f(z) = 2/g · sqrt(g z + 3/8 g² + read² − g · offset), clamped at 0 under the root.
/// For a model with no shot noise (gain ~ 0) it is the plain normalization (z − offset) / read.
double anscombeForward(double counts, const NoiseModel& model);

/// Exact unbiased inverse in the closed-form approximation of Mäkitalo & Foi, "A closed-form
/// approximation of the exact unbiased inverse of the Anscombe variance-stabilizing
/// transformation", IEEE TIP 20(9):2697-2698 (2011), with the read-noise term of Mäkitalo &
/// Foi, IEEE TIP 22(1):91-103 (2013). It maps E[f(z)] (what a denoiser estimates) back to
/// E[z], which the algebraic inverse does not do at low counts. Never below `offset`.
double anscombeInverse(double stabilized, const NoiseModel& model);

/// Per-pixel versions on CV_32F images (throws std::invalid_argument on another type).
cv::Mat anscombeForward(const cv::Mat& counts, const NoiseModel& model);
cv::Mat anscombeInverse(const cv::Mat& stabilized, const NoiseModel& model);

} // namespace hrtem::restore
