#pragma once
// The steps analyzeStack runs around the per-frame stages, for the other ways of running them:
// shards (analysis_pipeline.cpp) and live acquisition (live_analysis.h), which must set up and
// finish a movie exactly as the offline analysis does to give the same results.
#include "core/pipeline/analysis_pipeline.h"
#include "core/pipeline/frame_stages.h"

#include <utility>

namespace hrtem {

/// What the result says of its input before any frame: file, size, calibration, time unit.
AnalysisResult resultHeader(const StackInfo& info, const AnalysisSettings& settings);
/// The settings' frame range [first, end) of the stack; throws when it holds no frame.
std::pair<int, int> settingsRange(const AnalysisSettings& settings, const StackInfo& info);
/// Movie-wide scale, noise and polarity from frame `first`, pooling from the first frames, the
/// restorer and networks, and the lattice evidence of frames spread over [first, end); what it
/// finds goes into `result` (period, noise, lattice, models, notes) as well.
MovieContext prepareMovie(StackReader& stack, int first, int end, const AnalysisSettings& settings, AnalysisResult& result);
/// Over the movie: tracks and behaviours from the result's frames, and the restoration note.
void finishMovie(AnalysisResult& result, const AnalysisObserver& observer);

} // namespace hrtem
