#pragma once
// Global drift of a movie: the translation of the whole field of view from frame to frame,
// estimated from the atom positions alone (no images needed).
#include "core/analysis/assignment.h"

#include <vector>

namespace hrtem {

/// Translation that carries `from` onto `to`: the component-wise median displacement of
/// mutual nearest neighbours within `gate` of the predicted shift, refined a few times.
/// Returns `guess` when fewer than three pairs are found. Robust to a minority of columns
/// that hop, appear or vanish, and to a rigidly shifted block smaller than half the field.
Point2 estimateShift(const std::vector<Point2>& from, const std::vector<Point2>& to, double gate, Point2 guess = {});

/// Cumulative drift per frame (frame 0 is (0,0)): position in frame t minus drift[t] is the
/// drift-corrected position. Each step starts from the previous step's shift, because
/// specimen drift is steady over a few frames, so drifts of several pixels per frame are
/// followed as long as they change by less than `gate` from one frame to the next.
std::vector<Point2> estimateDrift(const std::vector<std::vector<Point2>>& positionsPerFrame, double gate);

} // namespace hrtem
