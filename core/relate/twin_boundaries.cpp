#include "core/relate/twin_boundaries.h"
#include "core/relate/fcc110.h"
#include "core/relate/grain_boundaries.h"
#include "core/util/angles.h"
#include "core/util/math_constants.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hrtem {

namespace {
using fcc110::kShortFromLong_deg;

double vectorAngle(double x, double y) { return lineDirection(x, y); }

struct RowPair {
    int votes = 0; ///< +1 per inter-row bond stacked one way, -1 the other
    int count = 0;
};

struct Run {
    int sign = 0;
    int first = 0, last = 0; ///< lower rows of the first and last row pairs
    int votes = 0;
};

/// The row geometry along a mirror line: the rows' direction (dx, dy) and normal (nx, ny), the
/// in-row period and the row spacing, averaged over both domains' basis vectors along it.
struct RowGeometry {
    double dx = 0, dy = 0, nx = 0, ny = 0;
    double period = 0, spacing = 0;
};

RowGeometry rowGeometry(const LatticeFit& A, const LatticeFit& B, double bisector)
{
    RowGeometry g;
    double c = 0.0, s = 0.0;
    for (const LatticeFit* f : {&A, &B}) {
        const double area = std::abs(f->a1x * f->a2y - f->a1y * f->a2x);
        const bool first = lineDistance(vectorAngle(f->a1x, f->a1y), bisector) <= lineDistance(vectorAngle(f->a2x, f->a2y), bisector);
        const double vx = first ? f->a1x : f->a2x, vy = first ? f->a1y : f->a2y;
        const double a = vectorAngle(vx, vy);
        c += std::cos(2.0 * a * kPi / 180.0);
        s += std::sin(2.0 * a * kPi / 180.0);
        g.period += 0.5 * std::hypot(vx, vy);
        g.spacing += 0.5 * area / std::hypot(vx, vy);
    }
    const double along = 0.5 * std::atan2(s, c);
    g.dx = std::cos(along);
    g.dy = std::sin(along);
    g.nx = -g.dy;
    g.ny = g.dx;
    return g;
}

/// Runs of row pairs with one stacking sense. The stacking sense of every bond between adjacent
/// rows: its shift along the rows, per row upwards, is +1/3 of the period in one domain and -1/3
/// (= +2/3) in the other. Weak runs (a few surface bonds) are noise: dropped, and what they split
/// merged. A flip between consecutive runs is a mirror row.
template <class InPair>
std::vector<Run> stackingRuns(const std::vector<Atom>& atoms, const FrameRelations& relations, const std::vector<int>& row,
                              const RowGeometry& g, InPair inPair, int minRowVotes)
{
    std::map<int, RowPair> pairs;
    for (const Bond& b : relations.bonds) {
        if (!inPair(b.a) || !inPair(b.b))
            continue;
        const int dk = row[static_cast<std::size_t>(b.b)] - row[static_cast<std::size_t>(b.a)];
        if (std::abs(dk) != 1)
            continue;
        const double dt = g.dx * (atoms[static_cast<std::size_t>(b.b)].x - atoms[static_cast<std::size_t>(b.a)].x) +
                          g.dy * (atoms[static_cast<std::size_t>(b.b)].y - atoms[static_cast<std::size_t>(b.a)].y);
        const double shift = dt * dk / g.period;
        const double frac = shift - std::floor(shift);
        RowPair& p = pairs[std::min(row[static_cast<std::size_t>(b.a)], row[static_cast<std::size_t>(b.b)])];
        if (frac > 0.18 && frac < 0.48) {
            ++p.votes;
            ++p.count;
        } else if (frac > 0.52 && frac < 0.82) {
            --p.votes;
            ++p.count;
        }
    }
    std::vector<Run> runs;
    for (const auto& [k, p] : pairs) {
        if (p.count < 2 || 2 * std::abs(p.votes) < p.count)
            continue; // too few bonds, or no clear sense
        const int sign = p.votes > 0 ? 1 : -1;
        if (!runs.empty() && runs.back().sign == sign) {
            runs.back().last = k;
            runs.back().votes += p.votes;
        } else {
            runs.push_back({sign, k, k, p.votes});
        }
    }
    std::vector<Run> strong;
    for (const Run& run : runs) {
        if (std::abs(run.votes) < minRowVotes)
            continue;
        if (!strong.empty() && strong.back().sign == run.sign) {
            strong.back().last = run.last;
            strong.back().votes += run.votes;
        } else {
            strong.push_back(run);
        }
    }
    return strong;
}

/// The mirror row's extent: its columns within a quarter row of their median offset (an adatom
/// or a badly placed column is not on it), and the longest run along the row without a gap of
/// more than one missing column (a stray column beyond the particle is not part of it).
/// Returns false when fewer than two columns remain.
bool mirrorRowExtent(const std::vector<Atom>& atoms, const std::vector<int>& onRow, const RowGeometry& g, double& offset,
                     double& t0, double& t1, int& used)
{
    std::vector<double> offsets;
    for (int i : onRow)
        offsets.push_back(g.nx * atoms[static_cast<std::size_t>(i)].x + g.ny * atoms[static_cast<std::size_t>(i)].y);
    std::vector<double> sorted = offsets;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    std::vector<std::pair<double, double>> placed; // (along, offset)
    for (std::size_t q = 0; q < onRow.size(); ++q)
        if (std::abs(offsets[q] - median) <= 0.25 * g.spacing) {
            const Atom& a = atoms[static_cast<std::size_t>(onRow[q])];
            placed.emplace_back(g.dx * a.x + g.dy * a.y, offsets[q]);
        }
    if (placed.size() < 2)
        return false;
    std::sort(placed.begin(), placed.end());
    std::size_t bestFirst = 0, bestLast = 0, first = 0;
    for (std::size_t q = 1; q <= placed.size(); ++q) {
        if (q == placed.size() || placed[q].first - placed[q - 1].first > 2.5 * g.period) {
            if (q - 1 - first > bestLast - bestFirst) {
                bestFirst = first;
                bestLast = q - 1;
            }
            first = q;
        }
    }
    double sum = 0.0;
    used = 0;
    for (std::size_t q = bestFirst; q <= bestLast; ++q) {
        sum += placed[q].second;
        ++used;
    }
    t0 = placed[bestFirst].first;
    t1 = placed[bestLast].first;
    if (used < 2)
        return false;
    offset = sum / used;
    return true;
}

} // namespace

std::vector<TwinBoundary> findTwinBoundaries(const std::vector<Atom>& atoms, const FrameRelations& relations,
                                             const TwinSettings& settings)
{
    if (!relations.grains.empty()) // another lattice than fcc [110]: its grains
        return grainBoundaries(atoms, relations);
    std::vector<TwinBoundary> found;
    const int domainCount = static_cast<int>(relations.domains.size());
    if (domainCount < 2 || relations.domain.size() != atoms.size())
        return found;
    std::vector<int> sizes(static_cast<std::size_t>(domainCount), 0);
    for (int d : relations.domain)
        if (d >= 0)
            ++sizes[static_cast<std::size_t>(d)];
    std::vector<std::vector<int>> neighbours(atoms.size());
    for (const Bond& b : relations.bonds) {
        neighbours[static_cast<std::size_t>(b.a)].push_back(b.b);
        neighbours[static_cast<std::size_t>(b.b)].push_back(b.a);
    }

    for (int da = 0; da < domainCount; ++da)
        for (int db = da + 1; db < domainCount; ++db) {
            const LatticeFit& A = relations.domains[static_cast<std::size_t>(da)];
            const LatticeFit& B = relations.domains[static_cast<std::size_t>(db)];
            if (!A.valid || !B.valid || sizes[static_cast<std::size_t>(da)] < settings.minDomainAtoms ||
                sizes[static_cast<std::size_t>(db)] < settings.minDomainAtoms)
                continue;
            const double misorientation = lineDistance(A.orientation_deg, B.orientation_deg);
            if (std::abs(misorientation - settings.misorientation_deg) > settings.tolerance_deg)
                continue;
            // The mirror line: the bisector of the two [1-10] directions that lies along a short
            // bond (54.7° from [1-10]), not the other one (35.3°).
            double bisector = mod180(A.orientation_deg + 0.5 * mod180(B.orientation_deg - A.orientation_deg));
            if (std::abs(lineDistance(bisector, A.orientation_deg) - kShortFromLong_deg) >
                std::abs(lineDistance(bisector + 90.0, A.orientation_deg) - kShortFromLong_deg))
                bisector = mod180(bisector + 90.0);
            const RowGeometry g = rowGeometry(A, B, bisector);
            const double dx = g.dx, dy = g.dy, nx = g.nx, ny = g.ny, spacing = g.spacing;
            // Rows parallel to the mirror line, indexed through both domains.
            // Undecided atoms take part: the mirror row's own columns are undecided (half their
            // bonds belong to each domain).
            auto inPair = [&](int i) {
                const int d = relations.domain[static_cast<std::size_t>(i)];
                return d == da || d == db || d < 0;
            };
            std::vector<int> members;
            for (std::size_t i = 0; i < atoms.size(); ++i)
                if (inPair(int(i)) && !neighbours[i].empty())
                    members.push_back(int(i));
            double pc = 0.0, ps = 0.0;
            for (int i : members) {
                const double phase = 2.0 * kPi * (nx * atoms[static_cast<std::size_t>(i)].x + ny * atoms[static_cast<std::size_t>(i)].y) / spacing;
                pc += std::cos(phase);
                ps += std::sin(phase);
            }
            const double s0 = std::atan2(ps, pc) / (2.0 * kPi) * spacing;
            std::vector<int> row(atoms.size(), 0);
            for (int i : members)
                row[static_cast<std::size_t>(i)] = static_cast<int>(
                    std::lround((nx * atoms[static_cast<std::size_t>(i)].x + ny * atoms[static_cast<std::size_t>(i)].y - s0) / spacing));

            const std::vector<Run> strong = stackingRuns(atoms, relations, row, g, inPair, settings.minRowVotes);
            for (std::size_t k = 1; k < strong.size(); ++k) {
                // Pair (m-1, m) stacks one way and pair (m, m+1) the other: row m is the mirror.
                const int mirrorRow = static_cast<int>(std::floor(0.5 * (strong[k - 1].last + 1 + strong[k].first)));
                std::vector<int> onRow;
                for (int i : members)
                    if (row[static_cast<std::size_t>(i)] == mirrorRow)
                        onRow.push_back(i);
                if (onRow.size() < 2)
                    continue;
                double offset = 0, t0 = 0, t1 = 0;
                int used = 0;
                if (!mirrorRowExtent(atoms, onRow, g, offset, t0, t1, used))
                    continue;
                TwinBoundary tb;
                tb.p0 = {offset * nx + t0 * dx, offset * ny + t0 * dy};
                tb.p1 = {offset * nx + t1 * dx, offset * ny + t1 * dy};
                tb.angle_deg = std::atan2(tb.p1.y - tb.p0.y, tb.p1.x - tb.p0.x) * 180.0 / kPi;
                tb.misorientation_deg = misorientation;
                tb.columns = used;
                tb.domainA = da;
                tb.domainB = db;
                found.push_back(tb);
            }
        }
    return found;
}

} // namespace hrtem
