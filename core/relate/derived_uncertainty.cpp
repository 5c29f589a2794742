#include "core/relate/derived_uncertainty.h"

#include "core/relate/local_affine.h"

#include <cmath>
#include <limits>

namespace hrtem {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

void propagatePositionUncertainty(const std::vector<Atom>& atoms, FrameRelations& r)
{
    const std::size_t n = atoms.size();
    r.nearestNeighbourErr_px.assign(n, kNaN);
    r.strainXXErr.assign(n, kNaN);
    r.strainYYErr.assign(n, kNaN);
    r.strainXYErr.assign(n, kNaN);
    r.meanNearestNeighbourErr_px = kNaN;
    std::vector<std::vector<int>> bonded(n);
    for (const Bond& b : r.bonds)
        if (b.a >= 0 && b.b >= 0 && std::size_t(b.a) < n && std::size_t(b.b) < n) {
            bonded[std::size_t(b.a)].push_back(b.b);
            bonded[std::size_t(b.b)].push_back(b.a);
        }
    std::vector<Point2> points;
    points.reserve(n);
    for (const Atom& a : atoms)
        points.push_back({a.x, a.y});
    auto sq = [](double v) { return v * v; };

    // Nearest-neighbour distances: the bond that gave the value (relations take the shortest
    // Delaunay edge; where that edge is not a bond the distance has no partner here: NaN).
    double sumVariance = 0.0;
    int counted = 0;
    for (std::size_t i = 0; i < n && i < r.nearestNeighbour_px.size(); ++i) {
        const double d = r.nearestNeighbour_px[i];
        if (!std::isfinite(d) || bonded[i].empty())
            continue;
        for (int j : bonded[i]) {
            const double dx = points[std::size_t(j)].x - points[i].x, dy = points[std::size_t(j)].y - points[i].y;
            const double length = std::sqrt(dx * dx + dy * dy);
            if (std::abs(length - d) > 1e-9 * std::max(1.0, d) || length <= 0)
                continue;
            const Atom& a = atoms[i];
            const Atom& b = atoms[std::size_t(j)];
            const double ux = dx / length, uy = dy / length;
            const double variance = ux * ux * (sq(a.errX) + sq(b.errX)) + uy * uy * (sq(a.errY) + sq(b.errY));
            r.nearestNeighbourErr_px[i] = std::sqrt(variance);
            sumVariance += variance;
            ++counted;
            break;
        }
    }
    if (counted > 0)
        r.meanNearestNeighbourErr_px = std::sqrt(sumVariance) / counted;

    // Strain: the same local fit relations used, its weights carrying each position's error.
    for (std::size_t i = 0; i < n && i < r.strainXX.size() && i < r.domain.size(); ++i) {
        const int d = r.domain[i];
        if (!std::isfinite(r.strainXX[i]) || d < 0 || std::size_t(d) >= r.domains.size())
            continue;
        const LocalAffine local = fitLocalAffine(points, i, bonded[i], r.domains[std::size_t(d)]);
        if (!local.valid)
            continue;
        double xx = 0, yy = 0, xyFromX = 0, xyFromY = 0, w0Sum = 0, w1Sum = 0;
        for (std::size_t k = 0; k < local.neighbours.size(); ++k) {
            const Atom& j = atoms[std::size_t(local.neighbours[k])];
            const Point2& w = local.weights[k];
            xx += sq(w.x) * sq(j.errX);
            yy += sq(w.y) * sq(j.errY);
            xyFromX += sq(w.y) * sq(j.errX); // F01 = sum (x_j - x_i) w_j1
            xyFromY += sq(w.x) * sq(j.errY); // F10 = sum (y_j - y_i) w_j0
            w0Sum += w.x;
            w1Sum += w.y;
        }
        const Atom& c = atoms[i];
        r.strainXXErr[i] = std::sqrt(xx + sq(w0Sum) * sq(c.errX));
        r.strainYYErr[i] = std::sqrt(yy + sq(w1Sum) * sq(c.errY));
        r.strainXYErr[i] = 0.5 * std::sqrt(xyFromX + sq(w1Sum) * sq(c.errX) + xyFromY + sq(w0Sum) * sq(c.errY));
    }
}

} // namespace hrtem
