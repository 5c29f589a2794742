#pragma once
// Crystal models to index a measured 2-D lattice (issue 28): fcc, bcc, hcp, rock-salt, fluorite,
// perovskite and graphene at their common zone axes.
//
// A zone axis [uvw] projects the 3-D lattice onto a 2-D one whose reciprocal lattice is the
// zero-order Laue zone: the reflections hkl with hu + kv + lw = 0 that the lattice's centring
// allows (F: h, k, l all odd or all even; I: h + k + l even). Its two shortest independent
// vectors give the projected cell's shape (length ratio and angle) and, with the lattice
// constant, its size. A measured lattice is matched on shape, and on size when the model's
// lattice constant was given and the image is calibrated; its planes are then named by the
// model's indices (fcc [110]: {111} and {200}). A model that does not match is reported with
// the shapes it predicts, never forced onto the data.
#include "core/relate/crystal_lattice.h"

#include <string>
#include <vector>

namespace hrtem {

/// What the user chose: a structure name ("auto", "fcc", "bcc", "hcp", "rock-salt", "fluorite",
/// "perovskite", "graphene") with optional lattice constants, written "fcc:0.4078" or
/// "hcp:0.2507:0.4069" (a and c, nm).
struct StructureChoice {
    std::string name = "auto";
    double a_nm = 0.0; ///< 0: not given (size not checked)
    double c_nm = 0.0; ///< hexagonal only; 0: ideal c/a = 1.633 (hcp)
};

/// Parses "name[:a[:c]]"; throws std::invalid_argument naming the problem (unknown structure,
/// a constant that is not a positive number).
StructureChoice parseStructure(const std::string& text);
std::string structureText(const StructureChoice& choice);
/// The structure names accepted, "auto" first.
std::vector<std::string> structureNames();

struct LatticeIndexing {
    std::string structure;          ///< the model's name; empty when unindexed
    std::string zoneAxis;           ///< "[110]", "[0001]"; empty when unindexed
    bool fits = true;               ///< false: the chosen structure matches none of its zone axes
    double latticeConstant_nm = 0;  ///< a implied by the measured vectors (0 without a calibration)
    std::vector<std::string> planeLabels; ///< one per CrystalLattice::planes entry: "{111}", or "(10)" unindexed
    std::string message;            ///< for the user: what was identified, assumed, or why the model does not fit
    /// True when the model is fcc [110], whose {111}/{200} spacings the d111/d200 columns hold.
    bool isFcc110() const { return structure == "fcc" && zoneAxis == "[110]"; }
};

/// Indexes `lattice` (px) with `choice`. "auto": the lattice's Bravais type; fcc [110] is
/// assumed where the shape is fcc [110]'s (the program's historical case; bcc [110] projects
/// to the same shape, which the message says), otherwise the planes keep 2-D indices and the
/// message lists the structures whose zone axes share the shape. pixel_nm <= 0: no size check.
LatticeIndexing indexLattice(const CrystalLattice& lattice, const StructureChoice& choice, double pixel_nm);

/// A model projected along one of its zone axes, for the simulator and the tests: the reduced
/// primitive vectors of the column lattice (nm, a1 along x) and the columns of one cell, each
/// with its Z-contrast weight (sum of Z^1.7 per unit length, the heaviest column 1).
struct ProjectedColumn {
    Point2 position_nm;
    double weight = 0.0;
};
struct ProjectedStructure {
    Point2 a1, a2;
    std::string zoneAxis;
    std::vector<ProjectedColumn> columns;
};
/// One per zone axis of the model `choice` names, at its lattice constants (or a typical
/// member's: Au, W, Co, MgO, CeO2, SrTiO3, graphene).
std::vector<ProjectedStructure> projectedStructures(const StructureChoice& choice);
/// The spacing (nm) of a plane family as indexLattice labels it ("{111}", "{10-10}"); 0 if none.
double planeSpacing_nm(const StructureChoice& choice, const std::string& family);

} // namespace hrtem
