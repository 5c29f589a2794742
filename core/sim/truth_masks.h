#pragma once
// The label masks a simulation's truth holds, drawn from column positions by one rule for every
// generator (the fcc [110] multislice movies, the Z-contrast structure images, and the scripts
// that label ../shared/eval's movies the same way): column discs, and the particle as discs of
// half the nearest-neighbour distance around every column, closed so the lattice's gaps fill.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <vector>

namespace hrtem::sim {

/// CV_8U, 255 at pixel centres within `radius_px` of a column (sub-pixel positions, pixel (0,0)
/// centred at (0,0)).
cv::Mat columnDiscMask(const std::vector<cv::Point2d>& columns, cv::Size size, double radius_px);

/// CV_8U, 255 on the particle: discs of half `nearestNeighbour_px` around every column, closed by
/// a disc of the nearest-neighbour distance.
cv::Mat particleMaskOfColumns(const std::vector<cv::Point2d>& columns, cv::Size size, double nearestNeighbour_px);

} // namespace hrtem::sim
