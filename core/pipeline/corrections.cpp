#include "core/pipeline/corrections.h"

#include "core/pipeline/movie_stages.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace hrtem {

namespace {

using Kind = Correction::Kind;

const char* kindName(Kind kind)
{
    switch (kind) {
    case Kind::AddAtom: return "add_atom";
    case Kind::MoveAtom: return "move_atom";
    case Kind::DeleteAtom: return "delete_atom";
    case Kind::MergeTracks: return "merge_tracks";
    case Kind::SplitTrack: return "split_track";
    case Kind::RelabelBehaviour: return "relabel_behaviour";
    }
    return "?";
}

Kind kindFromName(const std::string& name)
{
    for (Kind k : {Kind::AddAtom, Kind::MoveAtom, Kind::DeleteAtom, Kind::MergeTracks, Kind::SplitTrack,
                   Kind::RelabelBehaviour})
        if (name == kindName(k))
            return k;
    throw std::invalid_argument("unknown correction kind \"" + name + "\"");
}

Behaviour behaviourFromName(const std::string& name)
{
    for (Behaviour b : {Behaviour::Stable, Behaviour::Hopping, Behaviour::Adsorbed, Behaviour::Desorbed})
        if (name == behaviourName(b))
            return b;
    throw std::invalid_argument("unknown behaviour \"" + name + "\"");
}

bool isAtomEdit(Kind kind)
{
    return kind == Kind::AddAtom || kind == Kind::MoveAtom || kind == Kind::DeleteAtom;
}

bool isTrackEdit(Kind kind)
{
    return kind == Kind::MergeTracks || kind == Kind::SplitTrack;
}

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
    const int i = listIndexOfFrame(r, frame);
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

/// Index into tracking.tracks of the track holding atom `atom` of list frame `listIndex`.
int requireTrackOf(const AnalysisResult& r, const Correction& c, int listIndex, int atom)
{
    const int id = r.frames[listIndex].atoms[atom].trackId;
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t)
        if (r.tracking.tracks[t].id == id)
            return static_cast<int>(t);
    throw problem(c, "the atom at " + point({r.frames[listIndex].atoms[atom].x, r.frames[listIndex].atoms[atom].y}) +
                         " belongs to no track");
}

void renumberAtoms(std::vector<Atom>& atoms)
{
    for (std::size_t i = 0; i < atoms.size(); ++i)
        atoms[i].id = static_cast<int>(i);
}

/// A column added by hand takes its fit parameters from the nearest detected column of the
/// frame (same element, same focus), and counts as clearly detected so tracking keeps it.
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
    return atom;
}

void applyAtomEdit(AnalysisResult& r, const Correction& c, std::set<int>& edited)
{
    const int i = requireListIndex(r, c, c.frame);
    std::vector<Atom>& atoms = r.frames[i].atoms;
    switch (c.kind) {
    case Kind::AddAtom:
        atoms.push_back(atomAddedAt(atoms, c.at));
        break;
    case Kind::MoveAtom: {
        Atom& atom = atoms[requireAtom(r, c, i, c.at)];
        atom.x = atom.siteX = c.to.x;
        atom.y = atom.siteY = c.to.y;
        break;
    }
    case Kind::DeleteAtom:
        atoms.erase(atoms.begin() + requireAtom(r, c, i, c.at));
        break;
    default:
        return;
    }
    renumberAtoms(atoms);
    edited.insert(i);
}

void recomputeFrame(AnalysisResult& r, int listIndex)
{
    FrameAnalysis& f = r.frames[listIndex];
    RelationSettings rs;
    rs.bondCut = r.settings.bondCut;
    f.relations = computeRelations(f.atoms, rs);
    f.twinBoundaries = findTwinBoundaries(f.atoms, f.relations);
}

/// Interpolated points (atomIndex -1) at either end carry no detection: drop them.
void trimFilledEnds(Track& track)
{
    while (!track.points.empty() && track.points.back().atomIndex < 0)
        track.points.pop_back();
    while (!track.points.empty() && track.points.front().atomIndex < 0)
        track.points.erase(track.points.begin());
}

/// Track ids are 0..n-1 (the exports and views index by them); atoms point at their track.
void renumberTracks(AnalysisResult& r)
{
    for (FrameAnalysis& f : r.frames)
        for (Atom& a : f.atoms)
            a.trackId = -1;
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t) {
        Track& track = r.tracking.tracks[t];
        track.id = static_cast<int>(t);
        for (const TrackPoint& p : track.points)
            if (p.atomIndex >= 0)
                r.frames[p.frame].atoms[p.atomIndex].trackId = track.id;
    }
}

void mergeTracks(AnalysisResult& r, const Correction& c)
{
    const int i = requireListIndex(r, c, c.frame);
    const int j = requireListIndex(r, c, c.otherFrame);
    int a = requireTrackOf(r, c, i, requireAtom(r, c, i, c.at));
    int b = requireTrackOf(r, c, j, requireAtom(r, c, j, c.otherAt));
    if (a == b)
        throw problem(c, "both atoms are on the same track");
    std::vector<Track>& tracks = r.tracking.tracks;
    if (tracks[b].points.front().frame < tracks[a].points.front().frame)
        std::swap(a, b);
    Track& first = tracks[a];
    const Track& second = tracks[b];
    if (second.points.front().frame <= first.points.back().frame)
        throw problem(c, "the tracks overlap in time (frames " +
                             std::to_string(r.frames[second.points.front().frame].frame) + " to " +
                             std::to_string(r.frames[first.points.back().frame].frame) + ")");
    // Bridge the gap as the tracker does: one interpolated point per missed frame.
    const TrackPoint from = first.points.back();
    const TrackPoint to = second.points.front();
    for (int f = from.frame + 1; f < to.frame; ++f) {
        const double t = double(f - from.frame) / (to.frame - from.frame);
        first.points.push_back({f, -1, from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
    }
    first.points.insert(first.points.end(), second.points.begin(), second.points.end());
    tracks.erase(tracks.begin() + b);
}

void splitTrack(AnalysisResult& r, const Correction& c)
{
    const int i = requireListIndex(r, c, c.frame);
    const int t = requireTrackOf(r, c, i, requireAtom(r, c, i, c.at));
    Track& track = r.tracking.tracks[t];
    if (track.points.front().frame >= i)
        throw problem(c, "the track starts in this frame: there is nothing to split off");
    Track tail;
    tail.significance = track.significance;
    auto at = std::find_if(track.points.begin(), track.points.end(), [&](const TrackPoint& p) { return p.frame >= i; });
    tail.points.assign(at, track.points.end());
    track.points.erase(at, track.points.end());
    trimFilledEnds(track);
    trimFilledEnds(tail);
    r.tracking.tracks.push_back(std::move(tail));
}

/// The event a behaviour label stands for, in the conventions of behaviours.h.
void relabel(AnalysisResult& r, const Correction& c)
{
    const int i = requireListIndex(r, c, c.frame);
    const int t = requireTrackOf(r, c, i, requireAtom(r, c, i, c.at));
    const Track& track = r.tracking.tracks[t];
    std::size_t p = 0;
    while (p < track.points.size() && track.points[p].frame != i)
        ++p;
    std::vector<Behaviour>& labels = r.behaviours.perTrackPoint.at(t);
    labels.at(p) = c.behaviour;
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
}

nlohmann::json pointJson(Point2 p)
{
    return nlohmann::json::array({p.x, p.y});
}

Point2 pointFromJson(const nlohmann::json& j, const char* key)
{
    if (!j.contains(key) || !j[key].is_array() || j[key].size() != 2)
        throw std::invalid_argument(std::string("a correction needs \"") + key + "\" as [x, y]");
    return {j[key][0].get<double>(), j[key][1].get<double>()};
}

} // namespace

std::string describe(const Correction& c)
{
    const std::string f = " in frame " + std::to_string(c.frame);
    switch (c.kind) {
    case Kind::AddAtom: return "add atom at " + point(c.at) + f;
    case Kind::MoveAtom: return "move atom" + f + " from " + point(c.at) + " to " + point(c.to);
    case Kind::DeleteAtom: return "delete atom at " + point(c.at) + f;
    case Kind::MergeTracks:
        return "merge the track through " + point(c.at) + f + " with the track through " + point(c.otherAt) +
               " in frame " + std::to_string(c.otherFrame);
    case Kind::SplitTrack: return "split the track through " + point(c.at) + f;
    case Kind::RelabelBehaviour:
        return std::string("relabel the atom at ") + point(c.at) + f + " as " + behaviourName(c.behaviour);
    }
    return "?";
}

nlohmann::json toJson(const Correction& c)
{
    nlohmann::json j = {{"kind", kindName(c.kind)}, {"frame", c.frame}, {"at", pointJson(c.at)}};
    if (c.kind == Kind::MoveAtom)
        j["to"] = pointJson(c.to);
    if (c.kind == Kind::MergeTracks) {
        j["other_frame"] = c.otherFrame;
        j["other_at"] = pointJson(c.otherAt);
    }
    if (c.kind == Kind::RelabelBehaviour)
        j["behaviour"] = behaviourName(c.behaviour);
    return j;
}

Correction correctionFromJson(const nlohmann::json& j)
{
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string() || !j.contains("frame"))
        throw std::invalid_argument("a correction needs \"kind\" and \"frame\"");
    Correction c;
    c.kind = kindFromName(j["kind"].get<std::string>());
    c.frame = j["frame"].get<int>();
    c.at = pointFromJson(j, "at");
    if (c.kind == Kind::MoveAtom)
        c.to = pointFromJson(j, "to");
    if (c.kind == Kind::MergeTracks) {
        c.otherFrame = j.value("other_frame", c.frame);
        c.otherAt = pointFromJson(j, "other_at");
    }
    if (c.kind == Kind::RelabelBehaviour)
        c.behaviour = behaviourFromName(j.value("behaviour", std::string()));
    return c;
}

nlohmann::json toJson(const std::vector<Correction>& corrections)
{
    nlohmann::json j = nlohmann::json::array();
    for (const Correction& c : corrections)
        j.push_back(toJson(c));
    return j;
}

std::vector<Correction> correctionsFromJson(const nlohmann::json& j)
{
    if (!j.is_array())
        throw std::invalid_argument("corrections must be a list");
    std::vector<Correction> corrections;
    for (const nlohmann::json& item : j)
        corrections.push_back(correctionFromJson(item));
    return corrections;
}

int listIndexOfFrame(const AnalysisResult& r, int frame)
{
    // Frames are in stack order, usually contiguous: try the direct guess first.
    if (!r.frames.empty()) {
        const int guess = frame - r.frames.front().frame;
        if (guess >= 0 && guess < int(r.frames.size()) && r.frames[guess].frame == frame)
            return guess;
    }
    for (std::size_t i = 0; i < r.frames.size(); ++i)
        if (r.frames[i].frame == frame)
            return static_cast<int>(i);
    return -1;
}

int nearestAtomIndex(const AnalysisResult& r, int listIndex, Point2 at, double radius_px)
{
    if (listIndex < 0 || listIndex >= int(r.frames.size()))
        return -1;
    int best = -1;
    double bestDistance = radius_px;
    const std::vector<Atom>& atoms = r.frames[listIndex].atoms;
    for (std::size_t a = 0; a < atoms.size(); ++a) {
        const double d = std::hypot(atoms[a].x - at.x, atoms[a].y - at.y);
        if (d <= bestDistance) {
            bestDistance = d;
            best = static_cast<int>(a);
        }
    }
    return best;
}

AnalysisResult applyCorrections(const AnalysisResult& base, const std::vector<Correction>& corrections)
{
    AnalysisResult r = base;
    std::set<int> edited;
    for (const Correction& c : corrections)
        if (isAtomEdit(c.kind))
            applyAtomEdit(r, c, edited);
    if (!edited.empty()) {
        for (int i : edited)
            recomputeFrame(r, i);
        runMovieStages(r);
    }
    bool tracksEdited = false;
    for (const Correction& c : corrections) {
        if (!isTrackEdit(c.kind))
            continue;
        if (c.kind == Kind::MergeTracks)
            mergeTracks(r, c);
        else
            splitTrack(r, c);
        renumberTracks(r);
        tracksEdited = true;
    }
    if (tracksEdited)
        rerunBehaviours(r);
    for (const Correction& c : corrections)
        if (c.kind == Kind::RelabelBehaviour)
            relabel(r, c);
    if (!corrections.empty())
        r.notes.push_back(std::to_string(corrections.size()) + " correction(s) by hand applied");
    return r;
}

} // namespace hrtem
