#pragma once
// HRTEM-GAN's spatial-frequency interaction block (paper Fig. 2(c)), with Fast Fourier
// Convolution semantics as in SFIN (REFERENCE-models.md section 1.2): each branch's input also
// goes through a 3x3 conv that is added to the other branch's output.
#include "models/networks/fourier_unit.h"

#include <torch/torch.h>

#include <cstdint>

namespace hrtem::models {

/// The two feature streams of the generator's encoder: local (spatial) and global (frequency).
struct SpatialFrequencyPair {
    torch::Tensor local;
    torch::Tensor global;
};

/// out_l = conv3_l2l(x_l) + conv3_g2l(x_g); out_g = conv3_l2g(x_l) + SpectralTransform(x_g);
/// each branch then InstanceNorm (affine=false) + ReLU, plus an identity residual.
struct SpatialFrequencyBlockImpl : torch::nn::Module {
    SpatialFrequencyBlockImpl(int64_t localChannels, int64_t globalChannels);
    SpatialFrequencyPair forward(const SpatialFrequencyPair& x);

    torch::nn::Conv2d localToLocal{nullptr}, globalToLocal{nullptr}, localToGlobal{nullptr};
    SpectralTransform globalToGlobal{nullptr};
    torch::nn::InstanceNorm2d localNorm{nullptr}, globalNorm{nullptr};
};
TORCH_MODULE(SpatialFrequencyBlock);

} // namespace hrtem::models
