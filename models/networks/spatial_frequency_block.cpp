#include "models/networks/spatial_frequency_block.h"

#include <torch/torch.h>

namespace hrtem::models {
namespace {

// No bias: the sums feed InstanceNorm(affine=false), which removes per-channel constants.
torch::nn::Conv2d conv3(int64_t in, int64_t out)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false));
}

// CycleGAN's instance norm (REFERENCE-models.md section 2.1): no affine, no running statistics,
// so training and inference normalise the same way.
torch::nn::InstanceNorm2d instanceNorm(int64_t channels)
{
    return torch::nn::InstanceNorm2d(
        torch::nn::InstanceNorm2dOptions(channels).affine(false).track_running_stats(false));
}

} // namespace

SpatialFrequencyBlockImpl::SpatialFrequencyBlockImpl(int64_t localChannels, int64_t globalChannels)
    : localToLocal(conv3(localChannels, localChannels)),
      globalToLocal(conv3(globalChannels, localChannels)),
      localToGlobal(conv3(localChannels, globalChannels)),
      globalToGlobal(globalChannels),
      localNorm(instanceNorm(localChannels)),
      globalNorm(instanceNorm(globalChannels))
{
    register_module("local_to_local", localToLocal);
    register_module("global_to_local", globalToLocal);
    register_module("local_to_global", localToGlobal);
    register_module("global_to_global", globalToGlobal);
    register_module("local_norm", localNorm);
    register_module("global_norm", globalNorm);
}

SpatialFrequencyPair SpatialFrequencyBlockImpl::forward(const SpatialFrequencyPair& x)
{
    const torch::Tensor local = localToLocal(x.local) + globalToLocal(x.global);
    const torch::Tensor global = localToGlobal(x.local) + globalToGlobal(x.global);
    return {x.local + torch::relu(localNorm(local)), x.global + torch::relu(globalNorm(global))};
}

} // namespace hrtem::models
