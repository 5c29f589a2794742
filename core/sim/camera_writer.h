#pragma once
// A camera writing a movie into a folder as it records: frame_0000.tif, frame_0001.tif, ... at
// a frame rate, each written under a temporary name and renamed when whole, as acquisition
// software does. For live mode's tests and benchmark (live_analysis.h): frames of a simulated
// stack (or any stack) arrive on the schedule of a real acquisition.
#include "core/io/stack.h"

#include <functional>
#include <string>

namespace hrtem::sim {

/// Writes frames [0, count) of `source` into `folder` at `framesPerSecond` (frame i due at
/// i / framesPerSecond from the call; a frame that takes longer is written at once after the
/// one before). Calls `written(i, secondsSinceStart)` when frame i is in place. Blocks until
/// all are written; run it on a thread of its own.
void writeFramesLikeACamera(StackReader& source, int count, const std::string& folder, double framesPerSecond,
                            const std::function<void(int frame, double seconds)>& written = {});

} // namespace hrtem::sim
