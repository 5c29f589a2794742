#pragma once
// Scores of tracks, behaviours and events against the simulator's ground truth, as
// `hrtem evaluate` prints them: CLEAR MOT accuracy (Bernardin & Stiefelhagen, EURASIP J. Image
// Video Process. 2008:246309), IDF1 (Ristani et al., ECCV 2016 workshops), behaviour macro-F1
// over matched column-frames, and the fraction of true hops found within ±1 frame.
#include "core/behave/behaviours.h"
#include "core/evaluate/truth.h"

#include <array>
#include <string>
#include <vector>

namespace hrtem {

/// One row of the simulator's truth/events.csv.
struct TruthEvent {
    int frame = 0;
    std::string kind; ///< "hop", "adsorption", "desorption", "twin_migration"
    int columnId = -1;
    Point2 from, to;  ///< px, in the image of `frame`
};

/// Reads `folder`/truth/events.csv. Throws IoError naming the file when it is missing or bad.
std::vector<TruthEvent> readTruthEvents(const std::string& folder);

/// One tracked column in one frame: the hypothesis side of the scores.
struct TrackedPoint {
    int trackId = -1;
    double x = 0.0, y = 0.0; ///< px
    Behaviour behaviour = Behaviour::Stable;
};

/// Tracked points per frame (frame count from `tracking.drift_px`), with the behaviours.
std::vector<std::vector<TrackedPoint>> trackedPointsPerFrame(const TrackingResult& tracking, const BehaviourResult& behaviours);

/// Behaviour from its name; unknown names read as stable.
Behaviour behaviourFromName(const std::string& name);

struct TrackingScore {
    long truthPoints = 0, hypothesisPoints = 0;
    long matches = 0, misses = 0, falsePositives = 0, idSwitches = 0;
    double mota = 0.0;        ///< 1 - (misses + false positives + id switches) / truth points
    double motp_px = 0.0;     ///< mean distance of matched pairs
    long idTruePositives = 0;
    double idPrecision = 0.0, idRecall = 0.0, idf1 = 0.0;
    std::array<std::array<long, 4>, 4> confusion{}; ///< [truth][found], Behaviour order
    std::array<double, 4> behaviourF1{};            ///< per class; -1 where the class never occurs
    double behaviourMacroF1 = 0.0;                  ///< mean over classes that occur in truth or result
    long trueHops = 0, hopsFound = 0;               ///< true hops, and those found within ±1 frame
    double hopRecall = 0.0;
    long foundHops = 0, foundHopsTrue = 0;          ///< reported hops, and those matching a true one
    double hopPrecision = 0.0;
};

/// Scores `found` (per frame) and `events` against the truth. Points are matched per frame
/// by linear assignment within `gate_px` (0.3 x the nearest-neighbour spacing for
/// `hrtem evaluate`), keeping last frame's correspondences while they stay within the gate,
/// as CLEAR MOT prescribes. IDF1 uses one global truth-id/track-id assignment maximising
/// the frames in which the pair lies within `gate_px`. A true hop is found when a reported
/// hop lies within ±1 frame with both ends within `eventGate_px` (one-to-one).
TrackingScore scoreTracking(const TruthMovie& truth, const std::vector<TruthEvent>& truthEvents,
                            const std::vector<std::vector<TrackedPoint>>& found, const std::vector<BehaviourEvent>& events,
                            double gate_px, double eventGate_px);

} // namespace hrtem
