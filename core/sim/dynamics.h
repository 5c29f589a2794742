#pragma once
// What happens over the movie: every column vibrates about its site; adatoms hop between
// surface sites (preferring steps and kinks), adsorb and desorb; the twin boundary can move
// by one {111} plane; the specimen drifts and rotates slowly. Computed once, frame by frame,
// from one random stream, so a seed reproduces the movie exactly.
#include "core/behave/behaviour_kind.h"
#include "core/sim/specimen.h"

#include <random>
#include <string>
#include <vector>

namespace hrtem::sim {

using hrtem::Behaviour; // the truth speaks the analysis's vocabulary (core/behave/behaviour_kind.h)
using hrtem::behaviourName;

struct ColumnState {
    int id = 0;
    Vec2 crystal;        ///< ideal site, crystal frame (nm)
    Vec2 vibration;      ///< thermal displacement this frame, specimen frame (nm)
    int occupancy = 0;
    double depthFirst = 0.0;
    bool adatom = false;
    bool surface = false;
    int variant = 0;
    Behaviour behaviour = Behaviour::Stable;
};

struct SimEvent {
    int frame = 0;
    int columnId = -1;   ///< -1 for the twin boundary
    std::string kind;    ///< "hop", "adsorption", "desorption", "twin_migration"
    Vec2 from;           ///< crystal frame, nm
    Vec2 to;
};

struct FrameState {
    int frame = 0;
    std::vector<ColumnState> columns;
    int twinPlane = 0;
    Vec2 drift_px;        ///< image translation of the specimen
    double rotation = 0.0; ///< specimen rotation (radians) on top of the crystal orientation
};

class Dynamics {
public:
    Dynamics(const SimulationSettings& settings, Specimen& specimen);

    const std::vector<FrameState>& frames() const { return mFrames; }
    const std::vector<SimEvent>& events() const { return mEvents; }

private:
    void step(int frame);
    void migrateTwin(int frame, int direction);
    std::vector<int> adatomCandidates(const std::vector<int>& neighbourCounts) const;
    int pickWeighted(const std::vector<int>& candidates, const std::vector<int>& neighbourCounts);
    /// A new adatom column at a free surface site (steps and kinks preferred); false if none.
    bool addAdatom();
    void record(int frame);

    const SimulationSettings& mSettings;
    Specimen& mSpecimen;
    std::mt19937_64 mRng;
    std::vector<Column> mColumns;
    int mNextId = 0;
    std::vector<int> mHoppedThisFrame;
    std::vector<int> mAdsorbedThisFrame;
    std::vector<int> mDesorbingNextFrame;
    Vec2 mDrift;
    std::vector<FrameState> mFrames;
    std::vector<SimEvent> mEvents;
};

} // namespace hrtem::sim
