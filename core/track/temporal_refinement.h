#pragma once
// Using time to place a column better than one frame can: a column that stays on its site is
// seen again in the neighbouring frames, so averaging its positions over a short window
// (drift removed) divides the shot-noise error by about the square root of the frames used.
// The window is centred on the frame where the track allows, so that slow linear motion
// (drift, specimen rotation) cancels; it never reaches across a hop, so an adatom's old and
// new sites are never mixed. What it estimates is the site the column vibrates about.
#include "core/locate/atom.h"
#include "core/behave/behaviours.h"
#include "core/track/tracking.h"

#include <functional>
#include <vector>

namespace hrtem {

struct TemporalSettings {
    int halfWindow = 3; ///< frames on each side of the frame being refined
    /// A frame-to-frame step (drift removed) larger than this many nearest-neighbour spacings
    /// starts a new stay: localization noise stays far below it, block glides of a twin
    /// boundary (1/3 of a spacing) and hops above it.
    double maxStep = 0.2;
};

/// Half-width of the widest window centred on `index` whose members all share its stay
/// (`stay[i]` numbers the stays of one column), at most `halfWindow`.
int centredHalfWindow(const std::vector<int>& stay, std::size_t index, int halfWindow);

/// Sets Atom::siteX/siteY/siteErr/siteFrames of every tracked atom in `atomsPerFrame` (indexed
/// like the frames given to trackAtoms). Atoms outside tracks keep their single-frame position
/// there (siteFrames 1).
void refineWithTime(std::vector<std::vector<Atom>>& atomsPerFrame, const TrackingResult& tracking,
                    const BehaviourResult& behaviours, const TemporalSettings& settings = {});

/// The site of every detected point of one track (index `t` into tracking.tracks), as
/// refineWithTime sets it. `atomAt(frame, atomIndex)` gives the atom of a track point.
void refineTrackWithTime(const std::function<Atom&(int frame, int atomIndex)>& atomAt, const TrackingResult& tracking,
                         std::size_t t, const BehaviourResult& behaviours, const TemporalSettings& settings = {});

/// An atom's site before any time averaging: its own position and fit error.
void resetSite(Atom& atom);

/// refineTrackWithTime and resetSite for atoms whose errX already holds their frame's
/// systematic term (systematic_error.h: errX = hypot(fitErrX, s)), as the movie stages leave
/// them: the site error keeps that term, which averaging over frames does not reduce.
void refineTrackKeepingSystematic(const std::function<Atom&(int frame, int atomIndex)>& atomAt, const TrackingResult& tracking,
                                  std::size_t t, const BehaviourResult& behaviours, const TemporalSettings& settings = {});
void resetSiteKeepingSystematic(Atom& atom);

} // namespace hrtem
