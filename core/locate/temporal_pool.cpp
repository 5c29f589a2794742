#include "core/locate/temporal_pool.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace hrtem {

cv::Point2d frameShift(const cv::Mat& reference, const cv::Mat& moving)
{
    CV_Assert(reference.type() == CV_32F && moving.type() == CV_32F && reference.size() == moving.size());
    // Half resolution: drift is smooth, and a quarter of the pixels costs a quarter of the FFTs.
    const bool halve = reference.cols >= 128 && reference.rows >= 128;
    cv::Mat a, b;
    if (halve) {
        cv::resize(reference, a, cv::Size(reference.cols / 2, reference.rows / 2), 0, 0, cv::INTER_AREA);
        cv::resize(moving, b, a.size(), 0, 0, cv::INTER_AREA);
    } else {
        a = reference;
        b = moving;
    }
    cv::Mat a64, b64, window;
    a.convertTo(a64, CV_64F);
    b.convertTo(b64, CV_64F);
    cv::createHanningWindow(window, a64.size(), CV_64F);
    // phaseCorrelate(a, b) is the shift of b relative to a: b(x) ~ a(x - s). Carrying b onto a
    // is a shift by -s.
    const cv::Point2d s = cv::phaseCorrelate(a64, b64, window);
    const double scale = halve ? 2.0 : 1.0;
    const cv::Point2d shift(-s.x * scale, -s.y * scale);
    // A shift beyond a quarter of the field is no drift between neighbouring frames: the
    // correlation locked onto something else (an empty frame, a scan glitch).
    if (std::abs(shift.x) > 0.25 * reference.cols || std::abs(shift.y) > 0.25 * reference.rows)
        return {0.0, 0.0};
    return shift;
}

PooledFrame poolFrames(const std::vector<cv::Mat>& frames, std::size_t centre)
{
    CV_Assert(!frames.empty() && centre < frames.size());
    PooledFrame pooled;
    pooled.frames = static_cast<int>(frames.size());
    cv::Mat sum;
    frames[centre].convertTo(sum, CV_64F);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (i == centre)
            continue;
        const cv::Point2d shift = frameShift(frames[centre], frames[i]);
        cv::Mat moved;
        const cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, shift.x, 0, 1, shift.y);
        cv::warpAffine(frames[i], moved, m, frames[i].size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::Mat moved64;
        moved.convertTo(moved64, CV_64F);
        sum += moved64;
    }
    sum.convertTo(pooled.mean, CV_32F, 1.0 / static_cast<double>(frames.size()));
    return pooled;
}

NoiseModel pooledNoise(const NoiseModel& single, int n)
{
    NoiseModel pooled = single;
    const double k = 1.0 / std::max(1, n);
    pooled.gain *= k;
    pooled.readVariance *= k;
    return pooled;
}

int framesToPool(double singleFrameSignificance, double target, int most)
{
    const int largestOdd = std::max(1, most % 2 == 1 ? most : most - 1);
    if (!(singleFrameSignificance > 0))
        return largestOdd; // no column seen in one frame: pool all that is allowed
    if (singleFrameSignificance >= target)
        return 1;
    const double ratio = target / singleFrameSignificance;
    const int n = static_cast<int>(std::min(1e6, std::ceil(ratio * ratio)));
    return std::min(largestOdd, n % 2 == 1 ? n : n + 1);
}

std::pair<int, int> poolWindow(int frame, int count, int first, int end)
{
    const int n = std::max(1, std::min(count, end - first));
    int begin = frame - n / 2;
    begin = std::clamp(begin, first, end - n);
    return {begin, begin + n};
}

} // namespace hrtem
