#pragma once
// Linking atom columns through a movie into tracks with stable ids (offline: the whole movie
// is known). Global drift is removed; lattice columns are linked frame to frame with a tight
// gate; a rigidly gliding block (twin migration) is followed; then one assignment over the
// remaining track ends and starts bridges blinks (up to maxGap frames) and links hops of
// about one site, hops only for surface columns and only between alike detections, so
// interior columns never swap identities. Tracks judged spurious (noise recurring in the
// support) are dropped and the linking is redone without them.
#include "core/util/assignment.h"
#include "core/locate/atom.h"

#include <vector>

namespace hrtem {

/// Gates are in units of the nearest-neighbour column spacing, so one setting serves any
/// magnification.
struct TrackingSettings {
    double nearestNeighbour_px = 0.0; ///< column spacing; 0: the median nearest-neighbour distance of the atoms
    double linkGate = 0.35;    ///< lattice columns: most a column moves between frames after drift removal (nn)
    double hopGate = 1.7;      ///< adatom hops: widest jump linked (nn); the simulator's hops are 1.0-1.16 nn
    double driftGate = 0.35;   ///< pairs used for drift estimation (nn)
    int maxGap = 3;            ///< frames an atom may go undetected and keep its id
    int minTrackLength = 2;    ///< tracks with fewer detections are dropped as spurious (1 keeps all)
    /// Weak tracks (median Atom::significance below strongSignificance) are kept only with at
    /// least weakMinDetections detections covering weakMinFraction of their span: noise in
    /// the support recurs at the same spot now and then, a real column is seen nearly always.
    double strongSignificance = 5.0;
    int weakMinDetections = 10;
    double weakMinFraction = 0.6;
    /// Columns surrounded by others (surroundedByColumns within surroundRadius nn, in the
    /// frames within surroundWindow taken together) are inside the lattice and are never
    /// linked by a hop. One frame either side covers a neighbour's blink; a wider window
    /// would let an adatom's own positions before and after a hop fill its vacuum side.
    double surroundRadius = 2.5;
    int surroundWindow = 1;
    /// Cost of a missed frame when bridging a gap of a surface column (nn, compared with hop
    /// lengths): surface columns are rarely missed, so a gap there is more often a hop.
    double surfaceBlinkCost = 0.6;
    int minGroup = 6;          ///< columns that must share one displacement to be followed as a gliding block
    bool fillGaps = true;      ///< add interpolated points (atomIndex -1) for the frames a track was missed
};

struct TrackPoint {
    int frame = 0;
    int atomIndex = -1; ///< index into that frame's atoms; -1: gap filled by interpolation
    double x = 0.0, y = 0.0; ///< px, raw image coordinates (drift not removed)
};

struct Track {
    int id = 0;
    std::vector<TrackPoint> points; ///< ascending frames; one per frame from first to last when gaps are filled
    double significance = 0.0;      ///< median Atom::significance of its detections (0: not recorded)
    bool edited = false;            ///< changed by hand: an atom of it edited, merged, split or relabelled
};

struct TrackingResult {
    std::vector<Point2> drift_px;      ///< per frame, cumulative; frame 0 is (0,0)
    std::vector<Track> tracks;         ///< ids are 0..n-1, ordered by first frame then position
    double nearestNeighbour_px = 0.0;  ///< the spacing the gates were scaled by
};

/// Links `atomsPerFrame` into tracks and writes each atom's `trackId` (-1 for atoms dropped
/// as spurious). Scales linearly with the number of atoms: every assignment is solved per
/// small group of gate-connected candidates, never as one dense problem.
TrackingResult trackAtoms(std::vector<std::vector<Atom>>& atomsPerFrame, const TrackingSettings& settings = {});

/// Whether `site` lies inside a lattice: each of the six 60-degree sectors around it holds at
/// least one of `points` between `inner` and `radius`. With radius ~2 spacings a column with a
/// missing neighbour still counts as inside (the next shell fills the sector), while a
/// surface site, however many neighbours it has, has an empty sector towards the vacuum.
bool surroundedByColumns(const std::vector<Point2>& points, Point2 site, double inner, double radius);

/// Median nearest-neighbour distance of a point set (0 for fewer than two points).
double medianNearestNeighbour(const std::vector<Point2>& points);

} // namespace hrtem
