#pragma once
// Training the multi-task patch classifier (networks/patch_classifier_net.h) and running it.
// Weights files carry format "hrtem-patch-classifier", the network's configuration and the
// reference period its patches were prepared at.
#include "models/networks/patch_classifier_net.h"

#include <torch/torch.h>

#include <map>
#include <memory>
#include <string>

namespace hrtem::models {

struct PatchClassifierTrainingOptions {
    PatchClassifierConfig network;
    int batchSize = 64;
    double learningRate = 1e-3; ///< Adam, as the paper's Supplementary Note I
    uint64_t seed = 1;
};
nlohmann::json toJson(const PatchClassifierTrainingOptions& options);
/// Unknown keys are refused (std::invalid_argument naming them).
PatchClassifierTrainingOptions patchClassifierTrainingOptionsFromJson(const nlohmann::json& json);

class PatchClassifierTrainer {
public:
    PatchClassifierTrainer(const PatchClassifierTrainingOptions& options, torch::Device device);
    /// One Adam step on patches (N,1,P,P) with their dose features (N) and labels (N) in [0, 1];
    /// returns the summed loss.
    double step(const torch::Tensor& patches, const torch::Tensor& dose, const torch::Tensor& foreground,
                const torch::Tensor& highQuality);
    int stepsDone() const { return mStep; }
    PatchClassifierNet network() const { return mNetwork; }
    /// The network with its configuration in the header (format "hrtem-patch-classifier").
    void exportWeights(const std::string& path, std::map<std::string, std::string> metadata) const;

private:
    PatchClassifierTrainingOptions mOptions;
    torch::Device mDevice;
    PatchClassifierNet mNetwork{nullptr};
    std::unique_ptr<torch::optim::Adam> mOptimizer;
    int mStep = 0;
};

struct PatchProbabilities {
    torch::Tensor foreground;  ///< (N), CPU
    torch::Tensor highQuality; ///< (N), CPU
};

/// A trained classifier loaded for inference.
class PatchClassifierModel {
public:
    /// Throws std::runtime_error naming the file and the problem.
    PatchClassifierModel(const std::string& path, torch::Device device);
    /// Both heads' probabilities for patches (N,1,P,P) with their dose features (N), in batches.
    PatchProbabilities classify(const torch::Tensor& patches, const torch::Tensor& dose, int batch = 256);
    const PatchClassifierConfig& config() const { return mConfig; }
    const std::map<std::string, std::string>& metadata() const { return mMetadata; }

private:
    PatchClassifierConfig mConfig;
    PatchClassifierNet mNetwork{nullptr};
    std::map<std::string, std::string> mMetadata;
    torch::Device mDevice;
};

} // namespace hrtem::models
