#pragma once
// Loss functions of HRTEM-GAN: the CycleGAN base terms (LSGAN, cycle/identity L1), the paper's two
// bottleneck alignment terms (L_FFT, L_CF) and the atom-column segmenter's BCE + Dice.
#include <torch/torch.h>

#include <cstdint>

namespace hrtem::models {

/// Least-squares GAN loss: mean squared error of the discriminator output against 1 (real)
/// or 0 (fake), as in CycleGAN's `GANLoss('lsgan')`.
torch::Tensor lsganLoss(const torch::Tensor& prediction, bool real);

/// Cycle-consistency (and identity) L1 loss.
/// Without a weight it is mean(|reconstructed - original|).
/// With a per-pixel weight map (thesis ch. 4: atom regions weigh more) it is
/// sum(w * |a - b|) / sum(w), where w is broadcast to the shape of a (so a (H,W), (1,1,H,W) or
/// (B,1,H,W) map applies to every image and channel) and the sums run over the broadcast map:
/// the result is a weighted mean and equals the plain L1 for a constant map.
torch::Tensor cycleLoss(const torch::Tensor& reconstructed, const torch::Tensor& original,
                        const torch::Tensor& weight = {});

/// The paper's frequency-domain alignment L_FFT: L1 (mean over all elements) between the
/// magnitude spectra |rfft2| of two bottleneck maps of equal shape (B,C,H,W).
/// The FFT runs in float32 with norm "ortho" (inputs are cast: FFT does not take bf16), so the
/// magnitudes have the scale of the features whatever the map size. The half spectrum of rfft2
/// carries all information of a real map's magnitude spectrum.
torch::Tensor fftMagnitudeLoss(const torch::Tensor& zH, const torch::Tensor& zL);

/// The paper's distributional alignment L_CF (eq. 9, Supplementary Note IV): the empirical
/// characteristic functions of the two bottleneck feature sets are compared at M fixed probe
/// directions, by amplitude (L1) and by phase (circular distance 1 - cos dPhi).
///
/// Choices the paper leaves open, as made here:
/// - Feature set: each spatial location of a (B,C,H,W) map is one C-vector (B*H*W rows, all images
///   of the mini-batch pooled).
/// - Subsampling: above `maxSamples` rows, rows floor(k*N/maxSamples), k = 0..maxSamples-1, are
///   used: a uniform-stride subsample that is deterministic (no RNG state in the loss).
/// - Normalisation: channel-wise zero mean / unit variance (biased variance, eps 1e-5) with
///   statistics of the union of both subsampled sets. Shared statistics keep the scale
///   stable, as the paper asks, and still let the loss see a mean shift or a scale difference
///   between the domains; statistics per set would make the loss blind to exactly those
///   differences (the "atomic-position drift" the phase term is meant to catch).
/// - Probes: t_m, m = 1..M, drawn once with std::mt19937_64(seed) and a Box-Muller transform
///   written here (std::normal_distribution differs between standard libraries), so the probes
///   are identical on every platform and LibTorch version. Each component is
///   N(0, probeScale^2 / C): `probeScale` is the typical probe length |t|, independent of the
///   channel count. With unit-variance features t.u then has variance about probeScale^2, so at
///   the default 1.0 the CF of a Gaussian set is about exp(-1/2), far above the sampling noise
///   floor 1/sqrt(N); with N(0, probeScale^2) per component and C = 256 every probe would sit
///   at |phi| ~ exp(-128), i.e. in the noise.
/// - Amplitude: A = sqrt(re^2 + im^2 + eps^2) with eps = 1e-3 (kAmplitudeEpsilon), so its
///   gradient is finite at zero amplitude; 1e-3 is well below the noise floor of a 4096-row set.
/// - Phase: no atan2 (no angle wrapping, no undefined gradient at phi = 0; REFERENCE §1.5, as in
///   RCF-GAN): cos dPhi = (reH*reL + imH*imL + eps^2) / (A_H * A_L), the cosine between the
///   3-vectors (re, im, eps). It lies in [-1, 1] (Cauchy-Schwarz), equals 1 for identical
///   inputs even at zero amplitude, and fades to 0 loss where both amplitudes vanish and the
///   phase means nothing.
/// - Loss = mean_m [ |A_H - A_L| + phaseWeight * (1 - cos dPhi) ], computed in float32.
class CharacteristicFunctionLoss : public torch::nn::Module {
public:
    static constexpr double kAmplitudeEpsilon = 1e-3;
    static constexpr double kNormalisationEpsilon = 1e-5;

    /// @param channels     C of the feature maps
    /// @param probes       number of probe directions M
    /// @param probeScale   typical probe length |t| (components ~ N(0, probeScale^2 / C))
    /// @param phaseWeight  lambda_phi of the paper
    /// @param seed         seed of the probe directions
    /// @param maxSamples   feature rows used per set at most (uniform-stride subsample)
    explicit CharacteristicFunctionLoss(int64_t channels, int64_t probes = 64, double probeScale = 1.0,
                                        double phaseWeight = 1.0, uint64_t seed = 2024,
                                        int64_t maxSamples = 4096);

    /// zH, zL: (B,C,H,W) maps with the constructor's C (batch and spatial sizes may differ).
    /// Returns a 0-dim float32 tensor on the inputs' device.
    torch::Tensor operator()(const torch::Tensor& zH, const torch::Tensor& zL) const;

    /// The probe directions, (M, C) float32, registered as buffer "probes".
    const torch::Tensor& probes() const { return mProbes; }

    int64_t channels() const { return mChannels; }
    double phaseWeight() const { return mPhaseWeight; }
    int64_t maxSamples() const { return mMaxSamples; }

private:
    int64_t mChannels;
    double mPhaseWeight;
    int64_t mMaxSamples;
    torch::Tensor mProbes;
};

/// Soft Dice loss of a binary segmentation: 1 - (2*sum(p*t) + 1) / (sum(p) + sum(t) + 1) per image
/// (p = sigmoid(logits)), averaged over the batch. The +1 smoothing makes an empty target with an
/// empty prediction a perfect score. logits and target: (B, ...) of equal shape, target in [0,1].
torch::Tensor diceLoss(const torch::Tensor& logits, const torch::Tensor& target);

/// BCE-with-logits + Dice, the atom-column segmenter's loss: BCE gives per-pixel gradients from
/// the start, Dice counters the imbalance of few column pixels against much background.
torch::Tensor bceDiceLoss(const torch::Tensor& logits, const torch::Tensor& target);

} // namespace hrtem::models
