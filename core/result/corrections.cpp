#include "core/result/corrections.h"

#include "core/io/json_file.h"

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

std::string formatPoint(Point2 p)
{
    char text[64];
    std::snprintf(text, sizeof text, "(%.1f, %.1f)", p.x, p.y);
    return text;
}

double correctionPickRadius(const AnalysisResult& r)
{
    // Before any spacing is known (no neighbours), a few pixels still pick the column clicked.
    return r.nearestNeighbour_px > 0 ? kCorrectionPickRadius * r.nearestNeighbour_px : 3.0;
}

Atom atomAddedByHand(const std::vector<Atom>& atoms, Point2 at)
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

std::string describe(const Correction& c)
{
    const std::string f = " in frame " + std::to_string(c.frame);
    switch (c.kind) {
    case Kind::AddAtom: return "add atom at " + formatPoint(c.at) + f;
    case Kind::MoveAtom: return "move atom" + f + " from " + formatPoint(c.at) + " to " + formatPoint(c.to);
    case Kind::DeleteAtom: return "delete atom at " + formatPoint(c.at) + f;
    case Kind::MergeTracks:
        return "merge the track through " + formatPoint(c.at) + f + " with the track through " + formatPoint(c.otherAt) +
               " in frame " + std::to_string(c.otherFrame);
    case Kind::SplitTrack: return "split the track through " + formatPoint(c.at) + f;
    case Kind::RelabelBehaviour:
        return std::string("relabel the atom at ") + formatPoint(c.at) + f + " as " + behaviourName(c.behaviour);
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
    c.frame = checkedInt(j["frame"], "frame");
    c.at = pointFromJson(j, "at");
    if (c.kind == Kind::MoveAtom)
        c.to = pointFromJson(j, "to");
    if (c.kind == Kind::MergeTracks) {
        c.otherFrame = j.contains("other_frame") ? checkedInt(j["other_frame"], "other_frame") : c.frame;
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

} // namespace hrtem
