#pragma once
// The segmentation networks run over whole frames (thesis ch. 4): the atom segmenter (where the
// columns are) and the particle network (where the crystal is). Each weights file says which it
// is and at which lattice period it learnt (segmentation_input.h); frames are resampled to that
// period, so one network serves every magnification. Torch stays behind the pimpl.
#include <opencv2/core/mat.hpp>

#include <Eigen/Core>

#include <memory>
#include <string>
#include <vector>

namespace hrtem::segment {

enum class SegmentationTarget { Columns, Particle };

/// "columns" / "particle", as the weights' header and `hrtem train seg --target` say it.
const char* targetName(SegmentationTarget target);
/// Throws std::invalid_argument for any other name.
SegmentationTarget targetFromName(const std::string& name);
/// The lattice period (px) frames are resampled to for a target's network: the columns' at a
/// scale where a column is a few pixels wide, the particle's coarser so that the network sees
/// a whole facet.
double defaultReferencePeriod(SegmentationTarget target);

class Segmenter {
public:
    /// Loads `weights` (empty: the shipped network for `target`). Throws std::runtime_error
    /// naming the file and the problem: missing, not segmenter weights, made for the other
    /// target, or a generation-guided segmenter (which needs the GAN's features).
    Segmenter(const std::string& weights, SegmentationTarget target, const std::string& device = "auto");
    ~Segmenter();
    Segmenter(const Segmenter&) = delete;
    Segmenter& operator=(const Segmenter&) = delete;

    /// Probability (CV_32F, the frame's size, 0..1) of each pixel belonging to the target, for a
    /// frame (CV_32F) whose lattice period is `period_px`. Safe from several threads (frames go
    /// through the network one at a time; it uses every core itself).
    cv::Mat probability(const cv::Mat& frame, double period_px) const;
    /// One row per patch (all of one size): the network's bottleneck features (the mean and
    /// standard deviation of each bottleneck channel) of the patch resampled to its reference
    /// period and stretched as probability() does. For FID and KL (distribution_metrics.h).
    Eigen::MatrixXd patchFeatures(const std::vector<cv::Mat>& patches, double period_px) const;

    SegmentationTarget target() const;
    double referencePeriod() const;
    std::string weightsPath() const;
    std::string weightsSha256() const;
    /// e.g. "atom-column U-Net (base 16, 3 levels, period 10 px) on CPU"
    std::string description() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// The shipped weights for `target` (models/weights/hrtem_{atom,particle}_segmenter.safetensors),
/// or empty when not found.
std::string defaultSegmenterWeights(SegmentationTarget target);

} // namespace hrtem::segment
