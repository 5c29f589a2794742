#include "core/image/contrast.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {
std::vector<float> finiteSamples(const cv::Mat& frame, std::size_t maxSamples)
{
    const std::size_t total = frame.total();
    const int step = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(total) / static_cast<double>(maxSamples))));
    std::vector<float> samples;
    samples.reserve(total / static_cast<std::size_t>(step * step) + frame.cols);
    for (int y = 0; y < frame.rows; y += step) {
        const float* row = frame.ptr<float>(y);
        for (int x = 0; x < frame.cols; x += step)
            if (std::isfinite(row[x]))
                samples.push_back(row[x]);
    }
    return samples;
}
} // namespace

DisplayLevels percentileLevels(const cv::Mat& frame, double lowPercent, double highPercent)
{
    CV_Assert(frame.type() == CV_32F);
    std::vector<float> samples = finiteSamples(frame, 1u << 20);
    if (samples.empty())
        return {0.0, 1.0};
    auto at = [&](double percent) {
        const double p = std::clamp(percent, 0.0, 100.0) / 100.0;
        const auto k = static_cast<std::size_t>(std::llround(p * static_cast<double>(samples.size() - 1)));
        std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k), samples.end());
        return static_cast<double>(samples[k]);
    };
    DisplayLevels levels{at(lowPercent), at(highPercent)};
    if (!(levels.high > levels.low)) // flat frame: a window around the value
        levels = {levels.low - 0.5, levels.low + 0.5};
    return levels;
}

Histogram computeHistogram(const cv::Mat& frame, int bins, double low, double high)
{
    CV_Assert(frame.type() == CV_32F && bins > 0);
    Histogram h;
    h.low = low;
    h.high = high > low ? high : low + 1.0;
    h.counts.assign(static_cast<std::size_t>(bins), 0.0);
    const double scale = bins / (h.high - h.low);
    for (int y = 0; y < frame.rows; ++y) {
        const float* row = frame.ptr<float>(y);
        for (int x = 0; x < frame.cols; ++x) {
            if (!std::isfinite(row[x]))
                continue;
            const auto bin = static_cast<long>(std::floor((row[x] - h.low) * scale));
            h.counts[static_cast<std::size_t>(std::clamp<long>(bin, 0, bins - 1))] += 1.0;
        }
    }
    return h;
}

cv::Mat renderGrey8(const cv::Mat& frame, const DisplayLevels& levels)
{
    CV_Assert(frame.type() == CV_32F);
    cv::Mat out(frame.rows, frame.cols, CV_8U);
    const double range = levels.high > levels.low ? levels.high - levels.low : 1.0;
    const float scale = static_cast<float>(255.0 / range);
    const auto low = static_cast<float>(levels.low);
    for (int y = 0; y < frame.rows; ++y) {
        const float* in = frame.ptr<float>(y);
        std::uint8_t* o = out.ptr<std::uint8_t>(y);
        for (int x = 0; x < frame.cols; ++x) {
            const float v = (in[x] - low) * scale;
            o[x] = std::isfinite(v) ? static_cast<std::uint8_t>(std::clamp(v + 0.5F, 0.0F, 255.0F)) : 0;
        }
    }
    return out;
}

} // namespace hrtem
