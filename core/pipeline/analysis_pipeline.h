#pragma once
// The one analysis pipeline the CLI (`hrtem analyze`) and the GUI share:
//   per frame (in parallel):  read -> restore -> classify patches -> localize -> relations -> twins
//   over the movie (in order): drift + tracking -> motion features + behaviours -> events
// Frames are handed to the observer in stack order as they finish, so a viewer can show them
// while the rest runs. A cancel request stops within about one frame's time and returns what
// was finished (tracks over the finished frames), marked cancelled.
#include "core/io/stack.h"
#include "core/result/analysis_result.h"
#include "core/result/shard_archive.h"
#include "core/util/progress.h"

#include <atomic>
#include <functional>
#include <string>
#include <utility>
#include <vector>

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

/// Shards (hrtem analyze --shard K/N, hrtem merge): the settings' frame range split into `count`
/// contiguous parts of near-equal size. Frames [a, b) of part `index` (0-based); throws
/// std::invalid_argument for a part that does not exist or would hold no frame.
std::pair<int, int> shardFrames(int first, int end, int index, int count);

struct ShardAnalysis {
    AnalysisResult result; ///< the shard's frames as a movie of their own (tracks within it): a result folder
    ShardArchive archive;  ///< what mergeShards needs of it (shard.json)
};
/// Analyses part `index` of `count` of the settings' range. Its frames come out as the
/// unsharded analysis would give them: the movie-wide scale, noise, pooling and lattice evidence
/// are taken from the whole range.
ShardAnalysis analyzeShard(StackReader& stack, const AnalysisSettings& settings, int index, int count,
                           const AnalysisObserver& observer = {});
/// Joins shards of one analysis into the analysis of the whole range: frames in order (a frame
/// two shards hold is taken once), relations from the atoms, then tracking and behaviours over
/// all of them, as analyzeStack runs them; the same result, timings aside. Throws
/// std::invalid_argument naming the shard or frames that do not fit (another input or
/// settings, a cancelled shard, frames in no shard).
AnalysisResult mergeShards(std::vector<ShardArchive> shards);

/// Pixel size in nm from the stack's x calibration (nm, Å, µm ...); 0 when it has none.
double pixelSizeNm(const StackInfo& info);

} // namespace hrtem
