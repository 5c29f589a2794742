#pragma once
// HRTEM-GAN restoration of whole frames: the trained LQ->HQ generator (models/) run over
// overlapping tiles, on CUDA when there is a GPU and on the CPU otherwise. Torch stays behind
// the pimpl: this header is plain C++ and OpenCV.
#include <opencv2/core/mat.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace hrtem::restore {

/// How frames are scaled for the network, in training and restoration alike: relative contrast
/// about the frame's mean, x' = kGain (x - mean) / mean. Dose-independent (a frame at 8 counts/px
/// and one at 200 land on the same scale, as unpaired training of LQ against HQ needs), and the
/// inverse puts a restored frame back into the counts of its input, which localization's noise
/// model expects. kGain = 2 maps +-50% contrast onto the generator's tanh range [-1, 1].
struct IntensityScaling {
    static constexpr double kGain = 2.0;
    double mean = 1.0;

    /// The scaling of `frame` (CV_32F counts); a frame whose mean is not positive is an error
    /// (std::invalid_argument): relative contrast needs a positive background.
    static IntensityScaling of(const cv::Mat& frame);
    cv::Mat toNetwork(const cv::Mat& counts) const;
    cv::Mat toCounts(const cv::Mat& network) const;
};

struct GanRestoreSettings {
    std::string weights;          ///< safetensors file; empty: the shipped weights (defaultGanWeights())
    std::string device = "auto";  ///< auto (CUDA if available), cpu or cuda
    int tile = 128;               ///< tile side (px): the training patch size
    int overlap = 32;             ///< overlap of neighbouring tiles, blended by a window
    int batch = 8;                ///< tiles per forward pass (halved on GPU out-of-memory)
    bool bf16 = false;            ///< bf16 autocast on CUDA
};

class GanRestorer {
public:
    /// Loads the weights. Throws std::runtime_error naming the file and the problem, or when
    /// device "cuda" is asked for and there is none.
    explicit GanRestorer(const GanRestoreSettings& settings);
    ~GanRestorer();
    GanRestorer(const GanRestorer&) = delete;
    GanRestorer& operator=(const GanRestorer&) = delete;

    /// Restores one frame of counts (CV_32F) into counts. Safe to call from several threads
    /// (frames are restored one at a time; the network uses all cores itself). Throws
    /// hrtem::Cancelled when `cancel` is set between tiles.
    cv::Mat restore(const cv::Mat& counts, const std::atomic<bool>* cancel = nullptr);

    std::string weightsPath() const;
    std::string weightsSha256() const;
    /// e.g. "HRTEM-GAN (base 16, 3 levels, ViT 2x4) on CPU"
    std::string description() const;
    /// What happened since the last call (e.g. "GPU out of memory at batch 8: retrying with batch 4").
    std::vector<std::string> takeMessages();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// The shipped weights: models/weights/hrtem_gan_cpu.safetensors, looked up next to the
/// executable's installed share folder, then in the source tree. Empty when not found.
std::string defaultGanWeights();

} // namespace hrtem::restore
