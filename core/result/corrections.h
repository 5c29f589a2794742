#pragma once
// Hand corrections of an analysis: add, move and delete an atom; merge and split tracks;
// relabel a behaviour. A correction names what it changes by stack frame and position, never
// by atom or track id, because ids are renumbered whenever the tracks are recomputed: so a list
// of corrections replays on a fresh analysis of the same input (sessions).
//
// This is the result's edit API: the window's edits, undo/redo, sessions and `hrtem analyze
// --session` all go through it. Each correction is applied in place by applyCorrection, which
// updates only what depends on it (correction_steps.cpp, by the tracker's and behaviours' own
// rules and the run's settings):
//   - atom edits: that frame's relations and twin boundaries; the track through the atom (a
//     deleted atom leaves a gap, bridged like a missed detection; an added one joins the track
//     passing there, or the one ending just before or starting just after, or starts its own);
//   - track edits (merge, split): those tracks;
//   - then the motion features, behaviours, events and time-averaged sites of the changed
//     tracks and of the tracks whose neighbourhood (behaviours.h) the edit changed;
//   - relabels override the recognised behaviour of one track point and its event, and hold
//     when a later edit recomputes that track.
// The tracks are not relinked as a whole, so an earlier merge or split holds after a later
// atom edit. A list replays by applying each in turn to the uncorrected result (sessions,
// `hrtem analyze --session`); undo and redo swap back what one edit changed (result_change.h).
#include "core/util/assignment.h"
#include "core/behave/behaviours.h"
#include "core/result/analysis_result.h"
#include "core/result/result_change.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace hrtem {

struct Correction {
    enum class Kind { AddAtom, MoveAtom, DeleteAtom, MergeTracks, SplitTrack, RelabelBehaviour };
    Kind kind = Kind::AddAtom;
    int frame = 0;     ///< stack frame of the atom concerned
    Point2 at;         ///< px (atoms.csv coordinates): AddAtom: where; others: the atom nearest here
    Point2 to;         ///< MoveAtom: the new position
    int otherFrame = 0; ///< MergeTracks: stack frame of an atom of the second track
    Point2 otherAt;    ///< MergeTracks: that atom
    Behaviour behaviour = Behaviour::Stable; ///< RelabelBehaviour: the new label of the track point
};

/// Plain words for a log or an undo menu ("Move atom in frame 12 from (101.2, 55.0) ...").
std::string describe(const Correction& correction);

nlohmann::json toJson(const Correction& correction);
/// Throws std::invalid_argument naming what is missing or unknown.
Correction correctionFromJson(const nlohmann::json& json);
nlohmann::json toJson(const std::vector<Correction>& corrections);
std::vector<Correction> correctionsFromJson(const nlohmann::json& json);

/// How far (in nearest-neighbour spacings) the atom a correction points at may lie from `at`.
constexpr double kCorrectionPickRadius = 0.5;
/// That radius in px for `result` (a few px before any spacing is known).
double correctionPickRadius(const AnalysisResult& result);
/// "(101.2, 55.0)": a position as corrections name it.
std::string formatPoint(Point2 p);
/// The column an atom added by hand at `at` becomes: the fit parameters of the nearest
/// detected column of the frame (same element, same focus), clearly detected, on no track yet.
Atom atomAddedByHand(const std::vector<Atom>& frameAtoms, Point2 at);

/// What one correction changed, so that views redraw only that.
struct CorrectionEffect {
    std::vector<int> frames;        ///< indices into result.frames whose atoms changed
    std::vector<int> tracks;        ///< indices into result.tracking.tracks (after the edit) recomputed
    bool tracksRenumbered = false;  ///< a track was removed: the later ones moved down by one
};

/// Applies `correction` to `result` in place (see above); `earlier` are the corrections applied
/// to it before, whose relabels are kept. Throws std::invalid_argument naming the correction
/// when its atom or track is not there (a frame not analysed, no atom within
/// kCorrectionPickRadius, merging a track with itself or tracks that overlap in time); the
/// result is then unchanged. With `change`, what it changed is recorded there for undo and redo.
CorrectionEffect applyCorrection(AnalysisResult& result, const Correction& correction,
                                 const std::vector<Correction>& earlier, ResultChange* change = nullptr);

/// `base` with `corrections` applied one after the other by applyCorrection. Throws as it does.
AnalysisResult applyCorrections(const AnalysisResult& base, const std::vector<Correction>& corrections);

/// Index of the atom of list frame `listIndex` nearest `at` within `radius_px`, -1 if none.
int nearestAtomIndex(const AnalysisResult& result, int listIndex, Point2 at, double radius_px);

} // namespace hrtem
