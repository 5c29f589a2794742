// Columns on real microscope images (../shared/testdata/real), scored against their references as
// that folder's README says: a one-to-one match within 0.3 of the reference's own
// nearest-neighbour spacing. The PtIr floors are regression floors at what the engine reaches
// today (F1 0.92, recall 0.85: the misses are dim surface columns and StatSTEM positions on
// the background), below issue 27's bar of 0.95; SrTiO3 holds the bar: F1 >= 0.99 on both
// sublattices (0.999, Ti-O recall 1.0, since the Ti-O columns hidden by the Sr ones are sought
// under the Sr columns' subtracted models). Issue 28: SrTiO3 as an extended crystal with its own
// cell, and graphene's hexagonal lattice.
#include "core/io/csv_table.h"
#include "core/io/stack.h"
#include "core/locate/localization.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/util/assignment.h"
#include "tests/support/testdata.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

using namespace hrtem;

namespace {

std::string realPath(const std::string& file)
{
    const auto dir = test::testDataDir();
    REQUIRE(dir);
    return (*dir / "real" / file).string();
}

struct Reference {
    std::vector<Point2> points;
    std::vector<std::string> sublattice;
};

Reference readReference(const std::string& path)
{
    const CsvTable t = CsvTable::read(path);
    Reference r;
    const int x = t.column("x_px"), y = t.column("y_px");
    const int s = t.hasColumn("sublattice") ? t.column("sublattice") : -1;
    for (int i = 0; i < t.rows(); ++i) {
        r.points.push_back({t.number(i, x), t.number(i, y)});
        r.sublattice.push_back(s >= 0 ? t.text(i, s) : "");
    }
    return r;
}

double medianNearest(const std::vector<Point2>& p)
{
    std::vector<double> d;
    for (std::size_t i = 0; i < p.size(); ++i) {
        double best = 1e300;
        for (std::size_t j = 0; j < p.size(); ++j)
            if (i != j)
                best = std::min(best, std::hypot(p[i].x - p[j].x, p[i].y - p[j].y));
        d.push_back(best);
    }
    std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
    return d[d.size() / 2];
}

struct Score {
    double precision = 0, recall = 0, f1 = 0;
    std::map<std::string, double> recallBySublattice;
};

/// Detections on `dontCare` sites (within the gate) that match nothing are not counted.
Score score(const Reference& ref, const std::vector<Atom>& atoms, const std::vector<Point2>& dontCare = {})
{
    std::vector<Point2> det;
    for (const Atom& a : atoms)
        det.push_back({a.x, a.y});
    const double gate = 0.3 * medianNearest(ref.points);
    const std::vector<std::pair<int, int>> pairs = gatedMatching(ref.points, det, gate);
    std::vector<bool> hit(ref.points.size(), false), used(det.size(), false);
    for (const auto& [i, j] : pairs) {
        hit[static_cast<std::size_t>(i)] = true;
        used[static_cast<std::size_t>(j)] = true;
    }
    long fp = 0;
    for (std::size_t j = 0; j < det.size(); ++j) {
        if (used[j])
            continue;
        const bool onBorderSite = std::any_of(dontCare.begin(), dontCare.end(), [&](const Point2& q) {
            return std::hypot(q.x - det[j].x, q.y - det[j].y) <= gate;
        });
        fp += onBorderSite ? 0 : 1;
    }
    Score s;
    const double tp = static_cast<double>(pairs.size());
    s.precision = tp / std::max(1.0, tp + fp);
    s.recall = tp / std::max<double>(1.0, ref.points.size());
    s.f1 = 2 * s.precision * s.recall / std::max(1e-12, s.precision + s.recall);
    std::map<std::string, std::pair<int, int>> counts;
    for (std::size_t i = 0; i < hit.size(); ++i) {
        counts[ref.sublattice[i]].first += hit[i] ? 1 : 0;
        counts[ref.sublattice[i]].second += 1;
    }
    for (const auto& [name, c] : counts)
        s.recallBySublattice[name] = double(c.first) / c.second;
    return s;
}

std::vector<Atom> columnsOf(const std::string& path)
{
    const std::unique_ptr<StackReader> stack = openStack(path);
    return localizeColumns(stack->readFrame(0));
}

} // namespace

TEST_CASE("HAADF PtIr particle: columns against StatSTEM's fit", "[real]")
{
    const Reference ref = readReference(realPath("ptir/PtIr_columns_statstem.csv"));
    const Score s = score(ref, columnsOf(realPath("ptir/PtIr_obs_float32.tif")));
    INFO("precision " << s.precision << ", recall " << s.recall << ", F1 " << s.f1);
    CHECK(s.precision >= 0.98);
    CHECK(s.recall >= 0.84);
    CHECK(s.f1 >= 0.91);
}

TEST_CASE("HAADF SrTiO3: both sublattices against the fitted reference", "[real]")
{
    const Reference ref = readReference(realPath("sto/sto_reference.csv"));
    const Reference border = readReference(realPath("sto/sto_reference_border.csv"));
    const Score s = score(ref, columnsOf(realPath("sto/16_STOimage_1.ser")), border.points);
    INFO("precision " << s.precision << ", recall " << s.recall << ", F1 " << s.f1 << ", Sr recall "
                      << s.recallBySublattice.at("Sr") << ", Ti-O recall " << s.recallBySublattice.at("TiO"));
    CHECK(s.f1 >= 0.99);
    CHECK(s.recallBySublattice.at("Sr") >= 0.99);
    CHECK(s.recallBySublattice.at("TiO") >= 0.99);
}

namespace {

AnalysisResult analyzed(const std::string& path, const std::string& structure = "auto")
{
    const std::unique_ptr<StackReader> stack = openStack(path);
    AnalysisSettings settings;
    settings.structure = structure;
    return analyzeStack(*stack, settings);
}

} // namespace

// Issue 28, bar 2: a crystal filling the frame is an extended crystal, measured by its own cell.
TEST_CASE("HAADF SrTiO3: an extended crystal, no surface or outline, its cell the reference's", "[real][crystal]")
{
    const AnalysisResult r = analyzed(realPath("sto/16_STOimage_1.ser"));
    REQUIRE(r.frames.size() == 1);
    const FrameRelations& rel = r.frames[0].relations;
    CHECK(rel.extended);
    CHECK(rel.particle.outline.empty());
    CHECK(rel.particle.equivalentDiameter_px == 0.0);
    // Columns more than one spacing (the cell, 0.40 nm) from the frame's edge are bulk.
    REQUIRE(rel.crystal.valid);
    const double spacing = std::hypot(rel.crystal.a1.x, rel.crystal.a1.y);
    int inner = 0, bulk = 0;
    for (const Atom& a : r.frames[0].atoms)
        if (std::min({a.x, a.y, r.width - 1 - a.x, r.height - 1 - a.y}) > spacing) {
            ++inner;
            bulk += a.site == SiteKind::Bulk ? 1 : 0;
        }
    INFO(bulk << " of " << inner << " inner columns bulk");
    CHECK(inner > 1000);
    CHECK(bulk >= 0.99 * inner);
    // The cell joins like columns (Sr to Sr), not the Sr-TiO mesh: the reference's a1 = 0.402 nm,
    // a2 = 0.407 nm, 91.2° (the calibration and scan distortion of this image), within 1%.
    const double a1 = std::hypot(rel.crystal.a1.x, rel.crystal.a1.y) * r.pixel_nm;
    const double a2 = std::hypot(rel.crystal.a2.x, rel.crystal.a2.y) * r.pixel_nm;
    INFO("a1 " << a1 << " nm, a2 " << a2 << " nm, " << rel.crystal.angle_deg << "°");
    CHECK(rel.crystal.byIntensity);
    CHECK(a1 == Approx(0.402).epsilon(0.01));
    CHECK(a2 == Approx(0.407).epsilon(0.01));
    CHECK(rel.crystal.angle_deg == Approx(91.2).margin(0.5));
    CHECK(rel.crystal.type == BravaisType::Square);
    CHECK(rel.crystal.basis.size() == 2); // Sr, and Ti-O at the cell's centre
    // No fcc spacings on a perovskite; with the perovskite model its planes are named.
    CHECK_FALSE(rel.indexing.isFcc110());
    const AnalysisResult indexed = analyzed(realPath("sto/16_STOimage_1.ser"), "perovskite:0.3905");
    const LatticeIndexing& ix = indexed.frames[0].relations.indexing;
    INFO(ix.message);
    CHECK(ix.fits);
    CHECK(ix.zoneAxis == "[001]");
    CHECK(ix.planeLabels.front() == "{100}");
}

TEST_CASE("HRTEM graphene: indexed as a hexagonal lattice", "[real][crystal]")
{
    const AnalysisResult r = analyzed(realPath("graphene/graphene_flower_raw.tif"));
    const CrystalLattice& c = r.frames[0].relations.crystal;
    REQUIRE(c.valid);
    INFO(bravaisTypeName(c.type) << ", angle " << c.angle_deg);
    CHECK(c.type == BravaisType::Hexagonal);
    CHECK(c.angle_deg == Approx(120.0).margin(1.0));
    const AnalysisResult indexed = analyzed(realPath("graphene/graphene_flower_raw.tif"), "graphene");
    CHECK(indexed.frames[0].relations.indexing.fits);
    CHECK(indexed.frames[0].relations.indexing.zoneAxis == "[0001]");
}
