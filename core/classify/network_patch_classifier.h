#pragma once
// The multi-task patch classifier (HRTEM-GAN paper, Supplementary Note I; models/networks/
// patch_classifier_net.h) over the analysis' patch grid: which patches are crystal and how likely
// the frame is high quality. Trained on simulated patches (`hrtem train patches`); the analysis
// uses it where its weights are found and falls back to the voting (patch_classifier.h) where they
// are not. Torch stays behind the pimpl.
#include "core/classify/patch_classifier.h"

#include <opencv2/core/mat.hpp>

#include <memory>
#include <string>

namespace hrtem {

/// A frame whose mean high-quality probability is at least this is high quality.
inline constexpr double kNetworkHighQualityProbability = 0.5;

/// What the network's label heads read beside each patch: log10 of the frame's mean electrons per
/// pixel, as its noise model reads them ((mean - offset) / gain, locate/noise_model.h), less
/// log10 of 60 (between the low- and high-quality doses it learnt). A stretched patch no longer
/// shows its dose; the frame's shot noise does, on any detector gain.
double doseFeature(const cv::Mat& frame);

class NetworkPatchClassifier {
public:
    /// Loads `weights` (empty: the shipped hrtem_patch_classifier.safetensors). Throws
    /// std::runtime_error / IoError naming the file and the problem.
    explicit NetworkPatchClassifier(const std::string& weights = {}, const std::string& device = "auto");
    ~NetworkPatchClassifier();
    NetworkPatchClassifier(const NetworkPatchClassifier&) = delete;
    NetworkPatchClassifier& operator=(const NetworkPatchClassifier&) = delete;

    /// Re-decides the crystal patches of `map` (laid out by classifyPatches on `frame`, CV_32F,
    /// lattice period `period_px` > 2) by the network, fills its high-quality fields and sets
    /// method "network"; the voting's own fields (votes, quality in dB) are left as they were.
    /// Safe from several threads.
    void classify(const cv::Mat& frame, double period_px, PatchMap& map, bool cleanUp = true) const;

    double referencePeriod() const;
    int windowSize() const;
    std::string weightsPath() const;
    std::string weightsSha256() const;
    std::string description() const; ///< e.g. "multi-task patch classifier (32 px windows, period 8 px) on CPU"

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// The shipped weights, or empty when they are not found.
std::string defaultPatchClassifierWeights();

} // namespace hrtem
