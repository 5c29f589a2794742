#pragma once
// A generic peer for the robustness benchmark (issue 16): what a careful user of generic tools
// would do without HRTEM Studio. Difference-of-Gaussians detection, local maxima above a noise
// threshold, sub-pixel refinement by a Gaussian (log-parabola) fit to the 3 x 3 neighbourhood,
// and frame-to-frame linking by linear assignment. No crystal mask, no lattice model, no noise
// model: every scale follows the lattice period, the threshold the response's own robust spread.
#include "core/locate/atom.h"
#include "core/evaluate/track_evaluation.h"

#include <opencv2/core/mat.hpp>

#include <vector>

namespace hrtem::bench {

struct BaselineSettings {
    double period_px = 0.0;   ///< lattice fringe period (from estimateLatticePeriod)
    double threshold = 4.0;   ///< DoG peaks above this many robust standard deviations
    int polarity = 0;         ///< +1 bright, -1 dark, 0: whichever gives the stronger peaks
};

/// Columns of one frame; Atom::significance is the peak's response in robust standard deviations.
std::vector<Atom> baselineDetect(const cv::Mat& frame, BaselineSettings& settings);

/// Links detections frame to frame (gate: half the nearest-column distance), one id per chain.
std::vector<std::vector<TrackedPoint>> baselineLink(const std::vector<std::vector<Atom>>& frames, double gate_px);

} // namespace hrtem::bench
