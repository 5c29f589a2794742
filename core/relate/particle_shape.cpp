#include "core/relate/particle_shape.h"
#include "core/util/math_constants.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace hrtem {

namespace {
}

ParticleShape particleShape(const std::vector<Point2>& points, const std::vector<std::array<int, 3>>& triangles,
                            double margin_px)
{
    ParticleShape shape;
    if (triangles.empty())
        return shape;
    // Directed edges of consistently oriented triangles: an edge whose reverse belongs to no
    // triangle lies on the boundary, and following them walks each boundary loop. Per-vertex
    // lists (a handful of entries each) keep this linear in the number of triangles.
    std::size_t vertices = 0;
    for (const auto& t : triangles)
        for (int v : t)
            vertices = std::max(vertices, static_cast<std::size_t>(v) + 1);
    std::vector<std::vector<int>> out(vertices);
    for (const auto& t : triangles) {
        const Point2& p0 = points[static_cast<std::size_t>(t[0])];
        const Point2& p1 = points[static_cast<std::size_t>(t[1])];
        const Point2& p2 = points[static_cast<std::size_t>(t[2])];
        const double cross = (p1.x - p0.x) * (p2.y - p0.y) - (p1.y - p0.y) * (p2.x - p0.x);
        const std::array<int, 3> v = cross >= 0 ? t : std::array<int, 3>{t[0], t[2], t[1]};
        for (int k = 0; k < 3; ++k)
            out[static_cast<std::size_t>(v[static_cast<std::size_t>(k)])].push_back(v[static_cast<std::size_t>((k + 1) % 3)]);
    }
    std::vector<std::vector<int>> next(vertices); // boundary edges u -> v
    std::size_t remaining = 0;
    for (std::size_t u = 0; u < vertices; ++u)
        for (int v : out[u]) {
            const std::vector<int>& back = out[static_cast<std::size_t>(v)];
            if (std::find(back.begin(), back.end(), static_cast<int>(u)) == back.end()) {
                next[u].push_back(v);
                ++remaining;
            }
        }
    const std::size_t boundaryEdges = remaining;
    auto take = [&](int from) -> int { // an unused boundary edge leaving `from`: its end, or -1
        std::vector<int>& list = next[static_cast<std::size_t>(from)];
        if (list.empty())
            return -1;
        const int to = list.back();
        list.pop_back();
        --remaining;
        return to;
    };
    std::vector<int> bestLoop;
    double bestArea = 0.0;
    std::size_t scan = 0;
    while (remaining > 0) {
        while (next[scan].empty())
            ++scan;
        const int start = static_cast<int>(scan);
        std::vector<int> loop{start};
        int current = take(start);
        // Bounded walk: a loop never has more edges than there are boundary edges.
        for (std::size_t guard = 0; current >= 0 && current != start && guard < boundaryEdges; ++guard) {
            loop.push_back(current);
            current = take(current);
        }
        double area = 0.0; // shoelace; positive for the outer loop (same sense as the triangles)
        for (std::size_t k = 0; k < loop.size(); ++k) {
            const Point2& a = points[static_cast<std::size_t>(loop[k])];
            const Point2& b = points[static_cast<std::size_t>(loop[(k + 1) % loop.size()])];
            area += 0.5 * (a.x * b.y - b.x * a.y);
        }
        if (area > bestArea) {
            bestArea = area;
            bestLoop = std::move(loop);
        }
    }
    for (int i : bestLoop)
        shape.outline.push_back(points[static_cast<std::size_t>(i)]);
    for (std::size_t k = 0; k < shape.outline.size(); ++k) {
        const Point2& a = shape.outline[k];
        const Point2& b = shape.outline[(k + 1) % shape.outline.size()];
        shape.perimeter_px += std::hypot(b.x - a.x, b.y - a.y);
    }
    // The outline's own area: holes inside it (a column the detector missed leaves one) count
    // as particle; the triangles alone would lose ~6 cells per missed column.
    shape.enclosedArea_px2 = bestArea;
    // Steiner's formula for the outline grown by the margin (exact for a convex outline).
    shape.area_px2 = bestArea + shape.perimeter_px * margin_px + kPi * margin_px * margin_px;
    shape.equivalentDiameter_px = std::sqrt(4.0 * shape.area_px2 / kPi);
    return shape;
}

} // namespace hrtem
