// Tracking, motion features, behaviours and their scores on hand-made trajectories where the
// right ids, labels and numbers are known exactly.
#include "core/behave/behaviours.h"
#include "core/track/drift.h"
#include "core/behave/motion_features.h"
#include "core/evaluate/track_evaluation.h"
#include "core/track/tracking.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace hrtem;

namespace {

constexpr double kSpacing = 12.0; // px between neighbouring columns

/// Sites of a triangular lattice (6 neighbours at kSpacing), rows x cols, origin (100, 100).
std::vector<Point2> latticeSites(int rows, int cols)
{
    std::vector<Point2> sites;
    const double rowHeight = kSpacing * std::sqrt(3.0) / 2.0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            sites.push_back({100.0 + c * kSpacing + (r % 2) * kSpacing / 2.0, 100.0 + r * rowHeight});
    return sites;
}

/// A movie of atoms: per frame, the true column id of every atom, positions with drift and noise.
struct Movie {
    std::vector<std::vector<Atom>> atoms;
    std::vector<std::vector<int>> truthId;
};

void addAtom(Movie& m, int frame, int id, Point2 site, Point2 drift, std::mt19937_64& rng, double noise = 0.2)
{
    std::normal_distribution<double> n(0.0, noise);
    Atom a;
    a.id = static_cast<int>(m.atoms[static_cast<std::size_t>(frame)].size());
    a.x = site.x + drift.x + n(rng);
    a.y = site.y + drift.y + n(rng);
    m.atoms[static_cast<std::size_t>(frame)].push_back(a);
    m.truthId[static_cast<std::size_t>(frame)].push_back(id);
}

/// Every track holds atoms of one true column, and every true column is in one track.
void requireIdentitiesKept(const Movie& m, const TrackingResult& result)
{
    std::map<int, std::set<int>> columnsOfTrack, tracksOfColumn;
    for (std::size_t f = 0; f < m.atoms.size(); ++f)
        for (std::size_t i = 0; i < m.atoms[f].size(); ++i) {
            const int track = m.atoms[f][i].trackId;
            REQUIRE(track >= 0);
            columnsOfTrack[track].insert(m.truthId[f][i]);
            tracksOfColumn[m.truthId[f][i]].insert(track);
        }
    for (const auto& [track, columns] : columnsOfTrack)
        CHECK(columns.size() == 1);
    for (const auto& [column, tracks] : tracksOfColumn)
        CHECK(tracks.size() == 1);
    CHECK(result.tracks.size() == tracksOfColumn.size());
}

const Track& trackOf(const TrackingResult& r, const Movie& m, int column)
{
    for (std::size_t f = 0; f < m.atoms.size(); ++f)
        for (std::size_t i = 0; i < m.atoms[f].size(); ++i)
            if (m.truthId[f][i] == column)
                return r.tracks[static_cast<std::size_t>(m.atoms[f][i].trackId)];
    FAIL("column not in the movie");
    return r.tracks.front();
}

Behaviour labelAt(const BehaviourResult& b, const Track& t, int frame)
{
    for (std::size_t i = 0; i < t.points.size(); ++i)
        if (t.points[i].frame == frame)
            return b.perTrackPoint[static_cast<std::size_t>(t.id)][i];
    FAIL("frame not in the track");
    return Behaviour::Stable;
}

} // namespace

TEST_CASE("drift is recovered from the atoms and removed before linking", "[analysis][tracking]")
{
    std::mt19937_64 rng(5);
    const std::vector<Point2> sites = latticeSites(10, 10);
    const int frames = 8;
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    // 3 px per frame: far more than the 0.35 nn linking gate, so linking works only if the
    // drift is found (each step starts from the last step's estimate).
    std::vector<Point2> drift(frames);
    for (int f = 0; f < frames; ++f) {
        drift[static_cast<std::size_t>(f)] = {3.0 * f + 0.1 * f * f, -1.5 * f};
        for (std::size_t s = 0; s < sites.size(); ++s)
            addAtom(m, f, static_cast<int>(s), sites[s], drift[static_cast<std::size_t>(f)], rng);
    }
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    settings.driftGate = 0.45; // the first step has no previous estimate to start from
    const TrackingResult r = trackAtoms(m.atoms, settings);
    REQUIRE(r.drift_px.size() == static_cast<std::size_t>(frames));
    for (int f = 0; f < frames; ++f) {
        CHECK(r.drift_px[static_cast<std::size_t>(f)].x == Approx(drift[static_cast<std::size_t>(f)].x).margin(0.1));
        CHECK(r.drift_px[static_cast<std::size_t>(f)].y == Approx(drift[static_cast<std::size_t>(f)].y).margin(0.1));
    }
    REQUIRE(r.tracks.size() == sites.size());
    for (const Track& t : r.tracks)
        CHECK(t.points.size() == static_cast<std::size_t>(frames));
    requireIdentitiesKept(m, r);

    const BehaviourResult b = recogniseBehaviours(r, kSpacing, 0.05);
    CHECK(b.events.empty());
    for (const std::vector<Behaviour>& labels : b.perTrackPoint)
        for (Behaviour l : labels)
            CHECK(l == Behaviour::Stable);
}

TEST_CASE("the nearest-neighbour spacing is estimated when not given", "[analysis][tracking]")
{
    const std::vector<Point2> sites = latticeSites(6, 6);
    CHECK(medianNearestNeighbour(sites) == Approx(kSpacing).epsilon(1e-9));
    std::vector<std::vector<Atom>> atoms(2);
    for (int f = 0; f < 2; ++f)
        for (const Point2& p : sites) {
            Atom a;
            a.x = p.x;
            a.y = p.y;
            atoms[static_cast<std::size_t>(f)].push_back(a);
        }
    const TrackingResult r = trackAtoms(atoms);
    CHECK(r.nearestNeighbour_px == Approx(kSpacing).epsilon(1e-9));
    CHECK(r.tracks.size() == sites.size());
}

TEST_CASE("an adatom hop of one site is followed without swapping lattice ids", "[analysis][tracking][behaviours]")
{
    std::mt19937_64 rng(7);
    const std::vector<Point2> sites = latticeSites(6, 8);
    const double rowHeight = kSpacing * std::sqrt(3.0) / 2.0;
    // Adatom sites in the row above the lattice (row -1 is shifted like odd rows): each touches
    // two lattice columns. It sits at a, hops to b (one spacing) in frame 3, then to c (one
    // spacing, back towards a) in frame 6 -- an out-and-back move within the gap horizon.
    const Point2 a{100.0 + 3 * kSpacing + kSpacing / 2.0, 100.0 - rowHeight};
    const Point2 b{a.x + kSpacing, a.y};
    const Point2 c = a;
    const int frames = 9, adatom = 1000;
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f) {
        const Point2 drift{0.25 * f, 0.12 * f};
        for (std::size_t s = 0; s < sites.size(); ++s)
            addAtom(m, f, static_cast<int>(s), sites[s], drift, rng);
        addAtom(m, f, adatom, f < 3 ? a : f < 6 ? b : c, drift, rng);
    }
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    requireIdentitiesKept(m, r);

    const BehaviourResult beh = recogniseBehaviours(r, kSpacing, 0.05);
    const Track& t = trackOf(r, m, adatom);
    for (int f = 0; f < frames; ++f)
        CHECK(labelAt(beh, t, f) == (f == 3 || f == 6 ? Behaviour::Hopping : Behaviour::Stable));
    REQUIRE(beh.events.size() == 2);
    CHECK(beh.events[0].kind == "hop");
    CHECK(beh.events[0].frame == 3);
    CHECK(beh.events[0].trackId == t.id);
    CHECK(beh.events[0].from.x == Approx(a.x + 0.25 * 2).margin(1.0));
    CHECK(beh.events[0].to.x == Approx(b.x + 0.25 * 3).margin(1.0));
    CHECK(beh.events[1].frame == 6);

    const TrackFeatures& feat = beh.features[static_cast<std::size_t>(t.id)];
    CHECK(feat.jumps == 2);
    REQUIRE(feat.dwellFrames.size() == 3);
    CHECK(feat.dwellFrames[0] == 3);
    CHECK(feat.dwellFrames[1] == 3);
    CHECK(feat.dwellFrames[2] == 3);
    CHECK(feat.meanDwell_s == Approx(3 * 0.05));
    CHECK(feat.netDisplacement_px == Approx(0.0).margin(1.0));
    // Lattice columns do not jump.
    for (std::size_t k = 0; k < beh.features.size(); ++k)
        if (static_cast<int>(k) != t.id)
            CHECK(beh.features[k].jumps == 0);
}

TEST_CASE("a blinking column keeps its id and its gap is filled", "[analysis][tracking][behaviours]")
{
    std::mt19937_64 rng(11);
    const std::vector<Point2> sites = latticeSites(7, 7);
    const int frames = 8;
    const int blinker = 3 * 7 + 3; // an interior column
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f)
        for (std::size_t s = 0; s < sites.size(); ++s)
            if (!(static_cast<int>(s) == blinker && (f == 2 || f == 3 || f == 4)))
                addAtom(m, f, static_cast<int>(s), sites[s], {0.2 * f, 0.0}, rng);
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    requireIdentitiesKept(m, r);
    const Track& t = trackOf(r, m, blinker);
    REQUIRE(t.points.size() == static_cast<std::size_t>(frames));
    for (int f = 2; f <= 4; ++f) {
        const TrackPoint& p = t.points[static_cast<std::size_t>(f)];
        CHECK(p.frame == f);
        CHECK(p.atomIndex == -1);
        CHECK(p.x == Approx(sites[static_cast<std::size_t>(blinker)].x + 0.2 * f).margin(0.6));
        CHECK(p.y == Approx(sites[static_cast<std::size_t>(blinker)].y).margin(0.6));
    }
    const BehaviourResult b = recogniseBehaviours(r, kSpacing, 0.05);
    CHECK(b.events.empty());
    CHECK(b.features[static_cast<std::size_t>(t.id)].detections == frames - 3);

    SECTION("without gap filling the track skips the missed frames")
    {
        settings.fillGaps = false;
        std::vector<std::vector<Atom>> atoms = m.atoms;
        const TrackingResult r2 = trackAtoms(atoms, settings);
        CHECK(r2.tracks.size() == sites.size());
        std::size_t shortest = frames;
        for (const Track& tr : r2.tracks)
            shortest = std::min(shortest, tr.points.size());
        CHECK(shortest == static_cast<std::size_t>(frames - 3));
    }
}

TEST_CASE("a column that appears and vanishes at the surface is adsorbed then desorbed", "[analysis][tracking][behaviours]")
{
    std::mt19937_64 rng(13);
    const std::vector<Point2> sites = latticeSites(6, 6);
    const double rowHeight = kSpacing * std::sqrt(3.0) / 2.0;
    const Point2 site{100.0 + 2 * kSpacing + kSpacing / 2.0, 100.0 - rowHeight};
    const int frames = 9, adatom = 500;
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f) {
        for (std::size_t s = 0; s < sites.size(); ++s)
            addAtom(m, f, static_cast<int>(s), sites[s], {}, rng);
        if (f >= 2 && f <= 5)
            addAtom(m, f, adatom, site, {}, rng);
    }
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    requireIdentitiesKept(m, r);
    const BehaviourResult b = recogniseBehaviours(r, kSpacing, 0.05);
    const Track& t = trackOf(r, m, adatom);
    CHECK(labelAt(b, t, 2) == Behaviour::Adsorbed);
    CHECK(labelAt(b, t, 3) == Behaviour::Stable);
    CHECK(labelAt(b, t, 4) == Behaviour::Stable);
    CHECK(labelAt(b, t, 5) == Behaviour::Desorbed);
    REQUIRE(b.events.size() == 2);
    CHECK(b.events[0].kind == "adsorption");
    CHECK(b.events[0].frame == 2);
    CHECK(b.events[1].kind == "desorption");
    CHECK(b.events[1].frame == 6); // the first frame without it, as the simulator records it
    CHECK(std::string(behaviourName(Behaviour::Desorbed)) == "desorbed");
    CHECK(behaviourFromName("adsorbed") == Behaviour::Adsorbed);
}

TEST_CASE("an interior column missed at the start is not called adsorbed", "[analysis][behaviours]")
{
    std::mt19937_64 rng(17);
    const std::vector<Point2> sites = latticeSites(7, 7);
    const int frames = 8, late = 3 * 7 + 2;
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f)
        for (std::size_t s = 0; s < sites.size(); ++s)
            if (!(static_cast<int>(s) == late && f < 2))
                addAtom(m, f, static_cast<int>(s), sites[s], {}, rng);
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    const BehaviourResult b = recogniseBehaviours(r, kSpacing, 0.05);
    CHECK(b.events.empty());
    CHECK(labelAt(b, trackOf(r, m, late), 2) == Behaviour::Stable);
}

TEST_CASE("a jumping blob away from the particle is not an adatom hop", "[analysis][behaviours]")
{
    // Something detected on the support, three spacings below the lattice, that moves by one
    // spacing: it is tracked, but hops happen on the particle only.
    std::mt19937_64 rng(29);
    const std::vector<Point2> sites = latticeSites(5, 5);
    const int frames = 6, blob = 900;
    const Point2 a{124.0, 100.0 + 4 * kSpacing * std::sqrt(3.0) / 2.0 + 3 * kSpacing};
    const Point2 b{a.x + kSpacing, a.y};
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f) {
        for (std::size_t s = 0; s < sites.size(); ++s)
            addAtom(m, f, static_cast<int>(s), sites[s], {}, rng);
        addAtom(m, f, blob, f < 3 ? a : b, {}, rng);
    }
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    requireIdentitiesKept(m, r);
    const BehaviourResult beh = recogniseBehaviours(r, kSpacing, 0.05);
    CHECK(beh.events.empty());
    const Track& t = trackOf(r, m, blob);
    CHECK(labelAt(beh, t, 3) == Behaviour::Stable);
    CHECK(beh.features[static_cast<std::size_t>(t.id)].jumps == 0);
}

TEST_CASE("a rigidly gliding block keeps its ids and is not a set of hops", "[analysis][tracking][behaviours]")
{
    // The upper rows glide by 0.45 spacings in frame 4 (beyond the 0.35 linking gate), as the
    // twin side does when the twin boundary migrates by a partial dislocation (the simulator's
    // glide is 0.32 nn; up to 0.68 nn in other projections).
    std::mt19937_64 rng(19);
    const std::vector<Point2> sites = latticeSites(10, 10);
    const int frames = 8;
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f)
        for (std::size_t s = 0; s < sites.size(); ++s) {
            Point2 p = sites[s];
            if (s < 30 && f >= 4)
                p.x += 0.45 * kSpacing;
            addAtom(m, f, static_cast<int>(s), p, {}, rng);
        }
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    requireIdentitiesKept(m, r);
    const BehaviourResult b = recogniseBehaviours(r, kSpacing, 0.05);
    for (const BehaviourEvent& e : b.events)
        CHECK(e.kind != "hop");
}

TEST_CASE("motion features of a hand-made track", "[analysis][motion]")
{
    // Steps of (3, 4) px per frame: 5 px each, drift (1, 0) per frame to be removed.
    Track t;
    t.id = 4;
    std::vector<Point2> drift;
    for (int f = 0; f < 6; ++f) {
        drift.push_back({1.0 * f, 0.0});
        t.points.push_back({f, f, 10.0 + 3.0 * f + 1.0 * f, 20.0 + 4.0 * f});
    }
    const TrackFeatures feat = motionFeatures(t, drift, 0.5, 100.0, 3);
    CHECK(feat.trackId == 4);
    CHECK(feat.detections == 6);
    CHECK(feat.netDisplacement_px == Approx(25.0));
    CHECK(feat.pathLength_px == Approx(25.0));
    CHECK(feat.meanSpeed_px_per_s == Approx(25.0 / 2.5));
    REQUIRE(feat.msd_px2.size() == 3);
    CHECK(feat.msd_px2[0] == Approx(25.0));
    CHECK(feat.msd_px2[1] == Approx(100.0));
    CHECK(feat.msd_px2[2] == Approx(225.0));
    // Least-squares slope of 25 k² over τ = 0.5 k for k = 1..3: 25 * 4 / 0.5 = 200 px²/s, D = 50.
    CHECK(feat.diffusion_px2_per_s == Approx(50.0));
    CHECK(feat.jumps == 0);
}

TEST_CASE("CLEAR MOT and IDF1 on a hand-computed case", "[analysis][evaluation]")
{
    // Truth: columns 7 at (0,0) and 8 at (10,0) for three frames.
    TruthMovie truth;
    truth.frames = 3;
    truth.columns.resize(3);
    for (int f = 0; f < 3; ++f) {
        TruthColumn a, b;
        a.id = 7;
        b.id = 8;
        b.x = 10.0;
        a.behaviour = b.behaviour = "stable";
        truth.columns[static_cast<std::size_t>(f)] = {a, b};
    }
    truth.columns[2][0].behaviour = "hopping";
    // Found: frame 0 right; frame 1 misses column 8 and has a false positive; frame 2 swaps.
    std::vector<std::vector<TrackedPoint>> found(3);
    found[0] = {{1, 0.1, 0.0, Behaviour::Stable}, {2, 10.0, 0.2, Behaviour::Stable}};
    found[1] = {{1, 0.0, 0.1, Behaviour::Stable}, {3, 5.0, 5.0, Behaviour::Stable}};
    found[2] = {{2, 0.0, 0.0, Behaviour::Hopping}, {1, 10.1, 0.0, Behaviour::Stable}};
    // Hops: one true at frame 1 found at frame 2 (within ±1), one true at frame 2 found at 4.
    const std::vector<TruthEvent> trueEvents = {{1, "hop", 7, {0, 0}, {12, 0}}, {2, "hop", 8, {10, 0}, {22, 0}},
                                                {2, "adsorption", 9, {5, 5}, {5, 5}}};
    const std::vector<BehaviourEvent> events = {{2, 1, "hop", {0.5, 0}, {12.5, 0}}, {4, 2, "hop", {10, 0}, {22, 0}},
                                                {3, 2, "hop", {50, 0}, {62, 0}}};
    const TrackingScore s = scoreTracking(truth, trueEvents, found, events, 1.0, 2.0);
    CHECK(s.truthPoints == 6);
    CHECK(s.hypothesisPoints == 6);
    CHECK(s.matches == 5);
    CHECK(s.misses == 1);
    CHECK(s.falsePositives == 1);
    CHECK(s.idSwitches == 2); // 7: track 1 -> 2, 8: track 2 -> 1
    CHECK(s.mota == Approx(1.0 - 4.0 / 6.0));
    // IDF1: best id pairs 7-1 (frames 0, 1) and 8-2 (frame 0): IDTP 3 of 6 + 6.
    CHECK(s.idTruePositives == 3);
    CHECK(s.idf1 == Approx(0.5));
    CHECK(s.idPrecision == Approx(0.5));
    CHECK(s.idRecall == Approx(0.5));
    // Behaviours over the 5 matched pairs: stable 4 of 4 right, hopping 1 of 1 right.
    CHECK(s.confusion[0][0] == 4);
    CHECK(s.confusion[1][1] == 1);
    CHECK(s.behaviourF1[0] == Approx(1.0));
    CHECK(s.behaviourF1[1] == Approx(1.0));
    CHECK(s.behaviourF1[2] == -1.0);
    CHECK(s.behaviourMacroF1 == Approx(1.0));
    CHECK(s.trueHops == 2);
    CHECK(s.hopsFound == 1);
    CHECK(s.hopRecall == Approx(0.5));
    CHECK(s.foundHops == 3);
    CHECK(s.hopPrecision == Approx(1.0 / 3.0));
}

TEST_CASE("tracking a thousand columns per frame links them all", "[analysis][tracking]")
{
    std::mt19937_64 rng(23);
    const std::vector<Point2> sites = latticeSites(32, 32);
    const int frames = 6;
    Movie m;
    m.atoms.resize(frames);
    m.truthId.resize(frames);
    for (int f = 0; f < frames; ++f)
        for (std::size_t s = 0; s < sites.size(); ++s)
            addAtom(m, f, static_cast<int>(s), sites[s], {0.3 * f, 0.1 * f}, rng, 0.4);
    TrackingSettings settings;
    settings.nearestNeighbour_px = kSpacing;
    const TrackingResult r = trackAtoms(m.atoms, settings);
    CHECK(r.tracks.size() == sites.size());
    requireIdentitiesKept(m, r);
}
