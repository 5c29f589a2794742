#pragma once
// The tracker's own rules, for a track edited by hand (core/result's edits use them): where a
// column added by hand joins, how a missed frame is bridged, what is left of a track when a
// detection goes or the track is cut. They follow what trackAtoms does on whole movies, with
// the run's TrackingSettings, so an edit never links by other rules than the analysis.
#include "core/track/tracking.h"

#include <cstddef>

namespace hrtem {

/// Index of the point of `track` in (list) frame `frame`, -1 if it has none.
int trackPointAt(const Track& track, int frame);

/// Points without detection (gaps filled by interpolation) at either end carry nothing: drops them.
void trimUndetectedEnds(Track& track);

/// Point `p` of `track`, a gap, placed on the line between the detections around it, as the
/// tracker bridges a missed frame. Left as it is when there is no detection on both sides.
void interpolateGapPoint(Track& track, std::size_t p);

/// `second` (starting after `first` ends) appended to `first`, the frames between bridged by
/// one interpolated point each, as the tracker closes a gap.
void appendBridged(Track& first, const Track& second);

/// Cuts `track` before (list) frame `frame`: returns the part from that frame on, leaving the
/// part before; both trimmed of undetected ends.
Track splitTrackAt(Track& track, int frame);

/// Where a column added by hand at `position` in (list) frame `frame` joins the tracks: into a
/// gap of a track passing there, onto the end of one that stops the frame before, or the start
/// of one that begins the frame after, the nearest within the link gate (settings.linkGate
/// spacings, drift removed). `point` is the index the added point takes in that track
/// (trackPointAt of a gap; points.size() to append; -1 to prepend). track -1: none, it starts
/// a track of its own.
struct TrackJoin {
    int track = -1;
    int point = -1;
};
TrackJoin joinForAddedColumn(const TrackingResult& tracking, int frame, Point2 position, const TrackingSettings& settings);

/// Puts `point` (frame, atom, position) into `tracking` where `join` says, or as a new track at
/// the end. Returns the track's index.
int insertTrackPoint(TrackingResult& tracking, const TrackJoin& join, const TrackPoint& point, double significance);

} // namespace hrtem
