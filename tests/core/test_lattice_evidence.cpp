// No lattice, no atoms (issue 16): frames without a resolved crystal lattice (pure noise,
// vacuum, amorphous carbon) give no columns and a note; frames with one, even at 5 counts/px,
// are recognised; the statistics behind the threshold are checked against known values.
#include "core/classify/lattice_evidence.h"
#include "core/export/result_files.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/simulation.h"
#include "tests/support/small_movie.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>

#include <algorithm>

#include <random>

using namespace hrtem;

namespace {

sim::SimulationSettings small(const std::string& preset, std::uint64_t seed, double counts)
{
    sim::SimulationSettings s = test::smallMovie(preset, seed, 16);
    s.setCountsPerPixel(counts);
    return s;
}

std::vector<cv::Mat> framesOf(const sim::SimulationSettings& s, int count)
{
    auto stack = sim::makeSimulatedStack(s);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < count; ++i)
        frames.push_back(stack->readFrame(i));
    return frames;
}

std::vector<cv::Mat> poissonNoise(double mean, int count, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::poisson_distribution<int> poisson(mean);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < count; ++i) {
        cv::Mat f(256, 256, CV_32F);
        for (int y = 0; y < f.rows; ++y)
            for (int x = 0; x < f.cols; ++x)
                f.at<float>(y, x) = static_cast<float>(poisson(random));
        frames.push_back(f);
    }
    return frames;
}

} // namespace

TEST_CASE("the normal quantile matches its table values", "[lattice_evidence]")
{
    CHECK(normalUpperQuantile(0.025) == Approx(1.95996).margin(5e-4));
    CHECK(normalUpperQuantile(0.001) == Approx(3.09023).margin(5e-4));
    CHECK(normalUpperQuantile(1e-6) == Approx(4.75342).margin(5e-4));
}

TEST_CASE("pure noise shows no lattice, frame by frame and pooled", "[lattice_evidence]")
{
    const auto frames = poissonNoise(20.0, 40, 7);
    int resolved = 0;
    for (const cv::Mat& f : frames)
        resolved += latticeEvidence({f}).resolved ? 1 : 0;
    CHECK(resolved == 0);
    const LatticeEvidence pooled = latticeEvidence(std::vector<cv::Mat>(frames.begin(), frames.begin() + 16));
    CHECK_FALSE(pooled.resolved);
    CHECK(pooled.framesPooled == 16);
    CHECK(pooled.reason.find("no resolved crystal lattice") != std::string::npos);
    // The threshold follows the pooling: the mean of 16 spectra scatters far less than one.
    CHECK(pooled.threshold < latticeEvidence({frames[0]}).threshold / 3);
}

TEST_CASE("vacuum and amorphous carbon show no lattice at any dose", "[lattice_evidence]")
{
    for (double counts : {5.0, 20.0, 200.0}) {
        INFO("counts " << counts);
        sim::SimulationSettings carbon = small("demo", 41, counts);
        carbon.specimen.particle = false;
        const auto carbonFrames = framesOf(carbon, 16);
        for (const cv::Mat& f : carbonFrames)
            CHECK_FALSE(latticeEvidence({f}).resolved);
        const LatticeEvidence pooled = latticeEvidence(carbonFrames);
        INFO("effective spectra " << pooled.effectiveSpectra << ", threshold " << pooled.threshold << ", strongest "
                                  << pooled.strongestSpot << ", directions " << pooled.directions << ", spots " << pooled.spots);
        CHECK_FALSE(pooled.resolved);

        sim::SimulationSettings vacuum = carbon;
        vacuum.specimen.support = false;
        const auto vacuumFrames = framesOf(vacuum, 4);
        CHECK_FALSE(latticeEvidence(vacuumFrames).resolved);
    }
}

TEST_CASE("a particle's lattice is found in single frames at 20 counts/px and pooled at 5", "[lattice_evidence]")
{
    const auto medium = framesOf(small("demo", 43, 20.0), 16);
    int single = 0;
    for (const cv::Mat& f : medium)
        single += latticeEvidence({f}).resolved ? 1 : 0;
    CHECK(single == 16);
    const auto low = framesOf(small("demo", 44, 5.0), 16);
    const LatticeEvidence pooled = latticeEvidence(low);
    CHECK(pooled.resolved);
    CHECK(pooled.directions >= 2);
}

TEST_CASE("a movie without a lattice gives no columns and says why", "[lattice_evidence][pipeline]")
{
    sim::SimulationSettings carbon = small("demo", 45, 20.0);
    carbon.specimen.particle = false;
    carbon.frames = 6;
    auto stack = sim::makeSimulatedStack(carbon);
    AnalysisSettings settings;
    settings.threads = 2;
    const AnalysisResult r = analyzeStack(*stack, settings);
    REQUIRE(r.frames.size() == 6);
    for (const FrameAnalysis& f : r.frames) {
        CHECK(f.atoms.empty());
        CHECK(f.note == "no resolved crystal lattice");
    }
    CHECK_FALSE(r.lattice.resolved);
    CHECK(std::any_of(r.notes.begin(), r.notes.end(),
                      [](const std::string& n) { return n.find("no resolved crystal lattice") != std::string::npos; }));
    // ... in the files too.
    CHECK(framesCsv(r).find("no resolved crystal lattice") != std::string::npos);
    CHECK(summaryJson(r).dump().find("no resolved crystal lattice") != std::string::npos);

    // The same movie with the test switched off tries anyway (and finds support texture).
    settings.requireLattice = false;
    const AnalysisResult anyway = analyzeStack(*stack, settings);
    CHECK(anyway.frames[0].note.empty());
}
