#pragma once
// Uncertainties of what relations.h derives from positions (issue 22): propagated from the
// columns' own sigmas (Atom::errX/errY, the fit and systematic terms, UNCERTAINTY.md), never
// guessed. Positions of different columns are taken as independent.
//
//  - nearest-neighbour distance d = |p_j - p_i| along the unit vector u:
//      var d = u_x² (sx_i² + sx_j²) + u_y² (sy_i² + sy_j²)
//  - strain from the local affine fit F = sum_j (p_j - p_i) w_j^T (local_affine.h), linear in
//    the positions: eXX = F00 - 1 gives var = sum_j w_j0² sx_j² + (sum_j w_j0)² sx_i², and so
//    on for eYY (w_j1, sy) and eXY = (F01 + F10)/2.
//  - the frame's mean nearest-neighbour distance: sqrt(sum var d_i)/n (the distances share
//    columns; the correlation this leaves out makes it a lower bound by at most sqrt(2)).
#include "core/locate/atom.h"
#include "core/relate/relations.h"

#include <vector>

namespace hrtem {

/// Fills relations' *Err vectors (one per atom; NaN where the quantity is NaN) and
/// meanNearestNeighbourErr_px, from the atoms' current errX/errY.
void propagatePositionUncertainty(const std::vector<Atom>& atoms, FrameRelations& relations);

} // namespace hrtem
