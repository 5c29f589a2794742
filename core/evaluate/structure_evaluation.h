#pragma once
// Scores of the structure measurements (twin boundaries, lattice spacing) against the
// simulator's ground truth: truth/twin_boundaries.csv and parameters.json.
//
// Twin boundary errors: the angle error is the difference of the two lines' directions
// (mod 180°); the position error is the perpendicular distance of the true segment's midpoint
// from the found boundary's line. Each true boundary is paired with the found one of its frame
// whose line passes closest to its midpoint.
#include "core/relate/relations.h"
#include "core/relate/twin_boundaries.h"

#include <string>
#include <vector>

namespace hrtem {

struct TruthTwinBoundary {
    int frame = 0;
    Point2 p0, p1; ///< px
    double angle_deg = 0.0;
    double misorientation_deg = 0.0;
    int plane = 0;
};

struct TruthStructure {
    double pixel_nm = 0.0;
    double d111_px = 0.0, d200_px = 0.0, nearestNeighbour_px = 0.0;
    int frames = 0;
    std::vector<TruthTwinBoundary> twins;
};

/// Reads parameters.json and truth/twin_boundaries.csv of a simulation folder (throws IoError).
TruthStructure readTruthStructure(const std::string& folder);

struct TwinFrameScore {
    int frame = 0;
    bool found = false;
    double angleError_deg = 0.0, positionError_px = 0.0, misorientationError_deg = 0.0;
};

struct StructureScore {
    // Twin boundaries.
    int twinFrames = 0;        ///< frames with a true boundary
    int twinFound = 0;         ///< of those, frames where a boundary was found
    int twinWithin = 0;        ///< of those, found within the angle and position tolerances
    int extraBoundaries = 0;   ///< found boundaries not paired with a true one
    double meanAngleError_deg = 0.0, maxAngleError_deg = 0.0;
    double meanPositionError_px = 0.0, maxPositionError_px = 0.0;
    double meanMisorientationError_deg = 0.0;
    std::vector<TwinFrameScore> perFrame;
    // Lattice.
    int latticeFrames = 0;            ///< frames with a valid fit
    double meanSpacing111_px = 0.0;   ///< mean over frames of the fitted {111} spacing
    double truthSpacing111_px = 0.0;
    double meanRelativeError111 = 0.0;    ///< (mean fitted - truth) / truth
    double maxAbsRelativeError111 = 0.0;  ///< worst frame
    double meanSpacing200_px = 0.0, truthSpacing200_px = 0.0;
};

/// `relations[f]` and `twins[f]` belong to frame `firstFrame + f`.
StructureScore scoreStructure(const TruthStructure& truth, const std::vector<FrameRelations>& relations,
                              const std::vector<std::vector<TwinBoundary>>& twins, int firstFrame = 0,
                              double angleTolerance_deg = 2.0, double positionTolerance_px = 2.0);

} // namespace hrtem
