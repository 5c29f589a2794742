#pragma once
// Scores of a result against ground truth, as `hrtem evaluate` prints them.
#include "core/locate/atom.h"
#include "core/evaluate/truth.h"

#include <vector>

namespace hrtem {

struct DetectionScore {
    long truePositives = 0, falsePositives = 0, falseNegatives = 0;
    double precision = 0.0, recall = 0.0, f1 = 0.0;
    double rmse_px = 0.0;        ///< of matched positions (2-D distance)
    double rmsCrb_px = 0.0;      ///< the single-frame Cramér-Rao bound, rms over matched atoms (2-D)
    double withinOneSigma = 0.0; ///< fraction of per-axis errors within the reported 1-sigma
    /// Each column's error in units of its own CRB, rms over columns and axes (1 for an efficient
    /// estimator; unlike rmse/rmsCrb it is not swayed by a few columns with a huge bound).
    double rmsNormalizedError = 0.0;
    double medianError_px = 0.0, medianCrb_px = 0.0; ///< 2-D, over matched columns
};

/// The truth's own sites: each column's position averaged over the centred window of up to
/// `halfWindow` frames on each side that time-averaged estimates use (temporal_refinement.h),
/// never across a step larger than `maxStep_px` (a hop or a glide). The simulator's columns
/// vibrate from frame to frame; a time-averaged estimate estimates this site, so it is scored
/// against it.
TruthMovie timeAveragedTruth(const TruthMovie& truth, int halfWindow, double maxStep_px);

/// Matches detections to truth per frame by linear assignment within `gate_px`.
DetectionScore scoreDetections(const TruthMovie& truth, const std::vector<std::vector<Atom>>& found, double gate_px);

} // namespace hrtem
