#pragma once
// Hyper-parameters of the three networks, as plain structs that round-trip through JSON (they are
// stored in weight-file metadata and training checkpoints, so a file says how to rebuild its net).
#include <nlohmann/json.hpp>

#include <cstdint>

namespace torch::nn {
class Module;
}

namespace hrtem::models {

/// HRTEM-GAN generator: U-Net with spatial-frequency encoder blocks and a ViT bottleneck.
struct GeneratorConfig {
    int inChannels = 1;
    int outChannels = 1;
    int baseChannels = 32;     ///< C0, channels at full resolution; must be even (local/global halves)
    int levels = 3;            ///< number of stride-2 downsamplings; bottleneck has C0 * 2^levels channels
    int blocksPerLevel = 1;    ///< spatial-frequency blocks per encoder level and at the bottleneck
    int vitLayers = 2;
    int vitHeads = 4;          ///< must divide the bottleneck channels
    int vitMlpRatio = 2;
    bool frequencyBranch = true; ///< false: plain residual conv blocks (ablation)
    bool vit = true;             ///< false: no transformer at the bottleneck (ablation)
};

/// 70x70 PatchGAN (CycleGAN's NLayerDiscriminator).
struct DiscriminatorConfig {
    int inChannels = 1;
    int baseChannels = 64;
    int layers = 3;            ///< stride-2 stages
};

/// Plain U-Net for atom-column segmentation, optionally guided by generator features.
struct SegmenterConfig {
    int inChannels = 1;
    int outChannels = 1;
    int baseChannels = 16;
    int levels = 3;
    int guideChannels = 0;     ///< extra input channels concatenated to the image (0: none)
};

nlohmann::json toJson(const GeneratorConfig& config);
nlohmann::json toJson(const DiscriminatorConfig& config);
nlohmann::json toJson(const SegmenterConfig& config);

/// Missing keys keep their defaults. Unknown keys, wrong types and invalid values throw
/// std::invalid_argument naming the key.
GeneratorConfig generatorConfigFromJson(const nlohmann::json& json);
DiscriminatorConfig discriminatorConfigFromJson(const nlohmann::json& json);
SegmenterConfig segmenterConfigFromJson(const nlohmann::json& json);

/// Throw std::invalid_argument naming the offending key; the network constructors call these.
void validate(const GeneratorConfig& config);
void validate(const DiscriminatorConfig& config);
void validate(const SegmenterConfig& config);

/// CycleGAN's initialisation (init_type "normal", gain 0.02): conv, linear and attention
/// projection weights ~ N(0, 0.02), their biases 0; LayerNorm and affine InstanceNorm weight 1,
/// bias 0. Applies to the module and all its descendants.
void initialiseWeights(torch::nn::Module& module);

/// Number of scalar parameters (trainable or not) of the module and its descendants.
int64_t parameterCount(const torch::nn::Module& module);

} // namespace hrtem::models
