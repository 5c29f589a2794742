#include "core/behave/behaviour_edits.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

void addTracksWatching(const std::function<const std::vector<Atom>&(int frame)>& atomsOf, int frameCount,
                       const TrackingResult& tracking, const BehaviourResult& behaviours, int frame, Point2 at,
                       double nearestNeighbour_px, const BehaviourSettings& settings, std::set<int>& affected)
{
    const double radius = (settings.surroundRadius + 0.5) * nearestNeighbour_px;
    const int window = settings.neighbourWindow + 1;
    const int lo = std::max(0, frame - window), hi = std::min(frameCount - 1, frame + window);
    for (int f = lo; f <= hi; ++f) {
        std::set<int> near;
        for (const Atom& a : atomsOf(f))
            if (a.trackId >= 0 && std::abs(a.x - at.x) <= radius && std::abs(a.y - at.y) <= radius)
                near.insert(a.trackId);
        for (int k : near) {
            if (affected.count(k) || k >= int(tracking.tracks.size()))
                continue;
            const Track& track = tracking.tracks[std::size_t(k)];
            bool changes = track.points.front().frame >= lo - 1 || track.points.back().frame <= hi + 1;
            if (!changes && std::size_t(k) < behaviours.features.size())
                for (const SiteVisit& v : behaviours.features[std::size_t(k)].visits)
                    changes = changes || (v.firstFrame >= lo && v.firstFrame <= hi);
            if (changes)
                affected.insert(k);
        }
    }
}

void setBehaviourByHand(BehaviourResult& behaviours, const Track& track, std::size_t p, Behaviour behaviour)
{
    behaviours.perTrackPoint.at(std::size_t(track.id)).at(p) = behaviour;
    std::vector<BehaviourEvent>& events = behaviours.events;
    const TrackPoint& here = track.points[p];
    const int i = here.frame;
    // A desorption is listed in the first frame the column is gone; the others where it is.
    events.erase(std::remove_if(events.begin(), events.end(),
                                [&](const BehaviourEvent& e) {
                                    return e.trackId == track.id && (e.frame == i || (e.frame == i + 1 && e.kind == "desorption"));
                                }),
                 events.end());
    const Point2 position{here.x, here.y};
    switch (behaviour) {
    case Behaviour::Stable: break;
    case Behaviour::Hopping:
        events.push_back({i, track.id, "hop", p > 0 ? Point2{track.points[p - 1].x, track.points[p - 1].y} : position, position});
        break;
    case Behaviour::Adsorbed: events.push_back({i, track.id, "adsorption", position, position}); break;
    case Behaviour::Desorbed: events.push_back({i + 1, track.id, "desorption", position, position}); break;
    }
    std::stable_sort(events.begin(), events.end(), [](const BehaviourEvent& x, const BehaviourEvent& y) {
        return x.frame != y.frame ? x.frame < y.frame : x.trackId < y.trackId;
    });
}

void removeTrackBehaviours(BehaviourResult& b, std::size_t t)
{
    if (t < b.perTrackPoint.size())
        b.perTrackPoint.erase(b.perTrackPoint.begin() + std::ptrdiff_t(t));
    if (t < b.features.size())
        b.features.erase(b.features.begin() + std::ptrdiff_t(t));
    b.events.erase(std::remove_if(b.events.begin(), b.events.end(), [&](const BehaviourEvent& e) { return e.trackId == int(t); }),
                   b.events.end());
    for (BehaviourEvent& e : b.events)
        if (e.trackId > int(t))
            --e.trackId;
}

} // namespace hrtem
