#include "core/relate/relations.h"
#include "core/relate/fcc110.h"
#include "core/relate/grain_boundaries.h"
#include "core/relate/local_affine.h"
#include "core/util/angles.h"
#include "core/util/math_constants.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace hrtem {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using fcc110::kShortFromLong_deg;
/// Bonds are long above the midpoint between the short and the long bond.
constexpr double kLongThreshold = 0.5 * (1.0 + fcc110::kLongOverShort);
/// Longest edge (x nearest neighbour) of a triangle that counts as inside the particle.
constexpr double kTriangleCut = 1.5;
/// Fewest columns (and at least 1/20 of all) that make a second orientation domain.
constexpr int kMinDomainColumns = 12;

double bondAngle(const Point2& p, const Point2& q) { return lineDirection(q.x - p.x, q.y - p.y); }

std::uint64_t key(float x, float y)
{
    std::uint32_t bx, by;
    std::memcpy(&bx, &x, sizeof bx);
    std::memcpy(&by, &y, sizeof by);
    return (std::uint64_t(bx) << 32) | by;
}

/// Delaunay triangles (point indices) by OpenCV's incremental Subdiv2D.
std::vector<std::array<int, 3>> delaunay(const std::vector<Point2>& points)
{
    double x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
    for (const Point2& p : points) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
    const cv::Rect rect(int(std::floor(x0)) - 2, int(std::floor(y0)) - 2, int(std::ceil(x1 - x0)) + 5, int(std::ceil(y1 - y0)) + 5);
    cv::Subdiv2D subdiv(rect);
    std::unordered_map<std::uint64_t, int> index;
    index.reserve(points.size() * 2);
    // Insertion in a serpentine sweep over bands: Subdiv2D's point location walks from the last
    // inserted point, so neighbours inserted one after another are located in a few steps.
    const double band = std::max(1.0, std::sqrt((x1 - x0 + 1.0) * (y1 - y0 + 1.0) / double(points.size())) * 2.0);
    std::vector<std::size_t> order(points.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    auto bandOf = [&](std::size_t i) { return static_cast<long>((points[i].y - y0) / band); };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const long ba = bandOf(a), bb = bandOf(b);
        if (ba != bb)
            return ba < bb;
        return (ba % 2 == 0) ? points[a].x < points[b].x : points[a].x > points[b].x;
    });
    for (std::size_t i : order) {
        const cv::Point2f p(float(points[i].x), float(points[i].y));
        // Coincident columns (a duplicate detection) keep the first one's vertex.
        if (index.emplace(key(p.x, p.y), int(i)).second)
            subdiv.insert(p);
    }
    std::vector<cv::Vec6f> list;
    subdiv.getTriangleList(list);
    std::vector<std::array<int, 3>> triangles;
    triangles.reserve(list.size());
    for (const cv::Vec6f& t : list) {
        std::array<int, 3> tri{};
        bool ok = true;
        for (int k = 0; k < 3 && ok; ++k) {
            const auto it = index.find(key(t[2 * k], t[2 * k + 1]));
            ok = it != index.end();
            if (ok)
                tri[static_cast<std::size_t>(k)] = it->second;
        }
        if (ok)
            triangles.push_back(tri);
    }
    return triangles;
}

/// Smoothed histogram of line directions (1° bins over [0, 180)); returns the bins.
std::vector<double> directionHistogram(const std::vector<double>& angles)
{
    std::vector<double> raw(180, 0.0), smooth(180, 0.0);
    for (double a : angles)
        raw[static_cast<std::size_t>(std::min(179.0, std::floor(mod180(a))))] += 1.0;
    for (int i = 0; i < 180; ++i)
        for (int d = -6; d <= 6; ++d)
            smooth[static_cast<std::size_t>(i)] += raw[static_cast<std::size_t>((i + d + 180) % 180)] * std::exp(-0.125 * d * d);
    return smooth;
}

/// Mean line direction (degrees mod 180) of the angles within `window` of `around`.
double meanDirection(const std::vector<double>& angles, double around, double window)
{
    double c = 0.0, s = 0.0;
    for (double a : angles)
        if (lineDistance(a, around) <= window) {
            c += std::cos(2.0 * a * kPi / 180.0);
            s += std::sin(2.0 * a * kPi / 180.0);
        }
    if (c == 0.0 && s == 0.0)
        return around;
    return mod180(0.5 * std::atan2(s, c) * 180.0 / kPi);
}

Point2 directionVector(double angle_deg, double length)
{
    return {length * std::cos(angle_deg * kPi / 180.0), length * std::sin(angle_deg * kPi / 180.0)};
}

/// Unique undirected Delaunay edges (a < b), through per-atom lists (Delaunay degrees are small).
std::vector<std::pair<int, int>> delaunayEdges(const std::vector<std::array<int, 3>>& triangles, std::size_t n)
{
    std::vector<std::vector<int>> adjacent(n);
    for (auto& list : adjacent)
        list.reserve(8);
    for (const auto& t : triangles)
        for (int k = 0; k < 3; ++k) {
            const int a = t[static_cast<std::size_t>(k)], b = t[static_cast<std::size_t>((k + 1) % 3)];
            std::vector<int>& list = adjacent[static_cast<std::size_t>(a)];
            if (std::find(list.begin(), list.end(), b) == list.end()) {
                list.push_back(b);
                adjacent[static_cast<std::size_t>(b)].push_back(a);
            }
        }
    std::vector<std::pair<int, int>> edges;
    edges.reserve(triangles.size() * 3 / 2 + 8);
    for (std::size_t a = 0; a < n; ++a)
        for (int b : adjacent[a])
            if (static_cast<int>(a) < b)
                edges.emplace_back(static_cast<int>(a), b);
    return edges;
}

/// Distance between two points by index.
class EdgeLength {
public:
    explicit EdgeLength(const std::vector<Point2>& points) : mPoints(points) {}
    double operator()(int a, int b) const
    {
        const double dx = mPoints[static_cast<std::size_t>(b)].x - mPoints[static_cast<std::size_t>(a)].x;
        const double dy = mPoints[static_cast<std::size_t>(b)].y - mPoints[static_cast<std::size_t>(a)].y;
        return std::sqrt(dx * dx + dy * dy);
    }

private:
    const std::vector<Point2>& mPoints;
};

/// The bond length: each atom's nearest distance is the minimum of several noisy ones, so it is
/// biased short. The median of the edges in a window centred on the estimate is not (for a
/// symmetric spread); the window reaches half-way to fcc's long bond, and a few re-centrings
/// move it from the biased start (the median per-atom nearest distance) onto the bond length.
/// 0 when no atom has a neighbour.
double bondLength(const std::vector<double>& nearestPerAtom, const std::vector<std::pair<int, int>>& edges,
                  const EdgeLength& length)
{
    std::vector<double> values;
    for (double v : nearestPerAtom)
        if (!std::isnan(v))
            values.push_back(v);
    if (values.empty())
        return 0.0;
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    double nn = values[values.size() / 2];
    std::vector<double> lengths;
    lengths.reserve(edges.size());
    for (const auto& [a, b] : edges)
        lengths.push_back(length(a, b));
    for (int pass = 0; pass < 5; ++pass) {
        const double half = (kLongThreshold - 1.0) * nn;
        values.clear();
        for (double l : lengths)
            if (std::abs(l - nn) <= half)
                values.push_back(l);
        if (values.empty())
            break;
        std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
        nn = values[values.size() / 2];
    }
    return nn;
}

/// Bulk or surface from the bonded triangles, and those triangles. A square lattice's cells are
/// split by a diagonal of √2 nn, longer than a bond: triangles may have one such edge and still
/// be particle (fcc [110] has no Delaunay edge between 1.155 and 1.633 nn, so its holes and
/// surface notches stay open). Per atom, how many bonded triangles each of its edges belongs
/// to: an edge in one only lies on the outline or a hole's rim, and so does the atom.
std::vector<std::array<int, 3>> markSurfaceSites(std::vector<Atom>& atoms, const std::vector<std::array<int, 3>>& triangles,
                                                 double triangleCut, const EdgeLength& length)
{
    const std::size_t n = atoms.size();
    std::vector<std::array<int, 3>> kept;
    for (const auto& t : triangles)
        if (length(t[0], t[1]) <= triangleCut && length(t[1], t[2]) <= triangleCut && length(t[2], t[0]) <= triangleCut)
            kept.push_back(t);
    std::vector<std::vector<std::pair<int, int>>> shared(n);
    for (const auto& t : kept)
        for (int k = 0; k < 3; ++k)
            for (int m = 1; m <= 2; ++m) {
                const int a = t[static_cast<std::size_t>(k)], b = t[static_cast<std::size_t>((k + m) % 3)];
                auto& list = shared[static_cast<std::size_t>(a)];
                const auto it = std::find_if(list.begin(), list.end(), [b](const std::pair<int, int>& e) { return e.first == b; });
                if (it == list.end())
                    list.emplace_back(b, 1);
                else
                    ++it->second;
            }
    std::vector<char> inside(n, 0), boundary(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        inside[i] = !shared[i].empty();
        for (const auto& e : shared[i])
            boundary[i] |= e.second < 2;
    }
    for (std::size_t i = 0; i < n; ++i)
        atoms[i].site = inside[i] && !boundary[i] ? SiteKind::Bulk : SiteKind::Surface;
    return kept;
}

/// The lattice orientations present: for fcc [110] the long ([1-10]) bond direction of each
/// orientation domain (one or two), for any other lattice the strongest bond direction.
struct Orientations {
    bool fcc110 = false;
    double longCut = 0.0;            ///< bonds longer than this are long bonds
    std::vector<double> directions; ///< per domain, degrees
    std::vector<double> shortAngles; ///< of the short bonds (all bonds when not fcc [110])
};

Orientations findOrientations(const std::vector<Bond>& bonds, const std::vector<Point2>& points, double nn)
{
    Orientations o;
    o.longCut = kLongThreshold * nn;
    std::vector<double> longAngles;
    for (const Bond& b : bonds)
        (b.length_px > o.longCut ? longAngles : o.shortAngles)
            .push_back(bondAngle(points[static_cast<std::size_t>(b.a)], points[static_cast<std::size_t>(b.b)]));
    o.fcc110 = longAngles.size() >= 6 && longAngles.size() >= 0.1 * bonds.size();
    if (o.fcc110) {
        const std::vector<double> h = directionHistogram(longAngles);
        const int p1 = int(std::max_element(h.begin(), h.end()) - h.begin());
        o.directions.push_back(meanDirection(longAngles, p1 + 0.5, 12.0));
        int p2 = -1;
        // Short bonds stretched by noise past the long/short threshold pile up along the first
        // domain's short directions (±54.7° from its long one): no second domain there.
        for (int i = 0; i < 180; ++i) {
            const double a = i + 0.5, first = o.directions[0];
            if (lineDistance(a, first) > 20.0 && lineDistance(a, first + kShortFromLong_deg) > 8.0 &&
                lineDistance(a, first - kShortFromLong_deg) > 8.0 && (p2 < 0 || h[static_cast<std::size_t>(i)] > h[static_cast<std::size_t>(p2)]))
                p2 = i;
        }
        // A second domain needs a real peak: a local maximum with a tenth of the main one's height.
        if (p2 >= 0 && h[static_cast<std::size_t>(p2)] >= 0.1 * h[static_cast<std::size_t>(p1)] &&
            h[static_cast<std::size_t>(p2)] >= h[static_cast<std::size_t>((p2 + 1) % 180)] &&
            h[static_cast<std::size_t>(p2)] >= h[static_cast<std::size_t>((p2 + 179) % 180)])
            o.directions.push_back(meanDirection(longAngles, p2 + 0.5, 12.0));
    } else {
        // Any other lattice: the strongest bond direction; the basis search finds a2.
        const std::vector<double> h = directionHistogram(o.shortAngles);
        const int p1 = int(std::max_element(h.begin(), h.end()) - h.begin());
        o.directions.push_back(meanDirection(o.shortAngles, p1 + 0.5, 12.0));
    }
    return o;
}

/// Per atom, its orientation domain (r.domain). Each bond votes for the domains whose bond
/// directions it matches (long bonds against the long direction, short ones against the two
/// short ones); a direction both domains share (the twin plane) votes for neither. Undecided
/// atoms take their neighbours' majority. The largest domain becomes domain 0, and a second
/// domain of a few columns is noise, not a grain: it is merged (o.directions shrinks to one).
void assignDomains(FrameRelations& r, Orientations& o, const std::vector<Point2>& points,
                   const std::vector<std::vector<int>>& neighbours)
{
    const std::size_t n = points.size();
    if (o.directions.size() == 1) {
        for (std::size_t i = 0; i < n; ++i)
            if (!neighbours[i].empty())
                r.domain[i] = 0;
        return;
    }
    // (Two domains at most: the arrays below are sized for that.)
    const double window = 10.0;
    std::vector<std::array<int, 2>> votes(n, std::array<int, 2>{0, 0});
    for (const Bond& b : r.bonds) {
        const double a = bondAngle(points[static_cast<std::size_t>(b.a)], points[static_cast<std::size_t>(b.b)]);
        int match = -1, matches = 0;
        for (int d = 0; d < 2; ++d) {
            const double dir = o.directions[static_cast<std::size_t>(d)];
            const double miss = b.length_px > o.longCut ? lineDistance(a, dir)
                                                        : std::min(lineDistance(a, dir + kShortFromLong_deg),
                                                                   lineDistance(a, dir - kShortFromLong_deg));
            if (miss <= window) {
                match = d;
                ++matches;
            }
        }
        if (matches == 1) {
            ++votes[static_cast<std::size_t>(b.a)][static_cast<std::size_t>(match)];
            ++votes[static_cast<std::size_t>(b.b)][static_cast<std::size_t>(match)];
        }
    }
    std::vector<int> label(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        if (votes[i][0] != votes[i][1])
            label[i] = votes[i][0] > votes[i][1] ? 0 : 1;
    r.domain = label;
    for (std::size_t i = 0; i < n; ++i) {
        std::array<int, 2> around{0, 0};
        for (int j : neighbours[i])
            if (label[static_cast<std::size_t>(j)] >= 0)
                ++around[static_cast<std::size_t>(label[static_cast<std::size_t>(j)])];
        const int best = around[1] > around[0] ? 1 : 0;
        const int total = static_cast<int>(neighbours[i].size());
        if (label[i] < 0 && around[static_cast<std::size_t>(best)] > 0 && around[0] != around[1])
            r.domain[i] = best;
        else if (label[i] >= 0 && total >= 3 && around[static_cast<std::size_t>(label[i])] == 0 &&
                 around[static_cast<std::size_t>(best)] >= total - 1)
            r.domain[i] = best; // an isolated misfit inside another domain
    }
    std::vector<int> sizes(2, 0);
    for (int d : r.domain)
        if (d >= 0)
            ++sizes[static_cast<std::size_t>(d)];
    if (std::min(sizes[0], sizes[1]) < std::max(kMinDomainColumns, (sizes[0] + sizes[1]) / 20)) {
        const int keep = sizes[1] > sizes[0] ? 1 : 0;
        o.directions = {o.directions[static_cast<std::size_t>(keep)]};
        for (std::size_t i = 0; i < n; ++i)
            r.domain[i] = neighbours[i].empty() ? -1 : 0;
    } else if (sizes[1] > sizes[0]) {
        std::swap(o.directions[0], o.directions[1]);
        for (int& d : r.domain)
            if (d >= 0)
                d = 1 - d;
    }
}

/// The starting basis of a domain's lattice fit. fcc [110]: the two short bonds at ±54.7°
/// from the long one. Otherwise the strongest bond direction at least 30° from the first gives
/// a2, and the median bond length along each direction the lengths.
std::pair<Point2, Point2> startingBasis(const Orientations& o, double direction, const std::vector<Bond>& bonds,
                                        const std::vector<Point2>& points, double nn)
{
    if (o.fcc110)
        return {directionVector(direction + kShortFromLong_deg, nn), directionVector(direction - kShortFromLong_deg, nn)};
    const std::vector<double> h = directionHistogram(o.shortAngles);
    int p2 = -1;
    for (int i = 0; i < 180; ++i)
        if (lineDistance(i + 0.5, direction) > 30.0 && (p2 < 0 || h[static_cast<std::size_t>(i)] > h[static_cast<std::size_t>(p2)]))
            p2 = i;
    std::vector<double> l1, l2;
    const double o2 = meanDirection(o.shortAngles, p2 + 0.5, 12.0);
    for (const Bond& b : bonds) {
        const double a = bondAngle(points[static_cast<std::size_t>(b.a)], points[static_cast<std::size_t>(b.b)]);
        if (lineDistance(a, direction) <= 8.0)
            l1.push_back(b.length_px);
        else if (lineDistance(a, o2) <= 8.0)
            l2.push_back(b.length_px);
    }
    auto median = [&](std::vector<double>& v) {
        if (v.empty())
            return nn;
        std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    return {directionVector(direction, median(l1)), directionVector(o2, median(l2))};
}

/// A lattice fitted per domain (to its bulk columns where settings.bulkLattice and the domain
/// has a bulk), and r.lattice: domain 0's vectors with spacings and residual averaged over all
/// domains, weighted by their columns.
void fitDomainLattices(FrameRelations& r, const Orientations& o, const std::vector<Atom>& atoms,
                       const std::vector<Point2>& points, double nn, const RelationSettings& settings)
{
    const std::size_t n = atoms.size();
    r.domains.resize(o.directions.size());
    double weight = 0.0, s111 = 0.0, s200 = 0.0, res = 0.0;
    for (int d = 0; d < static_cast<int>(o.directions.size()); ++d) {
        std::vector<int> members, bondA, bondB;
        for (std::size_t i = 0; i < n; ++i)
            if (r.domain[i] == d && (!settings.bulkLattice || atoms[i].site == SiteKind::Bulk))
                members.push_back(int(i));
        if (members.size() < 12) // a domain too small to have a bulk: all its columns
            for (std::size_t i = 0; i < n; ++i)
                if (r.domain[i] == d && atoms[i].site == SiteKind::Surface)
                    members.push_back(int(i));
        for (const Bond& b : r.bonds)
            if (r.domain[static_cast<std::size_t>(b.a)] == d && r.domain[static_cast<std::size_t>(b.b)] == d) {
                bondA.push_back(b.a);
                bondB.push_back(b.b);
            }
        const auto [a1, a2] = startingBasis(o, o.directions[static_cast<std::size_t>(d)], r.bonds, points, nn);
        LatticeFit fit = fitLattice(points, members, bondA, bondB, a1, a2);
        r.domains[static_cast<std::size_t>(d)] = fit;
        if (fit.valid) {
            weight += fit.atoms;
            s111 += fit.atoms * fit.spacing111_px;
            s200 += fit.atoms * fit.spacing200_px;
            res += fit.atoms * fit.residual_px;
        }
    }
    if (!r.domains.empty() && r.domains[0].valid && weight > 0) {
        r.lattice = r.domains[0];
        r.lattice.spacing111_px = s111 / weight;
        r.lattice.spacing200_px = s200 / weight;
        r.lattice.residual_px = res / weight;
        r.lattice.atoms = static_cast<int>(weight);
    }
}

/// Per-atom strain and rotation: the local affine map from the reference bonds of the atom's
/// domain to the measured ones (local_affine.h).
void localStrain(FrameRelations& r, const std::vector<Point2>& points, const std::vector<std::vector<int>>& neighbours)
{
    for (std::size_t i = 0; i < points.size(); ++i) {
        const int d = r.domain[i];
        if (d < 0 || !r.domains[static_cast<std::size_t>(d)].valid)
            continue;
        const LocalAffine local = fitLocalAffine(points, i, neighbours[i], r.domains[static_cast<std::size_t>(d)]);
        if (!local.valid)
            continue;
        r.strainXX[i] = local.f00 - 1.0;
        r.strainYY[i] = local.f11 - 1.0;
        r.strainXY[i] = 0.5 * (local.f01 + local.f10);
        r.rotation_deg[i] = 0.5 * (local.f10 - local.f01) * 180.0 / kPi;
    }
}

/// The columns the crystal's cell is fitted to: the bulk ones (surface columns relax), or every
/// bonded one when the bulk is too small.
std::vector<int> cellMembers(const std::vector<Atom>& atoms, const std::vector<std::vector<int>>& neighbours)
{
    std::vector<int> members;
    for (std::size_t i = 0; i < atoms.size(); ++i)
        if (atoms[i].site == SiteKind::Bulk)
            members.push_back(static_cast<int>(i));
    if (members.size() < 12)
        for (std::size_t i = 0; i < atoms.size(); ++i)
            if (!neighbours[i].empty() && atoms[i].site == SiteKind::Surface)
                members.push_back(static_cast<int>(i));
    return members;
}

/// The longest Delaunay edge of the perfect structure the cell and basis describe: the edges
/// from the sites of one cell in the middle of a 7 x 7 patch.
double longestIdealEdge(const CrystalLattice& c)
{
    std::vector<Point2> ideal;
    std::vector<char> central;
    for (int m = -3; m <= 3; ++m)
        for (int n = -3; n <= 3; ++n)
            for (const Sublattice& s : c.basis) {
                const double u = m + s.u, v = n + s.v;
                ideal.push_back({u * c.a1.x + v * c.a2.x, u * c.a1.y + v * c.a2.y});
                central.push_back(m == 0 && n == 0);
            }
    if (ideal.size() < 3)
        return 0.0;
    const EdgeLength length(ideal);
    double longest = 0.0;
    for (const auto& t : delaunay(ideal))
        for (int k = 0; k < 3; ++k) {
            const int a = t[static_cast<std::size_t>(k)], b = t[static_cast<std::size_t>((k + 1) % 3)];
            if (central[static_cast<std::size_t>(a)] || central[static_cast<std::size_t>(b)])
                longest = std::max(longest, length(a, b));
        }
    return longest;
}

/// Per column: whether vacuum lies next to it in view. Vacuum is where no crystal column (one of
/// `occupies`: a corner of the particle's triangles) comes within `emptyRadius`, longer than any
/// gap a missed column or a dim row leaves inside a crystal; lone detections on the support
/// (adatoms, speckle) do not fill it. Outside the frame nothing is known, so a crystal cut by the
/// frame's edge meets no vacuum there. Without a frame size, the columns' bounding box grown by
/// two radii is the view. Distances are measured on a grid of a quarter bond.
std::vector<char> besideVacuum(const std::vector<Atom>& atoms, const std::vector<char>& occupies, const RelationSettings& settings,
                               double nn, double emptyRadius)
{
    const double g = std::max(1.0, 0.25 * nn);
    double x0 = 0.0, y0 = 0.0, x1 = settings.frameWidth - 1.0, y1 = settings.frameHeight - 1.0;
    if (settings.frameWidth <= 0 || settings.frameHeight <= 0) {
        x0 = x1 = atoms.front().x;
        y0 = y1 = atoms.front().y;
        for (const Atom& a : atoms) {
            x0 = std::min(x0, a.x);
            x1 = std::max(x1, a.x);
            y0 = std::min(y0, a.y);
            y1 = std::max(y1, a.y);
        }
        x0 -= 2.0 * emptyRadius + 2.0 * g;
        y0 -= 2.0 * emptyRadius + 2.0 * g;
        x1 += 2.0 * emptyRadius + 2.0 * g;
        y1 += 2.0 * emptyRadius + 2.0 * g;
    }
    const int w = static_cast<int>(std::ceil((x1 - x0) / g)) + 1, h = static_cast<int>(std::ceil((y1 - y0) / g)) + 1;
    auto cellOf = [&](const Atom& a) {
        return cv::Point(std::clamp(static_cast<int>(std::lround((a.x - x0) / g)), 0, w - 1),
                         std::clamp(static_cast<int>(std::lround((a.y - y0) / g)), 0, h - 1));
    };
    cv::Mat free(h, w, CV_8U, cv::Scalar(255));
    for (std::size_t i = 0; i < atoms.size(); ++i)
        if (occupies[i])
            free.at<std::uint8_t>(cellOf(atoms[i])) = 0;
    cv::Mat toColumn, toVacuum;
    cv::distanceTransform(free, toColumn, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    const cv::Mat vacuum = toColumn * g > emptyRadius; // 255 where empty
    std::vector<char> beside(atoms.size(), 0);
    if (cv::countNonZero(vacuum) == 0)
        return beside;
    cv::distanceTransform(~vacuum, toVacuum, cv::DIST_L2, cv::DIST_MASK_PRECISE);
    // The outermost columns stand emptyRadius from the vacuum; a bond more for the grid and steps.
    for (std::size_t i = 0; i < atoms.size(); ++i)
        beside[i] = toVacuum.at<float>(cellOf(atoms[i])) * g <= emptyRadius + nn;
    return beside;
}

/// Surface only where the crystal meets vacuum in view: of the triangulation's surface columns
/// (its outline and hole rims), those beside vacuum; the others (the frame's edge cuts the
/// crystal there, or a missed column or a dim row left a hole) are bulk. Empty when only a few
/// stray columns would be left (a detection in a pore): an extended crystal, one that runs
/// past the frame on every side.
std::vector<char> surfaceInView(const std::vector<Atom>& atoms, const std::vector<std::array<int, 3>>& triangles,
                                const RelationSettings& settings, double nn, double emptyRadius)
{
    std::vector<char> occupies(atoms.size(), 0);
    for (const auto& t : triangles)
        for (int v : t)
            occupies[static_cast<std::size_t>(v)] = 1;
    std::vector<char> surface = besideVacuum(atoms, occupies, settings, nn, emptyRadius);
    std::size_t count = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        surface[i] = surface[i] && atoms[i].site == SiteKind::Surface;
        count += surface[i] ? 1 : 0;
    }
    if (count <= std::max<std::size_t>(3, atoms.size() / 100))
        surface.clear();
    return surface;
}

/// For lattices other than fcc [110] (by the bonds and by the indexing) the reported lattice is the crystal's own cell (the bond
/// mesh of a perovskite or a honeycomb is not its lattice); d111/d200 only where the model is
/// fcc [110], from the planes the indexing names so.
void reportCrystalLattice(FrameRelations& r)
{
    const CrystalLattice& c = r.crystal;
    if (!c.valid)
        return;
    LatticeFit& l = r.lattice;
    l.valid = true;
    l.a1x = c.a1.x;
    l.a1y = c.a1.y;
    l.a2x = c.a2.x;
    l.a2y = c.a2.y;
    l.originX = c.origin.x;
    l.originY = c.origin.y;
    l.orientation_deg = lineDirection(c.a1.x, c.a1.y);
    l.residual_px = c.residual_px;
    l.atoms = c.columns;
    l.spacing111_px = kNaN;
    l.spacing200_px = kNaN;
    if (r.indexing.isFcc110()) {
        double sum = 0.0;
        int count = 0;
        for (std::size_t k = 0; k < c.planes.size() && k < r.indexing.planeLabels.size(); ++k) {
            if (r.indexing.planeLabels[k] == "{111}") {
                sum += c.planes[k].d_px;
                ++count;
            } else if (r.indexing.planeLabels[k] == "{200}" && std::isnan(l.spacing200_px))
                l.spacing200_px = c.planes[k].d_px;
        }
        if (count > 0)
            l.spacing111_px = sum / count;
    }
}

} // namespace

FrameRelations computeRelations(std::vector<Atom>& atoms, const RelationSettings& settings)
{
    FrameRelations r;
    const std::size_t n = atoms.size();
    r.nearestNeighbour_px.assign(n, kNaN);
    r.domain.assign(n, -1);
    r.strainXX.assign(n, kNaN);
    r.strainYY.assign(n, kNaN);
    r.strainXY.assign(n, kNaN);
    r.rotation_deg.assign(n, kNaN);
    for (Atom& a : atoms) {
        a.coordination = 0;
        a.site = SiteKind::Surface;
    }
    if (n < 3)
        return r;
    std::vector<Point2> points(n);
    for (std::size_t i = 0; i < n; ++i)
        points[i] = {atoms[i].x, atoms[i].y};
    const EdgeLength length(points);

    // --- Neighbour graph: Delaunay edges up to the cut. ---
    const std::vector<std::array<int, 3>> triangles = delaunay(points);
    const std::vector<std::pair<int, int>> edges = delaunayEdges(triangles, n);
    for (const auto& [a, b] : edges) {
        const double l = length(a, b);
        for (int i : {a, b}) {
            double& nearest = r.nearestNeighbour_px[static_cast<std::size_t>(i)];
            if (std::isnan(nearest) || l < nearest)
                nearest = l;
        }
    }
    const double nn = settings.nearestNeighbour_px > 0.0 ? settings.nearestNeighbour_px
                                                         : bondLength(r.nearestNeighbour_px, edges, length);
    if (!(nn > 0.0))
        return r;
    r.bondLength_px = nn;
    const double cut = settings.bondCut * nn;
    std::vector<std::vector<int>> neighbours(n);
    for (const auto& [a, b] : edges) {
        const double l = length(a, b);
        if (l <= cut) {
            r.bonds.push_back({a, b, l});
            neighbours[static_cast<std::size_t>(a)].push_back(b);
            neighbours[static_cast<std::size_t>(b)].push_back(a);
        }
    }
    double sumNN = 0.0;
    int bonded = 0;
    for (std::size_t i = 0; i < n; ++i) {
        atoms[i].coordination = static_cast<int>(neighbours[i].size());
        if (!neighbours[i].empty()) {
            sumNN += r.nearestNeighbour_px[i];
            ++bonded;
        }
    }
    r.meanNearestNeighbour_px = bonded ? sumNN / bonded : 0.0;

    // --- Surface sites from the bonded triangles; the crystal's own cell. ---
    const double firstCut = std::max(cut, kTriangleCut * nn);
    std::vector<std::array<int, 3>> kept = markSurfaceSites(atoms, triangles, firstCut, length);
    CrystalLatticeSettings cs;
    cs.nearestNeighbour_px = nn;
    std::vector<int> fitMembers = cellMembers(atoms, neighbours);
    r.crystal = measureCrystalLattice(atoms, fitMembers, cs);
    // A honeycomb's rings are split by edges of √3 nn: the cut must pass the longest edge the
    // measured structure's own triangulation has, or every column would be "surface".
    const double structureCut = r.crystal.valid ? 1.1 * longestIdealEdge(r.crystal) : 0.0;
    if (structureCut > firstCut) {
        kept = markSurfaceSites(atoms, triangles, structureCut, length);
        fitMembers = cellMembers(atoms, neighbours);
        r.crystal = measureCrystalLattice(atoms, fitMembers, cs);
    }
    r.particle = particleShape(points, kept, 0.5 * nn);
    // Empty: farther from every column than 1.25 of the cell's longer vector (or 1.5 bonds).
    const double cellLength = r.crystal.valid ? std::max(std::hypot(r.crystal.a1.x, r.crystal.a1.y),
                                                         std::hypot(r.crystal.a2.x, r.crystal.a2.y)) : 0.0;
    const double emptyRadius = 1.25 * std::max({cellLength, 1.2 * nn, 0.8 * structureCut});
    const std::vector<char> inView = surfaceInView(atoms, kept, settings, nn, emptyRadius);
    r.extended = inView.empty();

    // --- Orientation domains, a lattice for each, and strain against it. ---
    Orientations orientations = findOrientations(r.bonds, points, nn);
    assignDomains(r, orientations, points, neighbours);
    fitDomainLattices(r, orientations, atoms, points, nn, settings);
    if (settings.strain)
        localStrain(r, points, neighbours);

    // --- Where the view, not the crystal, ends (the fits above kept to the triangulation's
    //     bulk); the indexing of the cell. ---
    for (std::size_t i = 0; i < n; ++i)
        atoms[i].site = !r.extended && inView[i] ? SiteKind::Surface : SiteKind::Bulk;
    if (r.extended)
        r.particle = ParticleShape{};
    r.indexing = indexLattice(r.crystal, settings.structure, settings.pixel_nm);
    if (!(orientations.fcc110 && r.indexing.isFcc110())) {
        reportCrystalLattice(r);
        findGrains(r, atoms, fitMembers, neighbours, cs);
    }
    return r;
}

} // namespace hrtem
