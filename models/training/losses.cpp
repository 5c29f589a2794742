#include "models/training/losses.h"

#include <torch/fft.h>
#include <torch/torch.h>

#include <cmath>
#include <random>
#include <vector>

namespace hrtem::models {

namespace F = torch::nn::functional;

torch::Tensor lsganLoss(const torch::Tensor& prediction, bool real)
{
    auto target = real ? torch::ones_like(prediction) : torch::zeros_like(prediction);
    return F::mse_loss(prediction, target);
}

torch::Tensor cycleLoss(const torch::Tensor& reconstructed, const torch::Tensor& original,
                        const torch::Tensor& weight)
{
    TORCH_CHECK(reconstructed.sizes() == original.sizes(), "cycleLoss: shapes differ: ", reconstructed.sizes(),
                " vs ", original.sizes());
    auto difference = (reconstructed - original).abs();
    if (!weight.defined())
        return difference.mean();
    auto w = weight.to(difference.scalar_type()).expand_as(difference);
    // clamp: an all-zero mask gives 0 instead of NaN.
    return (w * difference).sum() / w.sum().clamp_min(1e-12);
}

torch::Tensor fftMagnitudeLoss(const torch::Tensor& zH, const torch::Tensor& zL)
{
    TORCH_CHECK(zH.sizes() == zL.sizes(), "fftMagnitudeLoss: shapes differ: ", zH.sizes(), " vs ", zL.sizes());
    TORCH_CHECK(zH.dim() >= 2, "fftMagnitudeLoss: need at least 2 dimensions");
    auto magnitudeH = torch::fft::rfft2(zH.to(torch::kFloat), c10::nullopt, {-2, -1}, "ortho").abs();
    auto magnitudeL = torch::fft::rfft2(zL.to(torch::kFloat), c10::nullopt, {-2, -1}, "ortho").abs();
    return F::l1_loss(magnitudeH, magnitudeL);
}

namespace {

/// Standard normal samples from a 64-bit Mersenne Twister by Box-Muller: unlike
/// std::normal_distribution, the same on every standard library.
std::vector<float> gaussianSamples(uint64_t seed, int64_t count, double standardDeviation)
{
    std::mt19937_64 generator(seed);
    // 53 random bits -> (0, 1]; never 0, so the log is finite.
    auto uniform = [&generator] { return (static_cast<double>(generator() >> 11) + 1.0) * 0x1.0p-53; };
    std::vector<float> samples;
    samples.reserve(static_cast<size_t>(count) + 1);
    constexpr double kTwoPi = 6.283185307179586476925286766559;
    while (static_cast<int64_t>(samples.size()) < count) {
        const double radius = std::sqrt(-2.0 * std::log(uniform()));
        const double angle = kTwoPi * uniform();
        samples.push_back(static_cast<float>(standardDeviation * radius * std::cos(angle)));
        samples.push_back(static_cast<float>(standardDeviation * radius * std::sin(angle)));
    }
    samples.resize(static_cast<size_t>(count));
    return samples;
}

/// (B,C,H,W) -> (N',C) float32 feature rows, uniformly strided down to at most maxSamples rows.
torch::Tensor featureRows(const torch::Tensor& map, int64_t channels, int64_t maxSamples)
{
    TORCH_CHECK(map.dim() == 4 && map.size(1) == channels, "CharacteristicFunctionLoss: expected (B,", channels,
                ",H,W), got ", map.sizes());
    auto rows = map.to(torch::kFloat).permute({0, 2, 3, 1}).reshape({-1, channels});
    const int64_t n = rows.size(0);
    if (n <= maxSamples)
        return rows;
    std::vector<int64_t> index(static_cast<size_t>(maxSamples));
    for (int64_t k = 0; k < maxSamples; ++k)
        index[static_cast<size_t>(k)] = k * n / maxSamples;
    return rows.index_select(0, torch::tensor(index).to(rows.device()));
}

} // namespace

CharacteristicFunctionLoss::CharacteristicFunctionLoss(int64_t channels, int64_t probes, double probeScale,
                                                       double phaseWeight, uint64_t seed, int64_t maxSamples)
    : mChannels(channels), mPhaseWeight(phaseWeight), mMaxSamples(maxSamples)
{
    TORCH_CHECK(channels > 0 && probes > 0 && maxSamples > 1 && probeScale > 0.0,
                "CharacteristicFunctionLoss: channels, probes, probeScale must be positive and maxSamples > 1");
    auto values = gaussianSamples(seed, probes * channels, probeScale / std::sqrt(static_cast<double>(channels)));
    mProbes = register_buffer("probes", torch::tensor(values).reshape({probes, channels}));
}

torch::Tensor CharacteristicFunctionLoss::operator()(const torch::Tensor& zH, const torch::Tensor& zL) const
{
    auto rowsH = featureRows(zH, mChannels, mMaxSamples);
    auto rowsL = featureRows(zL, mChannels, mMaxSamples);

    // Shared statistics over both sets (see header): keeps the domains' relative shift visible.
    auto pooled = torch::cat({rowsH, rowsL}, 0);
    auto mean = pooled.mean(0, true);
    auto variance = (pooled - mean).square().mean(0, true);
    auto scale = torch::rsqrt(variance + kNormalisationEpsilon);

    auto probes = mProbes.to(rowsH.device(), torch::kFloat);
    auto characteristic = [&](const torch::Tensor& rows) {
        auto projection = ((rows - mean) * scale).matmul(probes.t()); // (N, M): t_m . u_n
        return std::make_pair(projection.cos().mean(0), projection.sin().mean(0));
    };
    auto [reH, imH] = characteristic(rowsH);
    auto [reL, imL] = characteristic(rowsL);

    constexpr double kEps2 = kAmplitudeEpsilon * kAmplitudeEpsilon;
    auto amplitudeH = (reH * reH + imH * imH + kEps2).sqrt();
    auto amplitudeL = (reL * reL + imL * imL + kEps2).sqrt();
    auto cosPhaseDifference = (reH * reL + imH * imL + kEps2) / (amplitudeH * amplitudeL);
    auto perProbe = (amplitudeH - amplitudeL).abs() + mPhaseWeight * (1.0 - cosPhaseDifference);
    return perProbe.mean();
}

torch::Tensor diceLoss(const torch::Tensor& logits, const torch::Tensor& target)
{
    TORCH_CHECK(logits.sizes() == target.sizes(), "diceLoss: shapes differ: ", logits.sizes(), " vs ",
                target.sizes());
    auto probability = torch::sigmoid(logits.to(torch::kFloat)).flatten(1);
    auto truth = target.to(torch::kFloat).flatten(1);
    auto overlap = (probability * truth).sum(1);
    auto total = probability.sum(1) + truth.sum(1);
    return (1.0 - (2.0 * overlap + 1.0) / (total + 1.0)).mean();
}

torch::Tensor bceDiceLoss(const torch::Tensor& logits, const torch::Tensor& target)
{
    auto bce = F::binary_cross_entropy_with_logits(logits.to(torch::kFloat), target.to(torch::kFloat));
    return bce + diceLoss(logits, target);
}

} // namespace hrtem::models
