#pragma once
// The restoration comparison of the paper on simulated movies, where the truth is known: for
// each method (none, the classical filters, HRTEM-GAN) the image quality against the noise-free
// frames and what localization makes of the restored frames. `hrtem evaluate-restoration`.
#include "core/util/progress.h"
#include "core/evaluate/evaluation.h"
#include "core/restore/gan_restorer.h"
#include "core/training/mask_scores.h"

#include <Eigen/Core>
#include <nlohmann/json.hpp>
#include <opencv2/core/mat.hpp>

#include <atomic>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace hrtem::restore {

/// Other HRTEM-GAN weights scored as a method of their own, e.g. thesis ch. 4's variants (the
/// mask-weighted cycle loss, the joint training with a generation-guided segmenter).
struct GanVariant {
    std::string label;   ///< the method's name in the table ("gan-mask"); not a method's name
    std::string weights; ///< its safetensors file
};

struct RestorationEvaluationSettings {
    /// Column polarity to localize with: 0 decides from the raw first frame, as the analysis does.
    int polarity = 0;
    std::string simulation;                 ///< a folder written by `hrtem simulate`
    std::vector<std::string> methods = {"none", "wiener", "absf", "nlm", "bm3d", "gan"};
    GanRestoreSettings gan;                 ///< weights and device for "gan"
    std::vector<GanVariant> ganVariants;    ///< scored after the methods, on gan's device
    int frames = 10;                        ///< the first N frames (0: all)
    /// FID and KL against high-quality patches: the noise-free frames that follow the ones
    /// evaluated (frames N to 2N - 1, or the evaluated ones' when the movie is too short), in
    /// the features of this atom-column network ("" for none: no FID/KL).
    std::string featureWeights;
};

struct MethodScores {
    std::string method;
    double psnr_dB = 0.0;         ///< against the noise-free frame, peak = its data range
    double psnrGain_dB = 0.0;     ///< over the unrestored input: 10 log10(MSE_input / MSE_restored)
    double ssim = 0.0;
    DetectionScore localization;  ///< columns found on the restored frames (matched within 0.3 nn)
    double secondsPerFrame = 0.0; ///< restoration only, wall clock
    /// Detections farther than one spacing from every true column (on the support or in
    /// vacuum, where a restoration may invent a lattice), as a share of all detections.
    double offParticleFalse = 0.0;
    int trustFlaggedFrames = 0;   ///< frames the trust check (restoration_trust.h) flags
    double meanSupport = 1.0;     ///< its support ratio, averaged over the frames
    /// Distribution of the restored frames' 64 px patches against high-quality patches, in the
    /// shipped atom-column U-Net's bottleneck features (patchFeatures): NaN when not computed.
    double fid = std::numeric_limits<double>::quiet_NaN();
    double kl = std::numeric_limits<double>::quiet_NaN();
    /// The paper's downstream segmentation scores: the same network's column map (probability
    /// > 0.5) of the restored frames against the simulation's truth/column_mask.tif, pixels pooled
    /// over the frames (Precision, Dice, IoU). Computed with the features; zero counts otherwise.
    MaskScores segmentation;
    /// With the features: up to 40 patches' feature rows (for the t-SNE picture) and the mean
    /// Hann-windowed log power spectrum of all its 64 px patches (64 x 64, zero frequency centred).
    Eigen::MatrixXd sampleFeatures;
    cv::Mat meanLogSpectrum;
    std::string weights, weightsSha256; ///< a network's weights (HRTEM-GAN and its variants)
    /// Weights trained jointly with a generation-guided segmenter (hrtem train joint, which writes
    /// WEIGHTS.segmenter.safetensors beside them): that segmenter's columns on the raw frames,
    /// through this generator, against the truth's masks (evaluateGuidedSegmenter). Else empty.
    std::string guidedSegmenter;
    MaskScores guidedSegmentation;
};

struct RestorationEvaluation {
    std::string simulation;
    double countsPerPixel = 0.0;
    int frames = 0;
    std::string ganWeights, ganSha256, ganDescription;
    std::string featureNetwork;   ///< which network's which layer FID and KL read, or empty
    std::string hqReference;      ///< which frames the high-quality patches came from
    std::vector<MethodScores> methods;
    Eigen::MatrixXd hqSampleFeatures; ///< the reference's sample, as sampleFeatures
};

/// Throws IoError (missing simulation files, weights), std::invalid_argument (unknown method),
/// hrtem::Cancelled.
RestorationEvaluation evaluateRestoration(const RestorationEvaluationSettings& settings, const Progress& progress = {});

nlohmann::json toJson(const RestorationEvaluation& evaluation);
/// The paper's pictures of the distributions into `folder`: tsne.csv (set, x, y: a t-SNE map of
/// the sampled patches of the high-quality reference and of every method, tsne.h) and
/// spectra.tif (one page per method, its mean Hann-windowed log spectrum; spectra.csv names the
/// pages). Needs an evaluation with features. Throws IoError.
void writeDistributionFigures(const RestorationEvaluation& evaluation, const std::string& folder);

/// A plain-text table, one row per method.
std::string formatTable(const RestorationEvaluation& evaluation);

} // namespace hrtem::restore
