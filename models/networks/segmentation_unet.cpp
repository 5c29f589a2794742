#include "models/networks/segmentation_unet.h"

#include "models/networks/hrtem_gan_generator.h"

#include <torch/torch.h>

#include <vector>

namespace hrtem::models {
namespace {

namespace F = torch::nn::functional;

torch::nn::Conv2d conv3NoBias(int64_t in, int64_t out)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false));
}

// Affine IN (unlike the GAN's) since a segmenter is trained with paired supervision and its
// per-channel scale/shift is useful; the preceding conv's bias would duplicate the IN shift.
torch::nn::InstanceNorm2d affineInstanceNorm(int64_t channels)
{
    return torch::nn::InstanceNorm2d(
        torch::nn::InstanceNorm2dOptions(channels).affine(true).track_running_stats(false));
}

} // namespace

DoubleConvImpl::DoubleConvImpl(int64_t in, int64_t out)
    : conv1(conv3NoBias(in, out)), conv2(conv3NoBias(out, out)), norm1(affineInstanceNorm(out)),
      norm2(affineInstanceNorm(out))
{
    register_module("conv1", conv1);
    register_module("norm1", norm1);
    register_module("conv2", conv2);
    register_module("norm2", norm2);
}

torch::Tensor DoubleConvImpl::forward(const torch::Tensor& x)
{
    return torch::relu(norm2(conv2(torch::relu(norm1(conv1(x))))));
}

SegmentationUnetImpl::SegmentationUnetImpl(const SegmenterConfig& config_) : config(config_)
{
    validate(config);
    const int64_t c0 = config.baseChannels;
    int64_t in = config.inChannels + config.guideChannels;
    for (int level = 0; level < config.levels; ++level) {
        encoder->push_back(DoubleConv(in, c0 << level));
        decoder->push_back(DoubleConv((c0 << (level + 1)) + (c0 << level), c0 << level));
        in = c0 << level;
    }
    register_module("encoder", encoder);
    bottleneck = register_module("bottleneck", DoubleConv(in, c0 << config.levels));
    register_module("decoder", decoder);
    head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(c0, config.outChannels, 1)));
}

torch::Tensor SegmentationUnetImpl::bottleneckFeatures(const torch::Tensor& image)
{
    TORCH_CHECK(config.guideChannels == 0 && image.dim() == 4 && image.size(1) == config.inChannels,
                "bottleneckFeatures expects (B,", config.inChannels, ",H,W) and no guide, got ", image.sizes());
    torch::Tensor x = padToMultiple(image, int64_t(1) << config.levels);
    for (const auto& stage : *encoder)
        x = F::max_pool2d(stage->as<DoubleConv>()->forward(x), F::MaxPool2dFuncOptions(2));
    x = bottleneck(x).flatten(2); // (B, C, H*W)
    return torch::cat({x.mean(2), x.std(2, /*unbiased=*/false)}, 1);
}

torch::Tensor SegmentationUnetImpl::forward(const torch::Tensor& image, const torch::Tensor& guide)
{
    TORCH_CHECK(image.dim() == 4 && image.size(1) == config.inChannels, "SegmentationUnet expects (B,",
                config.inChannels, ",H,W), got ", image.sizes());
    torch::Tensor x = image;
    if (config.guideChannels > 0) {
        TORCH_CHECK(guide.defined() && guide.dim() == 4 && guide.size(1) == config.guideChannels
                        && guide.size(0) == image.size(0) && guide.size(2) == image.size(2)
                        && guide.size(3) == image.size(3),
                    "SegmentationUnet: guide must be (B,", config.guideChannels, ",H,W) matching the image ",
                    image.sizes());
        x = torch::cat({x, guide.to(x.scalar_type())}, 1);
    } else {
        TORCH_CHECK(!guide.defined(), "SegmentationUnet: got a guide but guideChannels is 0");
    }
    const int64_t h = x.size(2), w = x.size(3);
    x = padToMultiple(x, int64_t(1) << config.levels);

    std::vector<torch::Tensor> skips;
    for (const auto& stage : *encoder) {
        x = stage->as<DoubleConv>()->forward(x);
        skips.push_back(x);
        x = F::max_pool2d(x, F::MaxPool2dFuncOptions(2));
    }
    x = bottleneck(x);
    for (int level = config.levels - 1; level >= 0; --level) {
        const auto& skip = skips[level];
        const std::vector<int64_t> size{skip.size(2), skip.size(3)};
        x = F::interpolate(x, F::InterpolateFuncOptions().size(size).mode(torch::kBilinear).align_corners(false));
        x = decoder[level]->as<DoubleConv>()->forward(torch::cat({x, skip}, 1));
    }
    return head(x).narrow(2, 0, h).narrow(3, 0, w);
}

} // namespace hrtem::models
