#pragma once
// Directions of lines (bonds, fringes, boundaries) in degrees, where θ and θ + 180° are the same line.
#include "core/util/math_constants.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

/// a reduced to [0, 180).
inline double mod180(double a)
{
    a = std::fmod(a, 180.0);
    return a < 0 ? a + 180.0 : a;
}

/// Distance between two line directions (degrees, mod 180), in [0, 90].
inline double lineDistance(double a, double b)
{
    const double d = mod180(a - b);
    return std::min(d, 180.0 - d);
}

/// Direction of the line along (x, y), in [0, 180) degrees.
inline double lineDirection(double x, double y) { return mod180(std::atan2(y, x) * 180.0 / kPi); }

} // namespace hrtem
