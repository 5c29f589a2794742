#pragma once
// CycleGAN's PatchGAN discriminator (NLayerDiscriminator, REFERENCE-models.md section 2.4): with
// 3 layers each output logit sees a 70x70 input patch.
#include "models/networks/network_config.h"

#include <torch/torch.h>

#include <cstdint>

namespace hrtem::models {

/// conv4x4 s2 (no norm) + LReLU(0.2); layers-1 x [conv4x4 s2, IN, LReLU]; conv4x4 s1, IN, LReLU;
/// conv4x4 s1 -> 1 logit map (no sigmoid: least-squares GAN). Channels base*min(2^n, 8).
/// Output for an HxW input: each stride-2 conv maps n -> floor(n/2), each stride-1 conv n -> n-1.
struct PatchDiscriminatorImpl : torch::nn::Module {
    explicit PatchDiscriminatorImpl(const DiscriminatorConfig& config);
    torch::Tensor forward(const torch::Tensor& x);

    /// Side of the logit map for an input side `inputSize`.
    static int64_t outputSize(int64_t inputSize, int layers);

    DiscriminatorConfig config;
    /// Same layer order as upstream's `model` Sequential, so tensor names match its state dict.
    torch::nn::Sequential model;
};
TORCH_MODULE(PatchDiscriminator);

} // namespace hrtem::models
