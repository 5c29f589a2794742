#include "core/training/mask_scores.h"

#include <opencv2/core.hpp>

#include <stdexcept>

namespace hrtem {

namespace {

void computeRatios(MaskScores& s)
{
    const double tp = double(s.truePositives), fp = double(s.falsePositives), fn = double(s.falseNegatives);
    s.precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
    s.recall = tp + fn > 0 ? tp / (tp + fn) : 0.0;
    s.dice = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 1.0; // two empty masks agree
    s.iou = tp + fp + fn > 0 ? tp / (tp + fp + fn) : 1.0;
}

} // namespace

void MaskScores::add(const MaskScores& other)
{
    truePositives += other.truePositives;
    falsePositives += other.falsePositives;
    falseNegatives += other.falseNegatives;
    computeRatios(*this);
}

MaskScores scoreMasks(const cv::Mat& predicted, const cv::Mat& truth)
{
    if (predicted.type() != CV_8U || truth.type() != CV_8U || predicted.size() != truth.size())
        throw std::invalid_argument("scoreMasks: two CV_8U masks of the same size needed");
    const cv::Mat p = predicted != 0, t = truth != 0;
    MaskScores s;
    s.truePositives = cv::countNonZero(p & t);
    s.falsePositives = cv::countNonZero(p & ~t);
    s.falseNegatives = cv::countNonZero(~p & t);
    computeRatios(s);
    return s;
}

} // namespace hrtem
