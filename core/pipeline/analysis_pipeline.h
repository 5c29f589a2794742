#pragma once
// The one analysis pipeline the CLI (`hrtem analyze`) and the GUI share:
//   per frame (in parallel):  read -> restore -> classify patches -> localize -> relations -> twins
//   over the movie (in order): drift + tracking -> motion features + behaviours -> events
// Frames are handed to the observer in stack order as they finish, so a viewer can show them
// while the rest runs. A cancel request stops within about one frame's time and returns what
// was finished (tracks over the finished frames), marked cancelled.
#include "core/io/stack.h"
#include "core/result/analysis_result.h"
#include "core/util/progress.h"

#include <atomic>
#include <functional>
#include <string>

namespace hrtem {

struct AnalysisObserver {
    /// Stage name ("frames", "tracking", "done") and 0..1 within the whole run; its flag cancels.
    Progress progress;
    /// Called in stack order, from the calling thread, once a frame is complete.
    std::function<void(const FrameAnalysis& frame)> frameReady;
};

/// Runs the analysis over `stack`. Throws IoError for unreadable frames (naming the file and
/// frame) and std::invalid_argument for settings that do not fit the stack.
AnalysisResult analyzeStack(StackReader& stack, const AnalysisSettings& settings, const AnalysisObserver& observer = {});

/// Pixel size in nm from the stack's x calibration (nm, Å, µm ...); 0 when it has none.
double pixelSizeNm(const StackInfo& info);

} // namespace hrtem
