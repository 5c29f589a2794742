#include "core/classify/lattice_evidence.h"
#include "core/util/angles.h"
#include "core/util/math_constants.h"

#include "core/image/fft_view.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hrtem {

namespace {


/// Median of Gamma(k, 1/k) (the mean of k unit exponentials): Chen & Rubin's approximation,
/// exact to < 1% for k >= 1 (k = 1 gives 0.690 against ln 2 = 0.693).
double gammaMeanMedian(double k) { return (k - 1.0 / 3.0 + 0.0232 / k) / k; }

/// Upper quantile of Gamma(k, 1/k) at tail probability p: exact for k = 1 (-ln p), the
/// Wilson-Hilferty cube-root normal approximation above.
double gammaMeanQuantile(double k, double p)
{
    if (k <= 1.0)
        return -std::log(p);
    const double v = 1.0 / (9.0 * k);
    const double c = 1.0 - v + normalUpperQuantile(p) * std::sqrt(v);
    return c * c * c;
}

/// Quantile of Gamma(k, 1/k) at lower probability q (Wilson-Hilferty), for the spread of the data.
double gammaMeanLowerQuantile(double k, double q)
{
    const double v = 1.0 / (9.0 * k);
    const double z = q >= 0.5 ? normalUpperQuantile(1.0 - q) : -normalUpperQuantile(q);
    const double c = std::max(0.0, 1.0 - v + z * std::sqrt(v));
    return c * c * c;
}

/// How many independent spectra the pooled one is worth, from its own scatter: the ratio of the
/// 90% to the 50% quantile of power over its radial median is 3.3 for one spectrum (exponential)
/// and falls towards 1 as independent noise averages. What does not change between frames (the
/// speckle of a static amorphous support) does not average, and this says so. Between 1 and `most`.
double effectiveSpectra(std::vector<double> normalised, double most)
{
    if (normalised.size() < 100 || most <= 1.0)
        return 1.0;
    auto quantile = [&](double q) {
        const auto k = static_cast<std::ptrdiff_t>(q * (normalised.size() - 1));
        std::nth_element(normalised.begin(), normalised.begin() + k, normalised.end());
        return normalised[static_cast<std::size_t>(k)];
    };
    const double ratio = quantile(0.9) / std::max(1e-30, quantile(0.5));
    auto modelRatio = [](double k) { return gammaMeanLowerQuantile(k, 0.9) / gammaMeanLowerQuantile(k, 0.5); };
    if (ratio >= modelRatio(1.0))
        return 1.0;
    if (ratio <= modelRatio(most))
        return most;
    double lo = 1.0, hi = most;
    for (int i = 0; i < 40; ++i) {
        const double mid = std::sqrt(lo * hi);
        (modelRatio(mid) > ratio ? lo : hi) = mid;
    }
    return std::sqrt(lo * hi);
}

} // namespace

double normalUpperQuantile(double p)
{
    p = std::clamp(p, 1e-300, 0.5);
    const double t = std::sqrt(-2.0 * std::log(p));
    return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
}

LatticeEvidence latticeEvidence(const std::vector<cv::Mat>& frames, double falseAlarm)
{
    LatticeEvidence e;
    if (frames.empty())
        return e;
    const int n = std::min(frames.front().cols, frames.front().rows);
    if (n < 32) {
        e.reason = "the image is too small to show a lattice (" + std::to_string(n) + " px)";
        return e;
    }
    const cv::Rect square((frames.front().cols - n) / 2, (frames.front().rows - n) / 2, n, n);
    cv::Mat power = cv::Mat::zeros(n, n, CV_64F);
    for (const cv::Mat& frame : frames) {
        cv::Mat magnitude = centredWindowedMagnitude(frame(square));
        cv::Mat m64;
        magnitude.convertTo(m64, CV_64F);
        power += m64.mul(m64);
        ++e.framesPooled;
    }
    power /= double(e.framesPooled);

    // Radii searched: periods from a quarter of the frame down to 2.5 px (as estimateLatticePeriod).
    const int half = n / 2;
    const int rMin = 4, rMax = std::min(half - 2, static_cast<int>(n / 2.5));
    std::vector<std::vector<double>> ring(static_cast<std::size_t>(rMax + 2));
    for (int v = 0; v < n; ++v)
        for (int u = 0; u < n; ++u) {
            const int r = static_cast<int>(std::lround(std::hypot(u - half, v - half)));
            if (r >= rMin && r <= rMax)
                ring[static_cast<std::size_t>(r)].push_back(power.at<double>(v, u));
        }
    // The null level at each radius from the ring's median (spots are too few to move it), and
    // the spread about it, which says how many independent spectra the pooled one is worth
    // there: where a static support's speckle dominates (its band of frequencies) pooling frames
    // does not average it, where shot noise dominates it does. Estimated over rings r ± 3.
    std::vector<double> ringMedian(ring.size(), 0.0);
    long searched = 0;
    for (int r = rMin; r <= rMax; ++r) {
        std::vector<double>& values = ring[static_cast<std::size_t>(r)];
        if (values.empty())
            continue;
        searched += static_cast<long>(values.size());
        std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
        ringMedian[static_cast<std::size_t>(r)] = values[values.size() / 2];
    }
    // Friedel mates carry the same power: half the frequencies are independent.
    const double tests = std::max(1.0, searched / 2.0);
    std::vector<double> nullMean(ring.size(), 0.0), threshold(ring.size(), 0.0);
    e.effectiveSpectra = e.framesPooled;
    for (int r = rMin; r <= rMax; ++r) {
        if (ringMedian[static_cast<std::size_t>(r)] <= 0)
            continue;
        std::vector<double> normalised;
        for (int q = std::max(rMin, r - 3); q <= std::min(rMax, r + 3); ++q)
            if (ringMedian[static_cast<std::size_t>(q)] > 0)
                for (double v : ring[static_cast<std::size_t>(q)])
                    normalised.push_back(v / ringMedian[static_cast<std::size_t>(q)]);
        const double k = effectiveSpectra(std::move(normalised), e.framesPooled);
        e.effectiveSpectra = std::min(e.effectiveSpectra, k);
        nullMean[static_cast<std::size_t>(r)] = ringMedian[static_cast<std::size_t>(r)] / gammaMeanMedian(k);
        threshold[static_cast<std::size_t>(r)] = gammaMeanQuantile(k, falseAlarm / tests);
        e.threshold = std::max(e.threshold, threshold[static_cast<std::size_t>(r)]);
    }

    // Significant local maxima (3x3) in the upper half-plane; their directions.
    std::vector<double> angles;
    for (int v = 1; v <= half; ++v)
        for (int u = 1; u < n - 1; ++u) {
            const int du = u - half, dv = v - half;
            if (dv > 0 || (dv == 0 && du <= 0))
                continue; // one of each Friedel pair
            const int r = static_cast<int>(std::lround(std::hypot(du, dv)));
            if (r < rMin || r > rMax || nullMean[static_cast<std::size_t>(r)] <= 0)
                continue;
            const double p = power.at<double>(v, u);
            const double s = p / nullMean[static_cast<std::size_t>(r)];
            // Strength in units of what the null allows at this radius (> 1: significant).
            const double strength = s / threshold[static_cast<std::size_t>(r)];
            e.strongestSpot = std::max(e.strongestSpot, strength);
            if (strength <= 1.0)
                continue;
            bool peak = true;
            for (int y = v - 1; y <= v + 1 && peak; ++y)
                for (int x = u - 1; x <= u + 1; ++x)
                    if ((x != u || y != v) && power.at<double>(y, x) > p)
                        peak = false;
            if (!peak)
                continue;
            ++e.spots;
            angles.push_back(lineDirection(du, dv)); // a spot and its Friedel mate share it
        }
    // Directions closer than 10° are one set of fringes (a spot and its higher orders).
    std::sort(angles.begin(), angles.end());
    std::vector<double> distinct;
    for (double a : angles) {
        const bool known = std::any_of(distinct.begin(), distinct.end(), [a](double d) { return lineDistance(a, d) < 10.0; });
        if (!known)
            distinct.push_back(a);
    }
    e.directions = static_cast<int>(distinct.size());
    e.resolved = e.directions >= 2;
    if (!e.resolved) {
        char buffer[256];
        std::snprintf(buffer, sizeof buffer,
                      "no resolved crystal lattice: %d fringe direction(s) above the noise (two are needed to "
                      "resolve columns); the strongest spot reaches %.2f of the significance threshold",
                      e.directions, e.strongestSpot);
        e.reason = buffer;
    }
    return e;
}

} // namespace hrtem
