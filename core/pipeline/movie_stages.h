#pragma once
// The over-the-movie half of the pipeline (tracking, behaviours, temporal refinement), apart
// from the per-frame half so that corrections (corrections.h) can rerun it on edited atoms and
// give the same result the pipeline gives on the same atoms.
#include "core/result/analysis_result.h"

namespace hrtem {

/// Median over frames of the mean nearest-neighbour distance: one spacing for the movie, used
/// to scale the tracking gates and behaviour thresholds. 0 when no frame has neighbours.
double movieNearestNeighbour(const std::vector<FrameAnalysis>& frames);

/// Sets result.nearestNeighbour_px, result.tracking (writing each atom's trackId),
/// result.behaviours and the atoms' site positions, from result.frames' atoms and
/// result.settings. Idempotent: a second run on its own output gives the same result.
void runMovieStages(AnalysisResult& result);

/// Behaviours and temporal refinement only, for a tracking that was edited by hand.
void rerunBehaviours(AnalysisResult& result);

} // namespace hrtem
