// Kilaas-style HRTEM Wiener filter (R. Kilaas, "Optimal and near-optimal filters in
// high-resolution electron microscopy", J. Microsc. 190 (1998) 45-51): the power spectrum S of
// the frame is signal plus a noise floor N; each frequency is weighted by (S - N) / S, so that
// lattice spots (S >> N) pass and frequencies at the noise floor are suppressed. N is taken from
// the background of the spectrum itself (its high-frequency part), not from a detector model.
#include "core/io/stack.h"
#include "core/restore/restore.h"
#include "core/restore/spectral.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace hrtem::restore {

cv::Mat wienerFilter(const cv::Mat& frame, const WienerSettings& settings, const std::atomic<bool>* cancel)
{
    detail::requireCounts(frame, "wienerFilter");
    cv::Mat periodic, smooth;
    detail::periodicSmooth(frame, periodic, smooth);
    const cv::Mat spectrum = detail::forwardSpectrum(periodic);
    const cv::Mat power = detail::centredPower(spectrum);
    throwIfCancelled(cancel);

    // Noise floor: median of the periodogram beyond noiseRadius (x Nyquist). For white noise the
    // periodogram is exponentially distributed, whose mean is median / ln 2; the median ignores
    // the few lattice reflections that reach out there.
    const cv::Mat radius = detail::normalizedRadius(power.size());
    std::vector<float> outer;
    outer.reserve(power.total() / 2);
    for (int y = 0; y < power.rows; ++y) {
        const float* p = power.ptr<float>(y);
        const float* r = radius.ptr<float>(y);
        for (int x = 0; x < power.cols; ++x)
            if (r[x] >= settings.noiseRadius)
                outer.push_back(p[x]);
    }
    if (outer.empty()) // a tiny frame or a radius beyond the corners: use the whole spectrum
        outer.assign(power.begin<float>(), power.end<float>());
    const auto middle = outer.begin() + static_cast<std::ptrdiff_t>(outer.size() / 2);
    std::nth_element(outer.begin(), middle, outer.end());
    const double noisePower = settings.noiseScale * static_cast<double>(*middle) / std::log(2.0);

    cv::Mat smoothed = power;
    if (settings.spectrumSmoothing_px > 0)
        cv::GaussianBlur(power, smoothed, cv::Size(), settings.spectrumSmoothing_px, settings.spectrumSmoothing_px,
                         cv::BORDER_REFLECT);
    cv::Mat weight(power.size(), CV_32F);
    for (int y = 0; y < power.rows; ++y) {
        const float* s = smoothed.ptr<float>(y);
        float* w = weight.ptr<float>(y);
        for (int x = 0; x < power.cols; ++x)
            w[x] = s[x] > 0 ? static_cast<float>(std::max(0.0, s[x] - noisePower) / s[x]) : 0.0F;
    }
    // The mean is never noise (smoothing would otherwise spread the DC peak's weight around).
    weight.at<float>(power.rows / 2, power.cols / 2) = 1.0F;
    throwIfCancelled(cancel);
    return detail::applySpectralWeight(spectrum, weight, smooth);
}

} // namespace hrtem::restore
