#pragma once
// Whether a restored frame shows only what the raw frame supports (issue 20). A restoration
// (Wiener, BM3D, HRTEM-GAN) turns a noisy frame into a clean-looking one; a generator trained
// on other data can also draw columns that are not there. Each column found on the restored
// frame is checked against the raw counts, with the raw frame's own noise model:
//   predicted  R = the column's contrast on the restored frame (disc mean minus the ring
//                  around it at half a spacing, signed by the movie's column polarity);
//   observed   O = the same measure on the raw frame, whose noise gives its variance.
// A sound restoration predicts what the raw frame holds: sum(O) ≈ sum(R) within the noise.
// A hallucinating one predicts contrast the raw frame lacks (or has the other way round).
// Per frame and per region (a grid of cells) the support ratio sum(O)/sum(R) is reported with
// the significance of its deficit; a frame or region is flagged when both say the raw data do
// not back the restored columns.
// A restoration can also fail the other way, erasing or inverting the columns the raw frame
// holds (a generator trained on the other polarity): then it finds few columns to check. So the
// columns found on the raw frame itself (clearly detected ones) are checked the other way round:
//   kept = sum(R) / sum(O) over them
// the share of the raw columns' contrast the restored frame keeps: about 1 for a sound
// restoration whatever the dose, 0 when erased, below 0 when inverted.
// The residual raw − restored is also compared with the noise model (its mean normalized
// square, 1 where the restored frame is the clean signal).
#include "core/locate/atom.h"
#include "core/locate/noise_model.h"

#include <opencv2/core.hpp>

#include <vector>

namespace hrtem {

struct TrustSettings {
    /// Flag below this support ratio ...
    double minSupport = 0.5;
    /// ... when the deficit is this many standard deviations of the raw noise.
    double minDeficitSigma = 4.0;
    /// Flag below this share of the raw columns' contrast kept (when the shortfall is also
    /// minDeficitSigma standard deviations) ...
    double minKept = 0.5;
    double minRawSignificance = 5.0; ///< ... over raw columns detected at least this clearly
    int gridCells = 4;        ///< regions: gridCells x gridCells cells
    int minColumnsPerCell = 4; ///< fewer restored columns than this in a cell: not judged
};

struct TrustRegion {
    cv::Rect area;            ///< px
    int columns = 0;
    double support = 1.0;     ///< sum(O) / sum(R)
    double deficitSigma = 0;  ///< (sum R − sum O) / noise sd of sum O
    bool flagged = false;
};

struct RestorationTrust {
    bool judged = false;      ///< false: too few columns to say
    double support = 1.0;     ///< frame-wide sum(O) / sum(R)
    double deficitSigma = 0.0;
    double residualChi2 = 1.0; ///< mean (raw − restored)² / noise variance
    double signalKept = 1.0;   ///< sum(R) / sum(O) over the raw frame's clear columns
    double keptDeficitSigma = 0.0; ///< (sum O − sum R) / noise sd of sum O there
    bool keptJudged = false;   ///< enough clear raw columns to say
    bool flagged = false;      ///< the frame, or any region of it
    std::vector<TrustRegion> regions; ///< flagged ones only
    int unsupportedColumns = 0; ///< restored columns whose own raw contrast is below zero by > 2 sd
};

/// `raw` and `restored` in counts (CV_32F, same size), `columns` found on `restored`,
/// `rawColumns` found on `raw` (with their significance),
/// `polarity` +1 bright / −1 dark columns, `nearestNeighbour_px` the column spacing (the ring
/// sits at half of it), `noise` the raw frame's model.
RestorationTrust checkRestoration(const cv::Mat& raw, const cv::Mat& restored, const std::vector<Atom>& columns,
                                  const std::vector<Atom>& rawColumns, int polarity, double nearestNeighbour_px, const NoiseModel& noise,
                                  const TrustSettings& settings = {});

} // namespace hrtem
