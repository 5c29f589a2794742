#pragma once
// How a frame is put before the segmentation networks, in training and in the analysis alike:
// resampled so that its lattice period becomes the network's reference period (a network that
// learnt at one magnification then works at any), and its contrast stretched between robust
// percentiles (HRTEM counts at any dose and HAADF intensities land on one scale, whatever the
// offset of the detector). Plain OpenCV: no torch here.
#include <opencv2/core/mat.hpp>

namespace hrtem::segment {

struct SegmentationInput {
    cv::Mat image;        ///< CV_32F, the resampled frame with its 1st..99th percentiles on [-1, 1]
    double scale = 1.0;   ///< network pixels per frame pixel
    cv::Size frameSize;   ///< the frame's own size

    /// A map of the network's (CV_32F, image's size) back onto the frame's pixels (bilinear).
    cv::Mat toFrame(const cv::Mat& map) const;
};

/// `frame` (CV_32F) with lattice period `period_px` prepared for a network whose reference
/// period is `referencePeriod_px`. Throws std::invalid_argument for a period that is not > 2 px
/// or a reference that is not positive.
SegmentationInput segmentationInput(const cv::Mat& frame, double period_px, double referencePeriod_px);

/// A 0/1 label mask (any depth; non-zero is 1) resampled like the frame, as CV_32F 0/1: the
/// label a training patch is scored against.
cv::Mat resampleMask(const cv::Mat& mask, const SegmentationInput& input);

} // namespace hrtem::segment
