#pragma once
// Reads a result folder written by `hrtem analyze` back into the structures the scores take:
// what `hrtem evaluate` compares with the simulator's truth. Only the columns the scores need
// are read; each missing file or column is an IoError naming it.
#include "core/locate/atom.h"
#include "core/behave/behaviours.h"
#include "core/relate/relations.h"
#include "core/evaluate/track_evaluation.h"
#include "core/relate/twin_boundaries.h"

#include <string>
#include <vector>

namespace hrtem {

struct ResultTables {
    int firstFrame = 0;                               ///< stack index of frames[0]
    std::vector<std::vector<Atom>> atoms;             ///< per analysed frame (positions, errors, CRB)
    /// The same atoms placed at their time-averaged sites (x/y = x_site_px/y_site_px, errX/errY =
    /// site_err_px); empty when atoms.csv has no site columns.
    std::vector<std::vector<Atom>> siteAtoms;
    std::vector<std::vector<TrackedPoint>> tracked;   ///< per analysed frame, from trajectories.csv
    std::vector<BehaviourEvent> events;               ///< frames relative to firstFrame
    std::vector<FrameRelations> relations;            ///< only lattice.valid and spacings (frames.csv)
    std::vector<std::vector<TwinBoundary>> twins;     ///< per analysed frame
};

ResultTables readResultTables(const std::string& folder);

} // namespace hrtem
