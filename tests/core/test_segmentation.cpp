// The segmentation networks in the analysis (thesis ch. 4, issue 30): how frames are prepared for
// them, columns located from their maps, the shipped networks' scores on fresh simulated movies
// of both polarities, the weights refused by name, and the networks recorded in the result.
#include "core/evaluate/evaluation.h"
#include "core/evaluate/truth.h"
#include "core/locate/localization.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/segment/segmentation_input.h"
#include "core/segment/segmenter.h"
#include "core/sim/simulation.h"
#include "core/sim/structure_image.h"
#include "core/sim/truth_masks.h"
#include "core/training/segmentation_training.h"

#include "tests/support/small_movie.h"
#include "tests/support/temporary_folder.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <random>

using namespace hrtem;
using segment::SegmentationTarget;

namespace {

namespace fs = std::filesystem;

sim::SimulationSettings freshMovie(std::uint64_t seed, bool brightColumns)
{
    return test::unseenParticleMovie(seed, brightColumns, 2);
}

/// A square lattice of Gaussian columns (dark, 50 counts deep on 100) with Poisson noise and
/// the columns' exact positions.
cv::Mat syntheticLattice(std::vector<cv::Point2d>& columns)
{
    const int size = 160;
    const double spacing = 12.0, sigma = 2.2;
    cv::Mat expected(size, size, CV_32F, cv::Scalar(100.0f));
    for (double y = 20.3; y < size - 15; y += spacing)
        for (double x = 19.6; x < size - 15; x += spacing) {
            columns.emplace_back(x, y);
            for (int py = int(y) - 8; py <= int(y) + 8; ++py)
                for (int px = int(x) - 8; px <= int(x) + 8; ++px)
                    expected.at<float>(py, px) -=
                        static_cast<float>(50.0 * std::exp(-((px - x) * (px - x) + (py - y) * (py - y)) / (2 * sigma * sigma)));
        }
    std::mt19937_64 rng(3);
    cv::Mat frame(expected.size(), CV_32F);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            frame.at<float>(y, x) = static_cast<float>(std::poisson_distribution<int>(expected.at<float>(y, x))(rng));
    return frame;
}

} // namespace

TEST_CASE("frames are resampled to the network's period and stretched between percentiles", "[segmentation]")
{
    cv::Mat frame(200, 100, CV_32F);
    for (int y = 0; y < frame.rows; ++y)
        for (int x = 0; x < frame.cols; ++x)
            frame.at<float>(y, x) = static_cast<float>(50 + x); // 50 .. 149
    const segment::SegmentationInput in = segment::segmentationInput(frame, 20.0, 10.0);
    CHECK(in.scale == Approx(0.5));
    CHECK(in.image.cols == 50);
    CHECK(in.image.rows == 100);
    double lo = 0, hi = 0;
    cv::minMaxLoc(in.image, &lo, &hi);
    // The 1st and 99th percentiles land on -1 and +1: the extremes lie just beyond.
    CHECK(lo == Approx(-1.0).margin(0.05));
    CHECK(hi == Approx(1.0).margin(0.05));
    CHECK(in.toFrame(in.image).size() == frame.size());

    cv::Mat mask = cv::Mat::zeros(frame.size(), CV_8U);
    mask(cv::Rect(0, 0, 50, 200)).setTo(255);
    const cv::Mat resampled = segment::resampleMask(mask, in);
    CHECK(resampled.size() == in.image.size());
    CHECK(cv::sum(resampled)[0] == Approx(25 * 100).margin(100)); // half the resampled frame
    CHECK_THROWS_AS(segment::segmentationInput(frame, 1.5, 10.0), std::invalid_argument);
}

TEST_CASE("columns are located from a column map and sought only in the particle map's region", "[segmentation][analysis]")
{
    std::vector<cv::Point2d> truth;
    const cv::Mat frame = syntheticLattice(truth);
    SegmentationMaps maps;
    cv::Mat(sim::columnDiscMask(truth, frame.size(), 2.5)).convertTo(maps.columns, CV_32F, 1.0 / 255.0);
    LocalizationSettings settings;
    settings.period_px = 12.0;
    settings.periodFromColumns = true;
    settings.crystalOnly = false;
    const std::vector<Atom> atoms = localizeColumns(frame, settings, nullptr, nullptr, nullptr, &maps);
    REQUIRE(atoms.size() == truth.size());
    // The same Gaussian fits as the classical finder's: where both find a column they place it
    // alike, and near the truth (50-count columns on 100 counts: a few tenths of a pixel).
    const std::vector<Atom> classical = localizeColumns(frame, settings);
    double squared = 0.0, largestDifference = 0.0;
    for (const Atom& a : atoms) {
        double nearest = 1e9, toClassical = 1e9;
        for (const cv::Point2d& t : truth)
            nearest = std::min(nearest, std::hypot(a.x - t.x, a.y - t.y));
        for (const Atom& c : classical)
            toClassical = std::min(toClassical, std::hypot(a.x - c.x, a.y - c.y));
        squared += nearest * nearest;
        largestDifference = std::max(largestDifference, toClassical);
    }
    const double rms = std::sqrt(squared / atoms.size());
    INFO("rms error " << rms << " px; largest difference from the classical fits " << largestDifference << " px");
    CHECK(rms < 0.4);
    CHECK(largestDifference < 0.05);

    // The particle map: only the left half is crystal. Columns are sought there and in the
    // margin and adatom ring around it, not beyond.
    settings.crystalOnly = true;
    maps.particle = cv::Mat::zeros(frame.size(), CV_32F);
    maps.particle(cv::Rect(0, 0, 70, frame.rows)).setTo(1.0f);
    const std::vector<Atom> left = localizeColumns(frame, settings, nullptr, nullptr, nullptr, &maps);
    REQUIRE_FALSE(left.empty());
    CHECK(left.size() < atoms.size());
    for (const Atom& a : left)
        CHECK(a.x < 70 + 1.75 * 1.06 * 12.0 + 2.0);
}

TEST_CASE("the shipped networks segment fresh movies of both polarities", "[segmentation][networks]")
{
    // Particle shape and seeds none of them trained on. Measured (256 px, 2 frames): see the
    // model cards in models/weights for the full tables.
    for (const bool bright : {false, true}) {
        test::TemporaryFolder folder(bright ? "seg_bright" : "seg_dark");
        sim::writeSimulation(sim::Simulation(freshMovie(bright ? 8282 : 8181, bright)), folder.path.string());
        const MaskScores particle = evaluateSegmenter("", folder.path.string(), 2, "particle", "cpu");
        const MaskScores columns = evaluateSegmenter("", folder.path.string(), 2, "columns", "cpu");
        INFO((bright ? "bright" : "dark") << " columns: particle Dice " << particle.dice << ", columns Dice " << columns.dice);
        CHECK(particle.dice >= 0.95);
        CHECK(columns.dice >= 0.85);
    }
}

TEST_CASE("the particle network learns the Z-contrast images' particle too", "[segmentation][networks]")
{
    test::TemporaryFolder folder("seg_haadf");
    sim::StructureImageSettings s;
    s.structure = "fcc";
    s.zoneAxis = "[110]";
    s.thicknessProfile = true;
    s.peakCounts = 20;
    s.backgroundCounts = 6;
    s.radiusInBonds = 9;
    s.seed = 4242;
    sim::writeStructureImage(sim::renderStructureImage(s), s, folder.path.string());
    const MaskScores particle = evaluateSegmenter("", folder.path.string(), 1, "particle", "cpu");
    INFO("particle Dice " << particle.dice);
    CHECK(particle.dice >= 0.95);
}

TEST_CASE("segmentation weights are refused by name when they cannot serve", "[segmentation]")
{
    CHECK_THROWS_WITH(segment::Segmenter("/nonexistent/seg.safetensors", SegmentationTarget::Columns, "cpu"),
                      Catch::Contains("/nonexistent/seg.safetensors") && Catch::Contains("no such"));
    const std::string columns = segment::defaultSegmenterWeights(SegmentationTarget::Columns);
    REQUIRE_FALSE(columns.empty());
    CHECK_THROWS_WITH(segment::Segmenter(columns, SegmentationTarget::Particle, "cpu"),
                      Catch::Contains(columns) && Catch::Contains("segments columns, not particle"));
    // HRTEM-GAN's weights are not a segmenter's.
    const fs::path gan = fs::path(columns).parent_path() / "hrtem_gan_cpu.safetensors";
    CHECK_THROWS_WITH(segment::Segmenter(gan.string(), SegmentationTarget::Columns, "cpu"), Catch::Contains(gan.string()));
    CHECK_THROWS_AS(segment::targetFromName("atoms"), std::invalid_argument);
}

TEST_CASE("a particle network trained by hrtem train seg says what it segments and at which period", "[segmentation][training]")
{
    test::TemporaryFolder folder("seg_train");
    sim::SimulationSettings s = freshMovie(77, false);
    s.frames = 1;
    const fs::path movie = folder.path / "movie";
    sim::writeSimulation(sim::Simulation(s), movie.string());
    SegmentationTrainingSettings t;
    t.simulations = {movie.string()};
    t.outWeights = (folder.path / "particle.safetensors").string();
    t.steps = 2;
    t.device = "cpu";
    t.target = "particle";
    t.options = {{"batch_size", 2}, {"patch_size", 32}};
    const SegmentationTrainingSummary summary = trainSegmenter(t);
    CHECK(summary.steps == 2);
    const segment::Segmenter loaded(t.outWeights, SegmentationTarget::Particle, "cpu");
    CHECK(loaded.referencePeriod() == Approx(segment::defaultReferencePeriod(SegmentationTarget::Particle)));
    CHECK_THROWS_WITH(segment::Segmenter(t.outWeights, SegmentationTarget::Columns, "cpu"),
                      Catch::Contains("segments particle, not columns"));
}

TEST_CASE("the analysis with locate seg and particle net finds the columns and records the networks' SHA-256", "[segmentation][pipeline]")
{
    sim::SimulationSettings s = freshMovie(5151, false);
    s.frames = 3;
    auto stack = sim::makeSimulatedStack(s);
    AnalysisSettings settings;
    settings.threads = 2;
    settings.device = "cpu";
    settings.locate = "seg";
    settings.particle = "net";
    const AnalysisResult result = analyzeStack(*stack, settings);
    REQUIRE(result.models.size() == 3); // and the patch classifier, found where it ships
    CHECK(result.models[0].role == "column segmentation");
    CHECK(result.models[1].role == "particle region");
    CHECK(result.models[2].role == "patch classification");
    for (const AnalysisResult::ModelUse& m : result.models)
        CHECK(m.sha256.size() == 64);

    // Scored as hrtem evaluate scores: per frame, within 0.3 nearest-neighbour spacings.
    test::TemporaryFolder folder("seg_pipeline");
    sim::writeSimulation(sim::Simulation(s), folder.path.string());
    const TruthMovie truth = readTruth(folder.path.string());
    std::vector<std::vector<Atom>> found;
    for (const FrameAnalysis& f : result.frames)
        found.push_back(f.atoms);
    const DetectionScore score = scoreDetections(truth, found, 0.3 * truth.nearestNeighbour_px());
    INFO("F1 " << score.f1 << ", precision " << score.precision << ", recall " << score.recall);
    CHECK(score.f1 >= 0.9);
}
