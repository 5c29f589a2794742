#pragma once
// Motion of one track, after global drift removal: displacement, speed, mean squared
// displacement and diffusion coefficient, the sites it occupied and how long it stayed.
#include "core/track/tracking.h"

#include <vector>

namespace hrtem {

/// One stay of a track at one lattice site.
struct SiteVisit {
    int firstFrame = 0, lastFrame = 0; ///< inclusive
    Point2 site;                        ///< mean drift-corrected position of the stay (px)
};

struct TrackFeatures {
    int trackId = 0;
    int firstFrame = 0, lastFrame = 0;
    int detections = 0;                 ///< points actually detected (gap fills excluded)
    double netDisplacement_px = 0.0;    ///< first to last position, drift removed
    double pathLength_px = 0.0;         ///< sum of frame-to-frame steps (includes localization noise)
    double meanSpeed_px_per_s = 0.0;    ///< path length over the track's duration
    std::vector<double> msd_px2;        ///< mean squared displacement at lags 1, 2, ... frames
    double diffusion_px2_per_s = 0.0;   ///< 2-D: MSD(τ) = 4Dτ + offset, fitted on the first lags
    int jumps = 0;                      ///< site changes (hops)
    std::vector<SiteVisit> visits;      ///< stays, in order; jumps = visits - 1 minus block glides
    std::vector<int> dwellFrames;       ///< length of each stay in frames (first and last are cut by the track's ends)
    double meanDwell_s = 0.0;
};

/// Features of `track`. A site change is a move of more than `siteChange_px` away from the
/// mean position of the current stay. `maxLag` bounds the MSD lags computed; the diffusion
/// coefficient is the least-squares slope / 4 over the first (up to) four lags, the offset
/// absorbing localization noise (Michalet, Phys. Rev. E 82, 041914, 2010).
TrackFeatures motionFeatures(const Track& track, const std::vector<Point2>& drift_px, double frameInterval_s,
                             double siteChange_px, int maxLag = 10);

} // namespace hrtem
