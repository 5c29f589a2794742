#pragma once
// Training the atom-column segmenter (a U-Net, BCE + Dice; thesis ch. 4 and the paper's
// Supplementary Note II) on image patches with their column masks.
#include "models/networks/network_config.h"
#include "models/networks/segmentation_unet.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace hrtem::models {

struct SegmentationTrainingOptions {
    SegmenterConfig segmenter;
    int patchSize = 64;
    int batchSize = 8;
    double learningRate = 1e-3; ///< Adam; the paper's patch classifier uses 1e-3 too
    uint64_t seed = 1;
};
nlohmann::json toJson(const SegmentationTrainingOptions& options);
/// Unknown keys are refused (std::invalid_argument naming them).
SegmentationTrainingOptions segmentationTrainingOptionsFromJson(const nlohmann::json& json);

class SegmentationTrainer {
public:
    SegmentationTrainer(const SegmentationTrainingOptions& options, torch::Device device);

    /// One Adam step on images (N,1,P,P) and masks (N,1,P,P) in {0, 1}; returns BCE + Dice.
    double step(const torch::Tensor& images, const torch::Tensor& masks);

    int stepsDone() const { return mStep; }
    SegmentationUnet network() const { return mNetwork; }

    void saveCheckpoint(const std::string& path) const;
    void loadCheckpoint(const std::string& path);
    /// The network alone, with its configuration in the header (format "hrtem-atom-segmenter").
    void exportWeights(const std::string& path, std::map<std::string, std::string> metadata) const;

private:
    std::vector<std::pair<std::string, torch::Tensor>> namedParameters() const;

    SegmentationTrainingOptions mOptions;
    torch::Device mDevice;
    SegmentationUnet mNetwork{nullptr};
    std::unique_ptr<torch::optim::Adam> mOptimizer;
    int mStep = 0;
};

/// A trained segmenter loaded for inference.
class SegmentationModel {
public:
    /// Throws std::runtime_error naming the file and the problem.
    SegmentationModel(const std::string& path, torch::Device device);
    /// Column probability (H, W) of a frame (H, W) in network scale, by seamless tiles.
    torch::Tensor probabilities(const torch::Tensor& image, int tile = 128, int overlap = 32, int batch = 8);
    /// bottleneckFeatures of (B,1,H,W) patches, in batches of `batch`, on the CPU: (B, F).
    torch::Tensor patchFeatures(const torch::Tensor& patches, int batch = 32);
    const SegmenterConfig& config() const { return mConfig; }
    const std::map<std::string, std::string>& metadata() const { return mMetadata; }
    SegmentationUnet network() const { return mNetwork; }

private:
    SegmenterConfig mConfig;
    SegmentationUnet mNetwork{nullptr};
    std::map<std::string, std::string> mMetadata;
    torch::Device mDevice;
};

} // namespace hrtem::models
