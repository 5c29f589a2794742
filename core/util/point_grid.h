#pragma once
// A uniform bucket grid over a point set: "which points lie within r of here" in O(1) per
// query for r up to the cell size. Used by drift estimation, linking and behaviours, where a
// frame holds ~1000 points and is queried thousands of times.
#include "core/util/assignment.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hrtem {

class PointGrid {
public:
    PointGrid(const std::vector<Point2>& points, double cell) : mPoints(points), mCell(cell > 0 ? cell : 1.0)
    {
        if (points.empty())
            return;
        double x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
        for (const Point2& p : points) {
            x0 = std::min(x0, p.x);
            y0 = std::min(y0, p.y);
            x1 = std::max(x1, p.x);
            y1 = std::max(y1, p.y);
        }
        mX0 = x0;
        mY0 = y0;
        mNx = static_cast<int>(std::floor((x1 - x0) / mCell)) + 1;
        mNy = static_cast<int>(std::floor((y1 - y0) / mCell)) + 1;
        mStart.assign(static_cast<std::size_t>(mNx) * mNy + 1, 0);
        std::vector<int> cellOf(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            cellOf[i] = cellIndex(points[i].x, points[i].y);
            ++mStart[static_cast<std::size_t>(cellOf[i]) + 1];
        }
        for (std::size_t c = 1; c < mStart.size(); ++c)
            mStart[c] += mStart[c - 1];
        mItems.resize(points.size());
        std::vector<int> fill(mStart.begin(), mStart.end() - 1);
        for (std::size_t i = 0; i < points.size(); ++i)
            mItems[static_cast<std::size_t>(fill[static_cast<std::size_t>(cellOf[i])]++)] = static_cast<int>(i);
    }

    /// Calls f(index, dx, dy) for every point p with |p - (x, y)| <= r, where (dx, dy) = p - (x, y).
    template <class F>
    void forEachWithin(double x, double y, double r, F&& f) const
    {
        if (mItems.empty())
            return;
        const int cx0 = std::max(0, static_cast<int>(std::floor((x - r - mX0) / mCell)));
        const int cy0 = std::max(0, static_cast<int>(std::floor((y - r - mY0) / mCell)));
        const int cx1 = std::min(mNx - 1, static_cast<int>(std::floor((x + r - mX0) / mCell)));
        const int cy1 = std::min(mNy - 1, static_cast<int>(std::floor((y + r - mY0) / mCell)));
        const double r2 = r * r;
        for (int cy = cy0; cy <= cy1; ++cy)
            for (int cx = cx0; cx <= cx1; ++cx) {
                const std::size_t c = static_cast<std::size_t>(cy) * mNx + cx;
                for (int k = mStart[c]; k < mStart[c + 1]; ++k) {
                    const int i = mItems[static_cast<std::size_t>(k)];
                    const double dx = mPoints[static_cast<std::size_t>(i)].x - x, dy = mPoints[static_cast<std::size_t>(i)].y - y;
                    if (dx * dx + dy * dy <= r2)
                        f(i, dx, dy);
                }
            }
    }

    /// Index of the nearest point within r, or -1.
    int nearest(double x, double y, double r) const
    {
        int best = -1;
        double bestD2 = r * r;
        forEachWithin(x, y, r, [&](int i, double dx, double dy) {
            const double d2 = dx * dx + dy * dy;
            if (d2 <= bestD2) {
                bestD2 = d2;
                best = i;
            }
        });
        return best;
    }

private:
    int cellIndex(double x, double y) const
    {
        const int cx = std::clamp(static_cast<int>(std::floor((x - mX0) / mCell)), 0, mNx - 1);
        const int cy = std::clamp(static_cast<int>(std::floor((y - mY0) / mCell)), 0, mNy - 1);
        return cy * mNx + cx;
    }

    const std::vector<Point2>& mPoints;
    double mCell;
    double mX0 = 0.0, mY0 = 0.0;
    int mNx = 0, mNy = 0;
    std::vector<int> mStart;
    std::vector<int> mItems;
};

} // namespace hrtem
