// Non-local means (A. Buades, B. Coll & J.-M. Morel, "Non-local means denoising", Image
// Processing On Line 1 (2011)) on the variance-stabilized frame, own float implementation.
//
// Why not cv::fastNlMeansDenoising: its weight is exp(-d^2 / h^2) of the raw patch distance d.
// In low-dose HRTEM the lattice contrast is a fraction of the noise, so d of similar and of
// dissimilar patches differ by a few percent and those weights barely discriminate: on simulated
// frames at 20 counts/px it gained 2.5-4 dB less PSNR (16-bit quantized, NORM_L1, h and windows
// tuned) than this version, which uses Buades' weight exp(-max(d^2 - 2 sigma^2, 0) / h^2) (the
// noise's own contribution 2 sigma^2 to the mean squared patch difference removed) and takes
// a similar time (~0.5 s of CPU per 512 x 512 frame).
//
// Computation by search offset: for one offset the squared differences of the whole strip are
// box-filtered into all patch distances at once, so each offset costs a few passes over the strip.
// Strips of rows run in parallel and are small enough to stay in cache.
#include "core/io/stack.h"
#include "core/restore/anscombe.h"
#include "core/restore/restore.h"
#include "core/restore/spectral.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace hrtem::restore {

cv::Mat nlmGaussian(const cv::Mat& image, double sigma, const NlmSettings& settings, const std::atomic<bool>* cancel)
{
    detail::requireCounts(image, "nlmGaussian");
    if (settings.templateWindow < 1 || settings.templateWindow % 2 == 0 || settings.searchWindow < 1 ||
        settings.searchWindow % 2 == 0)
        throw std::invalid_argument("nlmGaussian: template and search windows must be odd and positive");
    if (sigma <= 0 || settings.h <= 0)
        return image.clone();
    const int f = settings.templateWindow / 2;
    const int r = settings.searchWindow / 2;
    const int pad = f + r;
    const int rows = image.rows;
    const int cols = image.cols;
    cv::Mat padded;
    // BORDER_REFLECT_101 needs the frame to be larger than the border; plain reflection repeats.
    cv::copyMakeBorder(image, padded, pad, pad, pad, pad,
                       std::min(rows, cols) > pad ? cv::BORDER_REFLECT_101 : cv::BORDER_REPLICATE);
    const double noiseFloor = 2.0 * sigma * sigma;
    const double decay = -1.0 / (settings.h * settings.h * sigma * sigma);
    const double area = double(2 * f + 1) * (2 * f + 1);
    constexpr int kStripRows = 64;
    const int strips = (rows + kStripRows - 1) / kStripRows;
    cv::Mat out(image.size(), CV_32F);
    std::atomic<bool> stopped{false};
    cv::parallel_for_(cv::Range(0, strips), [&](const cv::Range& range) {
        for (int strip = range.start; strip < range.end; ++strip) {
            if (stopped || (cancel != nullptr && cancel->load(std::memory_order_relaxed))) {
                stopped = true;
                return;
            }
            const int r0 = strip * kStripRows;
            const int n = std::min(kStripRows, rows - r0);
            cv::Mat acc = cv::Mat::zeros(n, cols, CV_32F);
            cv::Mat weightSum = cv::Mat::zeros(n, cols, CV_32F);
            cv::Mat weightMax = cv::Mat::zeros(n, cols, CV_32F);
            cv::Mat diff, weight;
            // Offsets in pairs d, -d: the patch distance between q and q + d serves the pixel q
            // (candidate q + d) and the pixel q + d (candidate q), so one distance map, computed
            // over the strip and its copy shifted by -d, gives both offsets' weights.
            for (int dy = 0; dy <= r; ++dy)
                for (int dx = -r; dx <= r; ++dx) {
                    if (dy == 0 && dx <= 0)
                        continue;
                    // Region of q (padded coordinates of the patch centres): strip rows shifted up by
                    // dy, columns covering both the strip and the strip shifted by -dx.
                    const int qx0 = pad + std::min(0, -dx);
                    const int qy0 = pad + r0 - dy;
                    const int qw = cols + std::abs(dx);
                    const int qh = n + dy;
                    const cv::Rect here(qx0 - f, qy0 - f, qw + 2 * f, qh + 2 * f);
                    cv::subtract(padded(here), padded(here + cv::Point(dx, dy)), diff);
                    cv::multiply(diff, diff, diff);
                    cv::boxFilter(diff, diff, CV_32F, cv::Size(2 * f + 1, 2 * f + 1), cv::Point(-1, -1), false,
                                  cv::BORDER_REPLICATE);
                    // exp(-max(mean squared difference - 2 sigma^2, 0) / h^2), the max folded into a min
                    // after the (negative) scaling.
                    diff(cv::Rect(f, f, qw, qh)).convertTo(weight, CV_32F, decay / area, -noiseFloor * decay);
                    cv::min(weight, 0.0, weight);
                    cv::exp(weight, weight);
                    // Pixel p = q with candidate p + d, and pixel p = q + d with candidate p - d.
                    const cv::Mat forward = weight(cv::Rect(pad - qx0, pad + r0 - qy0, cols, n));
                    const cv::Mat backward = weight(cv::Rect(pad - dx - qx0, pad + r0 - dy - qy0, cols, n));
                    cv::accumulateProduct(forward, padded(cv::Rect(pad + dx, pad + r0 + dy, cols, n)), acc);
                    cv::accumulateProduct(backward, padded(cv::Rect(pad - dx, pad + r0 - dy, cols, n)), acc);
                    cv::add(weightSum, forward, weightSum);
                    cv::add(weightSum, backward, weightSum);
                    cv::max(weightMax, forward, weightMax);
                    cv::max(weightMax, backward, weightMax);
                }
            // The pixel's own patch would always weigh 1; Buades et al. give it the largest weight
            // of the others instead, so that it does not dominate where no good match exists.
            // Where every weight underflowed (an outlier pixel with no similar patch in reach),
            // the floor keeps the pixel as it is instead of dividing zero by zero.
            cv::max(weightMax, 1e-30, weightMax);
            cv::accumulateProduct(weightMax, padded(cv::Rect(pad, pad + r0, cols, n)), acc);
            cv::add(weightSum, weightMax, weightSum);
            cv::Mat result = out.rowRange(r0, r0 + n);
            cv::divide(acc, weightSum, result);
        }
    });
    if (stopped)
        throwIfCancelled(cancel);
    return out;
}

cv::Mat nlmDenoise(const cv::Mat& frame, const NoiseModel& noise, const NlmSettings& settings,
                   const std::atomic<bool>* cancel)
{
    detail::requireCounts(frame, "nlmDenoise");
    const cv::Mat stabilized = anscombeForward(frame, noise);
    throwIfCancelled(cancel);
    return anscombeInverse(nlmGaussian(stabilized, 1.0, settings, cancel), noise);
}

} // namespace hrtem::restore
