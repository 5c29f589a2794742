#include "core/track/track_edits.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {

Point2 driftAt(const TrackingResult& tracking, int frame)
{
    return frame >= 0 && frame < int(tracking.drift_px.size()) ? tracking.drift_px[std::size_t(frame)] : Point2{};
}

} // namespace

int trackPointAt(const Track& track, int frame)
{
    auto it = std::lower_bound(track.points.begin(), track.points.end(), frame,
                               [](const TrackPoint& p, int f) { return p.frame < f; });
    return it != track.points.end() && it->frame == frame ? int(it - track.points.begin()) : -1;
}

void trimUndetectedEnds(Track& track)
{
    while (!track.points.empty() && track.points.back().atomIndex < 0)
        track.points.pop_back();
    while (!track.points.empty() && track.points.front().atomIndex < 0)
        track.points.erase(track.points.begin());
}

void interpolateGapPoint(Track& track, std::size_t p)
{
    std::size_t before = p, after = p;
    while (before > 0 && track.points[before].atomIndex < 0)
        --before;
    while (after + 1 < track.points.size() && track.points[after].atomIndex < 0)
        ++after;
    const TrackPoint& a = track.points[before];
    const TrackPoint& b = track.points[after];
    if (a.atomIndex < 0 || b.atomIndex < 0 || b.frame == a.frame)
        return;
    const double t = double(track.points[p].frame - a.frame) / (b.frame - a.frame);
    track.points[p].x = a.x + t * (b.x - a.x);
    track.points[p].y = a.y + t * (b.y - a.y);
}

void appendBridged(Track& first, const Track& second)
{
    const TrackPoint from = first.points.back();
    const TrackPoint to = second.points.front();
    for (int f = from.frame + 1; f < to.frame; ++f) {
        const double t = double(f - from.frame) / (to.frame - from.frame);
        first.points.push_back({f, -1, from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
    }
    first.points.insert(first.points.end(), second.points.begin(), second.points.end());
}

Track splitTrackAt(Track& track, int frame)
{
    Track tail;
    tail.significance = track.significance;
    auto at = std::find_if(track.points.begin(), track.points.end(), [&](const TrackPoint& p) { return p.frame >= frame; });
    tail.points.assign(at, track.points.end());
    track.points.erase(at, track.points.end());
    trimUndetectedEnds(track);
    trimUndetectedEnds(tail);
    return tail;
}

TrackJoin joinForAddedColumn(const TrackingResult& tracking, int frame, Point2 position, const TrackingSettings& settings)
{
    const double gate = settings.linkGate * std::max(settings.nearestNeighbour_px, 1.0);
    const Point2 d = driftAt(tracking, frame);
    const Point2 here{position.x - d.x, position.y - d.y};
    TrackJoin best;
    double bestDistance = gate;
    auto consider = [&](int t, const TrackPoint& p, int pointIndex) {
        const Point2 dp = driftAt(tracking, p.frame);
        const double distance = std::hypot(p.x - dp.x - here.x, p.y - dp.y - here.y);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = {t, pointIndex};
        }
    };
    for (std::size_t t = 0; t < tracking.tracks.size(); ++t) {
        const std::vector<TrackPoint>& points = tracking.tracks[t].points;
        const int p = trackPointAt(tracking.tracks[t], frame);
        if (p >= 0 && points[std::size_t(p)].atomIndex < 0)
            consider(int(t), points[std::size_t(p)], p);
        else if (points.back().frame == frame - 1)
            consider(int(t), points.back(), int(points.size()));
        else if (points.front().frame == frame + 1)
            consider(int(t), points.front(), -1);
    }
    return best;
}

int insertTrackPoint(TrackingResult& tracking, const TrackJoin& join, const TrackPoint& point, double significance)
{
    if (join.track < 0) {
        Track track;
        track.id = int(tracking.tracks.size());
        track.points.push_back(point);
        track.significance = significance;
        tracking.tracks.push_back(track);
        return track.id;
    }
    std::vector<TrackPoint>& points = tracking.tracks[std::size_t(join.track)].points;
    if (join.point < 0)
        points.insert(points.begin(), point);
    else if (join.point == int(points.size()))
        points.push_back(point);
    else
        points[std::size_t(join.point)] = point;
    return join.track;
}

} // namespace hrtem
