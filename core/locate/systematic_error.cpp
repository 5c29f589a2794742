#include "core/locate/systematic_error.h"

#include "core/util/point_grid.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {

/// Median of chi² with one degree of freedom.
constexpr double kChi2OneMedian = 0.4549;

struct Residual {
    double value;    ///< one coordinate of the midpoint residual (px)
    double variance; ///< its variance from the site errors alone (px²)
};

double medianOf(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    const auto middle = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), middle, v.end());
    return *middle;
}

/// The median of r²/(v + 1.5 s²) at a given s².
double medianNormalized(const std::vector<Residual>& residuals, double s2)
{
    std::vector<double> z2;
    z2.reserve(residuals.size());
    for (const Residual& r : residuals)
        z2.push_back(r.value * r.value / std::max(1e-12, r.variance + 1.5 * s2));
    return medianOf(z2);
}

} // namespace

SystematicErrorEstimate estimateSystematicError(const std::vector<Atom>& atoms, double nearestNeighbour_px, int minResiduals,
                                                const std::vector<char>* centres)
{
    SystematicErrorEstimate out;
    if (atoms.size() < 3 || !(nearestNeighbour_px > 0))
        return out;
    std::vector<Point2> sites;
    sites.reserve(atoms.size());
    for (const Atom& a : atoms)
        sites.push_back({a.siteX, a.siteY});
    const PointGrid grid(sites, 1.25 * nearestNeighbour_px);
    const double reach = 1.25 * nearestNeighbour_px, closest = 0.6 * nearestNeighbour_px;
    const double lattice = 0.25 * nearestNeighbour_px;
    std::vector<Residual> residuals;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (centres != nullptr && !(*centres)[i])
            continue;
        std::vector<int> near;
        grid.forEachWithin(sites[i].x, sites[i].y, reach, [&](int j, double dx, double dy) {
            if (std::hypot(dx, dy) >= closest)
                near.push_back(j);
        });
        // Every opposite pair of neighbours counts. Picking the pair with the smallest residual
        // would bias the scatter low (the minimum of several), so pairs are chosen by geometry
        // alone: any pair whose midpoint lies within a quarter spacing of the column.
        const Atom& c = atoms[i];
        for (std::size_t a = 0; a < near.size(); ++a)
            for (std::size_t b = a + 1; b < near.size(); ++b) {
                const Atom& j = atoms[static_cast<std::size_t>(near[a])];
                const Atom& k = atoms[static_cast<std::size_t>(near[b])];
                const double rx = c.siteX - 0.5 * (j.siteX + k.siteX), ry = c.siteY - 0.5 * (j.siteY + k.siteY);
                if (std::hypot(rx, ry) >= lattice)
                    continue;
                const double variance = c.siteErr * c.siteErr + 0.25 * (j.siteErr * j.siteErr + k.siteErr * k.siteErr);
                residuals.push_back({rx, variance});
                residuals.push_back({ry, variance});
            }
    }
    out.residuals = static_cast<int>(residuals.size());
    if (out.residuals < minResiduals || medianNormalized(residuals, 0.0) <= kChi2OneMedian)
        return out;
    // The normalized median falls as s² grows: bisect for the s² that brings it to 0.455.
    double lo = 0.0, hi = nearestNeighbour_px * nearestNeighbour_px;
    for (int step = 0; step < 50; ++step) {
        const double mid = 0.5 * (lo + hi);
        (medianNormalized(residuals, mid) > kChi2OneMedian ? lo : hi) = mid;
    }
    out.sigma_px = std::sqrt(0.5 * (lo + hi));
    return out;
}

std::vector<double> applySystematicError(std::vector<std::vector<Atom>>& atomsPerFrame, double nearestNeighbour_px)
{
    // Surface columns (one side open, the support's edge under them) are fitted worse than
    // bulk ones: each kind gets its own estimate, from midpoint residuals centred on its own
    // columns (along a facet for the surface).
    constexpr int kMinResiduals = 30;
    const std::size_t frames = atomsPerFrame.size();
    std::vector<SystematicErrorEstimate> bulk(frames), surface(frames);
    std::vector<double> usableBulk, usableSurface;
    for (std::size_t f = 0; f < frames; ++f) {
        const std::vector<Atom>& frame = atomsPerFrame[f];
        std::vector<char> isSurface(frame.size()), isBulk(frame.size());
        for (std::size_t i = 0; i < frame.size(); ++i) {
            isSurface[i] = frame[i].site == SiteKind::Surface;
            isBulk[i] = !isSurface[i];
        }
        bulk[f] = estimateSystematicError(frame, nearestNeighbour_px, kMinResiduals, &isBulk);
        surface[f] = estimateSystematicError(frame, nearestNeighbour_px, kMinResiduals, &isSurface);
        if (bulk[f].residuals >= kMinResiduals)
            usableBulk.push_back(bulk[f].sigma_px);
        if (surface[f].residuals >= kMinResiduals)
            usableSurface.push_back(surface[f].sigma_px);
    }
    const double fallbackBulk = medianOf(usableBulk);
    const double fallbackSurface = usableSurface.empty() ? fallbackBulk : medianOf(usableSurface);
    std::vector<double> sigma(frames, 0.0);
    for (std::size_t f = 0; f < frames; ++f) {
        sigma[f] = bulk[f].residuals >= kMinResiduals ? bulk[f].sigma_px : fallbackBulk;
        const double sigmaSurface = surface[f].residuals >= kMinResiduals ? surface[f].sigma_px : fallbackSurface;
        for (Atom& a : atomsPerFrame[f]) {
            const double s = a.site == SiteKind::Surface ? std::max(sigma[f], sigmaSurface) : sigma[f];
            a.errX = std::hypot(a.fitErrX, s);
            a.errY = std::hypot(a.fitErrY, s);
            a.siteErr = std::hypot(a.siteErr, s);
        }
    }
    return sigma;
}

} // namespace hrtem
