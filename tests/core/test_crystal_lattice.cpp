// Issue 28: the lattice, its indexing and surface/bulk for any crystal and zone axis. Particles of
// each structure are built column by column from the models' own atoms projected along the zone
// axis (Z-contrast weights: light columns such as oxygen are left out, as HAADF at a working
// dose does not show them), with position and intensity noise; the truth is what the infinite
// structure says: a column is surface when a neighbour site within the bond cut lies outside the
// particle.
#include "core/relate/crystal_models.h"
#include "core/relate/grain_boundaries.h"
#include "core/relate/relations.h"
#include "core/relate/twin_boundaries.h"
#include "core/sim/structure_image.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace hrtem;

namespace {

struct Particle {
    std::vector<Atom> atoms;
    std::vector<char> surface; ///< truth
    double pixel_nm = 0.0;
    int size = 0;
};

/// A round particle (sim/structure_image.h) of `radiusInBonds` nearest-neighbour distances at
/// 12 px per bond, turned by a random angle, with 0.03-bond position and 5% intensity noise,
/// as atoms with their truth.
Particle makeParticle(const std::string& structure, const std::string& zone, double radiusInBonds, std::uint64_t seed,
                      bool extended = false)
{
    sim::StructureImageSettings s;
    s.structure = structure;
    s.zoneAxis = zone;
    s.radiusInBonds = radiusInBonds;
    s.seed = seed;
    s.extended = extended;
    const sim::StructureImage image = sim::structureColumns(s);
    Particle p;
    p.pixel_nm = image.pixel_nm;
    p.size = image.counts.cols;
    for (const sim::TruthColumn& c : image.columns) {
        Atom a;
        a.id = static_cast<int>(p.atoms.size());
        a.x = c.x;
        a.y = c.y;
        a.amplitude = c.weight;
        p.atoms.push_back(a);
        p.surface.push_back(c.surface);
    }
    return p;
}

struct Case {
    const char* structure;
    const char* zone;
};

} // namespace

TEST_CASE("any crystal along its common zone axes: bulk, surface, spacings and zone axis from the columns",
          "[analysis][relations][crystal]")
{
    const Case cases[] = {{"fcc", "[001]"},      {"fcc", "[110]"},      {"fcc", "[111]"},
                          {"bcc", "[001]"},      {"hcp", "[0001]"},     {"rock-salt", "[001]"},
                          {"fluorite", "[110]"}, {"perovskite", "[001]"}, {"graphene", "[0001]"}};
    for (const Case& c : cases) {
        const StructureChoice choice = parseStructure(c.structure);
        int interior = 0, interiorBulk = 0, surface = 0, surfaceFound = 0;
        double worstSpacing = 0.0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            Particle p = makeParticle(c.structure, c.zone, 14.0, seed);
            RelationSettings rs;
            rs.frameWidth = rs.frameHeight = p.size;
            rs.pixel_nm = p.pixel_nm;
            rs.structure = choice;
            const FrameRelations r = computeRelations(p.atoms, rs);
            INFO(c.structure << ' ' << c.zone << " seed " << seed << ": " << r.indexing.message);
            CHECK(r.indexing.fits);
            CHECK(r.indexing.zoneAxis == c.zone);
            CHECK_FALSE(r.extended);
            for (std::size_t i = 0; i < p.atoms.size(); ++i) {
                if (p.surface[i]) {
                    ++surface;
                    surfaceFound += p.atoms[i].site == SiteKind::Surface ? 1 : 0;
                } else {
                    ++interior;
                    interiorBulk += p.atoms[i].site == SiteKind::Bulk ? 1 : 0;
                }
            }
            REQUIRE(r.crystal.valid);
            REQUIRE(r.indexing.planeLabels.size() == r.crystal.planes.size());
            for (std::size_t k = 0; k < r.crystal.planes.size(); ++k) {
                const double truth = planeSpacing_nm(choice, r.indexing.planeLabels[k]);
                INFO("plane " << r.indexing.planeLabels[k]);
                REQUIRE(truth > 0.0);
                worstSpacing = std::max(worstSpacing, std::abs(r.crystal.planes[k].d_px * p.pixel_nm / truth - 1.0));
            }
        }
        INFO(c.structure << ' ' << c.zone << ": interior bulk " << interiorBulk << "/" << interior << ", surface found "
                         << surfaceFound << "/" << surface << ", worst spacing error " << worstSpacing);
        CHECK(interiorBulk >= 0.99 * interior);
        CHECK(surfaceFound >= 0.95 * surface);
        CHECK(worstSpacing <= 0.005);
    }
}

TEST_CASE("the projected cells: fcc [110] is today's lattice, a perovskite's cell is its Sr-Sr square",
          "[analysis][relations][crystal]")
{
    const auto fcc = projectedStructures(parseStructure("fcc:0.4078"));
    const auto f110 = std::find_if(fcc.begin(), fcc.end(), [](const ProjectedStructure& s) { return s.zoneAxis == "[110]"; });
    REQUIRE(f110 != fcc.end());
    // Two short vectors of √6/4 a = 0.2497 nm, 109.47° apart, one column per cell.
    CHECK(std::hypot(f110->a1.x, f110->a1.y) == Approx(0.24973).epsilon(1e-4));
    CHECK(std::hypot(f110->a2.x, f110->a2.y) == Approx(0.24973).epsilon(1e-4));
    CHECK(f110->columns.size() == 1);
    CHECK(planeSpacing_nm(parseStructure("fcc:0.4078"), "{111}") == Approx(0.4078 / std::sqrt(3.0)).epsilon(1e-9));
    CHECK(planeSpacing_nm(parseStructure("fcc:0.4078"), "{200}") == Approx(0.2039).epsilon(1e-9));

    const auto perovskite = projectedStructures(parseStructure("perovskite:0.3905"));
    REQUIRE(perovskite.front().zoneAxis == "[001]");
    CHECK(std::hypot(perovskite.front().a1.x, perovskite.front().a1.y) == Approx(0.3905).epsilon(1e-9));
    // Sr (38^1.7), Ti-O (22^1.7 + 8^1.7) and two O columns (8^1.7) in the cell.
    REQUIRE(perovskite.front().columns.size() == 4);
    std::vector<double> weights;
    for (const auto& c : perovskite.front().columns)
        weights.push_back(c.weight);
    std::sort(weights.begin(), weights.end());
    CHECK(weights[3] == Approx(1.0));
    CHECK(weights[2] == Approx((std::pow(22.0, 1.7) + std::pow(8.0, 1.7)) / std::pow(38.0, 1.7)).epsilon(1e-9));
    CHECK(weights[0] == Approx(std::pow(8.0, 1.7) / std::pow(38.0, 1.7)).epsilon(1e-9));

    const auto hcp = projectedStructures(parseStructure("hcp:0.2507:0.4069"));
    CHECK(hcp.front().zoneAxis == "[0001]");
    CHECK(planeSpacing_nm(parseStructure("hcp:0.2507:0.4069"), "{10-10}") == Approx(0.2507 * std::sqrt(3.0) / 2.0).epsilon(1e-9));
}

TEST_CASE("auto assumes fcc [110] only for its shape; other lattices keep 2-D indices and name the candidates",
          "[analysis][relations][crystal]")
{
    Particle p = makeParticle("fcc", "[110]", 12.0, 7);
    RelationSettings rs;
    rs.frameWidth = rs.frameHeight = p.size;
    rs.pixel_nm = p.pixel_nm;
    FrameRelations r = computeRelations(p.atoms, rs);
    CHECK(r.indexing.isFcc110());
    CHECK(r.indexing.latticeConstant_nm == Approx(0.4078).epsilon(0.005));
    CHECK(r.lattice.spacing111_px * p.pixel_nm == Approx(0.4078 / std::sqrt(3.0)).epsilon(0.005));
    CHECK(r.lattice.spacing200_px * p.pixel_nm == Approx(0.2039).epsilon(0.005));

    p = makeParticle("perovskite", "[001]", 12.0, 8);
    rs.frameWidth = rs.frameHeight = p.size;
    rs.pixel_nm = p.pixel_nm;
    r = computeRelations(p.atoms, rs);
    CHECK(r.crystal.byIntensity);
    CHECK(r.crystal.type == BravaisType::Square);
    CHECK(r.crystal.basis.size() == 2); // Sr at the origin, Ti-O at the cell's centre
    REQUIRE(r.crystal.basis.size() >= 2);
    CHECK(r.crystal.basis[1].u == Approx(0.5).margin(0.02));
    CHECK(r.crystal.basis[1].v == Approx(0.5).margin(0.02));
    CHECK(r.indexing.structure.empty());
    CHECK(r.indexing.planeLabels.front().front() == '(');
    CHECK(r.indexing.message.find("perovskite [001]") != std::string::npos);
    // Unindexed: no d111/d200.
    CHECK(std::isnan(r.lattice.spacing111_px));
    // Its two columns per cell leave perovskite [001] as the only candidate of that shape.
    CHECK(r.indexing.message.find("fcc [001]") == std::string::npos);

    // A honeycomb (two columns per cell) is hcp [0001] or graphene, not fcc [111] (one per cell),
    // and with fcc chosen the mismatch is said.
    p = makeParticle("graphene", "[0001]", 12.0, 9);
    rs.frameWidth = rs.frameHeight = p.size;
    rs.pixel_nm = p.pixel_nm;
    r = computeRelations(p.atoms, rs);
    CHECK(r.crystal.type == BravaisType::Hexagonal);
    CHECK(r.crystal.basis.size() == 2);
    CHECK(r.indexing.message.find("hcp [0001], graphene [0001]") != std::string::npos);
    CHECK(r.indexing.message.find("fcc [111]") == std::string::npos);
    rs.structure = parseStructure("fcc");
    r = computeRelations(p.atoms, rs);
    CHECK(r.indexing.zoneAxis == "[111]");
    CHECK(r.indexing.message.find("the model shows 1 column(s) per cell along it, the image 2") != std::string::npos);
}

TEST_CASE("a model that does not fit is reported, not forced", "[analysis][relations][crystal]")
{
    Particle p = makeParticle("fcc", "[110]", 12.0, 9);
    RelationSettings rs;
    rs.frameWidth = rs.frameHeight = p.size;
    rs.pixel_nm = p.pixel_nm;
    rs.structure = parseStructure("perovskite");
    std::vector<Atom> atoms = p.atoms;
    FrameRelations r = computeRelations(atoms, rs);
    CHECK_FALSE(r.indexing.fits);
    CHECK(r.indexing.structure.empty());
    CHECK(r.indexing.message.find("perovskite does not fit") != std::string::npos);
    // The right shape at the wrong size: fcc with a = 0.35 nm on gold's 0.4078 nm.
    rs.structure = parseStructure("fcc:0.35");
    atoms = p.atoms;
    r = computeRelations(atoms, rs);
    CHECK_FALSE(r.indexing.fits);
    CHECK(r.indexing.message.find("a = 0.40") != std::string::npos);
    // And at the right size it fits, with a within 0.5%.
    rs.structure = parseStructure("fcc:0.4078");
    atoms = p.atoms;
    r = computeRelations(atoms, rs);
    CHECK(r.indexing.fits);
    CHECK(r.indexing.zoneAxis == "[110]");
    CHECK(r.indexing.latticeConstant_nm == Approx(0.4078).epsilon(0.005));
}

TEST_CASE("an extended crystal has no surface, outline or diameter; a particle cut by the frame keeps its other surfaces",
          "[analysis][relations][crystal]")
{
    Particle p = makeParticle("perovskite", "[001]", 20.0, 3);
    // The frame cuts a square out of the middle of the particle: no crystal edge in view.
    const double half = 0.3 * p.size;
    std::vector<Atom> film;
    for (const Atom& a : p.atoms)
        if (std::abs(a.x - 0.5 * p.size) < half && std::abs(a.y - 0.5 * p.size) < half) {
            Atom b = a;
            b.x -= 0.5 * p.size - half;
            b.y -= 0.5 * p.size - half;
            film.push_back(b);
        }
    RelationSettings rs;
    rs.frameWidth = rs.frameHeight = static_cast<int>(2 * half);
    FrameRelations r = computeRelations(film, rs);
    CHECK(r.extended);
    CHECK(r.particle.outline.empty());
    CHECK(r.particle.area_px2 == 0.0);
    CHECK(std::none_of(film.begin(), film.end(), [](const Atom& a) { return a.site == SiteKind::Surface; }));

    // Without a frame size nothing is known of the view: the outline columns stay surface.
    film = std::vector<Atom>(film);
    rs.frameWidth = rs.frameHeight = 0;
    r = computeRelations(film, rs);
    CHECK_FALSE(r.extended);
    CHECK(std::any_of(film.begin(), film.end(), [](const Atom& a) { return a.site == SiteKind::Surface; }));

    // The whole particle, with the frame's edge through its left half: the right half's surface stays.
    std::vector<Atom> cut;
    for (const Atom& a : p.atoms)
        if (a.x > 0.35 * p.size) {
            Atom b = a;
            b.x -= 0.35 * p.size;
            cut.push_back(b);
        }
    rs.frameWidth = static_cast<int>(0.65 * p.size);
    rs.frameHeight = p.size;
    r = computeRelations(cut, rs);
    CHECK_FALSE(r.extended);
    const auto surfaceRight = std::count_if(cut.begin(), cut.end(), [](const Atom& a) { return a.site == SiteKind::Surface; });
    CHECK(surfaceRight > 20);
    // Along the frame's edge the view cuts the crystal: no surface there, except where the
    // particle's own rim reaches the edge (its top and bottom, next to the vacuum in view).
    CHECK(std::none_of(cut.begin(), cut.end(), [&](const Atom& a) {
        return a.site == SiteKind::Surface && a.x < 10.0 && std::abs(a.y - 0.5 * p.size) < 0.3 * p.size;
    }));
}

TEST_CASE("structure names parse with their lattice constants, and bad ones say why", "[analysis][relations][crystal]")
{
    CHECK(parseStructure("").name == "auto");
    const StructureChoice hcp = parseStructure("hcp:0.2507:0.4069");
    CHECK(hcp.name == "hcp");
    CHECK(hcp.a_nm == Approx(0.2507));
    CHECK(hcp.c_nm == Approx(0.4069));
    CHECK(structureText(hcp) == "hcp:0.2507:0.4069");
    CHECK_THROWS_WITH(parseStructure("diamond"), Catch::Contains("unknown structure 'diamond'"));
    CHECK_THROWS_WITH(parseStructure("fcc:-1"), Catch::Contains("is not a length"));
    CHECK_THROWS_WITH(parseStructure("fcc:0.4:0.5"), Catch::Contains("only hexagonal"));
    CHECK(structureNames().front() == "auto");
    CHECK(structureNames().size() == 8);
}

TEST_CASE("grain boundaries for any lattice: a turned grain, its misorientation and the line between",
          "[analysis][relations][crystal]")
{
    // A square lattice (bond 10 px) whose right half is turned by 36.87° (a Σ5 tilt boundary)
    // and a honeycomb whose right half is turned by 21.79° (Σ7), both with 0.3 px noise.
    struct Case {
        const char* name;
        double turn_deg;
        bool honeycomb;
    };
    for (const Case& c : {Case{"square Σ5", 36.87, false}, Case{"honeycomb Σ7", 21.79, true}}) {
        INFO(c.name);
        std::mt19937_64 rng(5);
        std::normal_distribution<double> gauss(0.0, 0.3);
        std::vector<Atom> atoms;
        const double t = c.turn_deg * 3.14159265358979323846 / 180.0;
        for (int half = 0; half < 2; ++half)
            for (int i = -40; i <= 40; ++i)
                for (int j = -40; j <= 40; ++j)
                    for (int site = 0; site < (c.honeycomb ? 2 : 1); ++site) {
                        // Honeycomb: cell a = √3 bonds, sites at (0, 0) and (1/3, 2/3).
                        const double a = c.honeycomb ? 10.0 * std::sqrt(3.0) : 10.0;
                        const double u = i + (site ? 1.0 / 3.0 : 0.0), v = j + (site ? 2.0 / 3.0 : 0.0);
                        double x = c.honeycomb ? a * (u - 0.5 * v) : a * u;
                        double y = c.honeycomb ? a * v * std::sqrt(3.0) / 2.0 : a * v;
                        if (half == 1) {
                            const double xr = std::cos(t) * x - std::sin(t) * y, yr = std::sin(t) * x + std::cos(t) * y;
                            x = xr;
                            y = yr;
                        }
                        if ((half == 0) != (x < 0.0) || std::hypot(x, y) > 150.0)
                            continue;
                        Atom at;
                        at.x = 200.0 + x + gauss(rng);
                        at.y = 200.0 + y + gauss(rng);
                        at.amplitude = 1.0;
                        atoms.push_back(at);
                    }
        RelationSettings rs;
        rs.frameWidth = rs.frameHeight = 400;
        const FrameRelations r = computeRelations(atoms, rs);
        REQUIRE(r.grains.size() == 2);
        CHECK(cellMisorientation(r.grains[0], r.grains[1]) == Approx(c.turn_deg).margin(0.5));
        const std::vector<TwinBoundary> b = findTwinBoundaries(atoms, r);
        REQUIRE(b.size() == 1);
        CHECK(b[0].misorientation_deg == Approx(c.turn_deg).margin(0.5));
        // The boundary is the line x = 200 (vertical), within a bond.
        CHECK(std::abs(0.5 * (b[0].p0.x + b[0].p1.x) - 200.0) < 10.0);
        CHECK(std::abs(std::abs(b[0].angle_deg) - 90.0) < 5.0);
        CHECK(std::abs(b[0].p1.y - b[0].p0.y) > 200.0);
    }
    // One grain: no boundary.
    Particle p = makeParticle("perovskite", "[001]", 14.0, 4);
    RelationSettings rs;
    rs.frameWidth = rs.frameHeight = p.size;
    const FrameRelations r = computeRelations(p.atoms, rs);
    CHECK(r.grains.size() == 1);
    CHECK(findTwinBoundaries(p.atoms, r).empty());
}
