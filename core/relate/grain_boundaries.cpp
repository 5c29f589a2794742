#include "core/relate/grain_boundaries.h"
#include "core/util/angles.h"
#include "core/util/math_constants.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <set>

namespace hrtem {

namespace {

/// Fewest columns a second grain needs (and at least a tenth of the columns).
constexpr int kMinGrainColumns = 12;
/// Smaller turns are strain or noise, not a second grain.
constexpr double kMinMisorientation_deg = 3.0;

double length(Point2 p) { return std::sqrt(p.x * p.x + p.y * p.y); }

} // namespace

double cellMisorientation(const CrystalLattice& a, const CrystalLattice& b)
{
    const double reference = std::atan2(a.a1.y, a.a1.x);
    const double l = length(a.a1);
    double best = 180.0;
    const Point2 candidates[] = {b.a1, b.a2, {b.a1.x + b.a2.x, b.a1.y + b.a2.y}, {b.a1.x - b.a2.x, b.a1.y - b.a2.y}};
    for (const Point2& v : candidates)
        for (int sign : {1, -1}) {
            if (std::abs(length(v) / l - 1.0) > 0.05)
                continue;
            double turn = (std::atan2(sign * v.y, sign * v.x) - reference) * 180.0 / kPi;
            turn = std::remainder(turn, 360.0);
            best = std::min(best, std::abs(turn));
        }
    return best;
}

void findGrains(FrameRelations& r, const std::vector<Atom>& atoms, const std::vector<int>& members,
                const std::vector<std::vector<int>>& neighbours, const CrystalLatticeSettings& settings)
{
    r.grains.clear();
    r.grain.assign(atoms.size(), -1);
    if (!r.crystal.valid)
        return;
    const std::set<int> first(r.crystal.domainColumns.begin(), r.crystal.domainColumns.end());
    std::vector<int> rest;
    for (int i : members)
        if (first.count(i) == 0)
            rest.push_back(i);
    r.grains.push_back(r.crystal);
    if (rest.size() >= static_cast<std::size_t>(std::max<double>(kMinGrainColumns, 0.1 * members.size()))) {
        const CrystalLattice second = measureCrystalLattice(atoms, rest, settings);
        if (second.valid && second.domainColumns.size() >= static_cast<std::size_t>(kMinGrainColumns) &&
            cellMisorientation(r.crystal, second) >= kMinMisorientation_deg)
            r.grains.push_back(second);
    }
    for (std::size_t g = 0; g < r.grains.size(); ++g)
        for (int i : r.grains[g].domainColumns)
            r.grain[static_cast<std::size_t>(i)] = static_cast<int>(g);
    // Columns in no fit (surface, boundary) take their bonded neighbours' majority.
    const std::vector<int> fitted = r.grain;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (fitted[i] >= 0)
            continue;
        std::vector<int> votes(r.grains.size(), 0);
        for (int j : neighbours[i])
            if (fitted[static_cast<std::size_t>(j)] >= 0)
                ++votes[static_cast<std::size_t>(fitted[static_cast<std::size_t>(j)])];
        const auto best = std::max_element(votes.begin(), votes.end());
        if (best != votes.end() && *best > 0 && std::count(votes.begin(), votes.end(), *best) == 1)
            r.grain[i] = static_cast<int>(best - votes.begin());
    }
}

std::vector<TwinBoundary> grainBoundaries(const std::vector<Atom>& atoms, const FrameRelations& r, int minColumns)
{
    std::vector<TwinBoundary> found;
    if (r.grains.size() < 2 || r.grain.size() != atoms.size())
        return found;
    std::vector<Point2> mid;
    std::set<int> columns;
    for (const Bond& b : r.bonds) {
        const int ga = r.grain[static_cast<std::size_t>(b.a)], gb = r.grain[static_cast<std::size_t>(b.b)];
        if (ga < 0 || gb < 0 || ga == gb)
            continue;
        const Atom& p = atoms[static_cast<std::size_t>(b.a)];
        const Atom& q = atoms[static_cast<std::size_t>(b.b)];
        mid.push_back({0.5 * (p.x + q.x), 0.5 * (p.y + q.y)});
        columns.insert(b.a);
        columns.insert(b.b);
    }
    if (static_cast<int>(mid.size()) < minColumns)
        return found;
    // The line: principal axis of the midpoints; its ends, their outermost projections.
    Eigen::Vector2d centre(0, 0);
    for (const Point2& m : mid)
        centre += Eigen::Vector2d(m.x, m.y);
    centre /= double(mid.size());
    Eigen::Matrix2d scatter = Eigen::Matrix2d::Zero();
    for (const Point2& m : mid) {
        const Eigen::Vector2d d = Eigen::Vector2d(m.x, m.y) - centre;
        scatter += d * d.transpose();
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eigen(scatter);
    const Eigen::Vector2d along = eigen.eigenvectors().col(1);
    double lo = 1e300, hi = -1e300;
    for (const Point2& m : mid) {
        const double t = (Eigen::Vector2d(m.x, m.y) - centre).dot(along);
        lo = std::min(lo, t);
        hi = std::max(hi, t);
    }
    TwinBoundary b;
    b.p0 = {centre.x() + lo * along.x(), centre.y() + lo * along.y()};
    b.p1 = {centre.x() + hi * along.x(), centre.y() + hi * along.y()};
    b.angle_deg = std::atan2(b.p1.y - b.p0.y, b.p1.x - b.p0.x) * 180.0 / kPi;
    b.misorientation_deg = cellMisorientation(r.grains[0], r.grains[1]);
    b.columns = static_cast<int>(columns.size() / 2);
    b.domainA = 0;
    b.domainB = 1;
    found.push_back(b);
    return found;
}

} // namespace hrtem
