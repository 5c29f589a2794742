#pragma once
// The local affine map of one column's neighbourhood onto its domain's lattice: the basis of
// per-atom strain (relations.h) and of its uncertainty (derived_uncertainty.h).
//
// Each bond b_j = p_j - p_i that matches a lattice vector r_j (within a quarter of the shorter
// basis vector) enters the least-squares fit F = N M^-1, N = sum b_j r_j^T, M = sum r_j r_j^T.
// F is linear in the bonds: F = sum_j b_j w_j^T with w_j = M^-1 r_j, so each neighbour's weight
// w_j is also what carries its position error into the strain.
#include "core/util/assignment.h"
#include "core/relate/lattice_fit.h"

#include <vector>

namespace hrtem {

struct LocalAffine {
    bool valid = false;                 ///< at least two non-collinear matching bonds
    double f00 = 0, f01 = 0, f10 = 0, f11 = 0; ///< F
    std::vector<int> neighbours;        ///< the bonds that matched the lattice
    std::vector<Point2> weights;        ///< w_j = M^-1 r_j, one per matched neighbour
};

LocalAffine fitLocalAffine(const std::vector<Point2>& points, std::size_t atom, const std::vector<int>& bonded,
                           const LatticeFit& lattice);

} // namespace hrtem
