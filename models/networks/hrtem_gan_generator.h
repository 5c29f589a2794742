#pragma once
// HRTEM-GAN's generator (paper Fig. 2(b)): a U-Net whose encoder runs two streams (local/spatial
// and global/frequency) through spatial-frequency interaction blocks, with a ViT at the bottleneck.
#include "models/networks/network_config.h"
#include "models/networks/spatial_frequency_block.h"
#include "models/networks/vit_bottleneck.h"

#include <torch/torch.h>

#include <cstdint>

namespace hrtem::models {

/// conv3x3 (no bias) -> InstanceNorm(affine=false) -> ReLU. `groups` = 2 convolves the local and
/// global halves of a [local | global] tensor independently.
struct ConvNormReluImpl : torch::nn::Module {
    ConvNormReluImpl(int64_t in, int64_t out, int64_t stride = 1, int64_t groups = 1);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::InstanceNorm2d norm{nullptr};
};
TORCH_MODULE(ConvNormRelu);

/// The ablation's encoder block (frequencyBranch = false): x + ReLU(IN(conv3x3(x))). On a
/// [local | global] tensor this is the spatial-frequency block with its spectral path replaced by
/// an ordinary 3x3 conv.
struct ResidualConvBlockImpl : torch::nn::Module {
    explicit ResidualConvBlockImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::InstanceNorm2d norm{nullptr};
};
TORCH_MODULE(ResidualConvBlock);

/// One encoder level: blocks over the [local | global] streams, a 1x1 fuse conv giving the skip
/// (or bottleneck) map, and optionally a stride-2 conv that doubles each stream's channels.
struct EncoderStageImpl : torch::nn::Module {
    EncoderStageImpl(int64_t channels, int64_t blocks, bool frequencyBranch, bool downsample);

    struct Output {
        torch::Tensor fused; ///< conv1x1(cat[local, global]), `channels` channels
        torch::Tensor next;  ///< input of the next level (undefined without downsampling)
    };
    Output forward(const torch::Tensor& x);

    bool frequencyBranch;
    torch::nn::ModuleList blocks;
    torch::nn::Conv2d fuse{nullptr};
    ConvNormRelu down{nullptr};
};
TORCH_MODULE(EncoderStage);

/// One decoder level: bilinear x2 + conv3x3 (2C -> C), concat skip, two ConvNormRelu.
struct DecoderStageImpl : torch::nn::Module {
    explicit DecoderStageImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& skip);

    torch::nn::Conv2d upConv{nullptr};
    ConvNormRelu merge{nullptr}, refine{nullptr};
};
TORCH_MODULE(DecoderStage);

struct GeneratorOutput {
    torch::Tensor image;      ///< (B,outChannels,H,W), tanh, in [-1, 1]
    /// Fused bottleneck (after the ViT): (B, C0*2^levels, H'/2^levels, W'/2^levels) where H', W'
    /// are H, W rounded up to a multiple of 2^levels. Input of the L_FFT and L_CF losses.
    torch::Tensor bottleneck;
    torch::Tensor features;   ///< last decoder map (B,C0,H,W) before the output conv (segmentation guide)
};

/// Any H, W: the input is reflect-padded (bottom/right) to a multiple of 2^levels and the
/// outputs are cropped back.
struct HrtemGanGeneratorImpl : torch::nn::Module {
    explicit HrtemGanGeneratorImpl(const GeneratorConfig& config);
    GeneratorOutput forward(const torch::Tensor& x);

    GeneratorConfig config;
    ConvNormRelu head{nullptr};
    torch::nn::ModuleList encoder;   ///< level i works at C0*2^i channels
    EncoderStage bottleneck{nullptr};
    ViTBottleneck vit{nullptr};      ///< null when config.vit is false
    torch::nn::ModuleList decoder;   ///< decoder[i] ends at level i; run from levels-1 down to 0
    torch::nn::Conv2d tail{nullptr};
};
TORCH_MODULE(HrtemGanGenerator);

/// Pads (B,C,H,W) at the bottom/right to multiples of `multiple`: reflect where the image is
/// large enough, replicate otherwise (reflection needs pad < size).
torch::Tensor padToMultiple(const torch::Tensor& x, int64_t multiple);

} // namespace hrtem::models
