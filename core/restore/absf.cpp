// Average background subtraction filter (ABSF; R. Kilaas, J. Microsc. 190 (1998) 45-51): the
// amplitude spectrum of an HRTEM frame is a smooth background (noise, amorphous support) with
// sharp lattice reflections on top. The background is estimated by smoothing the amplitude with
// the reflections progressively clipped away, then subtracted: W = max(0, |F| - B) / |F|.
#include "core/io/stack.h"
#include "core/restore/restore.h"
#include "core/restore/spectral.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace hrtem::restore {

cv::Mat absfFilter(const cv::Mat& frame, const AbsfSettings& settings, const std::atomic<bool>* cancel)
{
    detail::requireCounts(frame, "absfFilter");
    cv::Mat periodic, smooth;
    detail::periodicSmooth(frame, periodic, smooth);
    const cv::Mat spectrum = detail::forwardSpectrum(periodic);
    cv::Mat amplitude;
    cv::sqrt(detail::centredPower(spectrum), amplitude);
    throwIfCancelled(cancel);

    const double sigma = std::max(0.5, settings.backgroundSmoothing_px);
    auto blur = [&](const cv::Mat& in) {
        cv::Mat out;
        cv::GaussianBlur(in, out, cv::Size(), sigma, sigma, cv::BORDER_REFLECT);
        return out;
    };
    // Each round: smooth, then replace what stands above clipFactor x the smooth background (the
    // spots) by the background. Clipping relative to the original amplitude, not the previous
    // round, keeps noise-only regions at their mean instead of sliding towards their minimum.
    cv::Mat background = blur(amplitude);
    const float clip = static_cast<float>(std::max(1.0, settings.clipFactor));
    for (int i = 0; i < settings.iterations; ++i) {
        cv::Mat clipped(amplitude.size(), CV_32F);
        for (int y = 0; y < amplitude.rows; ++y) {
            const float* a = amplitude.ptr<float>(y);
            const float* b = background.ptr<float>(y);
            float* c = clipped.ptr<float>(y);
            for (int x = 0; x < amplitude.cols; ++x)
                c[x] = a[x] > clip * b[x] ? b[x] : a[x];
        }
        background = blur(clipped);
        throwIfCancelled(cancel);
    }

    cv::Mat level = amplitude;
    if (settings.weightSmoothing_px > 0)
        cv::GaussianBlur(amplitude, level, cv::Size(), settings.weightSmoothing_px, settings.weightSmoothing_px,
                         cv::BORDER_REFLECT);
    const double keep = settings.keepLowFrequency_px;
    const int cx = amplitude.cols / 2;
    const int cy = amplitude.rows / 2;
    cv::Mat weight(amplitude.size(), CV_32F);
    for (int y = 0; y < amplitude.rows; ++y) {
        const float* l = level.ptr<float>(y);
        const float* b = background.ptr<float>(y);
        float* w = weight.ptr<float>(y);
        for (int x = 0; x < amplitude.cols; ++x) {
            const double r2 = double(x - cx) * (x - cx) + double(y - cy) * (y - cy);
            if (r2 <= keep * keep) {
                w[x] = 1.0F;
                continue;
            }
            const double subtract = settings.backgroundScale * b[x];
            w[x] = l[x] > 0 ? static_cast<float>(std::max(0.0, l[x] - subtract) / l[x]) : 0.0F;
        }
    }
    weight.at<float>(cy, cx) = 1.0F;
    return detail::applySpectralWeight(spectrum, weight, smooth);
}

} // namespace hrtem::restore
