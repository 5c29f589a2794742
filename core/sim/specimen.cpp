#include "core/sim/specimen.h"
#include "core/util/math_constants.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hrtem::sim {

namespace {
constexpr double kNeighbourRadius_nm = 0.30; // covers 0.2497 and 0.2884, not 0.408
} // namespace

Specimen::Specimen(const SimulationSettings& s)
{
    const SpecimenSettings& sp = s.specimen;
    mShape = Polyhedron::wulff(sp.radius111_nm, sp.radius100_nm);
    if (sp.maxThickness_nm > 0.0) {
        mShape.addHalfSpace({1.0, 1.0, 0.0}, sp.maxThickness_nm / 2.0);
        mShape.addHalfSpace({-1.0, -1.0, 0.0}, sp.maxThickness_nm / 2.0);
    }
    // The twin domain has facets of its own orientation: the same Wulff shape, mirrored. It
    // does not touch the support, so it has no base.
    mTwinShape = mShape;
    mBase = sp.base_nm;
    // The base: the (1-11) plane at base_nm from the centre, facing the support.
    mShape.addHalfSpace(Fcc110::toCubic(baseNormal()), mBase);
    const Vec2 n = baseNormal();
    mOrientation = kPi / 2.0 - std::atan2(n.y, n.x) + sp.orientation_deg * kPi / 180.0;
    mTwinned = sp.twin;
    // "Above the centre" is away from the support: negative along the base normal.
    mTwinPlane = -sp.twinPlane;
    const double reach = std::max({sp.radius111_nm, sp.radius100_nm, 0.5}) * 1.8 + 1.0;
    mExtent = static_cast<int>(std::ceil(reach / (mLattice.a / (2.0 * std::sqrt(2.0)))));
    rebuildSites(mTwinPlane);
    if (sp.particle) {
        buildColumns(s);
        cutSteps(sp.steps);
    }
}

Mirror Specimen::twinMirror(int plane) const { return {baseNormal(), plane * mLattice.d111()}; }

void Specimen::rebuildSites(int twinPlane)
{
    mTwinPlane = twinPlane;
    mSites.clear();
    const Mirror mirror = twinMirror(twinPlane);
    const Vec2 n = baseNormal();
    for (int p = -mExtent; p <= mExtent; ++p)
        for (int q = -mExtent; q <= mExtent; ++q) {
            if ((p + q) % 2 != 0)
                continue;
            const Vec2 r = mLattice.columnPosition(p, q);
            if (norm(r) > mExtent * mLattice.a / (2.0 * std::sqrt(2.0)))
                continue;
            const double side = mirror.side(r);
            // Parent sites on the support side of the twin plane (and on it); twin sites are the
            // mirror images of parent sites strictly on that side.
            if (!mTwinned || side >= -1e-9) {
                Site s{r, p, q, 0, {}, dot(n, r) > mBase + 1e-9};
                mSites.push_back(s);
            }
            if (mTwinned && side > 1e-9) {
                const Vec2 m = mirror.apply(r);
                Site s{m, p, q, 1, {}, dot(n, m) > mBase + 1e-9};
                mSites.push_back(s);
            }
        }
    // Neighbours by distance, through a coarse grid.
    const double cell = kNeighbourRadius_nm;
    std::map<std::pair<int, int>, std::vector<int>> grid;
    auto key = [&](Vec2 r) { return std::make_pair(int(std::floor(r.x / cell)), int(std::floor(r.y / cell))); };
    for (int i = 0; i < static_cast<int>(mSites.size()); ++i)
        grid[key(mSites[i].position)].push_back(i);
    for (int i = 0; i < static_cast<int>(mSites.size()); ++i) {
        const auto [cx, cy] = key(mSites[i].position);
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy) {
                const auto it = grid.find({cx + dx, cy + dy});
                if (it == grid.end())
                    continue;
                for (int j : it->second)
                    if (j != i && norm(mSites[j].position - mSites[i].position) < kNeighbourRadius_nm)
                        mSites[i].neighbours.push_back(j);
            }
    }
}

std::optional<int> Specimen::siteAt(Vec2 position, double tolerance) const
{
    std::optional<int> best;
    double bestDistance = tolerance;
    for (int i = 0; i < static_cast<int>(mSites.size()); ++i) {
        const double d = norm(mSites[i].position - position);
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

bool Specimen::insideOutline(Vec2 position, int twinPlane) const
{
    const Mirror mirror = twinMirror(twinPlane);
    if (!mTwinned || mirror.side(position) >= 0.0)
        return mShape.chord(position).has_value();
    return mTwinShape.chord(mirror.apply(position)).has_value();
}

std::pair<int, double> Specimen::occupancyAt(const Site& site) const
{
    // A twin column is the mirror image of parent column (p, q), so the mirrored shape is
    // evaluated there (the mirror keeps depths: the plane contains the beam).
    const auto chord = site.variant == 1 ? mTwinShape.chord(mLattice.columnPosition(site.p, site.q))
                                         : mShape.chord(site.position);
    if (!chord)
        return {0, 0.0};
    // Atoms at depths k·h with k of the parity of p (h = a/(2√2)); count those in the chord.
    const double h = mLattice.a / (2.0 * std::sqrt(2.0));
    const int parity = ((site.p % 2) + 2) % 2;
    auto firstIndex = [&](double t) {
        int k = static_cast<int>(std::ceil(t / h - 1e-9));
        if (((k % 2) + 2) % 2 != parity)
            ++k;
        return k;
    };
    const int k0 = firstIndex(chord->first);
    int count = 0;
    for (int k = k0; k * h <= chord->second + 1e-9; k += 2)
        ++count;
    return {count, k0 * h};
}

double Specimen::centredDepth(const Site& site, int atoms) const
{
    const double h = mLattice.a / (2.0 * std::sqrt(2.0));
    const int parity = ((site.p % 2) + 2) % 2;
    int k = -(atoms - 1); // centred: k from -(n-1) to n-1 in steps of 2 (before parity)
    if (((k % 2) + 2) % 2 != parity)
        ++k;
    return k * h;
}

void Specimen::buildColumns(const SimulationSettings&)
{
    mColumns.clear();
    double lo = 0.0, hi = 0.0;
    for (int i = 0; i < static_cast<int>(mSites.size()); ++i) {
        const Site& site = mSites[i];
        if (site.belowBase)
            continue;
        const auto [atoms, first] = occupancyAt(site);
        if (atoms <= 0)
            continue;
        Column c;
        c.id = static_cast<int>(mColumns.size());
        c.site = i;
        c.occupancy = atoms;
        c.depthFirst = first;
        mColumns.push_back(c);
        lo = std::min(lo, first);
        hi = std::max(hi, first + (atoms - 1) * mLattice.columnSpacing());
    }
    mDepthRange = {lo - 0.5 * mLattice.columnSpacing(), hi + 0.5 * mLattice.columnSpacing()};
}

void Specimen::cutSteps(int steps)
{
    // Facets that get a monatomic step, in order: the top {111} (facing away from the
    // support), then the two inclined {111} facets.
    const Vec2 up = -1.0 * baseNormal();
    const Vec2 n1 = mLattice.normal111(1);
    const std::vector<Vec2> facets = {up, n1, -1.0 * n1};
    for (int f = 0; f < steps && f < static_cast<int>(facets.size()); ++f) {
        const Vec2 normal = facets[f];
        const Vec2 tangent{-normal.y, normal.x};
        double outer = -1e9;
        for (const Column& c : mColumns)
            outer = std::max(outer, dot(normal, mSites[c.site].position));
        std::vector<double> along;
        for (const Column& c : mColumns)
            if (dot(normal, mSites[c.site].position) > outer - 0.5 * mLattice.d111())
                along.push_back(dot(tangent, mSites[c.site].position));
        if (along.size() < 4)
            continue;
        std::sort(along.begin(), along.end());
        const double cut = along[along.size() / 2];
        // The outer layer ends halfway along the facet: a step with a kink site at its foot.
        mColumns.erase(std::remove_if(mColumns.begin(), mColumns.end(),
                                      [&](const Column& c) {
                                          const Vec2 r = mSites[c.site].position;
                                          return dot(normal, r) > outer - 0.5 * mLattice.d111() && dot(tangent, r) > cut;
                                      }),
                       mColumns.end());
    }
    for (int i = 0; i < static_cast<int>(mColumns.size()); ++i)
        mColumns[i].id = i; // ids stay dense and stable from here on
}

std::vector<int> occupiedNeighbourCounts(const std::vector<Site>& sites, const std::vector<Column>& columns)
{
    std::vector<char> occupied(sites.size(), 0);
    for (const Column& c : columns)
        occupied[static_cast<std::size_t>(c.site)] = 1;
    std::vector<int> counts(sites.size(), 0);
    for (std::size_t i = 0; i < sites.size(); ++i)
        for (int j : sites[i].neighbours)
            counts[i] += occupied[static_cast<std::size_t>(j)];
    return counts;
}

} // namespace hrtem::sim
