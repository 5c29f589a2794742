// One correction applied in place, updating only what depends on it (corrections.h): composed
// of the edit primitives (result_edit.h) and the tracker's own rules for edits (track_edits.h),
// with the run's settings. The tracks are never relinked as a whole: an edit changes the tracks
// through the edited atom and the behaviours of the tracks whose neighbourhood it changed, so
// an edit on a long movie costs about as much as one frame. What it changes is recorded in a
// ResultChange when one is given, for undo and redo without replay.
#include "core/result/corrections.h"

#include "core/result/result_edit.h"
#include "core/track/temporal_refinement.h"
#include "core/track/track_edits.h"

namespace hrtem {

namespace {

using Kind = Correction::Kind;

void editAtom(ResultEdit& e)
{
    AnalysisResult& r = e.r;
    const int i = e.listIndex(e.c.frame);
    e.keepFrame(i);
    std::vector<Atom>& atoms = r.frames[std::size_t(i)].atoms;
    if (e.c.kind == Kind::AddAtom) {
        atoms.push_back(atomAddedByHand(atoms, e.c.at));
        Atom& added = atoms.back();
        added.id = int(atoms.size()) - 1;
        const TrackJoin join = joinForAddedColumn(r.tracking, i, e.c.at, trackingSettings(r.settings, r.nearestNeighbour_px));
        added.trackId = insertTrackPoint(r.tracking, join, {i, added.id, added.x, added.y}, added.significance);
        r.tracking.tracks[std::size_t(added.trackId)].edited = true;
        e.affected.insert(added.trackId);
    } else if (e.c.kind == Kind::MoveAtom) {
        Atom& atom = atoms[std::size_t(e.atom(i, e.c.at))];
        atom.x = e.c.to.x;
        atom.y = e.c.to.y;
        atom.edited = true;
        if (atom.trackId >= 0) {
            Track& track = r.tracking.tracks[std::size_t(atom.trackId)];
            TrackPoint& p = track.points[std::size_t(trackPointAt(track, i))];
            p.x = atom.x;
            p.y = atom.y;
            track.edited = true;
            e.affected.insert(atom.trackId);
        } else {
            resetSiteKeepingSystematic(atom);
        }
        e.addWatching(i, e.c.to);
    } else {
        const int a = e.atom(i, e.c.at);
        const int t = atoms[std::size_t(a)].trackId;
        atoms.erase(atoms.begin() + a);
        // The atoms after it move down by one, in their tracks too.
        for (std::size_t b = std::size_t(a); b < atoms.size(); ++b) {
            atoms[b].id = int(b);
            if (atoms[b].trackId >= 0) {
                Track& owner = r.tracking.tracks[std::size_t(atoms[b].trackId)];
                owner.points[std::size_t(trackPointAt(owner, i))].atomIndex = int(b);
            }
        }
        if (t >= 0) {
            // Its point becomes a gap bridged as the tracker would, or goes at an end; the
            // track goes with its last point.
            Track& track = r.tracking.tracks[std::size_t(t)];
            track.points[std::size_t(trackPointAt(track, i))].atomIndex = -1;
            trimUndetectedEnds(track);
            if (track.points.empty()) {
                e.removeTrack(std::size_t(t));
            } else {
                if (const int q = trackPointAt(track, i); q >= 0)
                    interpolateGapPoint(track, std::size_t(q));
                track.edited = true;
                e.affected.insert(t);
            }
        }
    }
    e.recomputeFrame(i);
    e.addWatching(i, e.c.at);
}

void mergeTracks(ResultEdit& e)
{
    int a = e.trackOf(e.listIndex(e.c.frame), e.c.at);
    int b = e.trackOf(e.listIndex(e.c.otherFrame), e.c.otherAt);
    if (a == b)
        throw e.problem("both atoms are on the same track");
    std::vector<Track>& tracks = e.r.tracking.tracks;
    if (tracks[std::size_t(b)].points.front().frame < tracks[std::size_t(a)].points.front().frame)
        std::swap(a, b);
    Track& first = tracks[std::size_t(a)];
    const TrackPoint from = first.points.back(), to = tracks[std::size_t(b)].points.front();
    if (to.frame <= from.frame)
        throw e.problem("the tracks overlap in time (frames " + std::to_string(e.r.frames[std::size_t(to.frame)].frame) + " to " +
                        std::to_string(e.r.frames[std::size_t(from.frame)].frame) + ")");
    appendBridged(first, tracks[std::size_t(b)]);
    first.edited = true;
    e.setTrackId(std::size_t(a));
    e.affected.insert(a);
    e.addWatching(from.frame, {from.x, from.y});
    e.addWatching(to.frame, {to.x, to.y});
    e.affected.erase(b);
    e.removeTrack(std::size_t(b));
}

void splitTrack(ResultEdit& e)
{
    const int i = e.listIndex(e.c.frame);
    const int t = e.trackOf(i, e.c.at);
    Track& track = e.r.tracking.tracks[std::size_t(t)];
    if (track.points.front().frame >= i)
        throw e.problem("the track starts in this frame: there is nothing to split off");
    Track tail = splitTrackAt(track, i);
    tail.edited = track.edited = true;
    e.r.tracking.tracks.push_back(std::move(tail));
    e.setTrackId(e.r.tracking.tracks.size() - 1);
    e.affected.insert(t);
    e.affected.insert(int(e.r.tracking.tracks.size()) - 1);
    e.addWatching(i, e.c.at);
}

} // namespace

CorrectionEffect applyCorrection(AnalysisResult& r, const Correction& c, const std::vector<Correction>& earlier,
                                 ResultChange* change)
{
    // Each step checks what it needs before it changes anything: a refused correction
    // leaves the result as it was.
    ResultEdit e{r, change, c, {}};
    if (change)
        change->begin(r);
    CorrectionEffect effect;
    const std::size_t tracksBefore = r.tracking.tracks.size();
    switch (c.kind) {
    case Kind::AddAtom:
    case Kind::MoveAtom:
    case Kind::DeleteAtom:
        editAtom(e);
        effect.frames.push_back(r.listIndexOf(c.frame));
        break;
    case Kind::MergeTracks: mergeTracks(e); break;
    case Kind::SplitTrack: splitTrack(e); break;
    case Kind::RelabelBehaviour: e.affected.insert(e.relabel(c, true)); break;
    }
    if (c.kind != Kind::RelabelBehaviour)
        e.updateTracks(earlier);
    effect.tracks.assign(e.affected.begin(), e.affected.end());
    effect.tracksRenumbered = r.tracking.tracks.size() < tracksBefore;
    ++r.corrections;
    if (change)
        change->finish(r, e.affected);
    return effect;
}

AnalysisResult applyCorrections(const AnalysisResult& base, const std::vector<Correction>& corrections)
{
    AnalysisResult r = base;
    std::vector<Correction> earlier;
    for (const Correction& c : corrections) {
        applyCorrection(r, c, earlier);
        earlier.push_back(c);
    }
    return r;
}

} // namespace hrtem
