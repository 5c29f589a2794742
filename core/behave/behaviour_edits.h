#pragma once
// The behaviour rules for an edit by hand (core/result's edits use them): which tracks' labels
// an edited column can change, and how a label set by hand becomes its event, in the
// conventions of behaviours.h and with the run's BehaviourSettings.
#include "core/behave/behaviours.h"
#include "core/locate/atom.h"

#include <functional>
#include <set>

namespace hrtem {

/// Tracks whose behaviour looks at the columns around `at` in (list) frame `frame`: those with a
/// column there within the surround radius (settings.surroundRadius + 0.5 spacings) in the
/// frames searched (settings.neighbourWindow + 1 either side) that start, end or change site
/// within those frames. `atomsOf(f)` gives frame f's atoms (their trackId); `frameCount` frames.
/// Tracks already in `affected` are not looked at again; the ones found are added to it.
void addTracksWatching(const std::function<const std::vector<Atom>&(int frame)>& atomsOf, int frameCount,
                       const TrackingResult& tracking, const BehaviourResult& behaviours, int frame, Point2 at,
                       double nearestNeighbour_px, const BehaviourSettings& settings, std::set<int>& affected);

/// Sets the label of point `p` of `track` to `behaviour` and its event as behaviours.h lists
/// them: a hop in that frame (from the point before), an adsorption in that frame, a desorption
/// in the next (the first frame the column is gone); any event the point had goes.
void setBehaviourByHand(BehaviourResult& behaviours, const Track& track, std::size_t p, Behaviour behaviour);

/// Removes the behaviours of track `t` (its labels, features and events); the events of the
/// later tracks move down by one with their tracks.
void removeTrackBehaviours(BehaviourResult& behaviours, std::size_t t);

} // namespace hrtem
