#pragma once
// The gold particle as atom columns on a site graph. Sites are the lattice columns of the
// parent crystal and, beyond the twin plane, of the mirrored twin; each site knows its
// neighbours in projection (the six within 0.30 nm), so surface/bulk, steps, kinks and adatom
// sites all follow from counting occupied neighbours.
#include "core/sim/crystal.h"
#include "core/sim/settings.h"

#include <optional>
#include <vector>

namespace hrtem::sim {

struct Site {
    Vec2 position;      ///< crystal frame, nm
    int p = 0, q = 0;   ///< parent-lattice index (for twin sites: of the parent site mirrored)
    int variant = 0;    ///< 0 parent, 1 twin
    std::vector<int> neighbours;
    bool belowBase = false; ///< inside the support: never occupied
};

struct Column {
    int id = 0;
    int site = -1;        ///< index into the site graph
    int occupancy = 0;    ///< atoms along the beam
    double depthFirst = 0.0; ///< depth of the first atom (nm along the beam)
    bool adatom = false;
};

class Specimen {
public:
    explicit Specimen(const SimulationSettings& settings);

    const Fcc110& lattice() const { return mLattice; }
    /// Crystal frame -> specimen frame rotation (radians): puts the {111} base facing +y (down).
    double orientation() const { return mOrientation; }
    /// Unit normal of the base, pointing into the support (crystal frame); the twin plane is parallel.
    Vec2 baseNormal() const { return mLattice.normal111(0); }
    double baseOffset() const { return mBase; }
    bool twinned() const { return mTwinned; }
    int twinPlane() const { return mTwinPlane; }
    Mirror twinMirror(int plane) const;

    /// Sites for a given twin plane (rebuilt when the twin boundary migrates).
    const std::vector<Site>& sites() const { return mSites; }
    void rebuildSites(int twinPlane);
    /// Index of the site nearest to a crystal-frame point, within `tolerance` nm.
    std::optional<int> siteAt(Vec2 position, double tolerance = 0.05) const;

    /// Initial columns: lattice columns of the particle (ids from 0), steps cut. No adatoms.
    const std::vector<Column>& initialColumns() const { return mColumns; }

    /// Atoms a column at `site` holds inside the particle, and the depth of the first.
    std::pair<int, double> occupancyAt(const Site& site) const;
    /// Depth of the first atom of an `atoms`-long column centred on the mid-plane.
    double centredDepth(const Site& site, int atoms) const;
    /// Inside the particle's projected outline (crystal frame) with the twin plane at `twinPlane`.
    bool insideOutline(Vec2 position, int twinPlane) const;
    /// Depth range (nm) every atom of the particle lies in; slices of the multislice span it.
    std::pair<double, double> depthRange() const { return mDepthRange; }

private:
    void buildColumns(const SimulationSettings& settings);
    void cutSteps(int steps);

    Fcc110 mLattice;
    Polyhedron mShape;       ///< parent domain: Wulff shape cut by the base on the support
    Polyhedron mTwinShape;   ///< twin domain: the Wulff shape (no base) seen through the mirror
    double mOrientation = 0.0;
    double mBase = 0.0;
    bool mTwinned = false;
    int mTwinPlane = 0;
    int mExtent = 0; ///< index range of the site grid
    std::vector<Site> mSites;
    std::vector<Column> mColumns;
    std::pair<double, double> mDepthRange{0.0, 0.0};
};

/// Number of occupied neighbours of each site (index -> count) for a set of columns.
std::vector<int> occupiedNeighbourCounts(const std::vector<Site>& sites, const std::vector<Column>& columns);

} // namespace hrtem::sim
