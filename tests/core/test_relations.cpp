// Relations between columns: neighbour graph, lattice fit, strain, outline, twin boundaries,
// and their scoring against simulator truth. Hand-built fcc [110] lattices where the answer is
// exact, and simulator truth positions with added noise where it is known to the bar.
#include "core/locate/localization.h"
#include "core/relate/relations.h"
#include "core/evaluate/structure_evaluation.h"
#include "core/relate/twin_boundaries.h"
#include "core/sim/simulation.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

using namespace hrtem;

namespace {
constexpr double kPi = 3.14159265358979323846;
// Gold along [110] at 0.02 nm/px: column (p, q) at (p·a/(2√2), q·a/2), p+q even.
constexpr double kU = 0.4078 / (2.0 * 1.4142135623730951) / 0.02; // 7.209 px
constexpr double kV = 0.4078 / 2.0 / 0.02;                         // 10.195 px
const double kNN = std::hypot(kU, kV);                             // 12.486 px
const double kD111 = 0.4078 / std::sqrt(3.0) / 0.02;               // 11.773 px
const double kD200 = kV;                                           // 10.195 px

struct Lattice {
    std::vector<Atom> atoms;
    std::vector<int> variant; ///< 0 parent, 1 twin, 2 on the mirror row (both)
};

/// A roughly round fcc [110] cluster of `radius` px centred at (256, 256), rotated by
/// `rotation_deg`. With `twinAt` (a number of {111} rows from the centre), sites beyond that
/// (1-11)-type row are replaced by their mirror images: a coherent twin.
Lattice cluster(double radius, double rotation_deg, double noise, std::uint64_t seed, bool twin = false, int twinAt = 0)
{
    Lattice l;
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> g(0.0, noise);
    // The mirror row runs along the short bond (kU, kV); its unit normal:
    const double nx = -kV / kNN, ny = kU / kNN;
    const double c = std::cos(rotation_deg * kPi / 180.0), s = std::sin(rotation_deg * kPi / 180.0);
    auto place = [&](double x, double y, int variant) {
        if (x * x + y * y > radius * radius)
            return;
        Atom a;
        a.x = 256.0 + c * x - s * y + (noise > 0 ? g(rng) : 0.0);
        a.y = 256.0 + s * x + c * y + (noise > 0 ? g(rng) : 0.0);
        a.id = static_cast<int>(l.atoms.size());
        l.atoms.push_back(a);
        l.variant.push_back(variant);
    };
    for (int p = -60; p <= 60; ++p)
        for (int q = -60; q <= 60; ++q) {
            if ((p + q) % 2 != 0)
                continue;
            const double x = p * kU, y = q * kV;
            const double side = x * nx + y * ny - twinAt * kD111;
            if (!twin || side >= -1e-9)
                place(x, y, twin && std::abs(side) < 1e-9 ? 2 : 0); // 2: on the mirror row
            if (twin && side > 1e-9) // its mirror image lands on the other side
                place(x - 2.0 * side * nx, y - 2.0 * side * ny, 1);
        }
    return l;
}

/// A scratch folder, removed afterwards.
struct ScratchDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("hrtem-test-relations-" + std::to_string(::getpid()));
    ScratchDir() { std::filesystem::create_directories(path / "truth"); }
    ~ScratchDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

double mod180(double a)
{
    a = std::fmod(a, 180.0);
    return a < 0 ? a + 180.0 : a;
}
double lineDistance(double a, double b)
{
    const double d = mod180(a - b);
    return std::min(d, 180.0 - d);
}
} // namespace

TEST_CASE("a perfect fcc [110] lattice: six bonds in the bulk, exact spacings, no strain", "[analysis][relations]")
{
    Lattice l = cluster(100.0, 17.0, 0.0, 1);
    const FrameRelations r = computeRelations(l.atoms);
    REQUIRE(l.atoms.size() > 150);
    CHECK(r.bondLength_px == Approx(kNN).epsilon(1e-4));
    CHECK(r.meanNearestNeighbour_px == Approx(kNN).epsilon(1e-4));
    int bulk = 0, bulkSix = 0;
    for (const Atom& a : l.atoms)
        if (a.site == SiteKind::Bulk) {
            ++bulk;
            bulkSix += a.coordination == 6;
        }
    CHECK(bulk > 100);
    CHECK(bulkSix == bulk);
    // Surface: exactly the atoms with fewer than six neighbours (a convex cluster has no holes).
    for (const Atom& a : l.atoms)
        CHECK((a.site == SiteKind::Surface) == (a.coordination < 6));
    REQUIRE(r.domains.size() == 1);
    REQUIRE(r.lattice.valid);
    CHECK(r.lattice.spacing111_px == Approx(kD111).epsilon(1e-6));
    CHECK(r.lattice.spacing200_px == Approx(kD200).epsilon(1e-6));
    CHECK(r.lattice.residual_px < 1e-6);
    CHECK(r.lattice.atoms == bulk); // fitted to the bulk columns
    // [1-10] (the long bond) lies along the rotated x axis.
    CHECK(lineDistance(r.lattice.orientation_deg, 17.0) < 1e-6);
    for (std::size_t i = 0; i < l.atoms.size(); ++i)
        if (l.atoms[i].site == SiteKind::Bulk) {
            CHECK(std::abs(r.strainXX[i]) < 1e-9);
            CHECK(std::abs(r.strainXY[i]) < 1e-9);
            CHECK(std::abs(r.rotation_deg[i]) < 1e-7);
        }
    CHECK(findTwinBoundaries(l.atoms, r).empty());
}

TEST_CASE("the particle outline and area of a round cluster", "[analysis][relations]")
{
    Lattice l = cluster(100.0, 0.0, 0.0, 1);
    const FrameRelations r = computeRelations(l.atoms);
    // The column centres span a disc of nearly 100 px radius; the area adds half a bond.
    const double cellArea = 2.0 * kU * kV; // one column per primitive cell
    CHECK(r.particle.enclosedArea_px2 < kPi * 100.0 * 100.0);
    CHECK(r.particle.enclosedArea_px2 > kPi * 92.0 * 92.0);
    // Every column owns one cell: the area with margin is about N cells.
    CHECK(r.particle.area_px2 == Approx(l.atoms.size() * cellArea).epsilon(0.03));
    CHECK(r.particle.equivalentDiameter_px == Approx(std::sqrt(4.0 * r.particle.area_px2 / kPi)).epsilon(1e-12));
    // The outline is a closed loop through the surface columns, all of them for a convex cluster.
    int surface = 0;
    for (const Atom& a : l.atoms)
        surface += a.site == SiteKind::Surface;
    CHECK(static_cast<int>(r.particle.outline.size()) == surface);
    // Through the columns the outline steps along the lattice: longer than the circle, not by much.
    CHECK(r.particle.perimeter_px > 2.0 * kPi * 95.0);
    CHECK(r.particle.perimeter_px < 1.15 * 2.0 * kPi * 100.0);
}

TEST_CASE("local strain shows where the lattice departs from the fitted reference", "[analysis][relations]")
{
    // Stretch the right half by 2% along x (continuous at x = 256): its columns are 1% above the
    // mean lattice, the left half 1% below, so eXX differs by 2% between the halves.
    Lattice l = cluster(110.0, 0.0, 0.0, 1);
    for (Atom& a : l.atoms)
        if (a.x > 256.0)
            a.x = 256.0 + (a.x - 256.0) * 1.02;
    const FrameRelations r = computeRelations(l.atoms);
    double left = 0, right = 0, shear = 0;
    int nl = 0, nr = 0;
    for (std::size_t i = 0; i < l.atoms.size(); ++i) {
        if (l.atoms[i].site != SiteKind::Bulk || std::abs(l.atoms[i].x - 256.0) < 20.0)
            continue;
        (l.atoms[i].x > 256.0 ? right : left) += r.strainXX[i];
        (l.atoms[i].x > 256.0 ? nr : nl)++;
        shear = std::max(shear, std::abs(r.strainYY[i]) + std::abs(r.strainXY[i]));
    }
    REQUIRE(nl > 20);
    REQUIRE(nr > 20);
    CHECK(right / nr - left / nl == Approx(0.02).margin(0.001));
    CHECK(shear < 0.002);
}

TEST_CASE("a coherent twin: two domains 70.53° apart and the boundary on the mirror row", "[analysis][relations][twin]")
{
    for (double rotation : {0.0, 33.0, -71.0}) {
        INFO("rotation " << rotation);
        Lattice l = cluster(120.0, rotation, 0.4, 7, true, 2);
        const FrameRelations r = computeRelations(l.atoms);
        REQUIRE(r.domains.size() == 2);
        // Domains agree with the construction (the mirror row itself belongs to both).
        int agree = 0, decided = 0;
        int parentDomain = r.domain[static_cast<std::size_t>(std::find(l.variant.begin(), l.variant.end(), 0) - l.variant.begin())];
        for (std::size_t i = 0; i < l.atoms.size(); ++i)
            if (r.domain[i] >= 0 && l.variant[i] != 2) {
                ++decided;
                agree += (r.domain[i] == parentDomain) == (l.variant[i] == 0);
            }
        CHECK(agree >= 0.95 * decided);
        CHECK(lineDistance(r.domains[0].orientation_deg, r.domains[1].orientation_deg) == Approx(70.53).margin(0.3));
        CHECK(r.lattice.spacing111_px == Approx(kD111).epsilon(0.002));

        const std::vector<TwinBoundary> twins = findTwinBoundaries(l.atoms, r);
        REQUIRE(twins.size() == 1);
        const TwinBoundary& t = twins[0];
        // The mirror row: along the short bond (kU, kV) rotated, 2 rows from the centre.
        const double along = std::atan2(kV, kU) * 180.0 / kPi + rotation;
        CHECK(lineDistance(t.angle_deg, along) < 0.5);
        const double nx = -kV / kNN, ny = kU / kNN;
        const double c = std::cos(rotation * kPi / 180.0), s = std::sin(rotation * kPi / 180.0);
        const double rnx = c * nx - s * ny, rny = s * nx + c * ny;
        const double mx = 0.5 * (t.p0.x + t.p1.x) - 256.0, my = 0.5 * (t.p0.y + t.p1.y) - 256.0;
        CHECK(std::abs(mx * rnx + my * rny - 2.0 * kD111) < 0.5);
        CHECK(t.misorientation_deg == Approx(70.53).margin(0.5));
        CHECK(t.columns >= 15);
    }
}

TEST_CASE("a twin lamella: two boundaries where the {111} stacking flips", "[analysis][relations][twin]")
{
    // Built row by row along the mirror rows: each {111} row is shifted by +1/3 of the in-row
    // period from the one below (ABC...), by -1/3 inside the lamella (rows 0 to 4), so rows 0
    // and 4 are mirror rows.
    const double period = kNN, spacing = kD111, rotation = 12.0;
    const double c = std::cos(rotation * kPi / 180.0), s = std::sin(rotation * kPi / 180.0);
    std::mt19937_64 rng(3);
    std::normal_distribution<double> g(0.0, 0.3);
    std::vector<Atom> atoms;
    double shift = 0.0;
    std::vector<double> shifts(40);
    for (int k = 0; k < 20; ++k) { // rows 0..19 upwards, then 0..-19 downwards
        shifts[static_cast<std::size_t>(20 + k)] = shift;
        shift += (k >= 0 && k < 4) ? -1.0 / 3.0 : 1.0 / 3.0;
    }
    shift = 0.0;
    for (int k = -1; k >= -20; --k) {
        shift -= 1.0 / 3.0;
        shifts[static_cast<std::size_t>(20 + k)] = shift;
    }
    for (int k = -20; k < 20; ++k)
        for (int m = -20; m <= 20; ++m) {
            const double t = (m + shifts[static_cast<std::size_t>(20 + k)]) * period, v = k * spacing;
            if (t * t + v * v > 110.0 * 110.0)
                continue;
            Atom a;
            a.x = 256.0 + c * t - s * v + g(rng);
            a.y = 256.0 + s * t + c * v + g(rng);
            atoms.push_back(a);
        }
    const FrameRelations r = computeRelations(atoms);
    REQUIRE(r.domains.size() == 2);
    std::vector<TwinBoundary> twins = findTwinBoundaries(atoms, r);
    REQUIRE(twins.size() == 2);
    std::vector<double> offsets;
    for (const TwinBoundary& t : twins) {
        CHECK(lineDistance(t.angle_deg, rotation) < 0.5);
        const double mx = 0.5 * (t.p0.x + t.p1.x) - 256.0, my = 0.5 * (t.p0.y + t.p1.y) - 256.0;
        offsets.push_back(-s * mx + c * my); // along the row normal
    }
    std::sort(offsets.begin(), offsets.end());
    CHECK(offsets[0] == Approx(0.0).margin(0.3));
    CHECK(offsets[1] == Approx(4.0 * spacing).margin(0.3));
}

TEST_CASE("relations of simulator truth with localization-like noise meet the twin and spacing bars",
          "[analysis][relations][twin][sim]")
{
    // Truth positions of the medium preset plus 0.45 px Gaussian noise (about what localization
    // reaches at medium dose); no rendering, so this stays fast.
    sim::SimulationSettings s = sim::preset("medium");
    s.seed = 5;
    s.frames = 3;
    const sim::Simulation simulation(s);
    const double d111 = simulation.specimen().lattice().d111() / s.pixel_nm;
    std::mt19937_64 rng(11);
    std::normal_distribution<double> g(0.0, 0.45);
    for (int f = 0; f < s.frames; ++f) {
        INFO("frame " << f);
        std::vector<Atom> atoms;
        std::vector<int> variant;
        for (const sim::ColumnState& c : simulation.state(f).columns) {
            const sim::Vec2 p = simulation.columnPosition(f, c);
            Atom a;
            a.x = p.x + g(rng);
            a.y = p.y + g(rng);
            atoms.push_back(a);
            variant.push_back(c.variant);
        }
        const FrameRelations r = computeRelations(atoms);
        REQUIRE(r.lattice.valid);
        CHECK(std::abs(r.lattice.spacing111_px / d111 - 1.0) < 0.005);
        // Surface sites as the simulator defines them (fewer than six neighbours, or adatom).
        int agree = 0;
        for (std::size_t i = 0; i < atoms.size(); ++i)
            agree += (atoms[i].site == SiteKind::Surface) == simulation.state(f).columns[i].surface;
        CHECK(agree >= 0.97 * atoms.size());

        const auto truth = simulation.twinBoundary(f);
        REQUIRE(truth);
        const std::vector<TwinBoundary> twins = findTwinBoundaries(atoms, r);
        REQUIRE(twins.size() == 1);
        CHECK(lineDistance(twins[0].angle_deg, truth->angle_deg()) <= 2.0);
        const double mx = 0.5 * (truth->a.x + truth->b.x), my = 0.5 * (truth->a.y + truth->b.y);
        const double dx = twins[0].p1.x - twins[0].p0.x, dy = twins[0].p1.y - twins[0].p0.y;
        const double distance = std::abs(dx * (my - twins[0].p0.y) - dy * (mx - twins[0].p0.x)) / std::hypot(dx, dy);
        CHECK(distance <= 2.0);
    }
}

TEST_CASE("on a rendered medium-dose frame, localized columns give the twin boundary and the {111} spacing",
          "[analysis][relations][twin][sim]")
{
    // End to end through localization: one 512 x 512 frame (about a second to render).
    sim::SimulationSettings s = sim::preset("medium");
    s.seed = 3;
    s.frames = 1;
    const sim::Simulation simulation(s);
    const cv::Mat frame = simulation.noisyFrame(0, simulation.cleanFrame(0));
    std::vector<Atom> atoms = localizeColumns(frame);
    REQUIRE(atoms.size() > 300);
    const FrameRelations r = computeRelations(atoms);
    REQUIRE(r.lattice.valid);
    const double d111 = simulation.specimen().lattice().d111() / s.pixel_nm;
    CHECK(std::abs(r.lattice.spacing111_px / d111 - 1.0) < 0.005);
    const auto truth = simulation.twinBoundary(0);
    REQUIRE(truth);
    const std::vector<TwinBoundary> twins = findTwinBoundaries(atoms, r);
    REQUIRE(twins.size() == 1);
    CHECK(lineDistance(twins[0].angle_deg, truth->angle_deg()) <= 2.0);
    const double mx = 0.5 * (truth->a.x + truth->b.x), my = 0.5 * (truth->a.y + truth->b.y);
    const double dx = twins[0].p1.x - twins[0].p0.x, dy = twins[0].p1.y - twins[0].p0.y;
    CHECK(std::abs(dx * (my - twins[0].p0.y) - dy * (mx - twins[0].p0.x)) / std::hypot(dx, dy) <= 2.0);
    CHECK(twins[0].misorientation_deg == Approx(70.53).margin(1.0));
}

TEST_CASE("structure scores: truth files read back, errors as documented", "[analysis][relations][evaluation]")
{
    const ScratchDir temp;
    {
        std::ofstream p(temp.path / "parameters.json");
        p << R"({"pixel_nm": 0.02, "frames": 3, "derived": {"d111_nm": 0.2, "d200_nm": 0.18, "nearest_neighbour_nm": 0.25}})";
        std::ofstream t(temp.path / "truth/twin_boundaries.csv");
        t << "frame,time_s,x0_px,y0_px,x1_px,y1_px,x0_nm,y0_nm,x1_nm,y1_nm,angle_deg,misorientation_deg,plane\n"
          << "0,0,100,200,300,200,2,4,6,4,0.000,70.529,-2\n"
          << "1,0.05,300,200,100,200,6,4,2,4,180.000,70.529,-2\n";
    }
    const TruthStructure truth = readTruthStructure(temp.path.string());
    CHECK(truth.d111_px == Approx(10.0));
    CHECK(truth.nearestNeighbour_px == Approx(12.5));
    REQUIRE(truth.twins.size() == 2);
    CHECK(truth.twins[1].p0.x == Approx(300.0));

    // Frame 0: a line 1.5 px below the truth, tilted by 1° about the truth's midpoint (200, 201.5).
    TwinBoundary a;
    const double t = std::tan(1.0 * kPi / 180.0);
    a.p0 = {150.0, 201.5 - 50.0 * t};
    a.p1 = {250.0, 201.5 + 50.0 * t};
    a.angle_deg = 1.0;
    a.misorientation_deg = 70.0;
    // Frame 1: found 3 px off; frame 2 has no truth, so its boundary is extra.
    TwinBoundary b = a;
    b.p0 = {0.0, 203.0};
    b.p1 = {10.0, 203.0};
    b.angle_deg = 0.0;
    FrameRelations fr;
    fr.lattice.valid = true;
    fr.lattice.spacing111_px = 10.02;
    fr.lattice.spacing200_px = 9.0;
    FrameRelations fr2 = fr;
    fr2.lattice.spacing111_px = 9.99;
    const StructureScore score = scoreStructure(truth, {fr, fr2, fr}, {{a}, {b}, {b}});
    CHECK(score.twinFrames == 2);
    CHECK(score.twinFound == 2);
    CHECK(score.twinWithin == 1);
    CHECK(score.extraBoundaries == 1);
    REQUIRE(score.perFrame.size() == 2);
    CHECK(score.perFrame[0].positionError_px == Approx(1.5 * std::cos(1.0 * kPi / 180.0)).epsilon(1e-9));
    CHECK(score.perFrame[0].angleError_deg == Approx(1.0));
    CHECK(score.perFrame[1].positionError_px == Approx(3.0));
    CHECK(score.perFrame[1].angleError_deg == Approx(0.0).margin(1e-12)); // 0° and 180° are one line
    CHECK(score.maxPositionError_px == Approx(3.0));
    CHECK(score.latticeFrames == 3);
    CHECK(score.meanSpacing111_px == Approx((10.02 * 2 + 9.99) / 3));
    CHECK(score.maxAbsRelativeError111 == Approx(0.002));
}

TEST_CASE("other lattices: square and hexagonal get bonds, surface sites and a fitted basis", "[analysis][relations]")
{
    struct Case {
        const char* name;
        double b1x, b1y, b2x, b2y;
        int bulkCoordination;
        double spacing; // cell area / |a|: the widest planes
    };
    const double h = 10.0 * std::sqrt(3.0) / 2.0;
    for (const Case& c : {Case{"square", 10.0, 0.0, 0.0, 10.0, 4, 10.0}, Case{"hexagonal", 10.0, 0.0, 5.0, h, 6, h}}) {
        INFO(c.name);
        std::vector<Atom> atoms;
        for (int i = -20; i <= 20; ++i)
            for (int j = -20; j <= 20; ++j) {
                Atom a;
                a.x = 256.0 + i * c.b1x + j * c.b2x;
                a.y = 256.0 + i * c.b1y + j * c.b2y;
                if (std::hypot(a.x - 256.0, a.y - 256.0) <= 80.0)
                    atoms.push_back(a);
            }
        const FrameRelations r = computeRelations(atoms);
        CHECK(r.bondLength_px == Approx(10.0).epsilon(1e-6));
        int bulk = 0;
        for (const Atom& a : atoms)
            if (a.site == SiteKind::Bulk) {
                ++bulk;
                CHECK(a.coordination == c.bulkCoordination);
            }
        CHECK(bulk > 0.7 * atoms.size());
        REQUIRE(r.lattice.valid);
        CHECK(r.domains.size() == 1);
        // Not fcc [110]: no {111} spacing; the widest planes of the crystal's own cell instead.
        CHECK(std::isnan(r.lattice.spacing111_px));
        REQUIRE(r.crystal.valid);
        CHECK(r.crystal.planes.front().d_px == Approx(c.spacing).epsilon(1e-6));
        CHECK(r.lattice.residual_px < 1e-6);
        CHECK(r.particle.area_px2 == Approx(atoms.size() * std::abs(c.b1x * c.b2y - c.b1y * c.b2x)).epsilon(0.04));
        CHECK(findTwinBoundaries(atoms, r).empty());
    }
}

TEST_CASE("relations survive degenerate input", "[analysis][relations]")
{
    std::vector<Atom> none;
    CHECK(computeRelations(none).bonds.empty());
    std::vector<Atom> two(2);
    two[1].x = 10;
    FrameRelations r = computeRelations(two);
    CHECK(r.bonds.empty());
    CHECK(two[0].site == SiteKind::Surface);
    std::vector<Atom> line(10);
    for (int i = 0; i < 10; ++i)
        line[static_cast<std::size_t>(i)].x = 12.0 * i;
    r = computeRelations(line);
    CHECK_FALSE(r.lattice.valid);
    CHECK(findTwinBoundaries(line, r).empty());
    std::vector<Atom> duplicate = cluster(40.0, 0.0, 0.0, 1).atoms;
    duplicate.push_back(duplicate[5]);
    r = computeRelations(duplicate);
    CHECK(r.nearestNeighbour_px.size() == duplicate.size());
}
