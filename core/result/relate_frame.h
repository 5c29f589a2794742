#pragma once
// The relation stage of one frame: bonds, coordination, surface, lattice and twin boundaries
// from its atoms. The pipeline's "relations" stage runs it on each frame, and a correction by
// hand reruns it on the frame it edited, so both give the same relations for the same atoms.
#include "core/result/analysis_result.h"

namespace hrtem {

inline void relateFrame(FrameAnalysis& frame, const RelationSettings& settings)
{
    frame.relations = computeRelations(frame.atoms, settings);
    frame.twinBoundaries = findTwinBoundaries(frame.atoms, frame.relations);
}

} // namespace hrtem
