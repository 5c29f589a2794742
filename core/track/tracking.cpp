#include "core/track/tracking.h"
#include "core/util/disjoint_sets.h"

#include "core/track/drift.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hrtem {

namespace {

/// Groups of linking candidates larger than this (rows + columns) are matched greedily.
constexpr std::size_t kLargestExactGroup = 160;

struct Edge {
    int row, col;
    double cost;
};

/// Minimum-cost one-to-one choice among candidate edges, where leaving row r unmatched costs
/// rowMiss[r] and column c colMiss[c] (so an edge is taken only when cheaper than its two misses).
/// Solved per connected group of edges: the groups of a tracking problem hold a handful of
/// candidates, so the cost is linear in the number of edges, not cubic in the frame size.
std::vector<std::pair<int, int>> sparseAssignment(int rows, int cols, const std::vector<Edge>& edges, const std::vector<double>& rowMiss,
                                                  const std::vector<double>& colMiss)
{
    std::vector<std::pair<int, int>> out;
    if (edges.empty())
        return out;
    // Most candidates are isolated pairs (a column and itself one frame later): decided at once.
    std::vector<int> rowDegree(static_cast<std::size_t>(rows), 0), colDegree(static_cast<std::size_t>(cols), 0);
    for (const Edge& e : edges) {
        ++rowDegree[static_cast<std::size_t>(e.row)];
        ++colDegree[static_cast<std::size_t>(e.col)];
    }
    DisjointSets sets(rows + cols);
    std::vector<std::pair<int, std::size_t>> shared; // (group root, edge index)
    for (std::size_t k = 0; k < edges.size(); ++k) {
        const Edge& e = edges[k];
        if (rowDegree[static_cast<std::size_t>(e.row)] == 1 && colDegree[static_cast<std::size_t>(e.col)] == 1) {
            if (e.cost <= rowMiss[static_cast<std::size_t>(e.row)] + colMiss[static_cast<std::size_t>(e.col)])
                out.emplace_back(e.row, e.col);
            continue;
        }
        sets.unite(e.row, rows + e.col);
    }
    for (std::size_t k = 0; k < edges.size(); ++k) {
        const Edge& e = edges[k];
        if (!(rowDegree[static_cast<std::size_t>(e.row)] == 1 && colDegree[static_cast<std::size_t>(e.col)] == 1))
            shared.emplace_back(sets.find(e.row), k);
    }
    std::sort(shared.begin(), shared.end());
    for (std::size_t begin = 0; begin < shared.size();) {
        std::size_t end = begin;
        while (end < shared.size() && shared[end].first == shared[begin].first)
            ++end;
        std::vector<int> rs, cs;
        for (std::size_t k = begin; k < end; ++k) {
            rs.push_back(edges[shared[k].second].row);
            cs.push_back(edges[shared[k].second].col);
        }
        std::sort(rs.begin(), rs.end());
        rs.erase(std::unique(rs.begin(), rs.end()), rs.end());
        std::sort(cs.begin(), cs.end());
        cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
        const std::size_t nr = rs.size(), nc = cs.size(), n = nr + nc;
        if (n > kLargestExactGroup) {
            // A crowd of candidates all within the gate of each other (blinking detections in a
            // thick, low-contrast region, with the wide hop gate) would make the exact solver
            // cubic in its size. Cheapest pairs first instead: optimal for well-separated
            // pairs, and bounded in time whatever the frame holds.
            std::vector<std::size_t> order;
            for (std::size_t k = begin; k < end; ++k)
                order.push_back(shared[k].second);
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return edges[a].cost < edges[b].cost; });
            std::vector<bool> rowUsed(static_cast<std::size_t>(rows), false), colUsed(static_cast<std::size_t>(cols), false);
            for (std::size_t k : order) {
                const Edge& e = edges[k];
                const std::size_t r = static_cast<std::size_t>(e.row), c = static_cast<std::size_t>(e.col);
                if (rowUsed[r] || colUsed[c] || e.cost > rowMiss[r] + colMiss[c])
                    continue;
                rowUsed[r] = colUsed[c] = true;
                out.emplace_back(e.row, e.col);
            }
            begin = end;
            continue;
        }
        const double forbidden = 1e12;
        std::vector<std::vector<double>> cost(n, std::vector<double>(n, forbidden));
        auto ri = [&](int r) { return static_cast<std::size_t>(std::lower_bound(rs.begin(), rs.end(), r) - rs.begin()); };
        auto ci = [&](int c) { return static_cast<std::size_t>(std::lower_bound(cs.begin(), cs.end(), c) - cs.begin()); };
        for (std::size_t k = begin; k < end; ++k) {
            const Edge& e = edges[shared[k].second];
            double& slot = cost[ri(e.row)][ci(e.col)];
            slot = std::min(slot, e.cost);
        }
        for (std::size_t r = 0; r < nr; ++r)
            cost[r][nc + r] = rowMiss[static_cast<std::size_t>(rs[r])];
        for (std::size_t c = 0; c < nc; ++c)
            cost[nr + c][c] = colMiss[static_cast<std::size_t>(cs[c])];
        for (std::size_t r = nr; r < n; ++r)
            for (std::size_t c = nc; c < n; ++c)
                cost[r][c] = 0.0;
        const std::vector<int> assigned = solveAssignment(cost);
        for (std::size_t r = 0; r < nr; ++r) {
            const int c = assigned[r];
            if (c >= 0 && static_cast<std::size_t>(c) < nc && cost[r][static_cast<std::size_t>(c)] < forbidden)
                out.emplace_back(rs[r], cs[static_cast<std::size_t>(c)]);
        }
        begin = end;
    }
    return out;
}

using Buckets = PointBuckets;

double distance(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

/// The bit of the 60-degree sector around `site` that `p` falls in, or 0 outside the ring
/// (inner, radius].
int sectorBit(const Point2& p, const Point2& site, double inner, double radius)
{
    const double dx = p.x - site.x, dy = p.y - site.y;
    const double r2 = dx * dx + dy * dy;
    if (r2 <= inner * inner || r2 > radius * radius)
        return 0;
    // Sector boundaries at multiples of 60 degrees, decided without trigonometry.
    const double t = std::sqrt(3.0) * std::abs(dx);
    int k;
    if (dy >= 0)
        k = dy < t ? (dx > 0 ? 0 : 2) : 1;
    else
        k = -dy < t ? (dx > 0 ? 5 : 3) : 4;
    return 1 << k;
}

/// Every detection of the movie in one flat list, with the links made so far.
struct Linker {
    std::vector<int> frameOf, indexOf;     // detection -> frame, index in frame
    std::vector<Point2> corrected;         // drift removed
    std::vector<double> amplitude, significance;
    std::vector<int> next, prev;           // linked detections, -1: none
    std::vector<char> hopLink;             // next link is a jump (not a small move)
    std::vector<std::vector<int>> byFrame; // frame -> detections taking part
    std::vector<char> active;              // taking part (not dropped as spurious)

    void link(int a, int b, bool hop)
    {
        next[static_cast<std::size_t>(a)] = b;
        prev[static_cast<std::size_t>(b)] = a;
        hopLink[static_cast<std::size_t>(a)] = hop ? 1 : 0;
    }
    int frames() const { return static_cast<int>(byFrame.size()); }
};

/// Whether two detections can be one column in two frames: a column keeps its contrast sign
/// and roughly its strength (a hop onto a faint blob of the support, a fit of the wrong
/// polarity, or a faint ghost left where an atom just went are noise taking its place).
bool alike(const Linker& L, int a, int b, double strongSignificance)
{
    const std::size_t i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
    if (L.amplitude[i] * L.amplitude[j] < 0)
        return false;
    const double si = L.significance[i], sj = L.significance[j];
    if (si <= 0 || sj <= 0)
        return true; // not recorded
    // Unlike only when one is both far weaker and faint in itself: the strength of a real
    // column fluctuates from frame to frame, a ghost sits near the detection threshold.
    const double weaker = std::min(si, sj);
    return weaker >= 0.5 * std::max(si, sj) || weaker >= 0.5 * strongSignificance;
}

/// Joins tracklet ends to later tracklet starts (within `maxGap` missed frames) by minimum
/// total cost, blinks and hops in one assignment so that each competes with the other:
/// a column seen again at its site within `tightGate` is a blink; a jump up to `hopGate` is
/// a hop, allowed only for columns that are not inside the lattice (`mobile`), because only
/// surface atoms hop and an interior column that blinks next to another would otherwise
/// swap identities with it. At the surface both ends must look alike (a faint ghost stays
/// behind where an atom hopped away or desorbed). Leaving an end or a start unlinked costs `hopGate`, so an atom
/// that hops out and straight back is two hops (about 2 nn) rather than a blink plus a stray
/// detection (2 x hopGate; less for faint detections). A missed frame costs a tenth of the tight gate so that, of two
/// equally close candidates, the shorter gap wins; for surface columns a missed frame costs
/// `mobileBlink`, because the detector rarely misses them and a "blink" there is more often
/// a hop out and back.
void closeGaps(Linker& L, double tightGate, double hopGate, int maxGap, const std::vector<char>& mobile, double mobileBlink,
               double strongSignificance)
{
    std::vector<int> ends, starts;
    for (std::size_t d = 0; d < L.next.size(); ++d) {
        if (!L.active[d])
            continue;
        if (L.next[d] < 0 && L.frameOf[d] < L.frames() - 1)
            ends.push_back(static_cast<int>(d));
        if (L.prev[d] < 0 && L.frameOf[d] > 0)
            starts.push_back(static_cast<int>(d));
    }
    if (ends.empty() || starts.empty())
        return;
    const Buckets buckets(L.corrected, starts, hopGate);
    std::vector<Edge> edges;
    for (std::size_t e = 0; e < ends.size(); ++e) {
        const int a = ends[e];
        const int fa = L.frameOf[static_cast<std::size_t>(a)];
        buckets.near(L.corrected[static_cast<std::size_t>(a)], [&](int b) {
            const int gap = L.frameOf[static_cast<std::size_t>(b)] - fa;
            if (gap < 1 || gap > maxGap + 1)
                return;
            const double d = distance(L.corrected[static_cast<std::size_t>(a)], L.corrected[static_cast<std::size_t>(b)]);
            const bool hop = d > tightGate;
            const bool ma = mobile[static_cast<std::size_t>(a)], mb = mobile[static_cast<std::size_t>(b)];
            if (d > hopGate || (hop && !(ma && mb)) || ((ma || mb) && !alike(L, a, b, strongSignificance)))
                return;
            const std::size_t s = static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), b) - starts.begin());
            edges.push_back({static_cast<int>(e), static_cast<int>(s), d + (ma || mb ? mobileBlink : 0.1 * tightGate) * (gap - 1)});
        });
    }
    // Leaving a faint detection unexplained is cheaper than leaving a strong one: it is more
    // likely noise (a ghost where an atom just left, a blob of the support).
    auto miss = [&](int d) {
        const double sig = L.significance[static_cast<std::size_t>(d)];
        return sig > 0 ? hopGate * std::clamp(sig / strongSignificance, 0.25, 1.0) : hopGate;
    };
    std::vector<double> endMiss, startMiss;
    for (int d : ends)
        endMiss.push_back(miss(d));
    for (int d : starts)
        startMiss.push_back(miss(d));
    for (const auto& [e, s] : sparseAssignment(static_cast<int>(ends.size()), static_cast<int>(starts.size()), edges, endMiss, startMiss)) {
        const int a = ends[static_cast<std::size_t>(e)], b = starts[static_cast<std::size_t>(s)];
        L.link(a, b, distance(L.corrected[static_cast<std::size_t>(a)], L.corrected[static_cast<std::size_t>(b)]) > tightGate);
    }
}

/// Detections whose site is not surrounded by columns (see surroundedByColumns) in the
/// frames within `window` frames taken together: the ones that may hop. Looking at several
/// frames keeps interior columns immobile where their neighbours blink often; the search
/// stops as soon as every sector is filled, which for interior columns is their own frame.
std::vector<char> mobileDetections(const Linker& L, double inner, double radius, int window)
{
    std::vector<Buckets> buckets;
    for (const std::vector<int>& frame : L.byFrame)
        buckets.emplace_back(L.corrected, frame, radius);
    std::vector<char> mobile(L.corrected.size(), 0);
    for (std::size_t d = 0; d < mobile.size(); ++d) {
        if (!L.active[d])
            continue;
        const int t = L.frameOf[d];
        const Point2 c = L.corrected[d];
        int sectors = 0;
        for (int k = 0; k <= 2 * window && sectors != 0x3f; ++k) {
            const int f = t + (k % 2 == 1 ? (k + 1) / 2 : -(k / 2)); // t, t+1, t-1, t+2, ...
            if (f < 0 || f >= L.frames())
                continue;
            buckets[static_cast<std::size_t>(f)].near(c, [&](int o) {
                sectors |= sectorBit(L.corrected[static_cast<std::size_t>(o)], c, inner, radius);
            });
        }
        mobile[d] = sectors == 0x3f ? 0 : 1;
    }
    return mobile;
}

/// A block of columns that all moved by one vector between frames t-1 and t (a twin
/// boundary migrating by a partial dislocation glides the whole twin side): found by voting
/// among the columns the tight gate left unlinked, then linked after removing that motion.
void followBlocks(Linker& L, int t, double tightGate, double reach, int minGroup)
{
    std::vector<int> ends, starts;
    for (int d : L.byFrame[static_cast<std::size_t>(t - 1)])
        if (L.next[static_cast<std::size_t>(d)] < 0)
            ends.push_back(d);
    for (int d : L.byFrame[static_cast<std::size_t>(t)])
        if (L.prev[static_cast<std::size_t>(d)] < 0)
            starts.push_back(d);
    if (static_cast<int>(std::min(ends.size(), starts.size())) < minGroup)
        return;
    const Buckets buckets(L.corrected, starts, reach);
    std::vector<Point2> shifts;
    for (int a : ends)
        buckets.near(L.corrected[static_cast<std::size_t>(a)], [&](int b) {
            const Point2 s{L.corrected[static_cast<std::size_t>(b)].x - L.corrected[static_cast<std::size_t>(a)].x,
                           L.corrected[static_cast<std::size_t>(b)].y - L.corrected[static_cast<std::size_t>(a)].y};
            const double len = std::hypot(s.x, s.y);
            if (len <= reach && len > 0.5 * tightGate)
                shifts.push_back(s);
        });
    // The shift with most others within half the tight gate: a coherent motion, unlike the
    // lattice vectors between unrelated misses, which scatter over several directions.
    const double tol = 0.5 * tightGate;
    int bestVotes = 0;
    Point2 best;
    for (const Point2& s : shifts) {
        int votes = 0;
        for (const Point2& o : shifts)
            votes += distance(s, o) <= tol ? 1 : 0;
        if (votes > bestVotes) {
            bestVotes = votes;
            best = s;
        }
    }
    const int smaller = static_cast<int>(std::min(ends.size(), starts.size()));
    if (bestVotes < minGroup || bestVotes * 3 < smaller)
        return;
    std::vector<Point2> moved, here;
    for (int a : ends)
        moved.push_back({L.corrected[static_cast<std::size_t>(a)].x + best.x, L.corrected[static_cast<std::size_t>(a)].y + best.y});
    for (int b : starts)
        here.push_back(L.corrected[static_cast<std::size_t>(b)]);
    for (const auto& [i, j] : gatedMatching(moved, here, tightGate))
        L.link(ends[static_cast<std::size_t>(i)], starts[static_cast<std::size_t>(j)], false);
}

double medianSignificance(const std::vector<int>& chain, const Linker& L, const std::vector<std::vector<Atom>>& atoms)
{
    if (chain.empty())
        return 0.0;
    std::vector<double> significance;
    for (int d : chain)
        significance.push_back(atoms[static_cast<std::size_t>(L.frameOf[static_cast<std::size_t>(d)])]
                                    [static_cast<std::size_t>(L.indexOf[static_cast<std::size_t>(d)])].significance);
    const std::size_t mid = significance.size() / 2;
    std::nth_element(significance.begin(), significance.begin() + static_cast<std::ptrdiff_t>(mid), significance.end());
    return significance[mid];
}

/// Whether a chain of detections is a column rather than noise that recurs at one spot of the
/// support: enough detections, and either strong ones or a dense, long record.
bool keepTrack(const std::vector<int>& chain, const Linker& L, const std::vector<std::vector<Atom>>& atoms,
               const TrackingSettings& settings)
{
    const int detections = static_cast<int>(chain.size());
    if (detections < settings.minTrackLength)
        return false;
    const double median = medianSignificance(chain, L, atoms);
    // No significance recorded (atoms from elsewhere): nothing to judge by.
    if (median == 0.0 || median >= settings.strongSignificance)
        return true;
    const int span = L.frameOf[static_cast<std::size_t>(chain.back())] - L.frameOf[static_cast<std::size_t>(chain.front())] + 1;
    return detections >= settings.weakMinDetections && detections >= settings.weakMinFraction * span;
}

/// 1. Lattice columns from frame t-1 to t, tight gate: they only vibrate about their sites. At
/// the surface a faint ghost can remain where an atom just hopped away: there the pair must also
/// look alike, or it is left to the gap closing.
void linkLatticeColumns(Linker& L, int t, double tightGate, const std::vector<char>& mobile, double strongSignificance)
{
    const std::vector<int>& A = L.byFrame[static_cast<std::size_t>(t - 1)];
    const std::vector<int>& B = L.byFrame[static_cast<std::size_t>(t)];
    const Buckets buckets(L.corrected, B, tightGate);
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < A.size(); ++i) {
        const Point2& p = L.corrected[static_cast<std::size_t>(A[i])];
        buckets.near(p, [&](int db) {
            const double d = distance(p, L.corrected[static_cast<std::size_t>(db)]);
            if (d <= tightGate)
                edges.push_back({static_cast<int>(i), static_cast<int>(std::lower_bound(B.begin(), B.end(), db) - B.begin()), d});
        });
    }
    const std::vector<double> missA(A.size(), tightGate), missB(B.size(), tightGate);
    for (const auto& [i, j] : sparseAssignment(static_cast<int>(A.size()), static_cast<int>(B.size()), edges, missA, missB)) {
        const int da = A[static_cast<std::size_t>(i)], db = B[static_cast<std::size_t>(j)];
        if ((mobile[static_cast<std::size_t>(da)] || mobile[static_cast<std::size_t>(db)]) && !alike(L, da, db, strongSignificance))
            continue;
        L.link(da, db, false);
    }
}

/// Tracks from the links: each chain of linked detections, kept when keepTrack() judges it a
/// column and deactivated otherwise. Returns whether any was dropped (then linking runs again).
bool collectChains(Linker& L, const std::vector<std::vector<Atom>>& atomsPerFrame, const TrackingSettings& settings,
                   std::vector<std::vector<int>>& chains)
{
    chains.clear();
    bool dropped = false;
    const std::size_t total = L.frameOf.size();
    for (std::size_t d = 0; d < total; ++d) {
        if (!L.active[d] || L.prev[d] >= 0)
            continue;
        std::vector<int> chain;
        for (int k = static_cast<int>(d); k >= 0; k = L.next[static_cast<std::size_t>(k)])
            chain.push_back(k);
        if (keepTrack(chain, L, atomsPerFrame, settings)) {
            chains.push_back(std::move(chain));
        } else {
            for (int k : chain)
                L.active[static_cast<std::size_t>(k)] = 0;
            dropped = true;
        }
    }
    return dropped;
}

/// The kept chains as tracks, ordered by first frame then position, gaps bridged; each atom's
/// trackId set.
void buildTracks(const Linker& L, std::vector<std::vector<int>>& chains, std::vector<std::vector<Atom>>& atomsPerFrame,
                 const TrackingSettings& settings, TrackingResult& result)
{
    std::sort(chains.begin(), chains.end(), [&](const std::vector<int>& a, const std::vector<int>& b) {
        const std::size_t x = static_cast<std::size_t>(a[0]), y = static_cast<std::size_t>(b[0]);
        if (L.frameOf[x] != L.frameOf[y])
            return L.frameOf[x] < L.frameOf[y];
        if (L.corrected[x].y != L.corrected[y].y)
            return L.corrected[x].y < L.corrected[y].y;
        return L.corrected[x].x < L.corrected[y].x;
    });
    for (const std::vector<int>& chain : chains) {
        Track track;
        track.id = static_cast<int>(result.tracks.size());
        track.significance = medianSignificance(chain, L, atomsPerFrame);
        for (std::size_t k = 0; k < chain.size(); ++k) {
            const std::size_t d = static_cast<std::size_t>(chain[k]);
            const int t = L.frameOf[d];
            if (k > 0 && settings.fillGaps) {
                const std::size_t p = static_cast<std::size_t>(chain[k - 1]);
                const int t0 = L.frameOf[p];
                for (int g = t0 + 1; g < t; ++g) {
                    // A blink is bridged by interpolation; across a hop the atom is held at
                    // its old site, since when it jumped within the gap is unknown.
                    const double w = L.hopLink[p] ? 0.0 : double(g - t0) / double(t - t0);
                    const Point2& dr = result.drift_px[static_cast<std::size_t>(g)];
                    track.points.push_back({g, -1, L.corrected[p].x + w * (L.corrected[d].x - L.corrected[p].x) + dr.x,
                                            L.corrected[p].y + w * (L.corrected[d].y - L.corrected[p].y) + dr.y});
                }
            }
            Atom& atom = atomsPerFrame[static_cast<std::size_t>(t)][static_cast<std::size_t>(L.indexOf[d])];
            atom.trackId = track.id;
            track.points.push_back({t, L.indexOf[d], atom.x, atom.y});
        }
        result.tracks.push_back(std::move(track));
    }
}

} // namespace

bool surroundedByColumns(const std::vector<Point2>& points, Point2 site, double inner, double radius)
{
    int sectors = 0; // bit k: sector k holds a point
    for (const Point2& p : points)
        sectors |= sectorBit(p, site, inner, radius);
    return sectors == 0x3f;
}

double medianNearestNeighbour(const std::vector<Point2>& points)
{
    if (points.size() < 2)
        return 0.0;
    // Nearest neighbours through a sort along x: the sweep stops once the x gap alone
    // exceeds the best distance found.
    std::vector<int> order(points.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return points[static_cast<std::size_t>(a)].x < points[static_cast<std::size_t>(b)].x; });
    std::vector<double> nearest;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Point2& p = points[static_cast<std::size_t>(order[k])];
        double best = 1e300;
        for (std::size_t m = k + 1; m < order.size(); ++m) {
            const Point2& q = points[static_cast<std::size_t>(order[m])];
            if (q.x - p.x >= best)
                break;
            best = std::min(best, distance(p, q));
        }
        for (std::size_t m = k; m-- > 0;) {
            const Point2& q = points[static_cast<std::size_t>(order[m])];
            if (p.x - q.x >= best)
                break;
            best = std::min(best, distance(p, q));
        }
        nearest.push_back(best);
    }
    const std::size_t mid = nearest.size() / 2;
    std::nth_element(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(mid), nearest.end());
    return nearest[mid];
}

TrackingResult trackAtoms(std::vector<std::vector<Atom>>& atomsPerFrame, const TrackingSettings& settings)
{
    TrackingResult result;
    const int frames = static_cast<int>(atomsPerFrame.size());
    std::vector<std::vector<Point2>> raw(static_cast<std::size_t>(frames));
    for (int t = 0; t < frames; ++t)
        for (const Atom& a : atomsPerFrame[static_cast<std::size_t>(t)])
            raw[static_cast<std::size_t>(t)].push_back({a.x, a.y});

    double nn = settings.nearestNeighbour_px;
    if (!(nn > 0)) {
        // The spacing from the best-populated of the first few frames.
        std::size_t best = 0;
        for (std::size_t t = 0; t < raw.size() && t < 5; ++t)
            if (raw[t].size() > raw[best].size())
                best = t;
        nn = raw.empty() ? 0.0 : medianNearestNeighbour(raw[best]);
    }
    result.nearestNeighbour_px = nn;
    result.drift_px.assign(static_cast<std::size_t>(frames), Point2{});
    for (std::vector<Atom>& atoms : atomsPerFrame)
        for (Atom& a : atoms)
            a.trackId = -1;
    if (frames == 0 || !(nn > 0)) {
        // Nothing to scale the gates by (fewer than two atoms): every atom its own track.
        for (int t = 0; t < frames; ++t)
            for (std::size_t i = 0; i < atomsPerFrame[static_cast<std::size_t>(t)].size(); ++i) {
                Atom& a = atomsPerFrame[static_cast<std::size_t>(t)][i];
                a.trackId = static_cast<int>(result.tracks.size());
                result.tracks.push_back({a.trackId, {{t, static_cast<int>(i), a.x, a.y}}});
            }
        return result;
    }
    const double tightGate = settings.linkGate * nn;
    const double hopGate = settings.hopGate * nn;
    result.drift_px = estimateDrift(raw, settings.driftGate * nn);

    Linker L;
    L.byFrame.resize(static_cast<std::size_t>(frames));
    for (int t = 0; t < frames; ++t)
        for (std::size_t i = 0; i < raw[static_cast<std::size_t>(t)].size(); ++i) {
            L.byFrame[static_cast<std::size_t>(t)].push_back(static_cast<int>(L.frameOf.size()));
            L.frameOf.push_back(t);
            L.indexOf.push_back(static_cast<int>(i));
            L.amplitude.push_back(atomsPerFrame[static_cast<std::size_t>(t)][i].amplitude);
            L.significance.push_back(atomsPerFrame[static_cast<std::size_t>(t)][i].significance);
            const Point2& d = result.drift_px[static_cast<std::size_t>(t)];
            L.corrected.push_back({raw[static_cast<std::size_t>(t)][i].x - d.x, raw[static_cast<std::size_t>(t)][i].y - d.y});
        }
    const std::size_t total = L.frameOf.size();
    L.active.assign(total, 1);
    const std::vector<std::vector<int>> allByFrame = L.byFrame;
    std::vector<std::vector<int>> chains;
    // Two rounds: tracks judged spurious in the first are removed before linking again, so
    // that noise cannot compete with the real columns for links.
    for (int round = 0; round < 2; ++round) {
        L.next.assign(total, -1);
        L.prev.assign(total, -1);
        L.hopLink.assign(total, 0);
        for (std::size_t t = 0; t < L.byFrame.size(); ++t) {
            L.byFrame[t].clear();
            for (int d : allByFrame[t])
                if (L.active[static_cast<std::size_t>(d)])
                    L.byFrame[t].push_back(d);
        }
        const std::vector<char> mobile = mobileDetections(L, tightGate, settings.surroundRadius * nn, settings.surroundWindow);
        for (int t = 1; t < frames; ++t) {
            linkLatticeColumns(L, t, tightGate, mobile, settings.strongSignificance);
            // 2. A block that glided as a whole (twin migration), before its columns are
            // taken for hops or blinks.
            followBlocks(L, t, tightGate, 0.9 * nn, std::max(2, settings.minGroup));
        }
        // 3. Blinks (the same site seen again within maxGap frames) and hops of surface
        // atoms, in one assignment over what is still unlinked.
        closeGaps(L, tightGate, hopGate, std::max(0, settings.maxGap), mobile, settings.surfaceBlinkCost * nn, settings.strongSignificance);

        // Tracks from the chains; spurious ones dropped.
        const bool dropped = collectChains(L, atomsPerFrame, settings, chains);
        if (!dropped)
            break;
    }
    buildTracks(L, chains, atomsPerFrame, settings, result);
    return result;
}

} // namespace hrtem
