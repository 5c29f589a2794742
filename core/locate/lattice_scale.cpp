#include "core/locate/lattice_scale.h"

#include "core/image/fft_view.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace hrtem {

LatticePeriod estimateLatticePeriod(const cv::Mat& frame)
{
    const int n = std::min(frame.cols, frame.rows);
    const cv::Rect square((frame.cols - n) / 2, (frame.rows - n) / 2, n, n);
    const cv::Mat magnitude = centredWindowedMagnitude(frame(square));
    const int half = n / 2;
    std::vector<double> power(static_cast<std::size_t>(half), 0.0), count(static_cast<std::size_t>(half), 0.0);
    for (int v = 0; v < n; ++v)
        for (int u = 0; u < n; ++u) {
            const int r = static_cast<int>(std::lround(std::hypot(u - half, v - half)));
            if (r < half) {
                const double m = magnitude.at<float>(v, u);
                power[r] += m * m;
                count[r] += 1;
            }
        }
    for (int r = 0; r < half; ++r)
        power[r] /= std::max(1.0, count[r]);
    // Periods from a quarter of the frame down to 2.5 px.
    const int rMin = 4, rMax = std::min(half - 2, static_cast<int>(n / 2.5));
    // A Bragg ring stands well above the spectrum on either side of it; the particle's outline,
    // the support and slow intensity gradients put broad power at the lowest frequencies, which
    // can outweigh the lattice's ring (a quarter of the training mixture's movies, issue 30)
    // without standing out of its surroundings. The strongest prominent maximum wins; without
    // one, the strongest maximum.
    auto prominence = [&](int r) {
        std::vector<double> around;
        for (int i = static_cast<int>(0.7 * r); i <= static_cast<int>(0.85 * r); ++i)
            if (i >= rMin)
                around.push_back(power[i]);
        for (int i = static_cast<int>(std::ceil(1.15 * r)); i <= static_cast<int>(1.3 * r) && i < half; ++i)
            around.push_back(power[i]);
        if (around.empty())
            return 0.0;
        std::nth_element(around.begin(), around.begin() + static_cast<std::ptrdiff_t>(around.size() / 2), around.end());
        return power[r] / std::max(1e-30, around[around.size() / 2]);
    };
    constexpr double kProminentPeak = 3.0;
    int best = -1, bestProminent = -1;
    for (int r = rMin + 1; r < rMax; ++r)
        if (power[r] >= power[r - 1] && power[r] >= power[r + 1]) {
            if (best < 0 || power[r] > power[best])
                best = r;
            if ((bestProminent < 0 || power[r] > power[bestProminent]) && prominence(r) >= kProminentPeak)
                bestProminent = r;
        }
    if (bestProminent >= 0)
        best = bestProminent;
    LatticePeriod result;
    if (best < 0)
        return result;
    const double a = power[best - 1], b = power[best], c = power[best + 1];
    const double denom = a - 2 * b + c;
    const double radius = best + (denom != 0 ? 0.5 * (a - c) / denom : 0.0);
    std::vector<double> tail(power.begin() + rMin, power.begin() + rMax);
    std::nth_element(tail.begin(), tail.begin() + static_cast<std::ptrdiff_t>(tail.size() / 2), tail.end());
    result.period_px = n / radius;
    result.contrast = b / std::max(1e-30, tail[tail.size() / 2]);
    return result;
}

namespace {

/// Zeroes the spectrum outside the annulus 0.75-1.35 f0 and, inside it, every frequency whose
/// power is under kBraggOverMedian times the annulus' median power: what is left are the
/// lattice's Bragg spots. With fewer than 8 such frequencies (no lattice to speak of) the whole
/// annulus is kept.
void keepBraggSpots(cv::Mat& spectrum, double f0)
{
    constexpr double kBraggOverMedian = 5.0;
    const double low2 = 0.75 * 0.75 * f0 * f0, high2 = 1.35 * 1.35 * f0 * f0;
    cv::Mat inAnnulus(spectrum.size(), CV_8U, cv::Scalar(0));
    std::vector<float> power;
    for (int v = 0; v < spectrum.rows; ++v) {
        const double fv = (v <= spectrum.rows / 2 ? v : v - spectrum.rows) / double(spectrum.rows);
        const cv::Vec2f* row = spectrum.ptr<cv::Vec2f>(v);
        for (int u = 0; u < spectrum.cols; ++u) {
            const double fu = (u <= spectrum.cols / 2 ? u : u - spectrum.cols) / double(spectrum.cols);
            const double f2 = fu * fu + fv * fv;
            if (f2 >= low2 && f2 <= high2) {
                inAnnulus.at<std::uint8_t>(v, u) = 1;
                power.push_back(row[u][0] * row[u][0] + row[u][1] * row[u][1]);
            }
        }
    }
    float floor = 0.0F;
    if (!power.empty()) {
        std::vector<float> sorted = power;
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
        floor = static_cast<float>(kBraggOverMedian) * sorted[sorted.size() / 2];
        if (std::count_if(power.begin(), power.end(), [&](float p) { return p > floor; }) < 8)
            floor = 0.0F;
    }
    for (int v = 0; v < spectrum.rows; ++v) {
        cv::Vec2f* row = spectrum.ptr<cv::Vec2f>(v);
        const std::uint8_t* annulus = inAnnulus.ptr<std::uint8_t>(v);
        for (int u = 0; u < spectrum.cols; ++u)
            if (!annulus[u] || row[u][0] * row[u][0] + row[u][1] * row[u][1] <= floor)
                row[u] = {0.0F, 0.0F};
    }
}

} // namespace

cv::Mat crystalMask(const cv::Mat& frame, double period_px, double margin_px)
{
    CV_Assert(frame.type() == CV_32F && period_px > 0);
    // The mask is smooth on the scale of a period: with fringes of 8 px or more, half the
    // resolution loses nothing and costs a quarter (it runs on every frame).
    if (period_px >= 8.0 && frame.cols >= 64 && frame.rows >= 64) {
        cv::Mat half, halfMask, mask;
        cv::resize(frame, half, cv::Size(frame.cols / 2, frame.rows / 2), 0, 0, cv::INTER_AREA);
        halfMask = crystalMask(half, 0.5 * period_px, 0.0);
        cv::resize(halfMask, mask, frame.size(), 0, 0, cv::INTER_NEAREST);
        if (margin_px > 0) {
            const int k = 2 * static_cast<int>(std::ceil(margin_px)) + 1;
            cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
        }
        return mask;
    }
    // Bragg filter: of the annulus around the lattice frequency, only the lattice's own spots.
    // An amorphous support spreads its speckle over the whole annulus; passing all of it lets
    // a support that pooled frames have made as textured as the crystal join the mask.
    cv::Mat spectrum;
    cv::dft(frame, spectrum, cv::DFT_COMPLEX_OUTPUT);
    keepBraggSpots(spectrum, 1.0 / period_px);
    cv::Mat band;
    cv::idft(spectrum, band, cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    cv::Mat energy = band.mul(band);
    // Smoothing wider than half a period would spread the crystal's energy into the support.
    cv::GaussianBlur(energy, energy, cv::Size(0, 0), 0.5 * period_px, 0.0, cv::BORDER_REFLECT);
    cv::Mat logEnergy;
    cv::log(energy + 1e-12F, logEnergy);
    cv::Mat scaled;
    cv::normalize(logEnergy, scaled, 0, 255, cv::NORM_MINMAX, CV_8U);
    cv::Mat mask;
    cv::threshold(scaled, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // When the lattice fills the whole field there is nothing to split off: the two classes
    // then differ by a factor of a few in fringe energy (thickness, dose), not by the orders of
    // magnitude between crystal and support (e^2 ~ 7.4 is between: simulated particles on
    // carbon give e^2.4 at 8 counts/px and e^3.9 at 200; a real all-crystal STEM image, e^1.8).
    if (cv::mean(logEnergy, mask)[0] - cv::mean(logEnergy, ~mask)[0] < 2.0)
        return cv::Mat(frame.size(), CV_8U, cv::Scalar(255));
    // Keep the largest regions only: crumbs of the support that pass the threshold go.
    cv::Mat labels, stats, centroids;
    const int regions = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8);
    int largest = 0;
    for (int i = 1; i < regions; ++i)
        largest = std::max(largest, stats.at<int>(i, cv::CC_STAT_AREA));
    // One pass with a keep-table (not one whole-image comparison per crumb: there can be hundreds).
    std::vector<std::uint8_t> keep(regions, 0);
    for (int i = 1; i < regions; ++i)
        keep[i] = stats.at<int>(i, cv::CC_STAT_AREA) >= largest / 10 ? 255 : 0;
    for (int y = 0; y < mask.rows; ++y) {
        const int* label = labels.ptr<int>(y);
        std::uint8_t* m = mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < mask.cols; ++x)
            m[x] = keep[label[x]];
    }
    // Holes enclosed by crystal are crystal: where a particle is thick its {111} fringes fade
    // (thickness extinction) while the columns are still there, imaged with reversed contrast.
    // Background is what the frame's border reaches.
    {
        cv::Mat reached;
        cv::copyMakeBorder(mask, reached, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
        cv::floodFill(reached, cv::Point(0, 0), cv::Scalar(128));
        const cv::Mat inner = reached(cv::Rect(1, 1, mask.cols, mask.rows));
        mask.setTo(255, inner == 0);
    }
    if (margin_px > 0) {
        const int k = 2 * static_cast<int>(std::ceil(margin_px)) + 1;
        cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
    }
    return mask;
}

} // namespace hrtem
