#include "core/relate/crystal_lattice.h"
#include "core/relate/lattice_fit.h"
#include "core/util/angles.h"
#include "core/util/math_constants.h"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <unordered_map>

namespace hrtem {

namespace {

inline double norm(Point2 p) { return std::sqrt(p.x * p.x + p.y * p.y); }
inline double cross(Point2 a, Point2 b) { return a.x * b.y - a.y * b.x; }
inline double dot(Point2 a, Point2 b) { return a.x * b.x + a.y * b.y; }

/// Columns binned on a square grid, to find the neighbours within a radius in constant time.
class ColumnGrid {
public:
    ColumnGrid(const std::vector<Point2>& points, double cell) : mPoints(points), mCell(cell)
    {
        for (std::size_t i = 0; i < points.size(); ++i)
            mBins[key(bin(points[i].x), bin(points[i].y))].push_back(static_cast<int>(i));
    }
    /// Calls visit(j) for every column within `radius` of p (the caller excludes itself).
    void forEachWithin(Point2 p, double radius, const std::function<void(int)>& visit) const
    {
        const long r = static_cast<long>(std::ceil(radius / mCell));
        const long bx = bin(p.x), by = bin(p.y);
        for (long y = by - r; y <= by + r; ++y)
            for (long x = bx - r; x <= bx + r; ++x) {
                const auto it = mBins.find(key(x, y));
                if (it == mBins.end())
                    continue;
                for (int j : it->second) {
                    const Point2& q = mPoints[static_cast<std::size_t>(j)];
                    if ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y) <= radius * radius)
                        visit(j);
                }
            }
    }

private:
    long bin(double v) const { return static_cast<long>(std::floor(v / mCell)); }
    static long long key(long x, long y) { return (static_cast<long long>(x) << 32) ^ (y & 0xffffffffLL); }
    const std::vector<Point2>& mPoints;
    double mCell;
    std::unordered_map<long long, std::vector<int>> mBins;
};

/// Two intensity classes when the amplitudes split clearly in two (Otsu's threshold, then the
/// classes' separation in their own spreads must exceed 3 and the smaller hold a tenth): a
/// thickness gradient gives one broad mode and no classes. Returns per atom 0/1, or empty.
std::vector<int> intensityClasses(const std::vector<Atom>& atoms)
{
    const std::size_t n = atoms.size();
    if (n < 20)
        return {};
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = std::abs(atoms[i].amplitude);
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> prefix(n + 1, 0.0), prefix2(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        prefix[i + 1] = prefix[i] + sorted[i];
        prefix2[i + 1] = prefix2[i] + sorted[i] * sorted[i];
    }
    const std::size_t least = std::max<std::size_t>(3, n / 10);
    double bestScore = 0.0;
    std::size_t split = 0;
    for (std::size_t k = least; k + least <= n; ++k) {
        const double m1 = prefix[k] / double(k), m2 = (prefix[n] - prefix[k]) / double(n - k);
        const double v1 = std::max(0.0, prefix2[k] / double(k) - m1 * m1);
        const double v2 = std::max(0.0, (prefix2[n] - prefix2[k]) / double(n - k) - m2 * m2);
        const double score = (m2 - m1) / std::sqrt(0.5 * (v1 + v2) + 1e-300);
        if (score > bestScore) {
            bestScore = score;
            split = k;
        }
    }
    if (bestScore < 3.0 || split == 0)
        return {};
    const double threshold = 0.5 * (sorted[split - 1] + sorted[split]);
    std::vector<int> classes(n);
    for (std::size_t i = 0; i < n; ++i)
        classes[i] = v[i] > threshold ? 1 : 0;
    return classes;
}

/// A cluster of neighbour vectors.
struct VectorCluster {
    Point2 sum;
    int count = 0;
    Point2 mean() const { return {sum.x / count, sum.y / count}; }
};

/// Neighbour vectors from each member to the columns within `radius`, clustered (a vector joins
/// the cluster whose mean is within `tolerance`), and per member (in `members` order) the
/// clusters along which it reaches a column of its own intensity class.
struct NeighbourVectors {
    std::vector<VectorCluster> clusters;
    std::vector<std::vector<int>> reached;
};

NeighbourVectors neighbourVectors(const std::vector<Point2>& points, const std::vector<int>& members,
                                  const std::vector<int>& classes, double radius, double tolerance)
{
    const ColumnGrid grid(points, radius / 2.0);
    NeighbourVectors out;
    out.reached.resize(members.size());
    for (std::size_t k = 0; k < members.size(); ++k) {
        const int i = members[k];
        const Point2 p = points[static_cast<std::size_t>(i)];
        grid.forEachWithin(p, radius, [&](int j) {
            if (j == i)
                return;
            const Point2 d{points[static_cast<std::size_t>(j)].x - p.x, points[static_cast<std::size_t>(j)].y - p.y};
            std::size_t c = 0;
            for (; c < out.clusters.size(); ++c) {
                const Point2 m = out.clusters[c].mean();
                if (norm({d.x - m.x, d.y - m.y}) <= tolerance)
                    break;
            }
            if (c == out.clusters.size())
                out.clusters.push_back({});
            out.clusters[c].sum.x += d.x;
            out.clusters[c].sum.y += d.y;
            ++out.clusters[c].count;
            if (classes.empty() || classes[static_cast<std::size_t>(i)] == classes[static_cast<std::size_t>(j)])
                out.reached[k].push_back(static_cast<int>(c));
        });
    }
    return out;
}

/// The dominant lattice among the members: per member, its local translations are the vectors
/// it reaches a like column along in both senses (a honeycomb's bond reaches the other
/// sublattice one way only; a twin's vectors hold on its own side only); its local cell, the
/// two shortest independent ones. The cell most members share is the crystal's (a twin's
/// larger domain), and `inDomain` marks the members that reach along both of its vectors.
struct DominantCell {
    bool valid = false;
    Point2 a1, a2;
    std::vector<char> inDomain;
};

DominantCell dominantCell(const NeighbourVectors& nv)
{
    DominantCell cell;
    const std::size_t C = nv.clusters.size();
    std::vector<Point2> mean(C);
    for (std::size_t c = 0; c < C; ++c)
        mean[c] = nv.clusters[c].mean();
    // The opposite of each cluster (its mean negated), or -1.
    std::vector<int> opposite(C, -1);
    for (std::size_t c = 0; c < C; ++c) {
        double best = 0.3 * norm(mean[c]);
        for (std::size_t d = 0; d < C; ++d) {
            const double miss = norm({mean[c].x + mean[d].x, mean[c].y + mean[d].y});
            if (miss < best) {
                best = miss;
                opposite[c] = static_cast<int>(d);
            }
        }
    }
    auto canonical = [&](int c) { return opposite[static_cast<std::size_t>(c)] >= 0 ? std::min(c, opposite[static_cast<std::size_t>(c)]) : c; };
    std::map<std::pair<int, int>, int> votes;
    std::vector<std::pair<int, int>> local(nv.reached.size(), {-1, -1});
    std::vector<char> has(C, 0);
    for (std::size_t k = 0; k < nv.reached.size(); ++k) {
        for (int c : nv.reached[k])
            has[static_cast<std::size_t>(c)] = 1;
        std::vector<int> both;
        for (int c : nv.reached[k])
            if (opposite[static_cast<std::size_t>(c)] >= 0 && has[static_cast<std::size_t>(opposite[static_cast<std::size_t>(c)])])
                both.push_back(c);
        for (int c : nv.reached[k])
            has[static_cast<std::size_t>(c)] = 0;
        std::sort(both.begin(), both.end(), [&](int x, int y) { return norm(mean[static_cast<std::size_t>(x)]) < norm(mean[static_cast<std::size_t>(y)]); });
        if (both.empty())
            continue;
        const int first = both.front();
        for (int c : both)
            if (std::abs(cross(mean[static_cast<std::size_t>(first)], mean[static_cast<std::size_t>(c)])) >
                0.25 * norm(mean[static_cast<std::size_t>(first)]) * norm(mean[static_cast<std::size_t>(c)])) {
                const int x = canonical(first), y = canonical(c);
                local[k] = {std::min(x, y), std::max(x, y)};
                ++votes[local[k]];
                break;
            }
    }
    if (votes.empty())
        return cell;
    const auto winner = std::max_element(votes.begin(), votes.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
    const auto [c1, c2] = winner->first;
    cell.a1 = mean[static_cast<std::size_t>(c1)];
    cell.a2 = mean[static_cast<std::size_t>(c2)];
    cell.inDomain.assign(nv.reached.size(), 0);
    auto reaches = [&](const std::vector<int>& list, int c) {
        return std::any_of(list.begin(), list.end(), [&](int x) { return canonical(x) == c; });
    };
    for (std::size_t k = 0; k < nv.reached.size(); ++k)
        cell.inDomain[k] = reaches(nv.reached[k], c1) && reaches(nv.reached[k], c2);
    cell.valid = true;
    return cell;
}

/// Gauss (Lagrange) reduction: the shortest basis of the same lattice, |a1| <= |a2|, then a2
/// turned so that the angle between them is at least 90° (hexagonal: 120°; fcc [110]: 109.47°,
/// the two short bonds on either side of the long one, as LatticeFit reports them).
void reduce(Point2& a1, Point2& a2)
{
    for (int guard = 0; guard < 32; ++guard) {
        if (norm(a2) < norm(a1))
            std::swap(a1, a2);
        const double m = std::round(dot(a1, a2) / dot(a1, a1));
        if (m == 0.0)
            break;
        a2 = {a2.x - m * a1.x, a2.y - m * a1.y};
    }
    if (norm(a2) < norm(a1))
        std::swap(a1, a2);
    if (dot(a1, a2) > 0)
        a2 = {-a2.x, -a2.y};
}

double wrap(double f) { return f - std::round(f); }

/// Lattice coordinates of d in the basis (a1, a2).
void coords(Point2 a1, Point2 a2, Point2 d, double& c1, double& c2)
{
    const double det = cross(a1, a2);
    c1 = (a2.y * d.x - a2.x * d.y) / det;
    c2 = (-a1.y * d.x + a1.x * d.y) / det;
}

/// The sublattices: fractional positions of the members in the cell, clustered on the torus.
struct BasisAssignment {
    std::vector<Point2> offsets; ///< fractional (u, v) per sublattice
    std::vector<int> of;         ///< per member index (in `members` order): sublattice or -1
};

BasisAssignment findBasis(const std::vector<Point2>& points, const std::vector<int>& members, Point2 origin, Point2 a1,
                          Point2 a2, double tolerance)
{
    BasisAssignment b;
    std::vector<Point2> sums;
    std::vector<int> counts;
    std::vector<Point2> frac(members.size());
    b.of.assign(members.size(), -1);
    for (std::size_t k = 0; k < members.size(); ++k) {
        const Point2 p = points[static_cast<std::size_t>(members[k])];
        double c1, c2;
        coords(a1, a2, {p.x - origin.x, p.y - origin.y}, c1, c2);
        frac[k] = {wrap(c1), wrap(c2)};
        std::size_t s = 0;
        for (; s < sums.size(); ++s) {
            const Point2 m{sums[s].x / counts[s], sums[s].y / counts[s]};
            const double du = wrap(frac[k].x - m.x), dv = wrap(frac[k].y - m.y);
            if (norm({du * a1.x + dv * a2.x, du * a1.y + dv * a2.y}) <= tolerance)
                break;
        }
        if (s == sums.size()) {
            sums.push_back({0, 0});
            counts.push_back(0);
            b.offsets.push_back(frac[k]); // the first member's phase anchors the running mean
        }
        // Accumulate near the anchor, so the mean does not straddle the cell's edge.
        const Point2 anchor = b.offsets[s];
        sums[s].x += anchor.x + wrap(frac[k].x - anchor.x);
        sums[s].y += anchor.y + wrap(frac[k].y - anchor.y);
        ++counts[s];
        b.of[k] = static_cast<int>(s);
    }
    // Sublattices with fewer than 5% of the columns are defects or false detections.
    const int least = std::max(2, static_cast<int>(0.05 * members.size()));
    std::vector<int> renumber(sums.size(), -1);
    std::vector<Point2> kept;
    for (std::size_t s = 0; s < sums.size(); ++s)
        if (counts[s] >= least) {
            renumber[s] = static_cast<int>(kept.size());
            kept.push_back({sums[s].x / counts[s], sums[s].y / counts[s]});
        }
    for (int& s : b.of)
        s = s >= 0 ? renumber[static_cast<std::size_t>(s)] : -1;
    b.offsets = kept;
    return b;
}

/// Variance of f(a1x, a1y, a2x, a2y) by its numerical gradient against the basis covariance
/// (x and y components independent, each with the same 2x2 covariance `c`).
double propagate(const std::function<double(Point2, Point2)>& f, Point2 a1, Point2 a2, const Eigen::Matrix2d& c)
{
    const double h = 1e-4 * std::max(norm(a1), norm(a2));
    auto partial = [&](int which) {
        Point2 p1 = a1, p2 = a2, m1 = a1, m2 = a2;
        switch (which) {
        case 0: p1.x += h; m1.x -= h; break;
        case 1: p2.x += h; m2.x -= h; break;
        case 2: p1.y += h; m1.y -= h; break;
        default: p2.y += h; m2.y -= h; break;
        }
        return (f(p1, p2) - f(m1, m2)) / (2 * h);
    };
    const Eigen::Vector2d gx(partial(0), partial(1)), gy(partial(2), partial(3));
    return gx.dot(c * gx) + gy.dot(c * gy);
}

double angleBetween(Point2 p, Point2 q)
{
    return std::acos(std::clamp(dot(p, q) / (norm(p) * norm(q)), -1.0, 1.0)) * 180.0 / kPi;
}

/// The crystal's cell from the members, with intensity classes where the amplitudes split in
/// two and the classes repeat (else by position alone), reduced; and its domain's members.
struct CellEstimate {
    bool valid = false;
    bool byIntensity = false;
    Point2 a1, a2;
    std::vector<int> domainMembers;
};

CellEstimate estimateCell(const std::vector<Atom>& atoms, const std::vector<Point2>& points, const std::vector<int>& members,
                          double nn)
{
    CellEstimate cell;
    // 2.6 nearest-neighbour distances reach the primitive translations of every structure here
    // (the longest, a perovskite's Sr-Sr with Ti-O between, is 1.41 of its Sr-TiO bond).
    std::vector<int> classes = intensityClasses(atoms);
    DominantCell dominant;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const NeighbourVectors nv = neighbourVectors(points, members, classes, 2.6 * nn, 0.22 * nn);
        dominant = dominantCell(nv);
        const auto domain = dominant.valid ? std::count(dominant.inDomain.begin(), dominant.inDomain.end(), 1) : 0;
        // Classes that leave most columns without a like partner are not species.
        if (classes.empty() || domain >= 0.3 * double(members.size()))
            break;
        classes.clear();
    }
    if (!dominant.valid)
        return cell;
    cell.byIntensity = !classes.empty();
    for (std::size_t k = 0; k < members.size(); ++k)
        if (dominant.inDomain[k])
            cell.domainMembers.push_back(members[k]);
    cell.a1 = dominant.a1;
    cell.a2 = dominant.a2;
    reduce(cell.a1, cell.a2);
    cell.valid = cell.domainMembers.size() >= 8;
    return cell;
}

/// p = o_s + m·a1 + n·a2 for a column of sublattice s in cell (m, n), fitted to all columns at
/// once (x and y share one normal matrix over a1, a2, o_0 .. o_S-1), three passes as the cell
/// indices settle; columns more than a quarter bond from their site are left out.
struct JointFit {
    bool ok = false;
    Point2 a1, a2;
    std::vector<Point2> offsets; ///< px, per sublattice
    Eigen::Matrix2d cov;         ///< of (a1, a2) per coordinate: residual variance x (NᵀN)⁻¹
    double rms = 0.0;
    int used = 0;
};

JointFit fitJointly(const std::vector<Point2>& points, const std::vector<int>& members, const BasisAssignment& basis,
                    Point2 a1, Point2 a2, double nn)
{
    JointFit fit;
    const std::size_t S = basis.offsets.size();
    if (S == 0)
        return fit;
    const Point2 origin = centralMember(points, members);
    for (std::size_t s = 0; s < S; ++s)
        fit.offsets.push_back({origin.x + basis.offsets[s].x * a1.x + basis.offsets[s].y * a2.x,
                               origin.y + basis.offsets[s].x * a1.y + basis.offsets[s].y * a2.y});
    const long P = static_cast<long>(2 + S);
    Eigen::MatrixXd normal;
    double sumSquares = 0.0;
    for (int pass = 0; pass < 3; ++pass) {
        const double gate = 0.25 * std::min(norm(a1), nn);
        normal = Eigen::MatrixXd::Zero(P, P);
        Eigen::VectorXd rx = Eigen::VectorXd::Zero(P), ry = Eigen::VectorXd::Zero(P);
        std::vector<std::array<double, 3>> rows; // (m, n, sublattice) of the used columns
        std::vector<int> rowAtom;
        for (std::size_t k = 0; k < members.size(); ++k) {
            const int s = basis.of[k];
            if (s < 0)
                continue;
            const Point2 p = points[static_cast<std::size_t>(members[k])];
            const Point2 o = fit.offsets[static_cast<std::size_t>(s)];
            double c1, c2;
            coords(a1, a2, {p.x - o.x, p.y - o.y}, c1, c2);
            const double m = std::round(c1), n = std::round(c2);
            if (norm({p.x - o.x - m * a1.x - n * a2.x, p.y - o.y - m * a1.y - n * a2.y}) > gate)
                continue;
            Eigen::VectorXd row = Eigen::VectorXd::Zero(P);
            row(0) = m;
            row(1) = n;
            row(2 + s) = 1.0;
            normal += row * row.transpose();
            rx += row * p.x;
            ry += row * p.y;
            rows.push_back({m, n, double(s)});
            rowAtom.push_back(members[k]);
        }
        if (static_cast<long>(rows.size()) < P + 4)
            return fit;
        const Eigen::LDLT<Eigen::MatrixXd> solver(normal);
        const Eigen::VectorXd sx = solver.solve(rx), sy = solver.solve(ry);
        if (solver.info() != Eigen::Success || !sx.allFinite() || !sy.allFinite())
            return fit;
        a1 = {sx(0), sy(0)};
        a2 = {sx(1), sy(1)};
        for (std::size_t s = 0; s < S; ++s)
            fit.offsets[s] = {sx(static_cast<long>(2 + s)), sy(static_cast<long>(2 + s))};
        sumSquares = 0.0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const Point2 p = points[static_cast<std::size_t>(rowAtom[r])];
            const Point2 o = fit.offsets[static_cast<std::size_t>(rows[r][2])];
            const double ex = p.x - o.x - rows[r][0] * a1.x - rows[r][1] * a2.x;
            const double ey = p.y - o.y - rows[r][0] * a1.y - rows[r][1] * a2.y;
            sumSquares += ex * ex + ey * ey;
        }
        fit.used = static_cast<int>(rows.size());
    }
    fit.ok = true;
    fit.a1 = a1;
    fit.a2 = a2;
    fit.rms = std::sqrt(sumSquares / fit.used);
    const double variance = sumSquares / std::max(1.0, 2.0 * fit.used - 2.0 * double(P));
    fit.cov = variance * normal.inverse().topLeftCorner(2, 2);
    return fit;
}

/// The basis for the report: the brightest sublattice holds the origin, the others are placed
/// relative to it.
void describeBasis(CrystalLattice& lattice, const std::vector<Atom>& atoms, const std::vector<int>& members,
                   const BasisAssignment& basis, const JointFit& fit)
{
    const std::size_t S = fit.offsets.size();
    if (S == 0)
        return;
    std::vector<double> amplitude(S, 0.0);
    std::vector<int> count(S, 0);
    for (std::size_t k = 0; k < members.size(); ++k)
        if (basis.of[k] >= 0) {
            amplitude[static_cast<std::size_t>(basis.of[k])] += std::abs(atoms[static_cast<std::size_t>(members[k])].amplitude);
            ++count[static_cast<std::size_t>(basis.of[k])];
        }
    std::vector<std::size_t> order(S);
    for (std::size_t s = 0; s < S; ++s)
        order[s] = s;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return amplitude[a] / std::max(1, count[a]) > amplitude[b] / std::max(1, count[b]);
    });
    const Point2 o0 = fit.offsets[order[0]];
    lattice.origin = o0;
    for (std::size_t s : order) {
        Sublattice sub;
        double c1, c2;
        coords(fit.a1, fit.a2, {fit.offsets[s].x - o0.x, fit.offsets[s].y - o0.y}, c1, c2);
        // In [0, 1), and exactly 0 (not -0 or 0.9999999) for the origin's sublattice.
        auto fraction = [](double f) {
            const double r = f - std::floor(f);
            return r < 1e-9 || r > 1.0 - 1e-9 ? 0.0 : r;
        };
        sub.u = fraction(c1);
        sub.v = fraction(c2);
        sub.columns = count[s];
        sub.meanAmplitude = count[s] ? amplitude[s] / count[s] : 0.0;
        lattice.basis.push_back(sub);
    }
}

/// Plane spacings d_hk = 1/|h·b1 + k·b2| with their errors: the widest four families (one sign
/// of each).
std::vector<PlaneSpacing> widestPlanes(Point2 a1, Point2 a2, const Eigen::Matrix2d& cov)
{
    auto spacing = [](Point2 p, Point2 q, int h, int k) {
        const double det = cross(p, q);
        const Point2 b1{q.y / det, -q.x / det}, b2{-p.y / det, p.x / det};
        return 1.0 / norm({h * b1.x + k * b2.x, h * b1.y + k * b2.y});
    };
    std::vector<PlaneSpacing> planes;
    const int candidates[][2] = {{1, 0}, {0, 1}, {1, 1}, {1, -1}, {2, 1}, {1, 2}, {2, -1}, {1, -2}};
    for (const auto& hk : candidates) {
        PlaneSpacing plane;
        plane.h = hk[0];
        plane.k = hk[1];
        plane.d_px = spacing(a1, a2, hk[0], hk[1]);
        plane.dErr_px = std::sqrt(propagate([&](Point2 p, Point2 q) { return spacing(p, q, hk[0], hk[1]); }, a1, a2, cov));
        const double det = cross(a1, a2);
        const Point2 g{hk[0] * a2.y / det - hk[1] * a1.y / det, -hk[0] * a2.x / det + hk[1] * a1.x / det};
        plane.normal_deg = lineDirection(g.x, g.y);
        planes.push_back(plane);
    }
    std::stable_sort(planes.begin(), planes.end(),
                     [](const PlaneSpacing& a, const PlaneSpacing& b) { return a.d_px > b.d_px * (1.0 + 1e-9); });
    planes.resize(4);
    return planes;
}

} // namespace

const char* bravaisTypeName(BravaisType type)
{
    switch (type) {
    case BravaisType::Square: return "square";
    case BravaisType::Hexagonal: return "hexagonal";
    case BravaisType::Rectangular: return "rectangular";
    case BravaisType::CentredRectangular: return "centred rectangular";
    case BravaisType::Oblique: break;
    }
    return "oblique";
}

BravaisType classifyBravais(Point2 a1, Point2 a2, double lengthTolerance, double angleTolerance_deg)
{
    const double l1 = norm(a1), l2 = norm(a2);
    if (!(l1 > 0) || !(l2 > 0))
        return BravaisType::Oblique;
    const double angle = std::acos(std::clamp(std::abs(dot(a1, a2)) / (l1 * l2), 0.0, 1.0)) * 180.0 / kPi; // <= 90
    const bool equal = std::abs(l2 / l1 - 1.0) <= lengthTolerance;
    const bool right = std::abs(angle - 90.0) <= angleTolerance_deg;
    if (equal && right)
        return BravaisType::Square;
    if (equal && std::abs(angle - 60.0) <= angleTolerance_deg)
        return BravaisType::Hexagonal;
    if (right)
        return BravaisType::Rectangular;
    // Centred rectangular: two equal vectors (a rhombus), or the projection of a2 on a1 half of a1.
    if (equal || std::abs(std::abs(dot(a1, a2)) / (l1 * l1) - 0.5) <= lengthTolerance)
        return BravaisType::CentredRectangular;
    return BravaisType::Oblique;
}

CrystalLattice measureCrystalLattice(const std::vector<Atom>& atoms, const std::vector<int>& members,
                                     const CrystalLatticeSettings& settings)
{
    CrystalLattice lattice;
    const double nn = settings.nearestNeighbour_px;
    if (members.size() < 8 || !(nn > 0.0))
        return lattice;
    std::vector<Point2> points(atoms.size());
    for (std::size_t i = 0; i < atoms.size(); ++i)
        points[i] = {atoms[i].x, atoms[i].y};

    // 1. The cell most members repeat along, and the members of its domain.
    const CellEstimate cell = estimateCell(atoms, points, members, nn);
    if (!cell.valid)
        return lattice;
    lattice.byIntensity = cell.byIntensity;

    // 2. The basis, then one fit of the cell and the sublattice offsets to every column.
    const BasisAssignment basis = findBasis(points, cell.domainMembers, centralMember(points, cell.domainMembers), cell.a1,
                                            cell.a2, 0.2 * nn);
    const JointFit fit = fitJointly(points, cell.domainMembers, basis, cell.a1, cell.a2, nn);
    if (!fit.ok || std::abs(cross(fit.a1, fit.a2)) < 0.1 * norm(fit.a1) * norm(fit.a2))
        return lattice;
    describeBasis(lattice, atoms, cell.domainMembers, basis, fit);

    // 3. The vectors' errors and the cell's type, then the plane spacings with theirs.
    lattice.valid = true;
    lattice.domainColumns = cell.domainMembers;
    lattice.a1 = fit.a1;
    lattice.a2 = fit.a2;
    lattice.residual_px = fit.rms;
    lattice.columns = fit.used;
    lattice.angle_deg = angleBetween(fit.a1, fit.a2);
    lattice.a1Err_px = std::sqrt(propagate([](Point2 p, Point2) { return norm(p); }, fit.a1, fit.a2, fit.cov));
    lattice.a2Err_px = std::sqrt(propagate([](Point2, Point2 q) { return norm(q); }, fit.a1, fit.a2, fit.cov));
    lattice.angleErr_deg = std::sqrt(propagate(angleBetween, fit.a1, fit.a2, fit.cov));
    // Scan distortion and calibration skew real images by a percent or two and a degree or so.
    const double relativeTolerance =
        std::max(0.03, 3.0 * std::max(lattice.a1Err_px / norm(fit.a1), lattice.a2Err_px / norm(fit.a2)));
    lattice.type = classifyBravais(fit.a1, fit.a2, relativeTolerance, std::max(2.5, 3.0 * lattice.angleErr_deg));
    lattice.planes = widestPlanes(fit.a1, fit.a2, fit.cov);
    return lattice;
}

} // namespace hrtem
