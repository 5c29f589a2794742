#pragma once
// The over-the-movie half of the pipeline as one ordered list of stages (tracking ->
// behaviours -> refine), each saying what it needs and gives, run in order on the frames' atoms
// once the per-frame stages (frame_stages.h) are done.
#include "core/result/analysis_result.h"

#include <memory>
#include <string>
#include <vector>

namespace hrtem {

/// Median over frames of the mean nearest-neighbour distance: one spacing for the movie, used
/// to scale the tracking gates and behaviour thresholds. 0 when no frame has neighbours.
double movieNearestNeighbour(const std::vector<FrameAnalysis>& frames);

class MovieStage {
public:
    virtual ~MovieStage() = default;
    /// Its key in AnalysisResult::stageSeconds.
    virtual const char* name() const = 0;
    /// What it reads and what it writes of the result, in words.
    virtual const char* needs() const = 0;
    virtual const char* gives() const = 0;
    virtual void run(AnalysisResult& result) const = 0;
};

/// The stages, in the order they run.
const std::vector<std::unique_ptr<MovieStage>>& movieStages();

/// Sets result.nearestNeighbour_px, then runs every movie stage: result.tracking (writing each
/// atom's trackId), result.behaviours and the atoms' site positions, from result.frames' atoms
/// and result.settings. Idempotent: a second run on its own output gives the same result.
void runMovieStages(AnalysisResult& result);

/// The movie stages after `stage` only (e.g. after "tracking", for a tracking edited by hand).
void runMovieStagesAfter(const std::string& stage, AnalysisResult& result);

} // namespace hrtem
