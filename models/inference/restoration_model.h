#pragma once
// A trained LQ->HQ generator loaded for restoration: the weights file says which network it
// is (its configuration travels in the safetensors header), so no separate config file is needed.
#include "models/inference/tiled_inference.h"
#include "models/networks/hrtem_gan_generator.h"

#include <torch/torch.h>

#include <map>
#include <string>

namespace hrtem::models {

class RestorationModel {
public:
    /// Loads `path` (written by CycleGanTrainer::exportRestorationWeights) onto `device`.
    /// Throws std::runtime_error naming the file and what is wrong with it.
    RestorationModel(const std::string& path, torch::Device device);

    /// Restores a whole frame (H, W), float32 on the CPU, already scaled the way the network was
    /// trained (see core/restore/gan_restorer.h); tiles blended without seams, batched, with the
    /// out-of-memory fallback of inferTiled. Returns (H, W) float32 on the CPU.
    torch::Tensor restore(const torch::Tensor& image, const TilingOptions& tiling, TilingReport* report = nullptr,
                          const std::function<bool(double)>& progress = {});

    const std::map<std::string, std::string>& metadata() const { return mMetadata; }
    const GeneratorConfig& config() const { return mConfig; }
    /// The network itself (for passes that need more than the image, such as its features).
    HrtemGanGenerator generator() const { return mGenerator; }
    torch::Device device() const { return mDevice; }
    bool bf16 = false; ///< bf16 autocast on CUDA (FFTs stay in float32)

private:
    GeneratorConfig mConfig;
    HrtemGanGenerator mGenerator{nullptr};
    std::map<std::string, std::string> mMetadata;
    torch::Device mDevice;
};

} // namespace hrtem::models
