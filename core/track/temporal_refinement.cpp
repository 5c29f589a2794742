#include "core/track/temporal_refinement.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

int centredHalfWindow(const std::vector<int>& stay, std::size_t index, int halfWindow)
{
    int before = 0, after = 0;
    while (before < halfWindow && index >= std::size_t(before + 1) && stay[index - before - 1] == stay[index])
        ++before;
    while (after < halfWindow && index + after + 1 < stay.size() && stay[index + after + 1] == stay[index])
        ++after;
    return std::min(before, after);
}

void resetSite(Atom& a)
{
    a.siteX = a.x;
    a.siteY = a.y;
    a.siteErr = std::hypot(a.fitErrX, a.fitErrY) / std::sqrt(2.0);
    a.siteFrames = 1;
}

void refineWithTime(std::vector<std::vector<Atom>>& atomsPerFrame, const TrackingResult& tracking,
                    const BehaviourResult& behaviours, const TemporalSettings& settings)
{
    for (std::vector<Atom>& frame : atomsPerFrame)
        for (Atom& a : frame)
            resetSite(a);
    const auto atomAt = [&](int frame, int index) -> Atom& { return atomsPerFrame[std::size_t(frame)][std::size_t(index)]; };
    for (std::size_t t = 0; t < tracking.tracks.size(); ++t) {
        const std::vector<TrackPoint>& points = tracking.tracks[t].points;
        if (!points.empty() && points.front().frame >= 0 && points.back().frame < int(atomsPerFrame.size()))
            refineTrackWithTime(atomAt, tracking, t, behaviours, settings);
    }
}

void refineTrackWithTime(const std::function<Atom&(int frame, int atomIndex)>& atomAt, const TrackingResult& tracking,
                         std::size_t t, const BehaviourResult& behaviours, const TemporalSettings& settings)
{
    auto drift = [&](int frame) {
        return frame >= 0 && frame < int(tracking.drift_px.size()) ? tracking.drift_px[frame] : Point2{};
    };
    {
        const std::vector<TrackPoint>& points = tracking.tracks[t].points;
        const std::vector<Behaviour>* labels = t < behaviours.perTrackPoint.size() ? &behaviours.perTrackPoint[t] : nullptr;
        // Stays on one site: a new stay begins where the column arrives after a hop, or after
        // any sudden step (a twin boundary gliding by a partial moves whole blocks of columns
        // by a third of a spacing, which is not a hop but is not the same site either).
        const double stepLimit = settings.maxStep * tracking.nearestNeighbour_px;
        std::vector<int> stay(points.size(), 0);
        for (std::size_t p = 1; p < points.size(); ++p) {
            const bool hop = labels != nullptr && p < labels->size() && (*labels)[p] == Behaviour::Hopping;
            const Point2 d0 = drift(points[p - 1].frame), d1 = drift(points[p].frame);
            const double step = std::hypot((points[p].x - d1.x) - (points[p - 1].x - d0.x),
                                           (points[p].y - d1.y) - (points[p - 1].y - d0.y));
            stay[p] = stay[p - 1] + (hop || (stepLimit > 0 && step > stepLimit) ? 1 : 0);
        }
        for (std::size_t p = 0; p < points.size(); ++p) {
            const TrackPoint& here = points[p];
            if (here.atomIndex < 0 || here.frame < 0)
                continue;
            const int half = centredHalfWindow(stay, p, settings.halfWindow);
            double sx = 0, sy = 0, errSum = 0;
            int n = 0;
            for (std::size_t q = p - half; q <= p + half; ++q) {
                const TrackPoint& there = points[q];
                if (there.atomIndex < 0)
                    continue; // a bridged gap has no measurement
                const Atom& a = atomAt(there.frame, there.atomIndex);
                const Point2 d = drift(there.frame);
                sx += a.x - d.x;
                sy += a.y - d.y;
                errSum += 0.5 * (a.fitErrX * a.fitErrX + a.fitErrY * a.fitErrY);
                ++n;
            }
            if (n == 0)
                continue;
            Atom& atom = atomAt(here.frame, here.atomIndex);
            const Point2 d = drift(here.frame);
            atom.siteX = sx / n + d.x;
            atom.siteY = sy / n + d.y;
            atom.siteErr = std::sqrt(errSum / n / n);
            atom.siteFrames = n;
        }
    }
}

namespace {

double systematicShare(const Atom& a)
{
    return std::sqrt(std::max(0.0, a.errX * a.errX - a.fitErrX * a.fitErrX));
}

} // namespace

void refineTrackKeepingSystematic(const std::function<Atom&(int frame, int atomIndex)>& atomAt, const TrackingResult& tracking,
                                  std::size_t t, const BehaviourResult& behaviours, const TemporalSettings& settings)
{
    refineTrackWithTime(atomAt, tracking, t, behaviours, settings);
    for (const TrackPoint& p : tracking.tracks[t].points)
        if (p.atomIndex >= 0) {
            Atom& a = atomAt(p.frame, p.atomIndex);
            a.siteErr = std::hypot(a.siteErr, systematicShare(a));
        }
}

void resetSiteKeepingSystematic(Atom& a)
{
    const double s = systematicShare(a);
    resetSite(a);
    a.siteErr = std::hypot(a.siteErr, s);
}

} // namespace hrtem
