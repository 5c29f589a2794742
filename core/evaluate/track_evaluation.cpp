#include "core/evaluate/track_evaluation.h"
#include "core/util/disjoint_sets.h"

#include "core/io/csv_table.h"
#include "core/io/io_error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <unordered_map>

namespace hrtem {

std::vector<TruthEvent> readTruthEvents(const std::string& folder)
{
    const CsvTable csv = CsvTable::read((std::filesystem::path(folder) / "truth" / "events.csv").string());
    const int cFrame = csv.column("frame"), cKind = csv.column("kind"), cId = csv.column("column_id"),
              cFx = csv.column("from_x_px"), cFy = csv.column("from_y_px"), cTx = csv.column("to_x_px"),
              cTy = csv.column("to_y_px");
    std::vector<TruthEvent> events;
    for (int row = 0; row < csv.rows(); ++row) {
        TruthEvent e;
        e.frame = csv.integer(row, cFrame);
        e.kind = csv.text(row, cKind);
        e.columnId = csv.integer(row, cId);
        e.from = {csv.number(row, cFx), csv.number(row, cFy)};
        e.to = {csv.number(row, cTx), csv.number(row, cTy)};
        events.push_back(e);
    }
    return events;
}

Behaviour behaviourFromName(const std::string& name)
{
    if (name == "hopping")
        return Behaviour::Hopping;
    if (name == "adsorbed")
        return Behaviour::Adsorbed;
    if (name == "desorbed")
        return Behaviour::Desorbed;
    return Behaviour::Stable;
}

std::vector<std::vector<TrackedPoint>> trackedPointsPerFrame(const TrackingResult& tracking, const BehaviourResult& behaviours)
{
    std::vector<std::vector<TrackedPoint>> out(tracking.drift_px.size());
    for (std::size_t k = 0; k < tracking.tracks.size(); ++k) {
        const Track& track = tracking.tracks[k];
        for (std::size_t i = 0; i < track.points.size(); ++i) {
            const TrackPoint& p = track.points[i];
            if (p.frame < 0)
                continue;
            if (static_cast<std::size_t>(p.frame) >= out.size())
                out.resize(static_cast<std::size_t>(p.frame) + 1);
            Behaviour b = Behaviour::Stable;
            if (k < behaviours.perTrackPoint.size() && i < behaviours.perTrackPoint[k].size())
                b = behaviours.perTrackPoint[k][i];
            out[static_cast<std::size_t>(p.frame)].push_back({track.id, p.x, p.y, b});
        }
    }
    return out;
}

namespace {

double dist(double ax, double ay, double bx, double by) { return std::hypot(ax - bx, ay - by); }

/// Global truth-id / track-id assignment maximising the summed overlaps (IDTP), solved per
/// connected group of overlapping pairs.
long maximumOverlap(const std::map<std::pair<int, int>, long>& overlap)
{
    std::map<int, int> truthIndex, trackIndex;
    for (const auto& [key, count] : overlap) {
        (void)count;
        truthIndex.emplace(key.first, static_cast<int>(truthIndex.size()));
        trackIndex.emplace(key.second, static_cast<int>(trackIndex.size()));
    }
    const int nt = static_cast<int>(truthIndex.size());
    DisjointSets sets(nt + static_cast<int>(trackIndex.size()));
    for (const auto& [key, count] : overlap) {
        (void)count;
        sets.unite(truthIndex[key.first], nt + trackIndex[key.second]);
    }
    std::unordered_map<int, std::vector<std::pair<std::pair<int, int>, long>>> groups;
    for (const auto& [key, count] : overlap)
        groups[sets.find(truthIndex[key.first])].push_back({{truthIndex[key.first], trackIndex[key.second]}, count});
    long total = 0;
    for (auto& [root, edges] : groups) {
        (void)root;
        if (edges.size() == 1) {
            total += edges[0].second;
            continue;
        }
        std::vector<int> rs, cs;
        long most = 0;
        for (const auto& e : edges) {
            rs.push_back(e.first.first);
            cs.push_back(e.first.second);
            most = std::max(most, e.second);
        }
        std::sort(rs.begin(), rs.end());
        rs.erase(std::unique(rs.begin(), rs.end()), rs.end());
        std::sort(cs.begin(), cs.end());
        cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
        // Rows: truth ids, columns: track ids; cost = most - overlap keeps every entry >= 0
        // and a non-overlapping pair costs as much as leaving both unmatched.
        std::vector<std::vector<double>> cost(rs.size(), std::vector<double>(cs.size(), static_cast<double>(most)));
        for (const auto& e : edges) {
            const std::size_t r = static_cast<std::size_t>(std::lower_bound(rs.begin(), rs.end(), e.first.first) - rs.begin());
            const std::size_t c = static_cast<std::size_t>(std::lower_bound(cs.begin(), cs.end(), e.first.second) - cs.begin());
            cost[r][c] = static_cast<double>(most - e.second);
        }
        const std::vector<int> assigned = solveAssignment(cost);
        for (std::size_t r = 0; r < rs.size(); ++r)
            if (assigned[r] >= 0)
                total += most - static_cast<long>(std::lround(cost[r][static_cast<std::size_t>(assigned[r])]));
    }
    return total;
}

/// IDF1 co-occurrences: every truth/track pair within the gate in one frame. gatedMatching's
/// one-to-one pairs would undercount crowded frames; all pairs are counted through a coarse sort.
void countCoOccurrences(const std::vector<TruthColumn>& T, const std::vector<TrackedPoint>& H, double gate,
                        std::map<std::pair<int, int>, long>& overlap)
{
    std::vector<Point2> t, h;
    for (const TruthColumn& c : T)
        t.push_back({c.x, c.y});
    for (const TrackedPoint& p : H)
        h.push_back({p.x, p.y});
    std::vector<int> order(h.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return h[static_cast<std::size_t>(a)].x < h[static_cast<std::size_t>(b)].x; });
    std::vector<double> xs;
    for (int k : order)
        xs.push_back(h[static_cast<std::size_t>(k)].x);
    for (std::size_t i = 0; i < t.size(); ++i) {
        auto it = std::lower_bound(xs.begin(), xs.end(), t[i].x - gate);
        for (std::size_t k = static_cast<std::size_t>(it - xs.begin()); k < xs.size() && xs[k] <= t[i].x + gate; ++k) {
            const TrackedPoint& p = H[static_cast<std::size_t>(order[k])];
            if (dist(t[i].x, t[i].y, p.x, p.y) <= gate)
                ++overlap[{T[i].id, p.trackId}];
        }
    }
}

/// Behaviour F1 per class over the matched column-frames, and their mean over the classes seen.
void scoreBehaviours(TrackingScore& s)
{
    double sum = 0.0;
    int classes = 0;
    for (std::size_t c = 0; c < 4; ++c) {
        long tp = s.confusion[c][c], truthCount = 0, foundCount = 0;
        for (std::size_t o = 0; o < 4; ++o) {
            truthCount += s.confusion[c][o];
            foundCount += s.confusion[o][c];
        }
        if (truthCount + foundCount == 0) {
            s.behaviourF1[c] = -1.0;
            continue;
        }
        s.behaviourF1[c] = 2.0 * static_cast<double>(tp) / static_cast<double>(truthCount + foundCount);
        sum += s.behaviourF1[c];
        ++classes;
    }
    s.behaviourMacroF1 = classes > 0 ? sum / classes : 0.0;
}

/// Hops: matched one-to-one within a frame and `eventGate` at both ends, closest in time first,
/// then closest in space.
void scoreHops(TrackingScore& s, const std::vector<TruthEvent>& truthEvents, const std::vector<BehaviourEvent>& events,
               double eventGate)
{
    std::vector<const TruthEvent*> trueHops;
    for (const TruthEvent& e : truthEvents)
        if (e.kind == "hop")
            trueHops.push_back(&e);
    std::vector<const BehaviourEvent*> foundHops;
    for (const BehaviourEvent& e : events)
        if (e.kind == "hop")
            foundHops.push_back(&e);
    struct Candidate {
        int dt;
        double d;
        std::size_t a, b;
    };
    std::vector<Candidate> candidates;
    for (std::size_t a = 0; a < trueHops.size(); ++a)
        for (std::size_t b = 0; b < foundHops.size(); ++b) {
            const int dt = std::abs(trueHops[a]->frame - foundHops[b]->frame);
            if (dt > 1)
                continue;
            const double dFrom = dist(trueHops[a]->from.x, trueHops[a]->from.y, foundHops[b]->from.x, foundHops[b]->from.y);
            const double dTo = dist(trueHops[a]->to.x, trueHops[a]->to.y, foundHops[b]->to.x, foundHops[b]->to.y);
            if (dFrom <= eventGate && dTo <= eventGate)
                candidates.push_back({dt, dFrom + dTo, a, b});
        }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
        return x.dt != y.dt ? x.dt < y.dt : x.d < y.d;
    });
    std::vector<char> usedTrue(trueHops.size(), 0), usedFound(foundHops.size(), 0);
    for (const Candidate& c : candidates) {
        if (usedTrue[c.a] || usedFound[c.b])
            continue;
        usedTrue[c.a] = usedFound[c.b] = 1;
        ++s.hopsFound;
    }
    s.trueHops = static_cast<long>(trueHops.size());
    s.foundHops = static_cast<long>(foundHops.size());
    s.foundHopsTrue = s.hopsFound;
    s.hopRecall = s.trueHops > 0 ? static_cast<double>(s.hopsFound) / static_cast<double>(s.trueHops) : 1.0;
    s.hopPrecision = s.foundHops > 0 ? static_cast<double>(s.foundHopsTrue) / static_cast<double>(s.foundHops) : 1.0;
}

} // namespace

TrackingScore scoreTracking(const TruthMovie& truth, const std::vector<TruthEvent>& truthEvents,
                            const std::vector<std::vector<TrackedPoint>>& found, const std::vector<BehaviourEvent>& events,
                            double gate, double eventGate)
{
    TrackingScore s;
    const std::size_t frames = std::max(truth.columns.size(), found.size());
    const std::vector<TrackedPoint> none;
    const std::vector<TruthColumn> noTruth;
    std::unordered_map<int, int> current;   // truth id -> track id matched in the previous frame
    std::unordered_map<int, int> lastMatch; // truth id -> track id it was last matched to
    std::map<std::pair<int, int>, long> overlap;
    double distanceSum = 0.0;
    for (std::size_t f = 0; f < frames; ++f) {
        const std::vector<TruthColumn>& T = f < truth.columns.size() ? truth.columns[f] : noTruth;
        const std::vector<TrackedPoint>& H = f < found.size() ? found[f] : none;
        s.truthPoints += static_cast<long>(T.size());
        s.hypothesisPoints += static_cast<long>(H.size());

        countCoOccurrences(T, H, gate, overlap);

        // CLEAR MOT: keep last frame's pairs that are still within the gate, then match the rest.
        std::vector<int> truthTo(T.size(), -1);
        std::vector<char> taken(H.size(), 0);
        std::unordered_map<int, std::size_t> hypothesisByTrack;
        for (std::size_t j = 0; j < H.size(); ++j)
            hypothesisByTrack[H[j].trackId] = j;
        for (std::size_t i = 0; i < T.size(); ++i) {
            const auto c = current.find(T[i].id);
            if (c == current.end())
                continue;
            const auto h = hypothesisByTrack.find(c->second);
            if (h == hypothesisByTrack.end() || taken[h->second])
                continue;
            if (dist(T[i].x, T[i].y, H[h->second].x, H[h->second].y) <= gate) {
                truthTo[i] = static_cast<int>(h->second);
                taken[h->second] = 1;
            }
        }
        std::vector<Point2> t, h;
        std::vector<std::size_t> ti, hi;
        for (std::size_t i = 0; i < T.size(); ++i)
            if (truthTo[i] < 0) {
                t.push_back({T[i].x, T[i].y});
                ti.push_back(i);
            }
        for (std::size_t j = 0; j < H.size(); ++j)
            if (!taken[j]) {
                h.push_back({H[j].x, H[j].y});
                hi.push_back(j);
            }
        for (const auto& [a, b] : gatedMatching(t, h, gate))
            truthTo[ti[static_cast<std::size_t>(a)]] = static_cast<int>(hi[static_cast<std::size_t>(b)]);

        current.clear();
        for (std::size_t i = 0; i < T.size(); ++i) {
            if (truthTo[i] < 0) {
                ++s.misses;
                continue;
            }
            const TrackedPoint& p = H[static_cast<std::size_t>(truthTo[i])];
            ++s.matches;
            distanceSum += dist(T[i].x, T[i].y, p.x, p.y);
            const auto last = lastMatch.find(T[i].id);
            if (last != lastMatch.end() && last->second != p.trackId)
                ++s.idSwitches;
            lastMatch[T[i].id] = p.trackId;
            current[T[i].id] = p.trackId;
            const int tb = static_cast<int>(behaviourFromName(T[i].behaviour));
            s.confusion[static_cast<std::size_t>(tb)][static_cast<std::size_t>(p.behaviour)] += 1;
        }
        long matchedHere = 0;
        for (int m : truthTo)
            matchedHere += m >= 0 ? 1 : 0;
        s.falsePositives += static_cast<long>(H.size()) - matchedHere;
    }
    if (s.truthPoints > 0)
        s.mota = 1.0 - static_cast<double>(s.misses + s.falsePositives + s.idSwitches) / static_cast<double>(s.truthPoints);
    if (s.matches > 0)
        s.motp_px = distanceSum / static_cast<double>(s.matches);

    s.idTruePositives = maximumOverlap(overlap);
    const double idtp = static_cast<double>(s.idTruePositives);
    if (s.hypothesisPoints > 0)
        s.idPrecision = idtp / static_cast<double>(s.hypothesisPoints);
    if (s.truthPoints > 0)
        s.idRecall = idtp / static_cast<double>(s.truthPoints);
    if (s.truthPoints + s.hypothesisPoints > 0)
        s.idf1 = 2.0 * idtp / static_cast<double>(s.truthPoints + s.hypothesisPoints);

    scoreBehaviours(s);
    scoreHops(s, truthEvents, events, eventGate);
    return s;
}

} // namespace hrtem
