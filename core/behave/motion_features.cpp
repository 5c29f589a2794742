#include "core/behave/motion_features.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

TrackFeatures motionFeatures(const Track& track, const std::vector<Point2>& drift_px, double frameInterval_s,
                             double siteChange_px, int maxLag)
{
    TrackFeatures f;
    f.trackId = track.id;
    if (track.points.empty())
        return f;
    auto corrected = [&](const TrackPoint& p) {
        const std::size_t t = static_cast<std::size_t>(p.frame);
        const Point2 d = t < drift_px.size() ? drift_px[t] : Point2{};
        return Point2{p.x - d.x, p.y - d.y};
    };
    std::vector<Point2> c;
    for (const TrackPoint& p : track.points) {
        c.push_back(corrected(p));
        f.detections += p.atomIndex >= 0 ? 1 : 0;
    }
    f.firstFrame = track.points.front().frame;
    f.lastFrame = track.points.back().frame;
    f.netDisplacement_px = std::hypot(c.back().x - c.front().x, c.back().y - c.front().y);
    for (std::size_t k = 1; k < c.size(); ++k)
        f.pathLength_px += std::hypot(c[k].x - c[k - 1].x, c[k].y - c[k - 1].y);
    const double duration = (f.lastFrame - f.firstFrame) * frameInterval_s;
    if (duration > 0)
        f.meanSpeed_px_per_s = f.pathLength_px / duration;

    // MSD over pairs of detected points (gap fills would bias it towards straight lines).
    for (int lag = 1; lag <= maxLag; ++lag) {
        double sum = 0.0;
        int n = 0;
        for (std::size_t a = 0; a < track.points.size(); ++a) {
            if (track.points[a].atomIndex < 0)
                continue;
            for (std::size_t b = a + 1; b < track.points.size() && track.points[b].frame <= track.points[a].frame + lag; ++b)
                if (track.points[b].frame == track.points[a].frame + lag && track.points[b].atomIndex >= 0) {
                    sum += (c[b].x - c[a].x) * (c[b].x - c[a].x) + (c[b].y - c[a].y) * (c[b].y - c[a].y);
                    ++n;
                }
        }
        if (n == 0)
            break;
        f.msd_px2.push_back(sum / n);
    }
    if (frameInterval_s > 0 && !f.msd_px2.empty()) {
        const std::size_t lags = std::min<std::size_t>(4, f.msd_px2.size());
        if (lags == 1) {
            f.diffusion_px2_per_s = f.msd_px2[0] / (4.0 * frameInterval_s);
        } else {
            double st = 0, sm = 0, stt = 0, stm = 0;
            for (std::size_t k = 0; k < lags; ++k) {
                const double tau = (k + 1) * frameInterval_s;
                st += tau;
                sm += f.msd_px2[k];
                stt += tau * tau;
                stm += tau * f.msd_px2[k];
            }
            const double n = static_cast<double>(lags);
            const double slope = (n * stm - st * sm) / (n * stt - st * st);
            f.diffusion_px2_per_s = std::max(0.0, slope / 4.0);
        }
    }

    // Stays: a new one starts when the atom leaves the running mean of the current one.
    SiteVisit visit{f.firstFrame, f.firstFrame, c[0]};
    int inVisit = 1;
    for (std::size_t k = 1; k < c.size(); ++k) {
        if (std::hypot(c[k].x - visit.site.x, c[k].y - visit.site.y) > siteChange_px) {
            f.visits.push_back(visit);
            visit = {track.points[k].frame, track.points[k].frame, c[k]};
            inVisit = 1;
            continue;
        }
        visit.lastFrame = track.points[k].frame;
        if (track.points[k].atomIndex >= 0) {
            ++inVisit;
            visit.site.x += (c[k].x - visit.site.x) / inVisit;
            visit.site.y += (c[k].y - visit.site.y) / inVisit;
        }
    }
    f.visits.push_back(visit);
    f.jumps = static_cast<int>(f.visits.size()) - 1;
    for (const SiteVisit& v : f.visits)
        f.dwellFrames.push_back(v.lastFrame - v.firstFrame + 1);
    double dwell = 0;
    for (int d : f.dwellFrames)
        dwell += d;
    f.meanDwell_s = dwell / static_cast<double>(f.dwellFrames.size()) * frameInterval_s;
    return f;
}

} // namespace hrtem
