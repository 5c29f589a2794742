#pragma once
// Grain and twin boundaries for any lattice (issue 28): a change of lattice orientation across a
// line. The crystal's cell (crystal_lattice.h) is measured on the columns of its dominant
// domain; the columns left out, when they are many, are measured again: a second cell turned
// by more than a few degrees is a second grain. Each column takes the grain whose cell it
// repeats along (or its bonded neighbours' majority), and the boundary is the line through the
// midpoints of the bonds that join the two grains. The misorientation is the smallest turn
// that brings a shortest vector of one cell onto an equally long vector of the other, so a
// lattice's own symmetry (60° hexagonal, 90° square) is taken out.
//
// fcc [110] keeps its exact {111} twin finder (twin_boundaries.h); this one serves the others.
#include "core/locate/atom.h"
#include "core/relate/crystal_lattice.h"
#include "core/relate/relations.h"
#include "core/relate/twin_boundaries.h"

#include <vector>

namespace hrtem {

/// Smallest rotation (degrees, >= 0) between two cells, their symmetry taken out.
double cellMisorientation(const CrystalLattice& a, const CrystalLattice& b);

/// The grains of a frame: relations.grains and relations.grain (per atom), from the crystal's
/// dominant cell and a second one measured on the columns it left out. `members`: the columns
/// cells may be fitted to; `neighbours`: per atom its bonded atoms.
void findGrains(FrameRelations& relations, const std::vector<Atom>& atoms, const std::vector<int>& members,
                const std::vector<std::vector<int>>& neighbours, const CrystalLatticeSettings& settings);

/// The boundary between the two grains of findGrains, as twin_boundaries.csv writes it; empty
/// with fewer than two grains or fewer than `minColumns` joining bonds.
std::vector<TwinBoundary> grainBoundaries(const std::vector<Atom>& atoms, const FrameRelations& relations, int minColumns = 4);

} // namespace hrtem
