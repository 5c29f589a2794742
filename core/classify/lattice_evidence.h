#pragma once
// Is there a resolved crystal lattice at all? Atom columns can only be located where two
// non-parallel sets of lattice fringes cross, so a frame (or movie) whose power spectrum shows
// no Bragg spots in two directions has no columns to find: amorphous film, vacuum, pure noise,
// or a real image whose lattice is below its resolution. Without this test, noise and
// support texture pass any detector as "columns".
//
// The test follows the data's own statistics, no tuned threshold: an amorphous or noisy image
// has, at each spatial frequency, a random Fourier coefficient whose power is exponentially
// distributed about the radial mean (Gamma(K, 1/K) for the mean of K frames). A Bragg spot is a
// power far out in that tail. The threshold is the null distribution's quantile at a chosen
// false-alarm rate, corrected for the number of frequencies searched.
#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

namespace hrtem {

struct LatticeEvidence {
    bool resolved = false;      ///< Bragg spots in at least two directions
    int directions = 0;         ///< distinct spot directions (within 10°) above the threshold
    int spots = 0;              ///< significant spots (Friedel pairs counted once)
    double strongestSpot = 0.0; ///< highest spot power over the threshold at its radius (> 1: significant)
    double threshold = 0.0;     ///< highest threshold (power over the null mean) over the radii searched
    int framesPooled = 0;
    double effectiveSpectra = 1.0; ///< fewest independent spectra the pooled one is worth at any radius (static texture does not average)
    std::string reason;         ///< in plain words, when not resolved
};

/// Pools the power spectra of `frames` (same size; the central square of each) and tests them.
/// `falseAlarm`: chance that a lattice-free input is called resolved.
LatticeEvidence latticeEvidence(const std::vector<cv::Mat>& frames, double falseAlarm = 1e-4);

/// One-sided standard normal quantile: z with P(Z > z) = p (Abramowitz & Stegun 26.2.23,
/// |error| < 4.5e-4), for 0 < p < 0.5.
double normalUpperQuantile(double p);

} // namespace hrtem
