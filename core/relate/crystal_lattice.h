#pragma once
// The crystal's 2-D lattice measured from its columns, for any structure and zone axis (issue 28):
// the two primitive translations of the projected structure, its basis (sublattices), the
// plane spacings with their errors, and the 2-D Bravais type.
//
// Translations are what the data repeat, not nearest-neighbour bonds: a vector t is a lattice
// translation at a column when it finds a column at p + t and at p - t, and, where the columns
// fall into two clearly separate intensity classes (Sr vs Ti-O in SrTiO3 HAADF), ones of its
// own class. A honeycomb's bond (graphene, hcp [0001]) reaches the other sublattice one way
// only and a perovskite's Sr -> Ti-O vector joins different species: neither is a translation,
// so the cell comes out as the crystal's, not as the nearest-neighbour mesh. The cell most
// columns share is the crystal's; a twin's smaller domain is left out of its fit.
// The vectors and the sublattice offsets are then fitted to all the columns at once (linear
// least squares with integer cell indices), which makes them precise to a small fraction of the
// position noise and gives their covariance.
#include "core/util/assignment.h"
#include "core/locate/atom.h"

#include <string>
#include <vector>

namespace hrtem {

/// One sublattice of the basis: where its columns sit in the cell and how bright they are.
struct Sublattice {
    double u = 0.0, v = 0.0;    ///< fractional position in the cell (the brightest sublattice at 0, 0)
    double meanAmplitude = 0.0; ///< mean fitted amplitude of its columns
    int columns = 0;
};

/// A family of lattice planes (hk) of the 2-D cell: the planes through the lattice points whose
/// normal is h·b1 + k·b2 (b: the reciprocal vectors), d = 1/|h·b1 + k·b2|.
struct PlaneSpacing {
    int h = 0, k = 0;
    double d_px = 0.0, dErr_px = 0.0;
    double normal_deg = 0.0; ///< direction of the planes' normal, in [0, 180)
};

/// (The order is the window's table of translated names.)
enum class BravaisType { Oblique, Rectangular, CentredRectangular, Square, Hexagonal };
const char* bravaisTypeName(BravaisType type);

struct CrystalLattice {
    bool valid = false;
    Point2 a1, a2;                        ///< px; Gauss-reduced, |a1| <= |a2|, angle between them >= 90°
    double a1Err_px = 0.0, a2Err_px = 0.0; ///< 1-sigma of |a1|, |a2|
    double angle_deg = 0.0, angleErr_deg = 0.0;
    Point2 origin;                        ///< px: a site of the brightest sublattice
    std::vector<Sublattice> basis;        ///< brightest first
    bool byIntensity = false;             ///< translations had to join columns of the same intensity class
    BravaisType type = BravaisType::Oblique;
    std::vector<PlaneSpacing> planes;     ///< the widest-spaced families first (up to four)
    double residual_px = 0.0;             ///< rms distance of the fitted columns from their sites
    int columns = 0;                      ///< columns in the final fit
    std::vector<int> domainColumns;       ///< atom indices of the members that repeat along this cell
};

struct CrystalLatticeSettings {
    double nearestNeighbour_px = 0.0; ///< the bond length; sets the search radius and tolerances
};

/// Measures the lattice from `atoms[i]` for i in `members` (the bulk columns: surface columns
/// relax); partners are sought among all atoms. valid = false with fewer than 8 members in the
/// dominant domain or no two independent translations.
CrystalLattice measureCrystalLattice(const std::vector<Atom>& atoms, const std::vector<int>& members,
                                     const CrystalLatticeSettings& settings);

/// 2-D Bravais type of a reduced basis, within a relative length tolerance and an angle one.
BravaisType classifyBravais(Point2 a1, Point2 a2, double lengthTolerance, double angleTolerance_deg);

} // namespace hrtem
