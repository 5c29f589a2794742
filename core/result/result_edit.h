#pragma once
// The primitives an edit of a result is made of (correction_steps.cpp composes them into the
// corrections of corrections.h): picking the atom and track a correction points at, setting
// track ids, removing a track, finding the tracks whose behaviour an edit can change,
// recomputing a frame's relations and the affected tracks' behaviours and sites, by the run's
// own settings; and recording in a ResultChange (when one is given) what each changes.
#include "core/result/corrections.h"
#include "core/result/result_change.h"

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace hrtem {

struct ResultEdit {
    AnalysisResult& r;
    ResultChange* change;      ///< null: nothing recorded (a replay)
    const Correction& c;       ///< the correction being applied (named in errors)
    std::set<int> affected{};  ///< tracks whose behaviours and sites are to be recomputed

    /// std::invalid_argument naming the correction and `what` is wrong with it.
    std::invalid_argument problem(const std::string& what) const;
    /// List index of stack frame `frame`; throws problem() when it was not analysed.
    int listIndex(int frame) const;
    /// The atom of list frame `i` nearest `at` within the pick radius; throws problem() if none.
    int atom(int i, Point2 at) const;
    /// The track through that atom (track ids are their indices); throws problem() if none.
    int trackOf(int i, Point2 at) const;

    /// Records list frame `i` before it changes.
    void keepFrame(int i);
    /// Points track `t`'s atoms (and its features) at id `t`.
    void setTrackId(std::size_t t);
    /// Removes track `t` with its behaviours; the later ones move down by one.
    void removeTrack(std::size_t t);
    /// Adds to `affected` the tracks whose behaviour watches the columns around `at` in list frame `i`.
    void addWatching(int i, Point2 at);
    /// The stages after "localize" rerun on list frame `i`: the relation stage (relate_frame.h;
    /// the trust check needs the raw frame and keeps its verdict), then the untracked sites and
    /// distance errors as the refine stage leaves them; the frame marked edited.
    void recomputeFrame(int i);
    /// Sets the behaviour of the track point `relabel` points at, and its event; returns the
    /// track. With `strict` false, -1 when nothing is there rather than an error.
    int relabel(const Correction& relabel, bool strict);
    /// Behaviours and sites of the affected tracks as the movie stages set them, then the
    /// relabels among `earlier` that fall on them (a label set by hand outlives a recomputation).
    void updateTracks(const std::vector<Correction>& earlier);
};

} // namespace hrtem
