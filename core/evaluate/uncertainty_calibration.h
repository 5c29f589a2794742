#pragma once
// How well reported uncertainties describe the true errors (issue 22): for matched columns,
// each coordinate's error in units of its own reported 1-sigma. A calibrated sigma puts 68.3%
// of the errors within 1 sigma, 95.4% within 2 and gives rms(error/sigma) = 1.
#include "core/locate/atom.h"
#include "core/evaluate/truth.h"

#include <vector>

namespace hrtem {

struct UncertaintyCalibration {
    long coordinates = 0;          ///< per-axis errors counted (2 per matched column)
    double withinOneSigma = 0.0;   ///< fraction of |error| <= 1 sigma
    double withinTwoSigma = 0.0;   ///< fraction of |error| <= 2 sigma
    double rmsNormalizedError = 0.0; ///< rms of error/sigma
    double medianSigma_px = 0.0;    ///< of the reported sigmas
    double medianAbsError_px = 0.0; ///< of the true coordinate errors
    std::vector<double> normalizedErrors; ///< |error|/sigma of every coordinate, for reliability curves
};

/// Which position and which sigma of an atom is scored.
enum class PositionKind {
    SingleFrame,  ///< x/y with errX/errY, against the truth of that frame
    TimeAveraged, ///< siteX/siteY with siteErr, against the truth's own time-averaged site
};

/// Matches per frame within `gate_px` (as scoreDetections does) and collects error/sigma for
/// each coordinate of each match. Atoms whose sigma is not positive are left out.
UncertaintyCalibration calibrateUncertainty(const TruthMovie& truth, const std::vector<std::vector<Atom>>& found,
                                            double gate_px, PositionKind kind);

/// Observed fraction of |error|/sigma within the two-sided normal quantile of each expected
/// coverage in `expected` (e.g. 0.1 ... 0.99): the reliability curve.
std::vector<double> observedCoverage(const std::vector<double>& normalizedErrors, const std::vector<double>& expected);

} // namespace hrtem
