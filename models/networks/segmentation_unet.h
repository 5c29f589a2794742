#pragma once
// Plain U-Net for atom-column segmentation (AtomSegNet-style baseline and the thesis ch. 4
// generation-guided segmenter, which also reads the generator's last decoder features).
#include "models/networks/network_config.h"

#include <torch/torch.h>

#include <cstdint>

namespace hrtem::models {

/// Two x [conv3x3 (no bias), InstanceNorm(affine=true), ReLU].
struct DoubleConvImpl : torch::nn::Module {
    DoubleConvImpl(int64_t in, int64_t out);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::InstanceNorm2d norm1{nullptr}, norm2{nullptr};
};
TORCH_MODULE(DoubleConv);

/// U-Net with `levels` 2x2 max-pool downsamplings and bilinear upsampling; channels
/// base*2^i at level i. Output: logits (B,outChannels,H,W) for any H, W (reflect pad + crop).
struct SegmentationUnetImpl : torch::nn::Module {
    explicit SegmentationUnetImpl(const SegmenterConfig& config);
    /// `guide` (B,guideChannels,H,W) is concatenated to the image when guideChannels > 0 (then
    /// it is required); it must be undefined when guideChannels == 0.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& guide = {});
    /// What the encoder makes of each image: the bottleneck's channels' mean and standard
    /// deviation over the image, (B, 2 * base * 2^levels). The feature space of the paper's
    /// distribution measures (FID, KL) in HRTEM Studio. Networks without a guide only.
    torch::Tensor bottleneckFeatures(const torch::Tensor& x);

    SegmenterConfig config;
    torch::nn::ModuleList encoder;   ///< encoder[i] works at level i
    DoubleConv bottleneck{nullptr};
    torch::nn::ModuleList decoder;   ///< decoder[i] ends at level i
    torch::nn::Conv2d head{nullptr};
};
TORCH_MODULE(SegmentationUnet);

} // namespace hrtem::models
