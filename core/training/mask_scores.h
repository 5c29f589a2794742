#pragma once
// Pixel-level agreement of a predicted binary mask with a true one (the paper's segmentation
// metrics, Supplementary Note III).
#include <opencv2/core/mat.hpp>

namespace hrtem {

struct MaskScores {
    long truePositives = 0, falsePositives = 0, falseNegatives = 0;
    double precision = 0.0, recall = 0.0, dice = 0.0, iou = 0.0;

    /// Adds another frame's counts and recomputes the ratios (pooled over frames).
    void add(const MaskScores& other);
};

/// `predicted` and `truth` CV_8U of the same size; non-zero is foreground.
MaskScores scoreMasks(const cv::Mat& predicted, const cv::Mat& truth);

} // namespace hrtem
