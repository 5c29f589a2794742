#include "models/networks/hrtem_gan_generator.h"

#include <torch/torch.h>

#include <vector>

namespace hrtem::models {
namespace {

namespace F = torch::nn::functional;

torch::nn::InstanceNorm2d instanceNorm(int64_t channels)
{
    return torch::nn::InstanceNorm2d(
        torch::nn::InstanceNorm2dOptions(channels).affine(false).track_running_stats(false));
}

} // namespace

torch::Tensor padToMultiple(const torch::Tensor& x, int64_t multiple)
{
    const int64_t h = x.size(-2), w = x.size(-1);
    const int64_t padH = (multiple - h % multiple) % multiple;
    const int64_t padW = (multiple - w % multiple) % multiple;
    if (padH == 0 && padW == 0) return x;
    const bool canReflect = padH < h && padW < w;
    F::PadFuncOptions options({0, padW, 0, padH});
    if (canReflect)
        options.mode(torch::kReflect);
    else
        options.mode(torch::kReplicate);
    return F::pad(x, options);
}

// Convs followed by InstanceNorm(affine=false) carry no bias: IN subtracts the channel mean, so
// the bias would get exactly zero gradient (CycleGAN keeps it; it changes nothing but the count).
ConvNormReluImpl::ConvNormReluImpl(int64_t in, int64_t out, int64_t stride, int64_t groups)
    : conv(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).groups(groups).bias(false)),
      norm(instanceNorm(out))
{
    register_module("conv", conv);
    register_module("norm", norm);
}

torch::Tensor ConvNormReluImpl::forward(const torch::Tensor& x)
{
    return torch::relu(norm(conv(x)));
}

ResidualConvBlockImpl::ResidualConvBlockImpl(int64_t channels)
    : conv(torch::nn::Conv2dOptions(channels, channels, 3).padding(1).bias(false)), norm(instanceNorm(channels))
{
    register_module("conv", conv);
    register_module("norm", norm);
}

torch::Tensor ResidualConvBlockImpl::forward(const torch::Tensor& x)
{
    return x + torch::relu(norm(conv(x)));
}

EncoderStageImpl::EncoderStageImpl(int64_t channels, int64_t blockCount, bool frequencyBranch_, bool downsample)
    : frequencyBranch(frequencyBranch_),
      fuse(torch::nn::Conv2dOptions(channels, channels, 1))
{
    const int64_t half = channels / 2;
    for (int64_t i = 0; i < blockCount; ++i) {
        if (frequencyBranch)
            blocks->push_back(SpatialFrequencyBlock(half, channels - half));
        else
            blocks->push_back(ResidualConvBlock(channels));
    }
    register_module("blocks", blocks);
    register_module("fuse", fuse);
    // groups = 2: each stream is downsampled on its own, as the paper keeps the streams apart
    // until the bottleneck (the output is again [local | global]).
    if (downsample) down = register_module("down", ConvNormRelu(channels, 2 * channels, 2, frequencyBranch ? 2 : 1));
}

EncoderStageImpl::Output EncoderStageImpl::forward(const torch::Tensor& x)
{
    torch::Tensor streams = x;
    if (frequencyBranch) {
        const int64_t half = x.size(1) / 2;
        SpatialFrequencyPair pair{x.narrow(1, 0, half), x.narrow(1, half, x.size(1) - half)};
        for (const auto& block : *blocks) pair = block->as<SpatialFrequencyBlock>()->forward(pair);
        streams = torch::cat({pair.local, pair.global}, 1);
    } else {
        for (const auto& block : *blocks) streams = block->as<ResidualConvBlock>()->forward(streams);
    }
    return {fuse(streams), down ? down(streams) : torch::Tensor()};
}

DecoderStageImpl::DecoderStageImpl(int64_t channels)
    : upConv(torch::nn::Conv2dOptions(2 * channels, channels, 3).padding(1)),
      merge(2 * channels, channels),
      refine(channels, channels)
{
    register_module("up_conv", upConv);
    register_module("merge", merge);
    register_module("refine", refine);
}

torch::Tensor DecoderStageImpl::forward(const torch::Tensor& x, const torch::Tensor& skip)
{
    // Upsampling to the skip's size (always exactly x2 here, since the input is padded to a
    // multiple of 2^levels) avoids transposed-conv checkerboard artefacts on lattice images.
    const std::vector<int64_t> size{skip.size(2), skip.size(3)};
    const torch::Tensor up = upConv(
        F::interpolate(x, F::InterpolateFuncOptions().size(size).mode(torch::kBilinear).align_corners(false)));
    return refine(merge(torch::cat({up, skip}, 1)));
}

HrtemGanGeneratorImpl::HrtemGanGeneratorImpl(const GeneratorConfig& config_) : config(config_)
{
    validate(config);
    const int64_t c0 = config.baseChannels;
    head = register_module("head", ConvNormRelu(config.inChannels, c0));
    for (int level = 0; level < config.levels; ++level) {
        encoder->push_back(EncoderStage(c0 << level, config.blocksPerLevel, config.frequencyBranch, true));
        decoder->push_back(DecoderStage(c0 << level));
    }
    register_module("encoder", encoder);
    const int64_t bottleneckChannels = c0 << config.levels;
    bottleneck = register_module(
        "bottleneck", EncoderStage(bottleneckChannels, config.blocksPerLevel, config.frequencyBranch, false));
    if (config.vit)
        vit = register_module("vit", ViTBottleneck(bottleneckChannels, config.vitLayers, config.vitHeads,
                                                   config.vitMlpRatio));
    register_module("decoder", decoder);
    tail = register_module("tail", torch::nn::Conv2d(torch::nn::Conv2dOptions(c0, config.outChannels, 3).padding(1)));
}

GeneratorOutput HrtemGanGeneratorImpl::forward(const torch::Tensor& input)
{
    TORCH_CHECK(input.dim() == 4 && input.size(1) == config.inChannels, "HrtemGanGenerator expects (B,",
                config.inChannels, ",H,W), got ", input.sizes());
    const int64_t h = input.size(2), w = input.size(3);
    torch::Tensor x = head(padToMultiple(input, int64_t(1) << config.levels));

    std::vector<torch::Tensor> skips;
    for (const auto& stage : *encoder) {
        auto out = stage->as<EncoderStage>()->forward(x);
        skips.push_back(out.fused);
        x = out.next;
    }
    torch::Tensor fused = bottleneck(x).fused;
    if (vit) fused = vit(fused);

    x = fused;
    for (int level = config.levels - 1; level >= 0; --level)
        x = decoder[level]->as<DecoderStage>()->forward(x, skips[level]);

    // The output conv sees the padded map so that the cropped border has real context.
    const torch::Tensor image = torch::tanh(tail(x));
    return {image.narrow(2, 0, h).narrow(3, 0, w), fused, x.narrow(2, 0, h).narrow(3, 0, w)};
}

} // namespace hrtem::models
