#include "core/track/drift.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hrtem {

PointBuckets::PointBuckets(const std::vector<Point2>& points, const std::vector<int>& ids, double cell) : mCell(cell > 0 ? cell : 1.0)
{
    if (ids.empty())
        return;
    double x1 = points[static_cast<std::size_t>(ids[0])].x, y1 = points[static_cast<std::size_t>(ids[0])].y;
    mX0 = x1;
    mY0 = y1;
    for (int id : ids) {
        const Point2& p = points[static_cast<std::size_t>(id)];
        mX0 = std::min(mX0, p.x);
        mY0 = std::min(mY0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
    // Far-flung points would make the grid huge: then cells grow (queries stay correct, as
    // they only need cells at least as large as the search radius).
    const double cellsWanted = 16.0 * static_cast<double>(ids.size()) + 1024.0;
    while (((x1 - mX0) / mCell + 1.0) * ((y1 - mY0) / mCell + 1.0) > cellsWanted)
        mCell *= 2.0;
    mNx = static_cast<long>(std::floor((x1 - mX0) / mCell)) + 1;
    mNy = static_cast<long>(std::floor((y1 - mY0) / mCell)) + 1;
    mStart.assign(static_cast<std::size_t>(mNx * mNy) + 1, 0);
    std::vector<std::size_t> cellOf(ids.size());
    for (std::size_t k = 0; k < ids.size(); ++k) {
        const Point2& p = points[static_cast<std::size_t>(ids[k])];
        const long cx = std::min(mNx - 1, static_cast<long>(std::floor((p.x - mX0) / mCell)));
        const long cy = std::min(mNy - 1, static_cast<long>(std::floor((p.y - mY0) / mCell)));
        cellOf[k] = static_cast<std::size_t>(cy * mNx + cx);
        ++mStart[cellOf[k] + 1];
    }
    for (std::size_t c = 1; c < mStart.size(); ++c)
        mStart[c] += mStart[c - 1];
    mItems.resize(ids.size());
    std::vector<int> fill(mStart.begin(), mStart.end() - 1);
    for (std::size_t k = 0; k < ids.size(); ++k)
        mItems[static_cast<std::size_t>(fill[cellOf[k]]++)] = ids[k];
}

namespace {

/// For each point of `a`, the index of its nearest point of `b` within `gate`, or -1.
std::vector<int> nearestWithin(const std::vector<Point2>& a, const std::vector<Point2>& b, double gate)
{
    std::vector<int> all(b.size());
    for (std::size_t j = 0; j < b.size(); ++j)
        all[j] = static_cast<int>(j);
    const PointBuckets buckets(b, all, gate);
    std::vector<int> out(a.size(), -1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        double best = gate * gate;
        buckets.near(a[i], [&](int j) {
            const double ex = b[static_cast<std::size_t>(j)].x - a[i].x, ey = b[static_cast<std::size_t>(j)].y - a[i].y;
            const double d2 = ex * ex + ey * ey;
            if (d2 <= best) {
                best = d2;
                out[i] = j;
            }
        });
    }
    return out;
}

double median(std::vector<double>& v)
{
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) {
        m = 0.5 * (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)));
    }
    return m;
}

} // namespace

Point2 estimateShift(const std::vector<Point2>& from, const std::vector<Point2>& to, double gate, Point2 guess)
{
    if (from.empty() || to.empty() || !(gate > 0))
        return guess;
    Point2 shift = guess;
    // Three passes: the median moves the estimate towards the bulk of the pairs, and pairs
    // that were just outside the gate around a poor guess come in on the next pass.
    for (int pass = 0; pass < 3; ++pass) {
        std::vector<Point2> moved(from.size());
        for (std::size_t i = 0; i < from.size(); ++i)
            moved[i] = {from[i].x + shift.x, from[i].y + shift.y};
        const std::vector<int> forward = nearestWithin(moved, to, gate);
        const std::vector<int> backward = nearestWithin(to, moved, gate);
        std::vector<double> dx, dy;
        for (std::size_t i = 0; i < from.size(); ++i) {
            const int j = forward[i];
            if (j < 0 || backward[static_cast<std::size_t>(j)] != static_cast<int>(i))
                continue; // mutual nearest neighbours only: ambiguous pairs would bias the median
            dx.push_back(to[static_cast<std::size_t>(j)].x - from[i].x);
            dy.push_back(to[static_cast<std::size_t>(j)].y - from[i].y);
        }
        if (dx.size() < 3)
            return shift;
        const Point2 next{median(dx), median(dy)};
        const bool settled = std::hypot(next.x - shift.x, next.y - shift.y) < 1e-3;
        shift = next;
        if (settled)
            break;
    }
    return shift;
}

std::vector<Point2> estimateDrift(const std::vector<std::vector<Point2>>& positionsPerFrame, double gate)
{
    std::vector<Point2> drift(positionsPerFrame.size());
    Point2 velocity;
    for (std::size_t t = 1; t < positionsPerFrame.size(); ++t) {
        const Point2 step = estimateShift(positionsPerFrame[t - 1], positionsPerFrame[t], gate, velocity);
        drift[t] = {drift[t - 1].x + step.x, drift[t - 1].y + step.y};
        velocity = step;
    }
    return drift;
}

} // namespace hrtem
