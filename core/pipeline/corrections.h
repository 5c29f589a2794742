#pragma once
// Hand corrections of an analysis: add, move and delete an atom; merge and split tracks;
// relabel a behaviour. A correction names what it changes by stack frame and position, never
// by atom or track id, because ids are renumbered whenever the tracks are recomputed: so a list
// of corrections replays on a fresh analysis of the same input (sessions, undo/redo).
//
// applyCorrections works from the uncorrected result each time:
//   1. atom edits, in list order; each edited frame's relations and twin boundaries are
//      recomputed, then the tracks, behaviours and site positions of the whole movie, exactly
//      as the pipeline computes them (movie_stages.h);
//   2. track edits (merge, split), in list order, then behaviours and site positions again;
//   3. relabels, which override the recognised behaviour of one track point and its event.
// So a track edit made before an atom edit still holds after it, as long as its atoms exist.
#include "core/util/assignment.h"
#include "core/behave/behaviours.h"
#include "core/pipeline/analysis_result.h"

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

/// `base` with `corrections` applied (see the order above). Throws std::invalid_argument
/// naming the correction when its atom or track is not there (a frame not analysed, no atom
/// within kCorrectionPickRadius, merging a track with itself or tracks that overlap in time).
AnalysisResult applyCorrections(const AnalysisResult& base, const std::vector<Correction>& corrections);

/// Index into result.frames of stack frame `frame`, -1 if it was not analysed.
int listIndexOfFrame(const AnalysisResult& result, int frame);
/// Index of the atom of list frame `listIndex` nearest `at` within `radius_px`, -1 if none.
int nearestAtomIndex(const AnalysisResult& result, int listIndex, Point2 at, double radius_px);

} // namespace hrtem
