#pragma once
// What one edit changed in a result, kept so that undo and redo swap it back and forth instead
// of replaying every edit from the uncorrected result (one undo command per edit that swaps
// values back, as Tiled's editors and TrackMate's model edits do). The edit records as it goes
// (correction_steps.cpp): whole frames before it changes them, single atoms of other frames
// (their sites, their track ids), the tracks and behaviours before it starts; finish() then
// keeps of the tracks and behaviours only the entries that changed.
#include "core/result/analysis_result.h"

#include <cstddef>
#include <set>
#include <utility>
#include <vector>

namespace hrtem {

class ResultChange {
public:
    /// Before the edit: the tracks, labels, features and events as they are.
    void begin(const AnalysisResult& result);
    /// List frame `listIndex` as it is, before the edit changes anything in it.
    void keepFrame(const AnalysisResult& result, int listIndex);
    /// The track id of atom `atom` of list frame `listIndex`, before the edit sets it.
    void keepTrackId(const AnalysisResult& result, int listIndex, int atom);
    /// Atom `atom` of list frame `listIndex`, kept as it is; returned for the edit to change.
    /// Every atom kept this way is changed after every track id kept by keepTrackId.
    Atom& atomToChange(AnalysisResult& result, int listIndex, int atom);
    /// After the edit: of the tracks, labels and features only those in `affected` or that
    /// differ are kept, unless the edit changed how many tracks there are.
    void finish(const AnalysisResult& result, const std::set<int>& affected);

    /// The result as before the edit; then redo() makes it as after. Each only right after the other.
    void undo(AnalysisResult& result);
    void redo(AnalysisResult& result);

    /// Roughly what the record holds, in bytes (for the undo benchmark).
    std::size_t bytes() const;

private:
    /// A vector as it was on the other side of the edit: whole, or the entries that differ.
    template <class T>
    struct VectorChange {
        bool whole = true;
        std::vector<T> all;
        std::vector<std::pair<std::size_t, T>> some;
        template <class Differs>
        void thin(const std::vector<T>& now, Differs differs);
        void swapWith(std::vector<T>& v);
    };
    struct KeptAtom {
        int listIndex, atom;
        Atom value;
    };
    struct KeptTrackId {
        int listIndex, atom, trackId;
    };

    std::vector<std::pair<int, FrameAnalysis>> mFrames;
    std::vector<KeptTrackId> mTrackIds;
    std::vector<KeptAtom> mAtoms;
    VectorChange<Track> mTracks;
    VectorChange<std::vector<Behaviour>> mLabels;
    VectorChange<TrackFeatures> mFeatures;
    std::vector<BehaviourEvent> mEvents;
    int mCorrections = 0;
};

} // namespace hrtem
