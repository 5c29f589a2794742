#include "core/analysis/relations.h"
#include "core/analysis/local_affine.h"
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

/// |(x, y)|: std::hypot guards against overflow we cannot have here, and costs several times more.
inline double len(double x, double y) { return std::sqrt(x * x + y * y); }
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Half the angle between the two nearest-neighbour directions of projected fcc [110]:
/// atan(√2) = 54.7356°, the angle of each short bond from the long [1-10] bond.
constexpr double kShortFromLong_deg = 54.735610317245346;
/// The long bond over the short one, 2/√3: bonds are long above the midpoint.
constexpr double kLongThreshold = 0.5 * (1.0 + 1.1547005383792515);
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

Point2 direction(double angle_deg, double length)
{
    return {length * std::cos(angle_deg * kPi / 180.0), length * std::sin(angle_deg * kPi / 180.0)};
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

    // --- Neighbour graph: Delaunay edges up to the cut. ---
    const std::vector<std::array<int, 3>> triangles = delaunay(points);
    // Unique undirected edges, through per-atom lists (Delaunay degrees are small).
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
    auto length = [&](int a, int b) {
        const double dx = points[static_cast<std::size_t>(b)].x - points[static_cast<std::size_t>(a)].x;
        const double dy = points[static_cast<std::size_t>(b)].y - points[static_cast<std::size_t>(a)].y;
        return std::sqrt(dx * dx + dy * dy);
    };
    for (const auto& [a, b] : edges) {
        const double l = length(a, b);
        for (int i : {a, b}) {
            double& nn = r.nearestNeighbour_px[static_cast<std::size_t>(i)];
            if (std::isnan(nn) || l < nn)
                nn = l;
        }
    }
    double nn = settings.nearestNeighbour_px;
    if (!(nn > 0.0)) {
        std::vector<double> values;
        for (double v : r.nearestNeighbour_px)
            if (!std::isnan(v))
                values.push_back(v);
        if (values.empty())
            return r;
        std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
        const double nearest = values[values.size() / 2];
        // Each atom's nearest distance is the minimum of several noisy ones, so it is biased
        // short. The median of the edges in a window centred on the estimate is not (for a
        // symmetric spread); the window reaches half-way to fcc's long bond, and a few
        // re-centrings move it from the biased start onto the bond length.
        nn = nearest;
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
    }
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

    // --- Bonded triangles: surface sites and the outline. ---
    // A square lattice's cells are split by a diagonal of √2 nn, longer than a bond: triangles
    // may have one such edge and still be particle (fcc [110] has no Delaunay edge between 1.155
    // and 1.633 nn, so its holes and surface notches stay open).
    const double triangleCut = std::max(cut, kTriangleCut * nn);
    std::vector<std::array<int, 3>> kept;
    for (const auto& t : triangles)
        if (length(t[0], t[1]) <= triangleCut && length(t[1], t[2]) <= triangleCut && length(t[2], t[0]) <= triangleCut)
            kept.push_back(t);
    {
        // Per atom, how many bonded triangles each of its edges belongs to: an edge in one only
        // lies on the outline or a hole's rim, and so does the atom.
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
    }
    r.particle = particleShape(points, kept, 0.5 * nn);

    // --- Orientation domains from the long ([1-10]) bonds of fcc [110]. ---
    const double longCut = kLongThreshold * nn;
    std::vector<double> longAngles, shortAngles;
    for (const Bond& b : r.bonds)
        (b.length_px > longCut ? longAngles : shortAngles)
            .push_back(bondAngle(points[static_cast<std::size_t>(b.a)], points[static_cast<std::size_t>(b.b)]));
    const bool fcc110 = longAngles.size() >= 6 && longAngles.size() >= 0.1 * r.bonds.size();
    std::vector<double> orientations; // per domain: the long-bond direction (fcc) or first basis direction
    if (fcc110) {
        const std::vector<double> h = directionHistogram(longAngles);
        const int p1 = int(std::max_element(h.begin(), h.end()) - h.begin());
        orientations.push_back(meanDirection(longAngles, p1 + 0.5, 12.0));
        int p2 = -1;
        // Short bonds stretched by noise past the long/short threshold pile up along the first
        // domain's short directions (±54.7° from its long one): no second domain there.
        for (int i = 0; i < 180; ++i) {
            const double a = i + 0.5, o = orientations[0];
            if (lineDistance(a, o) > 20.0 && lineDistance(a, o + kShortFromLong_deg) > 8.0 &&
                lineDistance(a, o - kShortFromLong_deg) > 8.0 && (p2 < 0 || h[static_cast<std::size_t>(i)] > h[static_cast<std::size_t>(p2)]))
                p2 = i;
        }
        // A second domain needs a real peak: a local maximum with a tenth of the main one's height.
        if (p2 >= 0 && h[static_cast<std::size_t>(p2)] >= 0.1 * h[static_cast<std::size_t>(p1)] &&
            h[static_cast<std::size_t>(p2)] >= h[static_cast<std::size_t>((p2 + 1) % 180)] &&
            h[static_cast<std::size_t>(p2)] >= h[static_cast<std::size_t>((p2 + 179) % 180)])
            orientations.push_back(meanDirection(longAngles, p2 + 0.5, 12.0));
    } else {
        // Any other lattice: the strongest bond direction; the basis search below finds a2.
        const std::vector<double> h = directionHistogram(shortAngles);
        const int p1 = int(std::max_element(h.begin(), h.end()) - h.begin());
        orientations.push_back(meanDirection(shortAngles, p1 + 0.5, 12.0));
    }

    const int domainCount = static_cast<int>(orientations.size());
    if (domainCount == 1) {
        for (std::size_t i = 0; i < n; ++i)
            if (!neighbours[i].empty())
                r.domain[i] = 0;
    } else {
        // Each bond votes for the domains whose bond directions it matches (long bonds against
        // the long direction, short ones against the two short ones); a direction both domains
        // share (the twin plane) votes for neither.
        // (Two domains at most: the arrays below are sized for that.)
        const double window = 10.0;
        std::vector<std::array<int, 2>> votes(n, std::array<int, 2>{0, 0});
        for (const Bond& b : r.bonds) {
            const double a = bondAngle(points[static_cast<std::size_t>(b.a)], points[static_cast<std::size_t>(b.b)]);
            int match = -1, matches = 0;
            for (int d = 0; d < 2; ++d) {
                const double o = orientations[static_cast<std::size_t>(d)];
                const double miss = b.length_px > longCut ? lineDistance(a, o)
                                                          : std::min(lineDistance(a, o + kShortFromLong_deg),
                                                                     lineDistance(a, o - kShortFromLong_deg));
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
        // Undecided atoms (the boundary row, lone surface columns) take their neighbours' majority.
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
        // Largest domain first; a second domain of a few columns is noise, not a grain.
        std::vector<int> sizes(static_cast<std::size_t>(domainCount), 0);
        for (int d : r.domain)
            if (d >= 0)
                ++sizes[static_cast<std::size_t>(d)];
        if (std::min(sizes[0], sizes[1]) < std::max(kMinDomainColumns, (sizes[0] + sizes[1]) / 20)) {
            const int keep = sizes[1] > sizes[0] ? 1 : 0;
            orientations = {orientations[static_cast<std::size_t>(keep)]};
            for (std::size_t i = 0; i < n; ++i)
                r.domain[i] = neighbours[i].empty() ? -1 : 0;
        } else if (sizes[1] > sizes[0]) {
            std::swap(orientations[0], orientations[1]);
            for (int& d : r.domain)
                if (d >= 0)
                    d = 1 - d;
        }
    }

    // --- Lattice fit per domain. ---
    r.domains.resize(orientations.size());
    double weight = 0.0, s111 = 0.0, s200 = 0.0, res = 0.0;
    for (int d = 0; d < static_cast<int>(orientations.size()); ++d) {
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
        Point2 a1, a2;
        const double o = orientations[static_cast<std::size_t>(d)];
        if (fcc110) {
            a1 = direction(o + kShortFromLong_deg, nn);
            a2 = direction(o - kShortFromLong_deg, nn);
        } else {
            // The second basis vector: the strongest bond direction at least 30° from the first.
            const std::vector<double> h = directionHistogram(shortAngles);
            int p2 = -1;
            for (int i = 0; i < 180; ++i)
                if (lineDistance(i + 0.5, o) > 30.0 && (p2 < 0 || h[static_cast<std::size_t>(i)] > h[static_cast<std::size_t>(p2)]))
                    p2 = i;
            std::vector<double> l1, l2;
            const double o2 = meanDirection(shortAngles, p2 + 0.5, 12.0);
            for (const Bond& b : r.bonds) {
                const double a = bondAngle(points[static_cast<std::size_t>(b.a)], points[static_cast<std::size_t>(b.b)]);
                if (lineDistance(a, o) <= 8.0)
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
            a1 = direction(o, median(l1));
            a2 = direction(o2, median(l2));
        }
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

    // --- Strain: local affine map from the reference bonds to the measured ones. ---
    if (settings.strain) {
        for (std::size_t i = 0; i < n; ++i) {
            const int d = r.domain[i];
            if (d < 0 || !r.domains[static_cast<std::size_t>(d)].valid)
                continue;
            const LocalAffine local = fitLocalAffine(points, i, neighbours[i], r.domains[static_cast<std::size_t>(d)]);
            if (!local.valid)
                continue;
            const double f00 = local.f00, f01 = local.f01, f10 = local.f10, f11 = local.f11;
            r.strainXX[i] = f00 - 1.0;
            r.strainYY[i] = f11 - 1.0;
            r.strainXY[i] = 0.5 * (f01 + f10);
            r.rotation_deg[i] = 0.5 * (f10 - f01) * 180.0 / kPi;
        }
    }
    return r;
}

} // namespace hrtem
