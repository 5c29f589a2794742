#pragma once
// Global drift of a movie: the translation of the whole field of view from frame to frame,
// estimated from the atom positions alone (no images needed).
#include "core/util/assignment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hrtem {

/// A flat bucket grid over some of a point set, for "which points lie within r of here"
/// queries with r up to the cell size (drift estimation and linking ask this ~10^5 times
/// per movie). The grid covers the points' bounding box; cells grow if that box is huge.
class PointBuckets {
public:
    PointBuckets(const std::vector<Point2>& points, const std::vector<int>& ids, double cell);
    /// Calls visit(id) for every stored point in the 3 x 3 cells around `p`.
    template <class F>
    void near(const Point2& p, F&& visit) const
    {
        if (mItems.empty())
            return;
        const long cx = static_cast<long>(std::floor((p.x - mX0) / mCell));
        const long cy = static_cast<long>(std::floor((p.y - mY0) / mCell));
        for (long y = std::max(0L, cy - 1); y <= std::min(mNy - 1, cy + 1); ++y)
            for (long x = std::max(0L, cx - 1); x <= std::min(mNx - 1, cx + 1); ++x) {
                const std::size_t c = static_cast<std::size_t>(y * mNx + x);
                for (int k = mStart[c]; k < mStart[c + 1]; ++k)
                    visit(mItems[static_cast<std::size_t>(k)]);
            }
    }

private:
    double mCell = 1.0, mX0 = 0.0, mY0 = 0.0;
    long mNx = 0, mNy = 0;
    std::vector<int> mStart, mItems;
};

/// Translation that carries `from` onto `to`: the component-wise median displacement of
/// mutual nearest neighbours within `gate` of the predicted shift, refined a few times.
/// Returns `guess` when fewer than three pairs are found. Robust to a minority of columns
/// that hop, appear or vanish, and to a rigidly shifted block smaller than half the field.
Point2 estimateShift(const std::vector<Point2>& from, const std::vector<Point2>& to, double gate, Point2 guess = {});

/// Cumulative drift per frame (frame 0 is (0,0)): position in frame t minus drift[t] is the
/// drift-corrected position. Each step starts from the previous step's shift, because
/// specimen drift is steady over a few frames, so drifts of several pixels per frame are
/// followed as long as they change by less than `gate` from one frame to the next.
std::vector<Point2> estimateDrift(const std::vector<std::vector<Point2>>& positionsPerFrame, double gate);

} // namespace hrtem
