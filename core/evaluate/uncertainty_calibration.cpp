#include "core/evaluate/uncertainty_calibration.h"

#include "core/util/assignment.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {

/// z with P(|N(0,1)| <= z) = p, by bisection on erf (p in (0, 1)).
double twoSidedNormalQuantile(double p)
{
    double lo = 0.0, hi = 10.0;
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        (std::erf(mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

} // namespace

UncertaintyCalibration calibrateUncertainty(const TruthMovie& truth, const std::vector<std::vector<Atom>>& found,
                                            double gate_px, PositionKind kind)
{
    UncertaintyCalibration c;
    long one = 0, two = 0;
    double squared = 0.0;
    std::vector<double> sigmas, errors;
    const std::size_t frames = std::min(truth.columns.size(), found.size());
    auto record = [&](double error, double sigma) {
        if (!(sigma > 0.0) || !std::isfinite(error))
            return;
        const double z = std::abs(error) / sigma;
        sigmas.push_back(sigma);
        errors.push_back(std::abs(error));
        sigmas.push_back(sigma);
        errors.push_back(std::abs(error));
        c.normalizedErrors.push_back(z);
        one += z <= 1.0 ? 1 : 0;
        two += z <= 2.0 ? 1 : 0;
        squared += z * z;
    };
    for (std::size_t f = 0; f < frames; ++f) {
        std::vector<Point2> t, d;
        for (const TruthColumn& col : truth.columns[f])
            t.push_back({col.x, col.y});
        for (const Atom& a : found[f])
            d.push_back(kind == PositionKind::SingleFrame ? Point2{a.x, a.y} : Point2{a.siteX, a.siteY});
        for (const auto& [i, j] : gatedMatching(t, d, gate_px)) {
            const Atom& a = found[f][static_cast<std::size_t>(j)];
            const Point2& p = d[static_cast<std::size_t>(j)];
            const Point2& q = t[static_cast<std::size_t>(i)];
            record(p.x - q.x, kind == PositionKind::SingleFrame ? a.errX : a.siteErr);
            record(p.y - q.y, kind == PositionKind::SingleFrame ? a.errY : a.siteErr);
        }
    }
    c.coordinates = static_cast<long>(c.normalizedErrors.size());
    if (c.coordinates > 0) {
        const double n = static_cast<double>(c.coordinates);
        c.withinOneSigma = one / n;
        c.withinTwoSigma = two / n;
        c.rmsNormalizedError = std::sqrt(squared / n);
        auto median = [](std::vector<double>& v) {
            std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
            return v[v.size() / 2];
        };
        c.medianSigma_px = median(sigmas);
        c.medianAbsError_px = median(errors);
    }
    return c;
}

std::vector<double> observedCoverage(const std::vector<double>& normalizedErrors, const std::vector<double>& expected)
{
    std::vector<double> sorted = normalizedErrors;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> observed;
    for (double p : expected) {
        const double z = twoSidedNormalQuantile(p);
        const auto inside = std::upper_bound(sorted.begin(), sorted.end(), z) - sorted.begin();
        observed.push_back(sorted.empty() ? 0.0 : double(inside) / double(sorted.size()));
    }
    return observed;
}

} // namespace hrtem
