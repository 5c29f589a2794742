// A result folder of `hrtem analyze` read back (File → Open analysis… in the window): every
// column, track, behaviour, event and twin boundary as the run had it, to the files' precision,
// bonds recomputed as the run computed them, and broken folders refused with the file named.
#include "core/export/analysis_folder_reader.h"
#include "core/export/result_files.h"
#include "core/io/io_error.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/io/stack.h"
#include "core/sim/simulation.h"
#include "core/sim/structure_image.h"
#include "tests/support/small_movie.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace hrtem;
namespace fs = std::filesystem;

namespace {

const AnalysisResult& analysed()
{
    static const AnalysisResult result = [] {
        auto stack = sim::makeSimulatedStack(test::smallMovie("demo", 21, 8));
        AnalysisSettings settings;
        settings.threads = 2;
        return analyzeStack(*stack, settings);
    }();
    return result;
}

fs::path writtenFolder()
{
    static const fs::path folder = [] {
        const fs::path dir = fs::temp_directory_path() / ("hrtem_result_folder_" + std::to_string(::getpid()));
        writeResults(analysed(), dir.string());
        return dir;
    }();
    return folder;
}

} // namespace

TEST_CASE("a result folder reads back into the result that wrote it", "[result_folder]")
{
    const AnalysisResult& r = analysed();
    const AnalysisResult back = readAnalysisFolder(writtenFolder().string());
    CHECK(back.width == r.width);
    CHECK(back.height == r.height);
    CHECK(back.pixel_nm == Approx(r.pixel_nm));
    CHECK(toJson(back.settings) == toJson(r.settings));
    REQUIRE(back.frames.size() == r.frames.size());
    for (std::size_t f = 0; f < r.frames.size(); ++f) {
        const FrameAnalysis& a = r.frames[f];
        const FrameAnalysis& b = back.frames[f];
        CHECK(b.frame == a.frame);
        REQUIRE(b.atoms.size() == a.atoms.size());
        for (std::size_t i = 0; i < a.atoms.size(); ++i) {
            CHECK(b.atoms[i].x == Approx(a.atoms[i].x).margin(6e-4));
            CHECK(b.atoms[i].y == Approx(a.atoms[i].y).margin(6e-4));
            CHECK(b.atoms[i].errX == Approx(a.atoms[i].errX).margin(6e-5));
            CHECK(b.atoms[i].trackId == a.atoms[i].trackId);
            CHECK(b.atoms[i].site == a.atoms[i].site);
            CHECK(b.atoms[i].coordination == a.atoms[i].coordination);
        }
        // Bonds recomputed from the columns: the same graph, up to the files' rounding.
        CHECK(std::abs(double(b.relations.bonds.size()) - double(a.relations.bonds.size())) <= 0.01 * a.relations.bonds.size() + 1);
        CHECK(b.relations.lattice.valid == a.relations.lattice.valid);
        REQUIRE(b.twinBoundaries.size() == a.twinBoundaries.size());
        for (std::size_t k = 0; k < a.twinBoundaries.size(); ++k)
        {
            CHECK(b.twinBoundaries[k].misorientation_deg == Approx(a.twinBoundaries[k].misorientation_deg).margin(0.006));
            CHECK(b.twinBoundaries[k].p0.x == Approx(a.twinBoundaries[k].p0.x).margin(0.006));
            CHECK(b.twinBoundaries[k].p1.y == Approx(a.twinBoundaries[k].p1.y).margin(0.006));
        }
    }
    // Tracks, point by point, with their behaviours; events.
    REQUIRE(back.tracking.tracks.size() == r.tracking.tracks.size());
    REQUIRE(back.behaviours.perTrackPoint.size() == r.behaviours.perTrackPoint.size());
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t) {
        const Track& a = r.tracking.tracks[t];
        const Track& b = back.tracking.tracks[t];
        CHECK(b.id == a.id);
        REQUIRE(b.points.size() == a.points.size());
        for (std::size_t p = 0; p < a.points.size(); ++p) {
            CHECK(b.points[p].frame == a.points[p].frame);
            CHECK(b.points[p].atomIndex == a.points[p].atomIndex);
            CHECK(back.behaviours.perTrackPoint[t][p] == r.behaviours.perTrackPoint[t][p]);
        }
        CHECK(back.behaviours.features[t].jumps == r.behaviours.features[t].jumps);
    }
    REQUIRE(back.behaviours.events.size() == r.behaviours.events.size());
    for (std::size_t e = 0; e < r.behaviours.events.size(); ++e) {
        CHECK(back.behaviours.events[e].frame == r.behaviours.events[e].frame);
        CHECK(back.behaviours.events[e].kind == r.behaviours.events[e].kind);
        CHECK(back.behaviours.events[e].trackId == r.behaviours.events[e].trackId);
    }
    // What the tables and exports show of it is what the run wrote.
    CHECK(eventsCsv(back) == eventsCsv(r));
    // (twin_boundaries.csv keeps positions to 0.01 px, so its nm columns may differ in the last digit)
}

TEST_CASE("a broken result folder is refused with the file and the problem named", "[result_folder]")
{
    const fs::path source = writtenFolder();
    const fs::path broken = source.string() + "_broken";
    fs::remove_all(broken);
    fs::copy(source, broken);
    SECTION("not a folder")
    {
        CHECK_THROWS_WITH(readAnalysisFolder((broken / "nothing").string()), Catch::Contains("nothing"));
    }
    SECTION("a missing file")
    {
        fs::remove(broken / "atoms.csv");
        CHECK_THROWS_WITH(readAnalysisFolder(broken.string()), Catch::Contains("atoms.csv"));
    }
    SECTION("a row naming a frame the run did not analyse")
    {
        std::ofstream(broken / "twin_boundaries.csv", std::ios::app) << "999,1,0,0,1,1,0,0,0,0,0,70.5\n";
        CHECK_THROWS_WITH(readAnalysisFolder(broken.string()),
                          Catch::Contains("twin_boundaries.csv") && Catch::Contains("999"));
    }
    SECTION("a summary that is not one")
    {
        std::ofstream(broken / "summary.json") << "{\"hello\": 1}";
        CHECK_THROWS_WITH(readAnalysisFolder(broken.string()), Catch::Contains("summary.json"));
    }
    fs::remove_all(broken);
}

// Issue 28: frames.csv gained the crystal's cell at its end; a folder written before (without
// those columns) still reads, and a perovskite's folder reads back with its structure setting,
// its cell and indexing recomputed, and no fcc spacings.
TEST_CASE("result folders with and without the crystal columns read back", "[result_folder][crystal]")
{
    // A folder as the program wrote it before issue 28: frames.csv cut before "extended_crystal".
    const fs::path old = fs::temp_directory_path() / ("hrtem_result_folder_old_" + std::to_string(::getpid()));
    fs::remove_all(old);
    fs::copy(writtenFolder(), old);
    {
        std::ifstream in(old / "frames.csv");
        std::string text, line;
        bool header = true;
        std::size_t keep = 0;
        while (std::getline(in, line)) {
            if (header) {
                const std::size_t at = line.find(",extended_crystal");
                REQUIRE(at != std::string::npos);
                keep = static_cast<std::size_t>(std::count(line.begin(), line.begin() + static_cast<long>(at), ',')) + 1;
                header = false;
            }
            // The first `keep` fields (no quoted commas before the new columns).
            std::size_t pos = 0;
            for (std::size_t k = 0; k < keep && pos != std::string::npos; ++k)
                pos = line.find(',', pos + (k ? 1 : 0));
            text += line.substr(0, pos) + "\n";
        }
        in.close();
        std::ofstream(old / "frames.csv") << text;
    }
    const AnalysisResult back = readAnalysisFolder(old.string());
    REQUIRE(back.frames.size() == analysed().frames.size());
    CHECK(back.frames[0].relations.lattice.spacing111_px ==
          Approx(analysed().frames[0].relations.lattice.spacing111_px).margin(1e-4));
    CHECK(back.frames[0].relations.indexing.isFcc110());
    fs::remove_all(old);

    // A perovskite particle, analysed with its structure chosen, written and read back.
    const fs::path dir = fs::temp_directory_path() / ("hrtem_result_folder_pv_" + std::to_string(::getpid()));
    sim::StructureImageSettings s;
    s.radiusInBonds = 10.0;
    sim::writeStructureImage(sim::renderStructureImage(s), s, (dir / "movie").string());
    const std::unique_ptr<StackReader> stack = openStack((dir / "movie" / "movie.tif").string());
    AnalysisSettings settings;
    settings.structure = "perovskite";
    const AnalysisResult r = analyzeStack(*stack, settings);
    writeResults(r, (dir / "result").string());
    const AnalysisResult pv = readAnalysisFolder((dir / "result").string());
    CHECK(pv.settings.structure == "perovskite");
    CHECK(std::isnan(pv.frames[0].relations.lattice.spacing111_px));
    CHECK(pv.frames[0].relations.indexing.structure == "perovskite");
    CHECK(pv.frames[0].relations.indexing.zoneAxis == "[001]");
    fs::remove_all(dir);
}
