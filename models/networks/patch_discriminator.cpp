#include "models/networks/patch_discriminator.h"

#include <torch/torch.h>

#include <algorithm>

namespace hrtem::models {
namespace {

// Upstream keeps the bias on every conv when the norm is InstanceNorm (use_bias = True), so the
// parameter count matches its 2.76 M for the default config.
torch::nn::Conv2d conv4(int64_t in, int64_t out, int64_t stride)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 4).stride(stride).padding(1).bias(true));
}

torch::nn::InstanceNorm2d instanceNorm(int64_t channels)
{
    return torch::nn::InstanceNorm2d(
        torch::nn::InstanceNorm2dOptions(channels).affine(false).track_running_stats(false));
}

torch::nn::LeakyReLU leakyRelu()
{
    return torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2));
}

} // namespace

PatchDiscriminatorImpl::PatchDiscriminatorImpl(const DiscriminatorConfig& config_) : config(config_)
{
    validate(config);
    const int64_t base = config.baseChannels;
    model->push_back(conv4(config.inChannels, base, 2));
    model->push_back(leakyRelu());
    int64_t channels = base;
    for (int n = 1; n <= config.layers; ++n) {
        const int64_t next = base * (int64_t(1) << std::min(n, 3));  // base * min(2^n, 8)
        const int64_t stride = n < config.layers ? 2 : 1;
        model->push_back(conv4(channels, next, stride));
        model->push_back(instanceNorm(next));
        model->push_back(leakyRelu());
        channels = next;
    }
    model->push_back(conv4(channels, 1, 1));
    register_module("model", model);
}

torch::Tensor PatchDiscriminatorImpl::forward(const torch::Tensor& x)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == config.inChannels, "PatchDiscriminator expects (B,",
                config.inChannels, ",H,W), got ", x.sizes());
    return model->forward(x);
}

int64_t PatchDiscriminatorImpl::outputSize(int64_t inputSize, int layers)
{
    int64_t n = inputSize;
    for (int i = 0; i < layers; ++i) n = (n + 2 - 4) / 2 + 1;  // k4 s2 p1
    return n - 2;                                              // two k4 s1 p1 convs
}

} // namespace hrtem::models
