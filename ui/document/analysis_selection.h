#pragma once
// The one selection every analysis view shares (frame overlays, tables, later plots and the
// trajectory view): a track, or an untracked column of one frame. Views set it and follow it;
// none keeps a selection of its own, so they can never disagree.
#include <QObject>

namespace hrtem::ui {

class AnalysisSelection : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    int trackId() const { return mTrackId; }          ///< -1: none
    int stackFrame() const { return mStackFrame; }    ///< frame of the selected column, -1: none
    int atomIndex() const { return mAtomIndex; }      ///< index into that frame's atoms, -1: none
    bool isEmpty() const { return mTrackId < 0 && mAtomIndex < 0; }

    /// Selects a column of a frame and its track (trackId -1 for an untracked column).
    void selectAtom(int stackFrame, int atomIndex, int trackId);
    /// Selects a whole track (no particular column).
    void selectTrack(int trackId);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void set(int trackId, int stackFrame, int atomIndex);

    int mTrackId = -1;
    int mStackFrame = -1;
    int mAtomIndex = -1;
};

} // namespace hrtem::ui
