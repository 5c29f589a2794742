#pragma once
// Finding atom columns in a frame and placing them with sub-pixel precision.
#include "core/locate/atom.h"
#include "core/locate/noise_model.h"
#include "core/locate/temporal_pool.h"

#include <opencv2/core/mat.hpp>

#include <vector>

namespace hrtem {

struct LocalizationSettings {
    enum class Polarity { Auto, Dark, Bright };
    Polarity polarity = Polarity::Auto;
    double period_px = 0.0;      ///< lattice fringe period; 0: from the frame's FFT
    double threshold = 0.0;      ///< detection threshold in noise sigmas; 0: automatic
    bool crystalOnly = true;     ///< search only where lattice fringes are (plus a margin)
    int fitPasses = 2;           ///< passes of fitting with neighbours' fits subtracted
    int refitIterations = 80;    ///< most iterations of a later pass (it starts from the previous fit)
    bool latticeFill = true;     ///< look again at sites the found columns' lattice predicts
    bool reversedContrast = true; ///< also columns of the other contrast where the crystal is thick
    /// after the fits, look again for columns under the found ones' subtracted models
    bool hiddenColumns = true;
    double fillThreshold = 1.5;  ///< weaker evidence (noise sigmas) accepted at predicted sites
    /// period_px is the column spacing already (set when the period was re-estimated from the
    /// columns found, so that it is not re-estimated again).
    bool periodFromColumns = false;
};

struct LocalizationReport {
    double period_px = 0.0;      ///< the column-scale period used (may be shorter than the given one)
    int polarity = 0;            ///< -1 dark, +1 bright
    double threshold = 0.0;
    double ringThreshold = 0.0;  ///< significance a spot beyond the margin (an adatom) needed: the support's 99th percentile
    int pooledFrames = 1;        ///< frames pooled to find the crystal and the candidates
    NoiseModel noise;
    int candidates = 0;
    int filled = 0;              ///< columns found at lattice-predicted sites
    int hidden = 0;              ///< columns found once the brighter ones' models were subtracted
};

/// What the segmentation networks (core/segment) say of a frame, as frame-sized CV_32F
/// probabilities; an empty map is not used.
struct SegmentationMaps {
    /// Of an atom column: the candidates are its regions above one half (at their
    /// probability-weighted centres) instead of the column response's maxima, and the map alone
    /// decides which columns there are (no lattice fill, hidden or reversed-contrast search).
    cv::Mat columns;
    /// Of the crystal: the crystal region instead of the one the lattice fringes' energy gives.
    cv::Mat particle;
};

/// Columns found in `frame` (CV_32F), refined by 2-D Gaussian fits. Works on raw frames and on
/// restored ones (pass the noise model of the raw frame through `noise` for restored input,
/// or leave it empty to estimate one from `frame`). With `pooled` (neighbouring frames aligned
/// and averaged, temporal_pool.h), the crystal and the candidate sites come from the pool and
/// the fits from `frame`; a pooled site that holds no column in `frame` is dropped. With `maps`,
/// the networks' maps stand in for the classical crystal region and candidates (the fits, their
/// σ and the checks of the surroundings stay the same).
std::vector<Atom> localizeColumns(const cv::Mat& frame, const LocalizationSettings& settings = {},
                                  LocalizationReport* report = nullptr, const NoiseModel* noise = nullptr,
                                  const PooledFrame* pooled = nullptr, const SegmentationMaps* maps = nullptr);

/// The median column response (difference of Gaussians at column scale, in noise sigmas,
/// oriented by `polarity`) of `frame` at the given columns: how clearly one frame shows them.
double medianColumnResponse(const cv::Mat& frame, const std::vector<Atom>& columns, double period, const NoiseModel& noise,
                            int polarity);

} // namespace hrtem
