#include "core/segment/segmentation_input.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace hrtem::segment {

namespace {

cv::Size scaledSize(cv::Size size, double scale)
{
    return {std::max(1, static_cast<int>(std::lround(size.width * scale))),
            std::max(1, static_cast<int>(std::lround(size.height * scale)))};
}

/// The value below which `fraction` of the pixels lie.
float percentile(const cv::Mat& image, double fraction)
{
    std::vector<float> values(image.begin<float>(), image.end<float>());
    const auto k = static_cast<std::ptrdiff_t>(fraction * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + k, values.end());
    return values[static_cast<std::size_t>(k)];
}

} // namespace

cv::Mat SegmentationInput::toFrame(const cv::Mat& map) const
{
    cv::Mat out;
    cv::resize(map, out, frameSize, 0, 0, cv::INTER_LINEAR);
    return out;
}

SegmentationInput segmentationInput(const cv::Mat& frame, double period_px, double referencePeriod_px)
{
    CV_Assert(frame.type() == CV_32F && !frame.empty());
    if (!(period_px > 2.0) || !(referencePeriod_px > 0.0))
        throw std::invalid_argument("segmentation needs the lattice period (got " + std::to_string(period_px) +
                                    " px) and the network's reference period (" + std::to_string(referencePeriod_px) + " px)");
    SegmentationInput in;
    in.frameSize = frame.size();
    in.scale = referencePeriod_px / period_px;
    cv::Mat resampled;
    // Area averaging when shrinking: the counts of the pixels merged add up, as a coarser
    // detector would have seen them.
    cv::resize(frame, resampled, scaledSize(frame.size(), in.scale), 0, 0, in.scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const float low = percentile(resampled, 0.01), high = percentile(resampled, 0.99);
    const double range = high > low ? double(high) - double(low) : 1.0;
    resampled.convertTo(in.image, CV_32F, 2.0 / range, -1.0 - 2.0 * double(low) / range);
    return in;
}

cv::Mat resampleMask(const cv::Mat& mask, const SegmentationInput& input)
{
    cv::Mat binary;
    cv::Mat(mask != 0).convertTo(binary, CV_32F, 1.0 / 255.0);
    cv::Mat resampled;
    cv::resize(binary, resampled, input.image.size(), 0, 0, input.scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat out;
    cv::Mat(resampled >= 0.5f).convertTo(out, CV_32F, 1.0 / 255.0);
    return out;
}

} // namespace hrtem::segment
