#pragma once
// Twin boundaries between lattice-orientation domains of a projected fcc [110] crystal.
//
// A coherent {111} twin seen along [110] is a mirror line along a nearest-neighbour bond
// direction that both domains share. The {111} rows parallel to it run straight through both
// domains; within a domain each row is shifted by +1/3 of the in-row period from the one
// below (ABC stacking), in the twin by -1/3 (CBA). The boundary is the row where the stacking
// sense flips: the rows on both sides of it are each other's mirror images. Finding that row
// from the stacking of all inter-row bonds is exact to the row, and its line is the mean of
// its columns, so the position error is the position noise over √(columns in the row).
#include "core/util/assignment.h"
#include "core/locate/atom.h"
#include "core/relate/relations.h"

#include <vector>

namespace hrtem {

struct TwinBoundary {
    Point2 p0, p1;                   ///< px: ends of the boundary (its outermost columns)
    double angle_deg = 0.0;          ///< direction p0 -> p1, atan2 in image coordinates
    double misorientation_deg = 0.0; ///< between the two domains' lattices (70.53° for a {111} twin)
    int columns = 0;                 ///< columns on the boundary row
    int domainA = -1, domainB = -1;  ///< the domains it separates (indices into FrameRelations::domains)
};

struct TwinSettings {
    double misorientation_deg = 70.53; ///< expected misorientation ({111} twin in fcc [110])
    double tolerance_deg = 6.0;        ///< accepted deviation from it
    int minDomainAtoms = 12;           ///< smaller domains are not considered
    int minRowVotes = 6;               ///< inter-row bonds needed on each side of a stacking flip
};

/// Twin boundaries of a frame, from the domains and bonds of computeRelations.
std::vector<TwinBoundary> findTwinBoundaries(const std::vector<Atom>& atoms, const FrameRelations& relations,
                                             const TwinSettings& settings = {});

} // namespace hrtem
