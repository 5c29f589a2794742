#pragma once
// Classical restoration of single HRTEM frames: the baselines the paper compares HRTEM-GAN
// against and the CPU fallback of the pipeline. Every method takes and returns counts (CV_32F)
// so that localization and the noise model downstream see the units they expect.
#include "core/locate/noise_model.h"

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <string>

namespace hrtem::restore {

/// Gan is HRTEM-GAN (gan_restorer.h): it needs its weights loaded, so restoreFrame does not run it.
enum class RestoreMethod { None, Wiener, Absf, Nlm, Bm3d, Gan };

/// "none", "wiener", "absf", "nlm", "bm3d", "gan" (case-sensitive); throws std::invalid_argument
/// naming the bad value and the accepted ones.
RestoreMethod parseRestoreMethod(const std::string& name);
std::string toString(RestoreMethod method);

/// Kilaas (1998) HRTEM Wiener filter: W(k) = max(0, S(k) - N) / S(k) on a smoothed power spectrum S,
/// with the white noise power N read off the high-frequency background of the spectrum.
struct WienerSettings {
    /// Noise power = median of the power spectrum over frequencies beyond this fraction of
    /// Nyquist (outside the objective aperture of a typical HRTEM setup only noise is left there).
    double noiseRadius = 0.75;
    /// Gaussian sigma (frequency pixels) of the smoothing of |F|^2 before the weighting: the raw
    /// periodogram fluctuates by 100% per pixel, lattice spots are a few pixels wide.
    double spectrumSmoothing_px = 1.5;
    /// Multiplies the estimated noise power (1: the plain Kilaas weighting). Over-subtraction
    /// (1.5) removes more of the noise that leaks through the smoothed weights (+0.9 dB PSNR on
    /// simulated frames) at the price of weak reflections; the default stays Kilaas' filter.
    double noiseScale = 1.0;
};

/// Kilaas (1998) average background subtraction filter: the background of the amplitude
/// spectrum (lattice spots removed by iterated smoothing and clipping) is subtracted,
/// W(k) = max(0, |F| - B) / |F|, so that only spots standing above the background pass.
struct AbsfSettings {
    double backgroundSmoothing_px = 10.0; ///< Gaussian sigma (frequency px) of the background estimate
    int iterations = 8;                  ///< smoothing / clipping rounds that flatten the spots
    /// Each round replaces amplitudes above clipFactor x the current background by the background:
    /// this removes spots but (unlike clipping at 1x) leaves the noise-only background unbiased.
    double clipFactor = 2.0;
    double weightSmoothing_px = 1.0;     ///< Gaussian sigma of the amplitude before the weighting
    double backgroundScale = 1.0;        ///< multiplies the background before the subtraction
    /// Frequencies below this (frequency px from the centre) pass unfiltered: the mean and the
    /// particle's outline are not background.
    double keepLowFrequency_px = 3.0;
};

/// Non-local means (Buades, Coll & Morel, IPOL 2011) on the Anscombe-stabilized frame (unit
/// noise): weights exp(-max(d^2 - 2 sigma^2, 0) / (h sigma)^2) of the mean squared patch difference d^2.
struct NlmSettings {
    double h = 0.55;         ///< filter strength, in noise standard deviations
    int templateWindow = 7;  ///< patch side (odd)
    int searchWindow = 31;   ///< search window side (odd): wide enough for several lattice repeats
};

/// BM3D (Dabov, Foi, Katkovnik & Egiazarian, IEEE TIP 16(8):2080-2095, 2007) on the
/// Anscombe-stabilized frame (sigma = 1): block matching, 2-D DCT + 1-D Walsh-Hadamard
/// transform of each group, hard thresholding, then a second, empirical-Wiener pass grouped
/// on the first estimate. Cost grows with (2 searchRadius + 1)^2 / step^2: the defaults take
/// ~1.3 s of CPU per 512 x 512 frame, split over the cores; searchRadius 16 gained 0.2 dB for
/// +45% time, 8 lost ~1.7 dB (fewer lattice repeats in reach); step 4 loses ~0.1 dB for -40%.
struct Bm3dSettings {
    int blockSize = 8;              ///< block side (the 2-D DCT is blockSize x blockSize)
    int step = 3;                   ///< stride between reference blocks
    int searchRadius = 12;          ///< block matching in a (2r+1)^2 window around the reference
    int maxGroupHard = 16;          ///< blocks per group, first pass (power of two)
    int maxGroupWiener = 16;        ///< blocks per group, second pass (power of two)
    double thresholdHard = 2.7;     ///< hard threshold, in sigma (Dabov's lambda_3D)
    /// First-pass matching may compare blocks of the frame blurred by a Gaussian of this sigma
    /// (px), in the role of Dabov's 2-D hard-threshold prefilter for very noisy images. 0 (raw
    /// blocks) is the default: on simulated frames at 6-200 counts/px the prefilter grouped worse
    /// (about 2-3 dB less PSNR gain), the lattice's repeats being found reliably without it.
    double matchPrefilter_px = 0.0;
    /// Largest mean squared difference of a first-pass group member to the reference, in units
    /// of what the noise alone gives for two equal (prefiltered) blocks.
    double matchHard = 3.0;
    /// Largest mean squared difference (sigma^2 units) between first estimates in a second-pass group.
    double matchWiener = 1.0;
    double kaiserBeta = 2.0;        ///< aggregation window
};

struct RestoreSettings {
    WienerSettings wiener;
    AbsfSettings absf;
    NlmSettings nlm;
    Bm3dSettings bm3d;
};

/// Restores one frame. `frame` holds counts (CV_32F, single channel); the result has the same
/// size, type and units. Wiener and ABSF act on the whole spectrum: an isolated outlier (hot
/// pixel, X-ray hit) spreads over the frame as ringing, so such pixels belong removed beforehand. `noise` describes the detector (used by NLM and BM3D for the
/// Anscombe transform); when null it is estimated from the frame (estimateNoiseModel).
/// Throws std::invalid_argument on another image type and hrtem::Cancelled when `cancel` is set.
cv::Mat restoreFrame(const cv::Mat& frame, RestoreMethod method, const RestoreSettings& settings = {},
                     const NoiseModel* noise = nullptr, const std::atomic<bool>* cancel = nullptr);

/// The individual methods (counts in, counts out). Same contract as restoreFrame.
cv::Mat wienerFilter(const cv::Mat& frame, const WienerSettings& settings, const std::atomic<bool>* cancel = nullptr);
cv::Mat absfFilter(const cv::Mat& frame, const AbsfSettings& settings, const std::atomic<bool>* cancel = nullptr);
cv::Mat nlmDenoise(const cv::Mat& frame, const NoiseModel& noise, const NlmSettings& settings,
                   const std::atomic<bool>* cancel = nullptr);
cv::Mat bm3dDenoise(const cv::Mat& frame, const NoiseModel& noise, const Bm3dSettings& settings,
                    const std::atomic<bool>* cancel = nullptr);

/// NLM and BM3D for white Gaussian noise of standard deviation `sigma` (any units): the cores
/// that nlmDenoise and bm3dDenoise run on the stabilized frame.
cv::Mat nlmGaussian(const cv::Mat& image, double sigma, const NlmSettings& settings,
                    const std::atomic<bool>* cancel = nullptr);
cv::Mat bm3dGaussian(const cv::Mat& image, double sigma, const Bm3dSettings& settings,
                     const std::atomic<bool>* cancel = nullptr);

} // namespace hrtem::restore
