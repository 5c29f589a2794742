#pragma once
// Behaviour of every tracked column in every frame, and the events between them, with the
// meanings the simulator's ground truth uses (core/sim/dynamics.cpp):
//   adsorbed  - the first frame of a column that appears after the movie's first frame at a
//               surface site (touching the particle, not surrounded by columns);
//   desorbed  - the last frame of a column that vanishes before the movie's last frame from
//               a surface site;
//   hopping   - the frame in which a column is first seen on a new site;
//   stable    - otherwise (vibrating about its site).
// Adsorbed takes precedence over desorbed, and both over hopping, as in the simulator.
// Events: "adsorption" in the first frame of a column, "hop" in the frame of arrival on the
// new site, "desorption" in the first frame the column is gone (as the simulator's
// events.csv). All thresholds are in units of the nearest-neighbour column spacing.
#include "core/behave/motion_features.h"
#include "core/behave/behaviour_kind.h"
#include "core/track/tracking.h"

#include <string>
#include <vector>

namespace hrtem {

struct BehaviourSettings {
    /// A column has left its site when it is this far from the site's mean position (nn).
    /// Thermal vibration and localization noise stay far below it (< 0.1 nn at medium dose);
    /// the simulator's hops are 1.0-1.16 nn.
    double siteChange = 0.5;
    /// Site changes shared by at least this many columns in one frame, all with the same
    /// displacement (within blockTolerance nn), are a gliding block (twin migration), not hops.
    int blockMinColumns = 6;
    double blockTolerance = 0.2;
    /// A track that starts or ends inside the lattice (surroundedByColumns within
    /// surroundRadius nn) was missed by the detector, not adsorbed or desorbed.
    double surroundRadius = 2.5;
    /// Hops, adsorption and desorption happen on the particle: the site must touch at least
    /// minTouching columns within touchRadius (nn) in that frame. The simulator's adatom sites
    /// touch two or more; 0 accepts isolated atoms on the support too.
    double touchRadius = 1.3;
    int minTouching = 2;
    /// Appearing and vanishing count only for tracks whose median detection significance
    /// (Track::significance) reaches this: a weakly detected column that starts late was
    /// more likely missed before than adsorbed.
    double eventSignificance = 5.0;
    int neighbourWindow = 3; ///< frames either side searched for the surrounding columns (they can blink)
    int maxLag = 10; ///< MSD lags computed per track
};

struct BehaviourEvent {
    int frame = 0;
    int trackId = -1;
    std::string kind; ///< "hop", "adsorption", "desorption"
    Point2 from, to;  ///< px, raw image coordinates
};

struct BehaviourResult {
    std::vector<std::vector<Behaviour>> perTrackPoint; ///< [track][point], parallel to TrackingResult::tracks
    std::vector<TrackFeatures> features;               ///< one per track
    std::vector<BehaviourEvent> events;                ///< sorted by frame, then track
};

/// Behaviours of the tracks in `tracking` (whose drift is removed first). The movie's frame
/// count is taken from `tracking.drift_px`.
BehaviourResult recogniseBehaviours(const TrackingResult& tracking, double nearestNeighbour_px, double frameInterval_s,
                                    const BehaviourSettings& settings = {});

/// After an edit by hand: recomputes the features, labels and events of the tracks listed in
/// `tracks` (indices into tracking.tracks) only; `result` holds the other tracks' behaviours
/// and is resized to the tracks (new ones are listed). Each listed track is labelled exactly
/// as recogniseBehaviours labels it, looking at the columns of the frames it needs only.
void updateBehaviours(BehaviourResult& result, const TrackingResult& tracking, const std::vector<int>& tracks,
                      double nearestNeighbour_px, double frameInterval_s, const BehaviourSettings& settings = {});

} // namespace hrtem
