#pragma once
// Live acquisition (hrtem watch): frames analysed as the camera writes them into a folder of
// numbered images, and the movie finished (tracks, behaviours, events) when the acquisition
// stops. The movie's scale, noise, polarity and pooling come from its first frames, as the
// offline analysis takes them; frames whose pooling window reaches past the newest frame wait
// for it. When the acquisition stops, the movie is set up again over all its frames, exactly as
// `hrtem analyze` on the folder would: where that agrees with the live set-up (it does unless
// the first frames changed) the frames stand, and otherwise they are analysed again, so the
// final result always equals the offline analysis of the same frames.
#include "core/pipeline/analysis_pipeline.h"

#include <atomic>
#include <functional>
#include <string>

namespace hrtem {

struct LiveOptions {
    /// The acquisition is over when no new frame has appeared for this long.
    double idleSeconds = 3.0;
    /// How often the folder is looked at.
    double pollSeconds = 0.005;
    /// Set: the acquisition is over now (the user said so); the movie is finished as after
    /// the idle time. (The observer's cancel flag stops the analysis itself.)
    const std::atomic<bool>* stop = nullptr;
};

struct LiveFrame {
    int frame = 0;
    int atoms = 0;
    double quality_dB = 0.0;
    double seenSeconds = 0.0;  ///< since the watch began: when its file was first readable
    double doneSeconds = 0.0;  ///< when its analysis was complete
};

/// Watches `folder` (it may start empty) until the acquisition stops or `observer`'s flag
/// cancels, calling `onFrame` in frame order, on the calling thread, as each frame is analysed.
/// A file counts once it reads whole (writers that write a file and rename it are seen at once;
/// a file still being written fails to read and is tried again). Throws IoError when no frame
/// ever arrives.
AnalysisResult watchFolder(const std::string& folder, const AnalysisSettings& settings, const LiveOptions& options,
                           const AnalysisObserver& observer = {}, const std::function<void(const LiveFrame&)>& onFrame = {});

} // namespace hrtem
