#pragma once
// What the multi-task patch classifier sees of a patch of the analysis' grid (patch_classifier.h):
// a square window of the frame prepared as the segmenters prepare frames (resampled to the
// network's reference period, contrast stretched; segment/segmentation_input.h), centred on the
// grid patch. The same in training and in the analysis. Plain OpenCV: no torch here.
#include "core/segment/segmentation_input.h"

#include <opencv2/core/mat.hpp>

#include <vector>

namespace hrtem {

/// The window (CV_32F, side × side, edges replicated) of `input` centred on the frame point
/// (x, y) in the frame's own pixels.
cv::Mat patchWindow(const segment::SegmentationInput& input, double x, double y, int side);

/// The windows of a grid of rows × cols patches of `patchSize` frame pixels, row-major.
std::vector<cv::Mat> gridWindows(const segment::SegmentationInput& input, int rows, int cols, int patchSize, int side);

} // namespace hrtem
