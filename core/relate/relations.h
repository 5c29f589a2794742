#pragma once
// Relations between the columns of one frame: the neighbour graph (Delaunay with a distance
// cut), nearest-neighbour distances, coordination, surface vs bulk sites, lattice-orientation
// domains, the fitted lattice with its spacings, local strain, and the particle outline.
//
// Any lattice: the crystal's own cell, basis and plane spacings (crystal_lattice.h), indexed by
// a crystal model when one fits (crystal_models.h); surface columns only where the crystal
// ends inside the field of view. The orientation-domain and twin logic still knows the
// projected fcc [110] lattice: six neighbours, four at the nearest-neighbour distance nn and
// two at 2/√3·nn (along [1-10]); {111} fringes run along the nearest-neighbour bonds.
#include "core/util/assignment.h"
#include "core/locate/atom.h"
#include "core/relate/crystal_models.h"
#include "core/relate/lattice_fit.h"
#include "core/relate/particle_shape.h"

#include <limits>
#include <vector>

namespace hrtem {

struct Bond {
    int a = 0, b = 0;        ///< atom indices, a < b
    double length_px = 0.0;
};

struct RelationSettings {
    /// Expected nearest-neighbour distance; 0: from the Delaunay edges (their median near the
    /// shortest-edge peak, which per-atom minima would underestimate under position noise).
    double nearestNeighbour_px = 0.0;
    /// Delaunay edges up to bondCut x nearest neighbour are bonds. fcc [110] has bonds at 1 and
    /// 1.155 and the next distance at 1.633: 1.35 keeps the long bond with ~2 px to spare at
    /// 0.02 nm/px, so position noise does not break it (1.25 broke ~10% at 0.45 px noise).
    double bondCut = 1.35;
    bool strain = true;               ///< compute per-atom strain and rotation
    /// Fit the lattice to bulk columns only: surface columns lack neighbours on one side, and
    /// their positions (relaxation, fits with one-sided overlap) would bias the spacings.
    bool bulkLattice = true;
    /// The field of view (px; 0: unknown). Columns at the outline within 1.5 nn of the frame's
    /// edge are where the view cuts the crystal, not where it ends: they are not surface.
    int frameWidth = 0, frameHeight = 0;
    double pixel_nm = 0.0;       ///< calibration, to check a model's lattice constant (0: none)
    StructureChoice structure;   ///< the model to index the lattice with ("auto": by its shape)
};

struct FrameRelations {
    std::vector<Bond> bonds;
    std::vector<double> nearestNeighbour_px; ///< per atom: distance to its nearest Delaunay neighbour (NaN when alone)
    double meanNearestNeighbour_px = 0.0;    ///< mean of the per-atom values of bonded atoms
    double bondLength_px = 0.0;              ///< the nearest-neighbour scale the bond cut used

    /// Lattice-orientation domains: per atom an index into `domains`, or -1: undecided (no
    /// bonds, or bonds split evenly, as on a twin's mirror row, whose columns belong to both).
    /// Domain 0 is the largest. Twinned fcc [110] crystals give two domains whose [1-10]
    /// directions are 70.53° apart.
    std::vector<int> domain;
    std::vector<LatticeFit> domains;
    LatticeFit lattice; ///< domain 0's vectors; spacings and residual averaged over all domains (atom-weighted)

    /// Per-atom strain against the atom's domain's fitted lattice (local affine fit over its
    /// bonds; F maps reference bond vectors to measured ones): eXX = F11-1, eYY = F22-1,
    /// eXY = (F12+F21)/2, rotation = (F21-F12)/2 in degrees. NaN where an atom has no domain
    /// or fewer than two non-collinear bonds that match its domain's lattice.
    std::vector<double> strainXX, strainYY, strainXY, rotation_deg;

    /// 1-sigma of the per-atom values above and of the mean spacing, propagated from the
    /// positions' sigmas (derived_uncertainty.h); empty until the movie stages set them.
    std::vector<double> nearestNeighbourErr_px, strainXXErr, strainYYErr, strainXYErr;
    double meanNearestNeighbourErr_px = std::numeric_limits<double>::quiet_NaN();

    ParticleShape particle;       ///< empty for an extended crystal
    /// No surface in view: the crystal runs past every edge of the frame (a film, a large grain),
    /// so it has no outline, area or diameter.
    bool extended = false;

    CrystalLattice crystal;       ///< the measured cell, basis and plane spacings
    /// Grains of lattices other than fcc [110] (grain_boundaries.h): grains[0] is `crystal`,
    /// a second one turned against it when the columns show one; per atom its grain or -1.
    /// Empty for fcc [110], whose orientation domains are `domains`.
    std::vector<CrystalLattice> grains;
    std::vector<int> grain;
    LatticeIndexing indexing;     ///< the model and zone axis that name its planes, or why none
};

/// Builds the neighbour graph and everything derived from it. Sets Atom::coordination (bond
/// count) and Atom::site. Surface: on the boundary of the particle's triangulation (Delaunay
/// triangles whose edges are all within max(bondCut, 1.5) x nearest neighbour) or in none of
/// its triangles, and not at the frame's edge; Bulk otherwise. For fcc [110] that is exactly "fewer than six neighbours"
/// (the simulator's definition); a column next to a missed detection counts as surface.
/// About 3-4 ms for 1000 atoms.
FrameRelations computeRelations(std::vector<Atom>& atoms, const RelationSettings& settings = {});

} // namespace hrtem
