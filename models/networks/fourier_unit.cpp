#include "models/networks/fourier_unit.h"

#include <torch/fft.h>
#include <torch/torch.h>

#include <vector>

namespace hrtem::models {
namespace {

torch::ScalarType fftType(const torch::Tensor& t)
{
    return t.scalar_type() == torch::kDouble ? torch::kDouble : torch::kFloat;
}

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, bool bias)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).padding(kernel / 2).bias(bias));
}

} // namespace

torch::Tensor toSpectralChannels(const torch::Tensor& x)
{
    TORCH_CHECK(x.dim() == 4, "toSpectralChannels expects (B,C,H,W), got ", x.sizes());
    const torch::Tensor spectrum = torch::fft::rfft2(x.to(fftType(x)), c10::nullopt, {-2, -1}, "ortho");
    return torch::cat({torch::real(spectrum), torch::imag(spectrum)}, 1);
}

torch::Tensor fromSpectralChannels(const torch::Tensor& spectral, int64_t h, int64_t w)
{
    TORCH_CHECK(spectral.dim() == 4 && spectral.size(1) % 2 == 0,
                "fromSpectralChannels expects (B,2C,H,W/2+1), got ", spectral.sizes());
    TORCH_CHECK(spectral.size(2) == h && spectral.size(3) == w / 2 + 1,
                "fromSpectralChannels: spectrum ", spectral.sizes(), " does not fit an image of ", h, "x", w);
    // Under autocast the spectral convs may hand back bf16; complex() takes float/double only.
    const torch::Tensor s = spectral.to(fftType(spectral));
    const auto parts = s.chunk(2, 1);
    return torch::fft::irfft2(torch::complex(parts[0].contiguous(), parts[1].contiguous()),
                              std::vector<int64_t>{h, w}, {-2, -1}, "ortho");
}

// Choices (REFERENCE-models.md section 1.3):
// - No normalisation on the spectrum. IN/BN over a (H, W/2+1) spectral map is dominated by the DC
//   coefficient (and BN at CycleGAN's batch size 1 has a train/eval mismatch), so it would mostly
//   rescale by the image mean.
// - conv-ReLU-conv (DeepRFT) rather than SFIN's conv+ReLU: a trailing ReLU would force every
//   output Re/Im coefficient to be >= 0, i.e. restrict the output spectrum to one quadrant.
// - No conv biases (as SFIN): an output bias adds the same constant to every frequency
//   coefficient, i.e. an image-independent impulse at pixel (0,0) after the inverse FFT, which
//   tiled inference would stamp into every tile. (The unit is not shift-equivariant anyway: ReLU
//   on Re/Im separately does not commute with the phase rotation a shift causes.)
// - Layout [all Re | all Im] (DeepRFT/FECNet), not SFIN's interleaving; only matters for weight import.
FourierUnitImpl::FourierUnitImpl(int64_t channels)
    : spectralIn(conv(2 * channels, 2 * channels, 1, false)),
      spectralOut(conv(2 * channels, 2 * channels, 1, false))
{
    register_module("spectral_in", spectralIn);
    register_module("spectral_out", spectralOut);
}

torch::Tensor FourierUnitImpl::forward(const torch::Tensor& x)
{
    torch::Tensor s = toSpectralChannels(x);
    // The convs' weights decide the compute dtype: cast the spectrum to it (double weights in
    // tests, float in training; autocast may still lower the conv to bf16).
    s = s.to(spectralIn->weight.scalar_type());
    s = spectralOut(torch::relu(spectralIn(s)));
    return fromSpectralChannels(s, x.size(-2), x.size(-1)).to(x.scalar_type());
}

// fuse_conv has no bias: in the spatial-frequency block its output is summed into a branch that
// goes through InstanceNorm(affine=false), which removes any per-channel constant (a bias there
// would get exactly zero gradient).
SpectralTransformImpl::SpectralTransformImpl(int64_t channels)
    : inputConv(conv(channels, channels, 3, true)), fourier(channels), fuseConv(conv(2 * channels, channels, 3, false))
{
    register_module("input_conv", inputConv);
    register_module("fourier", fourier);
    register_module("fuse_conv", fuseConv);
}

torch::Tensor SpectralTransformImpl::forward(const torch::Tensor& x)
{
    const torch::Tensor f = fourier(inputConv(x));
    return fuseConv(torch::cat({x, f.to(x.scalar_type())}, 1));
}

} // namespace hrtem::models
