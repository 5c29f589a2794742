#pragma once
// The frequency convolution of HRTEM-GAN's spatial-frequency block (paper Fig. 2(d), "FCM"):
// a FourierUnit (1x1 convolutions over the real/imaginary spectrum) wrapped in SFIN's
// SpectralTransform layout (REFERENCE-models.md section 1.2).
#include <torch/torch.h>

#include <cstdint>

namespace hrtem::models {

/// rfft2 (norm "ortho") over the last two dims of a real (B,C,H,W) tensor, returned as real
/// channels laid out [Re of all C | Im of all C]: shape (B,2C,H,W/2+1). Runs in float32 (float64
/// for double input): FFT kernels do not take bf16/fp16 in general.
torch::Tensor toSpectralChannels(const torch::Tensor& x);

/// Inverse of toSpectralChannels: (B,2C,H,W/2+1) -> real (B,C,h,w). h and w are explicit so that
/// odd widths come back right. Result is float32 (float64 for double input).
torch::Tensor fromSpectralChannels(const torch::Tensor& spectral, int64_t h, int64_t w);

/// Spectrum -> [Re|Im] channels -> 1x1 conv -> ReLU -> 1x1 conv -> spectrum -> image domain.
/// Output has the input's shape and dtype.
struct FourierUnitImpl : torch::nn::Module {
    explicit FourierUnitImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d spectralIn{nullptr}, spectralOut{nullptr};
};
TORCH_MODULE(FourierUnit);

/// SFIN's SpectralTransform: conv3x3(C->C) -> FourierUnit -> conv3x3(cat[x, fourier]) (2C->C).
struct SpectralTransformImpl : torch::nn::Module {
    explicit SpectralTransformImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d inputConv{nullptr};
    FourierUnit fourier{nullptr};
    torch::nn::Conv2d fuseConv{nullptr};
};
TORCH_MODULE(SpectralTransform);

} // namespace hrtem::models
