// One correction applied in place, updating only what depends on it (corrections.h). The
// tracks are never relinked as a whole: an edit changes the tracks through the edited atom and
// the behaviours of the tracks whose neighbourhood it changed, so an edit on a long movie
// costs about as much as one frame.
#include "core/pipeline/corrections.h"

#include "core/relate/derived_uncertainty.h"
#include "core/track/temporal_refinement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace hrtem {

namespace {

using Kind = Correction::Kind;

std::string point(Point2 p)
{
    char text[64];
    std::snprintf(text, sizeof text, "(%.1f, %.1f)", p.x, p.y);
    return text;
}

std::invalid_argument problem(const Correction& c, const std::string& what)
{
    return std::invalid_argument(describe(c) + ": " + what);
}

double pickRadius(const AnalysisResult& r)
{
    // Before any spacing is known (no neighbours), a few pixels still pick the column clicked.
    return r.nearestNeighbour_px > 0 ? kCorrectionPickRadius * r.nearestNeighbour_px : 3.0;
}

int requireListIndex(const AnalysisResult& r, const Correction& c, int frame)
{
    const int i = r.listIndexOf(frame);
    if (i < 0)
        throw problem(c, "frame " + std::to_string(frame) + " was not analysed");
    return i;
}

int requireAtom(const AnalysisResult& r, const Correction& c, int listIndex, Point2 at)
{
    const int a = nearestAtomIndex(r, listIndex, at, pickRadius(r));
    if (a < 0)
        throw problem(c, "no atom near " + point(at) + " in frame " + std::to_string(r.frames[listIndex].frame));
    return a;
}

/// Index into tracking.tracks of the track holding atom `atom` of list frame `listIndex`
/// (track ids are their indices).
int requireTrackOf(const AnalysisResult& r, const Correction& c, int listIndex, int atom)
{
    const Atom& a = r.frames[listIndex].atoms[atom];
    if (a.trackId < 0 || a.trackId >= int(r.tracking.tracks.size()))
        throw problem(c, "the atom at " + point({a.x, a.y}) + " belongs to no track");
    return a.trackId;
}

/// Index of the point of `track` in list frame `frame`, -1 if it has none.
int pointIndexAt(const Track& track, int frame)
{
    auto it = std::lower_bound(track.points.begin(), track.points.end(), frame,
                               [](const TrackPoint& p, int f) { return p.frame < f; });
    return it != track.points.end() && it->frame == frame ? int(it - track.points.begin()) : -1;
}

Point2 driftAt(const AnalysisResult& r, int frame)
{
    return frame >= 0 && frame < int(r.tracking.drift_px.size()) ? r.tracking.drift_px[std::size_t(frame)] : Point2{};
}

/// Interpolated points (atomIndex -1) at either end carry no detection: drop them.
void trimFilledEnds(Track& track)
{
    while (!track.points.empty() && track.points.back().atomIndex < 0)
        track.points.pop_back();
    while (!track.points.empty() && track.points.front().atomIndex < 0)
        track.points.erase(track.points.begin());
}

/// A point without detection lies on the line between the detections around it, as the
/// tracker bridges a gap.
void interpolateGap(Track& track, std::size_t p)
{
    std::size_t before = p, after = p;
    while (before > 0 && track.points[before].atomIndex < 0)
        --before;
    while (after + 1 < track.points.size() && track.points[after].atomIndex < 0)
        ++after;
    const TrackPoint& a = track.points[before];
    const TrackPoint& b = track.points[after];
    if (a.atomIndex < 0 || b.atomIndex < 0 || b.frame == a.frame)
        return;
    const double t = double(track.points[p].frame - a.frame) / (b.frame - a.frame);
    track.points[p].x = a.x + t * (b.x - a.x);
    track.points[p].y = a.y + t * (b.y - a.y);
}

/// Points track `t`'s atoms (and its features and events) at id `t`.
void setTrackId(AnalysisResult& r, std::size_t t)
{
    Track& track = r.tracking.tracks[t];
    track.id = int(t);
    for (const TrackPoint& p : track.points)
        if (p.atomIndex >= 0)
            r.frames[std::size_t(p.frame)].atoms[std::size_t(p.atomIndex)].trackId = int(t);
    if (t < r.behaviours.features.size())
        r.behaviours.features[t].trackId = int(t);
}

/// Removes track `t`; the later ones move down by one (ids stay their indices).
void removeTrack(AnalysisResult& r, std::size_t t, std::set<int>& affected)
{
    std::vector<Track>& tracks = r.tracking.tracks;
    tracks.erase(tracks.begin() + std::ptrdiff_t(t));
    BehaviourResult& b = r.behaviours;
    if (t < b.perTrackPoint.size())
        b.perTrackPoint.erase(b.perTrackPoint.begin() + std::ptrdiff_t(t));
    if (t < b.features.size())
        b.features.erase(b.features.begin() + std::ptrdiff_t(t));
    b.events.erase(std::remove_if(b.events.begin(), b.events.end(), [&](const BehaviourEvent& e) { return e.trackId == int(t); }),
                   b.events.end());
    for (BehaviourEvent& e : b.events)
        if (e.trackId > int(t))
            --e.trackId;
    for (std::size_t k = t; k < tracks.size(); ++k)
        setTrackId(r, k);
    std::set<int> shifted;
    for (int k : affected)
        if (k != int(t))
            shifted.insert(k > int(t) ? k - 1 : k);
    affected = std::move(shifted);
}

/// Tracks whose behaviour looks at the columns around `at` in list frame `frame`: those with
/// a column there within the surround radius (behaviours.h) in the frames searched, that
/// start, end or change site within those frames.
void addNeighbourTracks(const AnalysisResult& r, int frame, Point2 at, std::set<int>& affected)
{
    const BehaviourSettings bs;
    const double radius = (bs.surroundRadius + 0.5) * r.nearestNeighbour_px;
    const int window = bs.neighbourWindow + 1;
    const int lo = std::max(0, frame - window), hi = std::min(int(r.frames.size()) - 1, frame + window);
    auto near = [&](int f) {
        std::set<int> found;
        for (const Atom& a : r.frames[std::size_t(f)].atoms)
            if (a.trackId >= 0 && std::abs(a.x - at.x) <= radius && std::abs(a.y - at.y) <= radius)
                found.insert(a.trackId);
        return found;
    };
    for (int f = lo; f <= hi; ++f)
        for (int k : near(f)) {
            if (affected.count(k) || k >= int(r.tracking.tracks.size()))
                continue;
            const Track& track = r.tracking.tracks[std::size_t(k)];
            bool changes = track.points.front().frame >= lo - 1 || track.points.back().frame <= hi + 1;
            if (!changes && std::size_t(k) < r.behaviours.features.size())
                for (const SiteVisit& v : r.behaviours.features[std::size_t(k)].visits)
                    changes = changes || (v.firstFrame >= lo && v.firstFrame <= hi);
            if (changes)
                affected.insert(k);
        }
}

/// The systematic share of an atom's error (systematic_error.h): errX = hypot(fitErrX, s).
double systematicShare(const Atom& a)
{
    return std::sqrt(std::max(0.0, a.errX * a.errX - a.fitErrX * a.fitErrX));
}

void resetSiteKeepingSystematic(Atom& a)
{
    const double s = systematicShare(a);
    resetSite(a);
    a.siteErr = std::hypot(a.siteErr, s);
}

/// Sites of the atoms of `tracks`, as the movie stages set them (time average plus the
/// frame's systematic term).
void refineTracks(AnalysisResult& r, const std::set<int>& tracks)
{
    const auto atomAt = [&](int frame, int index) -> Atom& { return r.frames[std::size_t(frame)].atoms[std::size_t(index)]; };
    for (int t : tracks) {
        const Track& track = r.tracking.tracks[std::size_t(t)];
        refineTrackWithTime(atomAt, r.tracking, std::size_t(t), r.behaviours);
        for (const TrackPoint& p : track.points)
            if (p.atomIndex >= 0) {
                Atom& a = atomAt(p.frame, p.atomIndex);
                a.siteErr = std::hypot(a.siteErr, systematicShare(a));
            }
    }
}

void recomputeFrame(AnalysisResult& r, int listIndex)
{
    FrameAnalysis& f = r.frames[std::size_t(listIndex)];
    f.relations = computeRelations(f.atoms, relationSettings(r.settings, r.width, r.height, r.pixel_nm));
    f.twinBoundaries = findTwinBoundaries(f.atoms, f.relations);
    for (Atom& a : f.atoms)
        if (a.trackId < 0)
            resetSiteKeepingSystematic(a);
    propagatePositionUncertainty(f.atoms, f.relations);
    f.edited = true;
}

/// A column added by hand takes its fit parameters from the nearest detected column of the
/// frame (same element, same focus), and counts as clearly detected.
Atom atomAddedAt(const std::vector<Atom>& atoms, Point2 at)
{
    Atom atom;
    double best = INFINITY;
    for (const Atom& other : atoms) {
        const double d = std::hypot(other.x - at.x, other.y - at.y);
        if (d < best) {
            best = d;
            atom = other;
        }
    }
    if (atoms.empty()) {
        atom.sigmaX = atom.sigmaY = 1.5;
        atom.errX = atom.errY = atom.fitErrX = atom.fitErrY = 0.5;
    }
    atom.significance = std::max(atom.significance, 10.0);
    atom.x = atom.siteX = at.x;
    atom.y = atom.siteY = at.y;
    atom.siteErr = std::max(atom.errX, atom.errY);
    atom.siteFrames = 1;
    atom.trackId = -1;
    atom.edited = true;
    return atom;
}

/// Links atom `a` of list frame `i`, just added, as the tracker would have: into a gap of a
/// track passing there, onto the end of a track that stops the frame before, or the start of
/// one that begins the frame after (the nearest within the link gate, drift removed);
/// otherwise it starts a track of its own. Returns the track.
int linkAddedAtom(AnalysisResult& r, int i, int a)
{
    Atom& atom = r.frames[std::size_t(i)].atoms[std::size_t(a)];
    const double gate = TrackingSettings{}.linkGate * std::max(r.nearestNeighbour_px, 1.0);
    const Point2 d = driftAt(r, i);
    const Point2 here{atom.x - d.x, atom.y - d.y};
    int best = -1, bestPoint = -1;
    double bestDistance = gate;
    auto consider = [&](int t, const TrackPoint& p, int pointIndex) {
        const Point2 dp = driftAt(r, p.frame);
        const double distance = std::hypot(p.x - dp.x - here.x, p.y - dp.y - here.y);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = t;
            bestPoint = pointIndex;
        }
    };
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t) {
        const std::vector<TrackPoint>& points = r.tracking.tracks[t].points;
        const int p = pointIndexAt(r.tracking.tracks[t], i);
        if (p >= 0 && points[std::size_t(p)].atomIndex < 0)
            consider(int(t), points[std::size_t(p)], p);
        else if (points.back().frame == i - 1)
            consider(int(t), points.back(), int(points.size()));
        else if (points.front().frame == i + 1)
            consider(int(t), points.front(), -1);
    }
    const TrackPoint added{i, a, atom.x, atom.y};
    if (best < 0) {
        Track track;
        track.id = int(r.tracking.tracks.size());
        track.points.push_back(added);
        track.significance = atom.significance;
        r.tracking.tracks.push_back(track);
        best = track.id;
    } else {
        std::vector<TrackPoint>& points = r.tracking.tracks[std::size_t(best)].points;
        if (bestPoint < 0)
            points.insert(points.begin(), added);
        else if (bestPoint == int(points.size()))
            points.push_back(added);
        else
            points[std::size_t(bestPoint)] = added;
    }
    atom.trackId = best;
    return best;
}

/// Atom `a` of list frame `i` is gone: the points after it in that frame move down by one, and
/// its own track's point becomes a gap (or goes, at an end; the track goes with its last point).
void unlinkDeletedAtom(AnalysisResult& r, int i, int a, int track, std::set<int>& affected)
{
    std::vector<Atom>& atoms = r.frames[std::size_t(i)].atoms;
    for (std::size_t b = std::size_t(a); b < atoms.size(); ++b) {
        atoms[b].id = int(b);
        if (atoms[b].trackId < 0)
            continue;
        Track& owner = r.tracking.tracks[std::size_t(atoms[b].trackId)];
        const int p = pointIndexAt(owner, i);
        if (p >= 0)
            owner.points[std::size_t(p)].atomIndex = int(b);
    }
    if (track < 0)
        return;
    Track& t = r.tracking.tracks[std::size_t(track)];
    const int p = pointIndexAt(t, i);
    if (p >= 0)
        t.points[std::size_t(p)].atomIndex = -1;
    trimFilledEnds(t);
    if (t.points.empty()) {
        removeTrack(r, std::size_t(track), affected);
        return;
    }
    const int q = pointIndexAt(t, i);
    if (q >= 0)
        interpolateGap(t, std::size_t(q));
    t.edited = true;
    affected.insert(track);
}

void editAtom(AnalysisResult& r, const Correction& c, std::set<int>& affected)
{
    const int i = requireListIndex(r, c, c.frame);
    std::vector<Atom>& atoms = r.frames[std::size_t(i)].atoms;
    if (c.kind == Kind::AddAtom) {
        atoms.push_back(atomAddedAt(atoms, c.at));
        atoms.back().id = int(atoms.size()) - 1;
        const int t = linkAddedAtom(r, i, int(atoms.size()) - 1);
        r.tracking.tracks[std::size_t(t)].edited = true;
        affected.insert(t);
    } else if (c.kind == Kind::MoveAtom) {
        Atom& atom = atoms[std::size_t(requireAtom(r, c, i, c.at))];
        atom.x = c.to.x;
        atom.y = c.to.y;
        atom.edited = true;
        if (atom.trackId >= 0) {
            Track& track = r.tracking.tracks[std::size_t(atom.trackId)];
            TrackPoint& p = track.points[std::size_t(pointIndexAt(track, i))];
            p.x = atom.x;
            p.y = atom.y;
            track.edited = true;
            affected.insert(atom.trackId);
        } else {
            resetSiteKeepingSystematic(atom);
        }
        addNeighbourTracks(r, i, c.to, affected);
    } else {
        const int a = requireAtom(r, c, i, c.at);
        const int track = atoms[std::size_t(a)].trackId;
        atoms.erase(atoms.begin() + a);
        unlinkDeletedAtom(r, i, a, track, affected);
    }
    recomputeFrame(r, i);
    addNeighbourTracks(r, i, c.at, affected);
}

void mergeTracks(AnalysisResult& r, const Correction& c, std::set<int>& affected)
{
    const int i = requireListIndex(r, c, c.frame);
    const int j = requireListIndex(r, c, c.otherFrame);
    int a = requireTrackOf(r, c, i, requireAtom(r, c, i, c.at));
    int b = requireTrackOf(r, c, j, requireAtom(r, c, j, c.otherAt));
    if (a == b)
        throw problem(c, "both atoms are on the same track");
    std::vector<Track>& tracks = r.tracking.tracks;
    if (tracks[std::size_t(b)].points.front().frame < tracks[std::size_t(a)].points.front().frame)
        std::swap(a, b);
    Track& first = tracks[std::size_t(a)];
    const Track& second = tracks[std::size_t(b)];
    if (second.points.front().frame <= first.points.back().frame)
        throw problem(c, "the tracks overlap in time (frames " +
                             std::to_string(r.frames[std::size_t(second.points.front().frame)].frame) + " to " +
                             std::to_string(r.frames[std::size_t(first.points.back().frame)].frame) + ")");
    // Bridge the gap as the tracker does: one interpolated point per missed frame.
    const TrackPoint from = first.points.back();
    const TrackPoint to = second.points.front();
    for (int f = from.frame + 1; f < to.frame; ++f) {
        const double t = double(f - from.frame) / (to.frame - from.frame);
        first.points.push_back({f, -1, from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
    }
    first.points.insert(first.points.end(), second.points.begin(), second.points.end());
    first.edited = true;
    setTrackId(r, std::size_t(a));
    affected.insert(a);
    addNeighbourTracks(r, from.frame, {from.x, from.y}, affected);
    addNeighbourTracks(r, to.frame, {to.x, to.y}, affected);
    affected.erase(b);
    removeTrack(r, std::size_t(b), affected);
}

void splitTrack(AnalysisResult& r, const Correction& c, std::set<int>& affected)
{
    const int i = requireListIndex(r, c, c.frame);
    const int t = requireTrackOf(r, c, i, requireAtom(r, c, i, c.at));
    Track& track = r.tracking.tracks[std::size_t(t)];
    if (track.points.front().frame >= i)
        throw problem(c, "the track starts in this frame: there is nothing to split off");
    Track tail;
    tail.significance = track.significance;
    tail.edited = track.edited = true;
    auto at = std::find_if(track.points.begin(), track.points.end(), [&](const TrackPoint& p) { return p.frame >= i; });
    tail.points.assign(at, track.points.end());
    track.points.erase(at, track.points.end());
    trimFilledEnds(track);
    trimFilledEnds(tail);
    r.tracking.tracks.push_back(std::move(tail));
    setTrackId(r, r.tracking.tracks.size() - 1);
    affected.insert(t);
    affected.insert(int(r.tracking.tracks.size()) - 1);
    addNeighbourTracks(r, i, c.at, affected);
}

/// Sets the label of the track point at `c` and the event it stands for, in the conventions
/// of behaviours.h. Returns the track, or -1 (when `strict` is false) if nothing is there.
int relabel(AnalysisResult& r, const Correction& c, bool strict)
{
    const int i = r.listIndexOf(c.frame);
    const int atom = i < 0 ? -1 : nearestAtomIndex(r, i, c.at, pickRadius(r));
    if (!strict && (atom < 0 || r.frames[std::size_t(i)].atoms[std::size_t(atom)].trackId < 0))
        return -1;
    const int t = requireTrackOf(r, c, requireListIndex(r, c, c.frame), requireAtom(r, c, i, c.at));
    Track& track = r.tracking.tracks[std::size_t(t)];
    const std::size_t p = std::size_t(pointIndexAt(track, i));
    r.behaviours.perTrackPoint.at(std::size_t(t)).at(p) = c.behaviour;
    track.edited = true;
    std::vector<BehaviourEvent>& events = r.behaviours.events;
    const TrackPoint& here = track.points[p];
    // A desorption is listed in the first frame the column is gone; the others where it is.
    events.erase(std::remove_if(events.begin(), events.end(),
                                [&](const BehaviourEvent& e) {
                                    return e.trackId == track.id && (e.frame == i || (e.frame == i + 1 && e.kind == "desorption"));
                                }),
                 events.end());
    const Point2 position{here.x, here.y};
    switch (c.behaviour) {
    case Behaviour::Stable: break;
    case Behaviour::Hopping:
        events.push_back({i, track.id, "hop", p > 0 ? Point2{track.points[p - 1].x, track.points[p - 1].y} : position, position});
        break;
    case Behaviour::Adsorbed: events.push_back({i, track.id, "adsorption", position, position}); break;
    case Behaviour::Desorbed: events.push_back({i + 1, track.id, "desorption", position, position}); break;
    }
    std::stable_sort(events.begin(), events.end(), [](const BehaviourEvent& x, const BehaviourEvent& y) {
        return x.frame != y.frame ? x.frame < y.frame : x.trackId < y.trackId;
    });
    return t;
}

/// Behaviours and sites of the affected tracks, then the relabels made before that fall on them
/// (a label set by hand outlives a recomputation).
void updateTracks(AnalysisResult& r, const std::set<int>& affected, const std::vector<Correction>& earlier)
{
    if (r.nearestNeighbour_px > 0)
        updateBehaviours(r.behaviours, r.tracking, std::vector<int>(affected.begin(), affected.end()), r.nearestNeighbour_px,
                         r.frameIntervalOrOne());
    refineTracks(r, affected);
    for (const Correction& e : earlier)
        if (e.kind == Kind::RelabelBehaviour) {
            const int i = r.listIndexOf(e.frame);
            const int a = i < 0 ? -1 : nearestAtomIndex(r, i, e.at, pickRadius(r));
            if (a >= 0 && affected.count(r.frames[std::size_t(i)].atoms[std::size_t(a)].trackId))
                relabel(r, e, false);
        }
}

/// Checks everything `c` needs before anything changes, so a refused correction leaves the
/// result as it was.
void validate(const AnalysisResult& r, const Correction& c)
{
    const int i = requireListIndex(r, c, c.frame);
    switch (c.kind) {
    case Kind::AddAtom: return;
    case Kind::MoveAtom:
    case Kind::DeleteAtom: requireAtom(r, c, i, c.at); return;
    case Kind::SplitTrack: requireTrackOf(r, c, i, requireAtom(r, c, i, c.at)); return;
    case Kind::RelabelBehaviour:
        if (std::size_t(requireTrackOf(r, c, i, requireAtom(r, c, i, c.at))) >= r.behaviours.perTrackPoint.size())
            throw problem(c, "no behaviours were recognised in this analysis");
        return;
    case Kind::MergeTracks: {
        const int j = requireListIndex(r, c, c.otherFrame);
        requireTrackOf(r, c, j, requireAtom(r, c, j, c.otherAt));
        requireTrackOf(r, c, i, requireAtom(r, c, i, c.at));
        return;
    }
    }
}

} // namespace

CorrectionEffect applyCorrection(AnalysisResult& r, const Correction& c, const std::vector<Correction>& earlier)
{
    validate(r, c);
    CorrectionEffect effect;
    std::set<int> affected;
    const std::size_t tracksBefore = r.tracking.tracks.size();
    switch (c.kind) {
    case Kind::AddAtom:
    case Kind::MoveAtom:
    case Kind::DeleteAtom:
        editAtom(r, c, affected);
        effect.frames.push_back(r.listIndexOf(c.frame));
        break;
    case Kind::MergeTracks: mergeTracks(r, c, affected); break;
    case Kind::SplitTrack: splitTrack(r, c, affected); break;
    case Kind::RelabelBehaviour: affected.insert(relabel(r, c, true)); break;
    }
    if (c.kind != Kind::RelabelBehaviour)
        updateTracks(r, affected, earlier);
    effect.tracks.assign(affected.begin(), affected.end());
    effect.tracksRenumbered = r.tracking.tracks.size() < tracksBefore;
    ++r.corrections;
    return effect;
}

} // namespace hrtem
