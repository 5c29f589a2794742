#include "core/export/overlay_image.h"

#include "core/image/contrast.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace hrtem {

namespace {

// Colours (BGR) chosen to stay distinct on a grey image and for the common colour-vision
// deficiencies: blue/orange for bulk/surface, vermillion/sky/purple for the behaviours.
const cv::Scalar kBulk(178, 114, 0);        // blue
const cv::Scalar kSurface(0, 159, 230);     // orange
const cv::Scalar kHopping(0, 94, 213);      // vermillion
const cv::Scalar kAdsorbed(233, 180, 86);   // sky blue
const cv::Scalar kDesorbed(167, 121, 204);  // reddish purple
const cv::Scalar kBond(160, 160, 160);
const cv::Scalar kTail(66, 228, 240);       // yellow
const cv::Scalar kTwin(0, 0, 255);
const cv::Scalar kOutline(255, 255, 255);

cv::Point at(double x, double y, int scale)
{
    // Pixel (0,0) is centred at (0,0): its centre lands in the middle of its scaled block.
    return {static_cast<int>(std::lround((x + 0.5) * scale - 0.5)), static_cast<int>(std::lround((y + 0.5) * scale - 0.5))};
}

} // namespace

cv::Mat renderOverlay(const cv::Mat& frame, const AnalysisResult& r, int listIndex, const OverlayStyle& style)
{
    CV_Assert(listIndex >= 0 && listIndex < int(r.frames.size()));
    const FrameAnalysis& f = r.frames[listIndex];
    const int s = std::max(1, style.scale);
    cv::Mat grey = renderGrey8(frame, percentileLevels(frame, 0.5, 99.5));
    cv::Mat big;
    cv::resize(grey, big, cv::Size(), s, s, cv::INTER_NEAREST);
    cv::Mat out;
    cv::cvtColor(big, out, cv::COLOR_GRAY2BGR);

    if (style.outline && f.relations.particle.outline.size() > 2) {
        std::vector<cv::Point> loop;
        for (const Point2& p : f.relations.particle.outline)
            loop.push_back(at(p.x, p.y, s));
        cv::polylines(out, loop, true, kOutline, 1, cv::LINE_AA);
    }
    if (style.bonds)
        for (const Bond& b : f.relations.bonds)
            cv::line(out, at(f.atoms[b.a].x, f.atoms[b.a].y, s), at(f.atoms[b.b].x, f.atoms[b.b].y, s), kBond, 1, cv::LINE_AA);
    if (style.tails)
        for (const Track& t : r.tracking.tracks) {
            std::vector<cv::Point> tail;
            for (const TrackPoint& p : t.points)
                if (p.frame <= listIndex && p.frame > listIndex - style.tailFrames)
                    tail.push_back(at(p.x, p.y, s));
            if (tail.size() > 1)
                cv::polylines(out, tail, false, kTail, 1, cv::LINE_AA);
        }
    // Behaviour of each atom in this frame, from its track.
    std::vector<int> behaviour(f.atoms.size(), -1);
    for (std::size_t t = 0; t < r.tracking.tracks.size() && t < r.behaviours.perTrackPoint.size(); ++t)
        for (std::size_t p = 0; p < r.tracking.tracks[t].points.size(); ++p) {
            const TrackPoint& point = r.tracking.tracks[t].points[p];
            if (point.frame == listIndex && point.atomIndex >= 0 && point.atomIndex < int(behaviour.size()) &&
                p < r.behaviours.perTrackPoint[t].size())
                behaviour[point.atomIndex] = static_cast<int>(r.behaviours.perTrackPoint[t][p]);
        }
    if (style.atoms) {
        const int radius = std::max(2, static_cast<int>(std::lround(0.18 * r.nearestNeighbour_px * s)));
        for (std::size_t i = 0; i < f.atoms.size(); ++i) {
            const Atom& a = f.atoms[i];
            cv::Scalar colour = a.site == SiteKind::Surface ? kSurface : kBulk;
            int thickness = 1;
            switch (behaviour[i] < 0 ? Behaviour::Stable : static_cast<Behaviour>(behaviour[i])) {
            case Behaviour::Hopping: colour = kHopping; thickness = 2; break;
            case Behaviour::Adsorbed: colour = kAdsorbed; thickness = 2; break;
            case Behaviour::Desorbed: colour = kDesorbed; thickness = 2; break;
            default: break;
            }
            cv::circle(out, at(a.x, a.y, s), radius, colour, thickness, cv::LINE_AA);
        }
    }
    if (style.twins)
        for (const TwinBoundary& b : f.twinBoundaries)
            cv::line(out, at(b.p0.x, b.p0.y, s), at(b.p1.x, b.p1.y, s), kTwin, 2, cv::LINE_AA);
    return out;
}

} // namespace hrtem
