#include "core/analysis/drift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace hrtem {

namespace {

/// For each point of `a`, the index of its nearest point of `b` within `gate`, or -1.
std::vector<int> nearestWithin(const std::vector<Point2>& a, const std::vector<Point2>& b, double gate)
{
    std::unordered_map<long long, std::vector<int>> grid;
    auto key = [gate](double x, double y) {
        const long long cx = static_cast<long long>(std::floor(x / gate));
        const long long cy = static_cast<long long>(std::floor(y / gate));
        return (cx << 32) ^ (cy & 0xffffffffLL);
    };
    for (int j = 0; j < static_cast<int>(b.size()); ++j)
        grid[key(b[j].x, b[j].y)].push_back(j);
    std::vector<int> out(a.size(), -1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        double best = gate * gate;
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy) {
                const auto it = grid.find(key(a[i].x + dx * gate, a[i].y + dy * gate));
                if (it == grid.end())
                    continue;
                for (int j : it->second) {
                    const double ex = b[j].x - a[i].x, ey = b[j].y - a[i].y;
                    const double d2 = ex * ex + ey * ey;
                    if (d2 <= best) {
                        best = d2;
                        out[i] = j;
                    }
                }
            }
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
