#pragma once
// The particle's projected outline from its columns: the boundary of its triangulation
// (Delaunay triangles without an edge longer than ~1.5 nearest-neighbour distances), an
// alpha-shape-like outline that follows steps and concave corners, unlike a convex hull.
#include "core/util/assignment.h"

#include <array>
#include <vector>

namespace hrtem {

struct ParticleShape {
    std::vector<Point2> outline;        ///< column centres along the largest outline loop, in order
    double area_px2 = 0.0;              ///< the outline's area plus a margin of half a bond length
                                        ///< around it (the columns' own extent)
    double enclosedArea_px2 = 0.0;      ///< the outline's area alone (between column centres; holes filled)
    double perimeter_px = 0.0;          ///< length of the outline loop
    double equivalentDiameter_px = 0.0; ///< diameter of the disc of area_px2
};

/// `triangles` hold point indices. `margin_px`: the half bond length added outside the
/// outline (Steiner: area + perimeter·margin + π·margin²).
ParticleShape particleShape(const std::vector<Point2>& points, const std::vector<std::array<int, 3>>& triangles,
                            double margin_px);

} // namespace hrtem
