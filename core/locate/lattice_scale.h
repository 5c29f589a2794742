#pragma once
// The crystal's scale and where the crystal is, read from the image itself.
#include <opencv2/core/mat.hpp>

namespace hrtem {

struct LatticePeriod {
    double period_px = 0.0; ///< strongest lattice fringe period (0 if none found)
    double contrast = 0.0;  ///< peak power over the radial median: how clearly there is a lattice
};

/// Strongest periodicity between 2.5 px and a quarter of the frame, from the radially averaged
/// power spectrum of the Hann-windowed frame (sub-bin refined): the strongest maximum that
/// stands three times above the spectrum around it (0.7-0.85 and 1.15-1.3 times its radius),
/// or, when none does, the strongest maximum.
LatticePeriod estimateLatticePeriod(const cv::Mat& frame);

/// Where lattice fringes are (CV_8U 0/255): power in the band 0.75-1.35 times the lattice
/// frequency, smoothed over half a period, thresholded between crystal and the rest (Otsu on its
/// logarithm), then grown by `margin_px` so surface columns and adatoms are inside.
cv::Mat crystalMask(const cv::Mat& frame, double period_px, double margin_px);

} // namespace hrtem
