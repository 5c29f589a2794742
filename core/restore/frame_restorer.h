#pragma once
// Every restoration method behind one interface, chosen by name: the pipeline, the CLI's
// `restore`, and the restoration evaluation make a restorer with makeFrameRestorer and call
// restore() on each frame, never asking which method it is. A new method is one more class in
// frame_restorer.cpp and one more name in restore.h's list.
#include "core/restore/gan_restorer.h"
#include "core/restore/restore.h"

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace hrtem::restore {

/// The network a restorer runs, for summary.json and sessions.
struct RestorerModel {
    std::string path, sha256, description;
};

class FrameRestorer {
public:
    virtual ~FrameRestorer() = default;
    /// The method's name as parseRestoreMethod reads it ("none", "wiener", ..., "gan").
    virtual std::string name() const = 0;
    /// Counts in (CV_32F), counts out, same size. `noise` describes the detector (estimated from
    /// the frame when null). Throws hrtem::Cancelled when `cancel` is set. Safe to call from
    /// several threads at once.
    virtual cv::Mat restore(const cv::Mat& counts, const NoiseModel* noise = nullptr,
                            const std::atomic<bool>* cancel = nullptr) = 0;
    /// "none" hands the frame on unchanged: the pipeline then skips the trust check.
    virtual bool changesFrames() const { return true; }
    /// The network it runs; empty (no path) for the classical methods.
    virtual RestorerModel model() const { return {}; }
    /// What happened since the last call (a GPU out of memory and a retry, say).
    virtual std::vector<std::string> takeMessages() { return {}; }
};

/// What any method may need: the classical filters' parameters and HRTEM-GAN's weights,
/// device and tiling. Each method reads its own part.
struct RestorerOptions {
    RestoreSettings classical;
    GanRestoreSettings gan;
};

/// The restorer for `method` (a name parseRestoreMethod accepts). Throws std::invalid_argument
/// for an unknown name, and what loading the method throws (HRTEM-GAN: a weights file that is
/// missing or damaged, CUDA asked for and absent).
std::unique_ptr<FrameRestorer> makeFrameRestorer(const std::string& method, const RestorerOptions& options = {});

} // namespace hrtem::restore
