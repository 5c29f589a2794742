#include "core/result/result_edit.h"

#include "core/behave/behaviour_edits.h"
#include "core/relate/derived_uncertainty.h"
#include "core/result/relate_frame.h"
#include "core/track/temporal_refinement.h"
#include "core/track/track_edits.h"

namespace hrtem {

std::invalid_argument ResultEdit::problem(const std::string& what) const
{
    return std::invalid_argument(describe(c) + ": " + what);
}

int ResultEdit::listIndex(int frame) const
{
    const int i = r.listIndexOf(frame);
    if (i < 0)
        throw problem("frame " + std::to_string(frame) + " was not analysed");
    return i;
}

int ResultEdit::atom(int i, Point2 at) const
{
    const int a = nearestAtomIndex(r, i, at, correctionPickRadius(r));
    if (a < 0)
        throw problem("no atom near " + formatPoint(at) + " in frame " + std::to_string(r.frames[std::size_t(i)].frame));
    return a;
}

int ResultEdit::trackOf(int i, Point2 at) const
{
    const Atom& a = r.frames[std::size_t(i)].atoms[std::size_t(atom(i, at))];
    if (a.trackId < 0 || a.trackId >= int(r.tracking.tracks.size()))
        throw problem("the atom at " + formatPoint({a.x, a.y}) + " belongs to no track");
    return a.trackId;
}

void ResultEdit::keepFrame(int i)
{
    if (change)
        change->keepFrame(r, i);
}

void ResultEdit::setTrackId(std::size_t t)
{
    Track& track = r.tracking.tracks[t];
    track.id = int(t);
    for (const TrackPoint& p : track.points)
        if (p.atomIndex >= 0) {
            if (change)
                change->keepTrackId(r, p.frame, p.atomIndex);
            r.frames[std::size_t(p.frame)].atoms[std::size_t(p.atomIndex)].trackId = int(t);
        }
    if (t < r.behaviours.features.size())
        r.behaviours.features[t].trackId = int(t);
}

void ResultEdit::removeTrack(std::size_t t)
{
    removeTrackBehaviours(r.behaviours, t);
    r.tracking.tracks.erase(r.tracking.tracks.begin() + std::ptrdiff_t(t));
    for (std::size_t k = t; k < r.tracking.tracks.size(); ++k)
        setTrackId(k);
    std::set<int> shifted;
    for (int k : affected)
        if (k != int(t))
            shifted.insert(k > int(t) ? k - 1 : k);
    affected = std::move(shifted);
}

void ResultEdit::addWatching(int i, Point2 at)
{
    addTracksWatching([&](int f) -> const std::vector<Atom>& { return r.frames[std::size_t(f)].atoms; }, int(r.frames.size()),
                      r.tracking, r.behaviours, i, at, r.nearestNeighbour_px, behaviourSettings(r.settings), affected);
}

void ResultEdit::recomputeFrame(int i)
{
    FrameAnalysis& f = r.frames[std::size_t(i)];
    relateFrame(f, relationSettings(r.settings, r.width, r.height, r.pixel_nm)); // the pipeline's relation stage
    for (Atom& a : f.atoms)
        if (a.trackId < 0)
            resetSiteKeepingSystematic(a);
    propagatePositionUncertainty(f.atoms, f.relations);
    f.edited = true;
}

int ResultEdit::relabel(const Correction& which, bool strict)
{
    const int i = r.listIndexOf(which.frame);
    const int a = i < 0 ? -1 : nearestAtomIndex(r, i, which.at, correctionPickRadius(r));
    if (!strict && (a < 0 || r.frames[std::size_t(i)].atoms[std::size_t(a)].trackId < 0))
        return -1;
    const int t = trackOf(listIndex(which.frame), which.at);
    if (std::size_t(t) >= r.behaviours.perTrackPoint.size())
        throw problem("no behaviours were recognised in this analysis");
    Track& track = r.tracking.tracks[std::size_t(t)];
    track.edited = true;
    setBehaviourByHand(r.behaviours, track, std::size_t(trackPointAt(track, i)), which.behaviour);
    return t;
}

void ResultEdit::updateTracks(const std::vector<Correction>& earlier)
{
    if (r.nearestNeighbour_px > 0)
        updateBehaviours(r.behaviours, r.tracking, std::vector<int>(affected.begin(), affected.end()), r.nearestNeighbour_px,
                         r.frameIntervalOrOne(), behaviourSettings(r.settings));
    const auto atomAt = [&](int frame, int index) -> Atom& { return r.frames[std::size_t(frame)].atoms[std::size_t(index)]; };
    for (int t : affected) {
        if (change)
            for (const TrackPoint& p : r.tracking.tracks[std::size_t(t)].points)
                if (p.atomIndex >= 0)
                    change->atomToChange(r, p.frame, p.atomIndex);
        refineTrackKeepingSystematic(atomAt, r.tracking, std::size_t(t), r.behaviours);
    }
    for (const Correction& e : earlier)
        if (e.kind == Correction::Kind::RelabelBehaviour) {
            const int i = r.listIndexOf(e.frame);
            const int a = i < 0 ? -1 : nearestAtomIndex(r, i, e.at, correctionPickRadius(r));
            if (a >= 0 && affected.count(r.frames[std::size_t(i)].atoms[std::size_t(a)].trackId))
                relabel(e, false);
        }
}

} // namespace hrtem
