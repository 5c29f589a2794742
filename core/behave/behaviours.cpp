#include "core/behave/behaviours.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hrtem {

namespace {

struct SiteChange {
    std::size_t track;
    std::size_t visit; // index of the visit the column arrives in
    Point2 shift;
};

/// Drift-corrected track points of each frame sorted by x, for counting the columns around a
/// site. Built for every frame at once for a whole movie, or frame by frame when first asked
/// for (an edit by hand looks at a few frames of a long movie).
class FramePoints {
public:
    FramePoints(const TrackingResult& tracking, int frames, bool allFrames)
        : mTracking(tracking), mX(static_cast<std::size_t>(std::max(0, frames))), mBuilt(mX.size(), 0)
    {
        if (!allFrames)
            return;
        for (const Track& track : tracking.tracks)
            for (const TrackPoint& p : track.points)
                if (p.frame >= 0 && p.frame < frames)
                    mX[static_cast<std::size_t>(p.frame)].push_back(corrected(p));
        for (std::size_t f = 0; f < mX.size(); ++f) {
            sortByX(mX[f]);
            mBuilt[f] = 1;
        }
    }
    /// Columns around the site `c` (within `radius`) in all frames within `window` of `frame`.
    std::vector<Point2> around(int frame, Point2 c, double radius, int window) const
    {
        std::vector<Point2> out;
        for (int f = std::max(0, frame - window); f <= frame + window && static_cast<std::size_t>(f) < mX.size(); ++f) {
            const std::vector<Point2>& v = pointsOf(static_cast<std::size_t>(f));
            auto it = std::lower_bound(v.begin(), v.end(), c.x - radius, [](const Point2& p, double value) { return p.x < value; });
            for (; it != v.end() && it->x <= c.x + radius; ++it)
                if (std::abs(it->y - c.y) <= radius)
                    out.push_back(*it);
        }
        return out;
    }

private:
    Point2 corrected(const TrackPoint& p) const
    {
        const Point2& d = mTracking.drift_px[static_cast<std::size_t>(p.frame)];
        return {p.x - d.x, p.y - d.y};
    }
    static void sortByX(std::vector<Point2>& v)
    {
        std::sort(v.begin(), v.end(), [](const Point2& a, const Point2& b) { return a.x < b.x; });
    }
    const std::vector<Point2>& pointsOf(std::size_t f) const
    {
        if (!mBuilt[f]) {
            // Track points are in ascending frames, so a binary search finds this frame's.
            for (const Track& track : mTracking.tracks) {
                auto it = std::lower_bound(track.points.begin(), track.points.end(), int(f),
                                           [](const TrackPoint& p, int frame) { return p.frame < frame; });
                if (it != track.points.end() && it->frame == int(f))
                    mX[f].push_back(corrected(*it));
            }
            sortByX(mX[f]);
            mBuilt[f] = 1;
        }
        return mX[f];
    }

    const TrackingResult& mTracking;
    mutable std::vector<std::vector<Point2>> mX;
    mutable std::vector<char> mBuilt;
};

/// Block glides: site changes shared by at least blockMinColumns columns in one frame, all
/// with the same displacement. glide[k][visit] is 1 where track k's arrival is one.
std::vector<std::vector<char>> findGlides(const std::vector<TrackFeatures>& features, double nn,
                                          const BehaviourSettings& settings)
{
    std::map<int, std::vector<SiteChange>> changes;
    for (std::size_t k = 0; k < features.size(); ++k) {
        const std::vector<SiteVisit>& v = features[k].visits;
        for (std::size_t i = 1; i < v.size(); ++i)
            changes[v[i].firstFrame].push_back({k, i, {v[i].site.x - v[i - 1].site.x, v[i].site.y - v[i - 1].site.y}});
    }
    std::vector<std::vector<char>> glide(features.size());
    for (std::size_t k = 0; k < features.size(); ++k)
        glide[k].assign(features[k].visits.size(), 0);
    const double tol = settings.blockTolerance * nn;
    for (auto& [frame, list] : changes) {
        (void)frame;
        if (static_cast<int>(list.size()) < settings.blockMinColumns)
            continue;
        for (const SiteChange& a : list) {
            int votes = 0;
            for (const SiteChange& b : list)
                votes += std::hypot(a.shift.x - b.shift.x, a.shift.y - b.shift.y) <= tol ? 1 : 0;
            if (votes >= settings.blockMinColumns)
                glide[a.track][a.visit] = 1;
        }
    }
    return glide;
}

/// Labels the points of track k (features[k] freshly computed; its jumps lose the glides and
/// the site changes off the particle) and appends its events in the order adsorption, hops,
/// desorption.
std::vector<Behaviour> labelTrack(const TrackingResult& tracking, std::size_t k, TrackFeatures& f,
                                  const std::vector<char>& glide, const FramePoints& points, double nn,
                                  const BehaviourSettings& settings, std::vector<BehaviourEvent>& events)
{
    const int frames = static_cast<int>(tracking.drift_px.size());
    const double radius = settings.surroundRadius * nn;
    const double inner = 0.35 * nn; // the column itself, seen in the other frames
    const Track& track = tracking.tracks[k];
    std::vector<Behaviour> labels(track.points.size(), Behaviour::Stable);
    auto site = [&](const TrackPoint& p) {
        const Point2& d = tracking.drift_px[static_cast<std::size_t>(p.frame)];
        return Point2{p.x - d.x, p.y - d.y};
    };
    // Columns touching the point's site in its own frame: atoms hop, arrive and leave
    // on the particle, so a "site" touching none is a blob of the support.
    auto touches = [&](const TrackPoint& p) {
        const Point2 c = site(p);
        int n = 0;
        for (const Point2& q : points.around(p.frame, c, settings.touchRadius * nn, 0)) {
            const double r = std::hypot(q.x - c.x, q.y - c.y);
            n += r > inner && r <= settings.touchRadius * nn ? 1 : 0;
        }
        return n >= settings.minTouching;
    };
    std::vector<BehaviourEvent> hops;
    for (std::size_t i = 1; i < f.visits.size(); ++i) {
        if (glide[i]) {
            --f.jumps;
            continue;
        }
        const int frame = f.visits[i].firstFrame;
        const std::size_t p = static_cast<std::size_t>(frame - track.points.front().frame);
        if (p == 0 || p >= track.points.size())
            continue;
        if (!touches(track.points[p])) {
            --f.jumps;
            continue;
        }
        labels[p] = Behaviour::Hopping;
        const TrackPoint& before = track.points[p - 1];
        const TrackPoint& after = track.points[p];
        hops.push_back({frame, track.id, "hop", {before.x, before.y}, {after.x, after.y}});
    }
    if (track.points.empty())
        return labels;
    const TrackPoint& first = track.points.front();
    const TrackPoint& last = track.points.back();
    // A column that starts or ends inside the lattice (all neighbour sites filled) was
    // missed by the detector, not adsorbed or desorbed: atoms arrive at and leave from
    // the surface.
    // Only a column the detector sees reliably can be said to be absent before or after.
    const bool reliable = track.significance == 0.0 || track.significance >= settings.eventSignificance;
    auto atSurface = [&](const TrackPoint& p) {
        return touches(p) && !surroundedByColumns(points.around(p.frame, site(p), radius, settings.neighbourWindow), site(p), inner, radius);
    };
    const bool vanishes = reliable && last.frame < frames - 1 && atSurface(last);
    const bool appears = reliable && first.frame > 0 && atSurface(first);
    if (vanishes)
        labels.back() = Behaviour::Desorbed;
    if (appears)
        labels.front() = Behaviour::Adsorbed;
    if (appears)
        events.push_back({first.frame, track.id, "adsorption", {first.x, first.y}, {first.x, first.y}});
    for (BehaviourEvent& e : hops)
        events.push_back(std::move(e));
    if (vanishes)
        events.push_back({last.frame + 1, track.id, "desorption", {last.x, last.y}, {last.x, last.y}});
    return labels;
}

void sortEvents(std::vector<BehaviourEvent>& events)
{
    std::stable_sort(events.begin(), events.end(), [](const BehaviourEvent& a, const BehaviourEvent& b) {
        return a.frame != b.frame ? a.frame < b.frame : a.trackId < b.trackId;
    });
}

double spacing(const TrackingResult& tracking, double nearestNeighbour_px)
{
    return nearestNeighbour_px > 0 ? nearestNeighbour_px : tracking.nearestNeighbour_px;
}

} // namespace

BehaviourResult recogniseBehaviours(const TrackingResult& tracking, double nearestNeighbour_px, double frameInterval_s,
                                    const BehaviourSettings& settings)
{
    BehaviourResult result;
    const int frames = static_cast<int>(tracking.drift_px.size());
    const double nn = spacing(tracking, nearestNeighbour_px);
    for (const Track& track : tracking.tracks)
        result.features.push_back(motionFeatures(track, tracking.drift_px, frameInterval_s, settings.siteChange * nn, settings.maxLag));
    const std::vector<std::vector<char>> glide = findGlides(result.features, nn, settings);
    const FramePoints points(tracking, frames, true);
    for (std::size_t k = 0; k < tracking.tracks.size(); ++k)
        result.perTrackPoint.push_back(labelTrack(tracking, k, result.features[k], glide[k], points, nn, settings, result.events));
    sortEvents(result.events);
    return result;
}

void updateBehaviours(BehaviourResult& result, const TrackingResult& tracking, const std::vector<int>& tracks,
                      double nearestNeighbour_px, double frameInterval_s, const BehaviourSettings& settings)
{
    const int frames = static_cast<int>(tracking.drift_px.size());
    const double nn = spacing(tracking, nearestNeighbour_px);
    result.features.resize(tracking.tracks.size());
    result.perTrackPoint.resize(tracking.tracks.size());
    std::vector<char> redo(tracking.tracks.size(), 0);
    for (int k : tracks)
        if (k >= 0 && k < int(tracking.tracks.size())) {
            redo[std::size_t(k)] = 1;
            result.features[std::size_t(k)] = motionFeatures(tracking.tracks[std::size_t(k)], tracking.drift_px, frameInterval_s,
                                                             settings.siteChange * nn, settings.maxLag);
        }
    result.events.erase(std::remove_if(result.events.begin(), result.events.end(),
                                       [&](const BehaviourEvent& e) {
                                           return e.trackId >= 0 && e.trackId < int(redo.size()) && redo[std::size_t(e.trackId)];
                                       }),
                        result.events.end());
    // The glide votes need every track's site changes: visits are few per track, so this is cheap.
    const std::vector<std::vector<char>> glide = findGlides(result.features, nn, settings);
    const FramePoints points(tracking, frames, false);
    for (std::size_t k = 0; k < tracking.tracks.size(); ++k)
        if (redo[k])
            result.perTrackPoint[k] = labelTrack(tracking, k, result.features[k], glide[k], points, nn, settings, result.events);
    sortEvents(result.events);
}

} // namespace hrtem
