#pragma once
// A stack restored frame by frame into a calibrated float TIFF: what `hrtem restore` writes and
// what the window's File → Export restored stack writes, by one function so that both give the
// same bytes. The noise model is the first restored frame's, as the analysis takes it.
#include "core/restore/frame_restorer.h"

#include <atomic>
#include <functional>
#include <string>

namespace hrtem {
class StackReader;
}

namespace hrtem::restore {

struct StackRestorationObserver {
    std::function<void(double fraction)> progress; ///< after every frame
    std::function<void(const std::string&)> note;  ///< what the restorer reports (a GPU retry)
    const std::atomic<bool>* cancel = nullptr;     ///< set: throws hrtem::Cancelled, no file left
};

/// Restores frames [first, end) of `stack` with `restorer` into `out` (float32, the input's pixel
/// and frame calibration, image name "restored (METHOD)"). The file appears only when complete.
/// Throws hrtem::IoError naming `out` when it cannot be written, hrtem::Cancelled when cancelled.
void writeRestoredStack(StackReader& stack, FrameRestorer& restorer, int first, int end, const std::string& out,
                        const StackRestorationObserver& observer = {});

} // namespace hrtem::restore
