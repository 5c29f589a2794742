#pragma once
// Least-squares fit of a 2-D lattice (origin plus two basis vectors) to column positions.
#include "core/util/assignment.h"

#include <vector>

namespace hrtem {

struct LatticeFit {
    bool valid = false;
    double a1x = 0.0, a1y = 0.0; ///< px; for fcc [110] the two nearest-neighbour vectors, 70.53° apart
    double a2x = 0.0, a2y = 0.0;
    double originX = 0.0, originY = 0.0; ///< px: a lattice site
    double orientation_deg = 0.0; ///< direction of a1 + a2 in [0, 180) (fcc [110]: [1-10], the long bond)
    double spacing111_px = 0.0;   ///< mean of the spacings of the fringes along a1 and along a2 (cell area / |a|)
    double spacing200_px = 0.0;   ///< cell area / |a1 + a2|: the fringes along [1-10], {200} for fcc [110]
    double residual_px = 0.0;     ///< rms distance of the fitted columns from their lattice sites
    int atoms = 0;                ///< columns used in the final fit
};

/// The member nearest the members' centroid (the first of equals): where a lattice's origin
/// search starts. `members` must not be empty.
Point2 centralMember(const std::vector<Point2>& points, const std::vector<int>& members);

/// Fits positions `points[i]` for i in `members` to origin + m·a1 + n·a2 with integer (m, n).
/// `a1`, `a2` are starting vectors, good to a few per cent: first refined on the bond vectors
/// (`bondA[k]`, `bondB[k]` index pairs whose difference is a short lattice vector), then on the
/// positions themselves, where the long baseline makes the vectors precise to a small fraction
/// of the position noise. Columns more than 0.25 of the shorter vector from their site are
/// left out. Returns valid = false with fewer than 6 columns or a degenerate basis.
LatticeFit fitLattice(const std::vector<Point2>& points, const std::vector<int>& members, const std::vector<int>& bondA,
                      const std::vector<int>& bondB, Point2 a1, Point2 a2);

} // namespace hrtem
