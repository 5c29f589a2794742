#pragma once
// The multi-task patch classifier of the HRTEM-GAN paper's Supplementary Note I: one shared
// convolutional encoder and three heads — the patch's reconstruction (an autoencoder that keeps
// the code about the image, not only the labels), crystal (foreground) vs support/vacuum
// (background), and high vs low quality (dose). Small on purpose: it runs on every patch of every
// frame of an analysis on the CPU.
#include <torch/torch.h>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>

namespace hrtem::models {

struct PatchClassifierConfig {
    int64_t patchSize = 32; ///< input side, px; divisible by 8 (three stride-2 stages)
    int64_t base = 16;      ///< channels of the first stage; doubled at each of the next two
    int64_t code = 64;      ///< length of the shared code the heads read
};
nlohmann::json toJson(const PatchClassifierConfig& config);
/// Unknown keys and sizes that cannot work are std::invalid_argument naming them.
PatchClassifierConfig patchClassifierConfigFromJson(const nlohmann::json& json);

struct PatchClassifierOutput {
    torch::Tensor reconstruction;    ///< (B,1,P,P)
    torch::Tensor foregroundLogit;   ///< (B) crystal
    torch::Tensor highQualityLogit;  ///< (B) high quality
};

/// No normalisation layers: the patch's grey level and noise are what the heads judge, and an
/// instance norm would divide both away. Input: patches prepared as the segmenters' frames are
/// (segment/segmentation_input.h: period resampled to the reference, percentiles on [-1, 1]),
/// and each patch's dose feature (classify/network_patch_classifier.h: the log of the electrons
/// per pixel the frame's noise model reads), which the stretched patch no longer shows and both
/// label heads read beside the code: the same lattice contrast means little at 5 electrons per
/// pixel and much at 500.
struct PatchClassifierNetImpl : torch::nn::Module {
    explicit PatchClassifierNetImpl(const PatchClassifierConfig& config);
    /// `dose` (B): the patches' dose features.
    PatchClassifierOutput forward(const torch::Tensor& patches, const torch::Tensor& dose);
    torch::Tensor encode(const torch::Tensor& patches); ///< (B, code)
    /// The label heads' logits from a code (B, code) and the dose features (B).
    torch::Tensor foregroundLogit(const torch::Tensor& code, const torch::Tensor& dose);
    torch::Tensor highQualityLogit(const torch::Tensor& code, const torch::Tensor& dose);

    PatchClassifierConfig config;
    torch::nn::Sequential encoder{nullptr};
    torch::nn::Linear toCode{nullptr};
    torch::nn::Linear foregroundHead{nullptr}, qualityHead{nullptr};
    torch::nn::Linear fromCode{nullptr};
    torch::nn::Sequential decoder{nullptr};
};
TORCH_MODULE(PatchClassifierNet);

/// The three heads' loss: BCE of each label head plus the reconstruction's mean squared error.
/// `foreground` and `highQuality` are (B) in {0, 1}.
torch::Tensor patchClassifierLoss(const PatchClassifierOutput& out, const torch::Tensor& patches,
                                  const torch::Tensor& foreground, const torch::Tensor& highQuality);

} // namespace hrtem::models
