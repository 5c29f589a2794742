#include "ui/document/analysis_selection.h"

namespace hrtem::ui {

void AnalysisSelection::selectAtom(int stackFrame, int atomIndex, int trackId) { set(trackId, stackFrame, atomIndex); }

void AnalysisSelection::selectTrack(int trackId) { set(trackId, -1, -1); }

void AnalysisSelection::clear() { set(-1, -1, -1); }

void AnalysisSelection::set(int trackId, int stackFrame, int atomIndex)
{
    if (trackId == mTrackId && stackFrame == mStackFrame && atomIndex == mAtomIndex)
        return;
    mTrackId = trackId;
    mStackFrame = stackFrame;
    mAtomIndex = atomIndex;
    Q_EMIT changed();
}

} // namespace hrtem::ui
