// Patch classification: the two-class splits on hand-made data, then crystal/background and
// quality against the simulator's ground truth on small frames.
#include "core/classify/clustering.h"
#include "core/classify/movie_quality.h"
#include "core/classify/patch_classifier.h"
#include "core/io/stack.h"
#include "core/sim/simulation.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>

#include <cmath>
#include <cstring>
#include <random>
#include <stdexcept>

using namespace hrtem;

namespace {

/// A small movie: a particle about half the size of the default so that it sits inside a
/// 256 x 256 frame with support below and vacuum around it, as in the full-size presets.
sim::SimulationSettings smallMovie(const std::string& preset, std::uint64_t seed)
{
    sim::SimulationSettings s = sim::preset(preset);
    s.seed = seed;
    s.width = 256;
    s.height = 256;
    s.frames = 2;
    s.specimen.radius111_nm = 1.2;
    s.specimen.radius100_nm = 1.35;
    s.specimen.base_nm = 0.9;
    s.specimen.twinPlane = 1;
    return s;
}

/// Patches whose pixels are mostly (> 50%) inside the particle mask count as crystal.
std::vector<std::uint8_t> truthLabels(const cv::Mat& particleMask, int patchSize)
{
    std::vector<std::uint8_t> truth;
    for (int r = 0; r + patchSize <= particleMask.rows; r += patchSize)
        for (int c = 0; c + patchSize <= particleMask.cols; c += patchSize)
            truth.push_back(cv::mean(particleMask(cv::Rect(c, r, patchSize, patchSize)))[0] > 127.5 ? 1 : 0);
    return truth;
}

double agreement(const PatchMap& map, const std::vector<std::uint8_t>& truth)
{
    REQUIRE(map.foreground.size() == truth.size());
    int same = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        same += map.foreground[i] == truth[i] ? 1 : 0;
    return double(same) / double(truth.size());
}

} // namespace

TEST_CASE("otsuSplit finds the gap between two groups", "[patches]")
{
    const OtsuSplit split = otsuSplit({12.0, 1.0, 11.0, 2.0, 3.0, 10.0});
    CHECK(split.threshold == Approx(6.5));
    CHECK(split.lowerMean == Approx(2.0));
    CHECK(split.upperMean == Approx(11.0));
    // Between-class 3·3·9²/6 = 121.5 over total 125.5.
    CHECK(split.separation == Approx(121.5 / 125.5).epsilon(1e-12));

    const OtsuSplit flat = otsuSplit({4.0, 4.0, 4.0});
    CHECK(flat.separation == 0.0);
    CHECK(otsuSplit({}).separation == 0.0);

    // Unequal groups: the threshold still falls in the gap.
    const OtsuSplit unequal = otsuSplit({0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 5.0, 5.1});
    CHECK(unequal.threshold > 0.7);
    CHECK(unequal.threshold < 5.0);
}

TEST_CASE("twoMeans separates two blobs whatever the units of the features", "[patches]")
{
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<std::vector<double>> features;
    std::vector<int> truth;
    for (int i = 0; i < 60; ++i) {
        const int blob = i % 3 == 0 ? 1 : 0; // 20 against 40
        // The second feature is in units 1000 times smaller and carries the split as clearly.
        features.push_back({blob * 8.0 + noise(rng), 1000.0 * (blob * 8.0 + noise(rng))});
        truth.push_back(blob);
    }
    const std::vector<int> labels = twoMeans(features);
    REQUIRE(labels.size() == truth.size());
    int same = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        same += labels[i] == truth[i] ? 1 : 0;
    // Cluster 1 is the one further along the principal axis: here the larger values.
    CHECK(same == 60);

    CHECK(twoMeans({{1.0}}) == std::vector<int>{0});
    CHECK_THROWS_AS(twoMeans({{1.0, 2.0}, {1.0}}), std::invalid_argument);
    CHECK_THROWS_AS(twoMeans({{}, {}}), std::invalid_argument);
}

TEST_CASE("patch settings survive a JSON round trip", "[patches]")
{
    PatchSettings s;
    s.patchSize = 48;
    s.period_px = 9.5;
    s.cleanUp = false;
    const PatchSettings back = patchSettingsFromJson(toJson(s));
    CHECK(back.patchSize == 48);
    CHECK(back.period_px == 9.5);
    CHECK_FALSE(back.cleanUp);
    CHECK(back.bandLow == s.bandLow);
    CHECK(patchSettingsFromJson(nlohmann::json::object()).patchSize == 32);
}

TEST_CASE("classifyPatches rejects sizes that cannot work", "[patches]")
{
    const cv::Mat frame(64, 64, CV_32F, cv::Scalar(10.0));
    PatchSettings s;
    s.patchSize = 4;
    CHECK_THROWS_AS(classifyPatches(frame, s), std::invalid_argument);
    s.patchSize = 128; // larger than the frame
    CHECK_THROWS_AS(classifyPatches(frame, s), std::invalid_argument);
    s.patchSize = 32;
    s.period_px = 20.0; // does not fit twice in a patch
    CHECK_THROWS_AS(classifyPatches(frame, s), std::invalid_argument);
    s.period_px = -1.0;
    CHECK_THROWS_AS(classifyPatches(frame, s), std::invalid_argument);
    CHECK_THROWS_AS(classifyPatches(cv::Mat(), PatchSettings{}), std::invalid_argument);

    // A featureless frame has no crystal and a defined layout.
    s.period_px = 0.0;
    const PatchMap flat = classifyPatches(frame, s);
    CHECK(flat.rows == 2);
    CHECK(flat.cols == 2);
    CHECK(flat.foregroundCount() == 0);
}

TEST_CASE("crystal patches agree with the simulator's particle mask", "[patches][sim]")
{
    const sim::Simulation simulation(smallMovie("medium", 11));
    const cv::Mat frame = simulation.noisyFrame(0, simulation.cleanFrame(0));
    const cv::Mat mask = simulation.particleMask(0);
    const PatchMap map = classifyPatches(frame, PatchSettings{});
    REQUIRE(map.rows == 8);
    REQUIRE(map.cols == 8);
    CHECK(map.voters == static_cast<int>(voterNames().size()));
    // {111} fringes of gold at 0.02 nm/px: 0.2355 nm = 11.8 px.
    CHECK(map.period_px == Approx(11.8).margin(0.6));
    const std::vector<std::uint8_t> truth = truthLabels(mask, map.patchSize);
    CHECK(agreement(map, truth) >= 0.95);
    CHECK(map.foregroundSpotContrast > map.backgroundSpotContrast);

    // The pixel mask is the patch map blown up.
    const cv::Mat pixels = map.foregroundMask(frame.size());
    REQUIRE(pixels.size() == frame.size());
    CHECK(cv::countNonZero(pixels) == map.foregroundCount() * map.patchSize * map.patchSize);
}

TEST_CASE("support and vacuum without a particle are all background", "[patches][sim]")
{
    sim::SimulationSettings s = smallMovie("high", 12);
    s.specimen.particle = false;
    const sim::Simulation simulation(s);
    const cv::Mat frame = simulation.noisyFrame(0, simulation.cleanFrame(0));
    PatchSettings settings;
    settings.period_px = 11.8; // as for a movie whose period is known from its crystal frames
    CHECK(classifyPatches(frame, settings).foregroundCount() == 0);
    CHECK(classifyPatches(frame, PatchSettings{}).foregroundCount() == 0);
}

TEST_CASE("a frame filled with crystal is crystal everywhere", "[patches][sim]")
{
    // A 2 nm film cut from a particle much larger than the frame: the voters still split the
    // patches in two (strong and weak fringes), and the background's own spots overrule them.
    sim::SimulationSettings s = smallMovie("medium", 14);
    s.specimen.radius111_nm = 6.0;
    s.specimen.radius100_nm = 6.5;
    s.specimen.base_nm = 5.0;
    s.specimen.maxThickness_nm = 2.0;
    s.specimen.centreY = 0.5;
    const sim::Simulation simulation(s);
    const cv::Mat frame = simulation.noisyFrame(0, simulation.cleanFrame(0));
    REQUIRE(cv::countNonZero(simulation.particleMask(0)) == frame.rows * frame.cols);
    const PatchMap map = classifyPatches(frame, PatchSettings{});
    CHECK(map.foregroundCount() == map.rows * map.cols);
}

TEST_CASE("the quality score ranks high-dose above medium-dose renderings", "[patches][sim]")
{
    const sim::Simulation high(smallMovie("high", 13));
    const sim::Simulation medium(smallMovie("medium", 13));
    std::vector<double> scores;
    for (int f = 0; f < 2; ++f) {
        const PatchMap h = classifyPatches(high.noisyFrame(f, high.cleanFrame(f)), PatchSettings{});
        const PatchMap m = classifyPatches(medium.noisyFrame(f, medium.cleanFrame(f)), PatchSettings{});
        // Ten times the dose: the fringes' power over the shot noise grows tenfold (10 dB).
        CHECK(h.frameQuality - m.frameQuality == Approx(10.0).margin(4.0));
        scores.push_back(h.frameQuality);
        scores.push_back(m.frameQuality);
    }
    CHECK(splitHighQuality(scores) == std::vector<bool>{true, false, true, false});
}

TEST_CASE("splitHighQuality falls back to the absolute rule for a movie of one quality", "[patches]")
{
    const std::vector<double> allGood(6, kHighQualityDb + 5.0);
    CHECK(splitHighQuality(allGood) == std::vector<bool>(6, true));
    const std::vector<double> allPoor{1.0, 1.5, 2.0, 1.2};
    CHECK(splitHighQuality(allPoor) == std::vector<bool>(4, false));
    CHECK(splitHighQuality({10.0, 30.0, 11.0, 29.0}) == std::vector<bool>{false, true, false, true});
    CHECK(isHighQuality(kHighQualityDb));
    CHECK_FALSE(isHighQuality(kHighQualityDb - 0.1));
}

TEST_CASE("patch settings round-trip through JSON and refuse an unknown key by name", "[patches][settings]")
{
    PatchSettings s;
    s.patchSize = 48;
    s.minSpotContrast = 7.5;
    const PatchSettings back = patchSettingsFromJson(toJson(s));
    CHECK(back.patchSize == 48);
    CHECK(back.minSpotContrast == 7.5);
    CHECK(patchSettingsFromJson(nlohmann::json::object()).patchSize == PatchSettings{}.patchSize);
    CHECK_THROWS_WITH(patchSettingsFromJson({{"patch_sise", 32}}), Catch::Contains("unknown setting 'patch_sise'"));
    CHECK_THROWS_AS(patchSettingsFromJson(nlohmann::json::array()), std::invalid_argument);
}

namespace {

/// Frames in memory as a stack (float32).
class MatStack : public StackReader {
public:
    explicit MatStack(std::vector<cv::Mat> frames) : mFrames(std::move(frames))
    {
        mInfo.width = mFrames[0].cols;
        mInfo.height = mFrames[0].rows;
        mInfo.frameCount = int(mFrames.size());
        mInfo.pixelType = PixelType::Float32;
    }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        const cv::Mat f = mFrames.at(std::size_t(frame)).clone();
        RawImage raw(PixelType::Float32, f.cols, f.rows);
        std::memcpy(raw.data(), f.data, f.total() * sizeof(float));
        return raw;
    }

private:
    std::vector<cv::Mat> mFrames;
};

} // namespace

TEST_CASE("a movie's quality scores are the analysis' per frame and suggest a threshold between two doses", "[patches][sim]")
{
    // Two frames at ten times the dose of the next two, in one stack: what a user marks from.
    const sim::Simulation high(smallMovie("high", 21));
    const sim::Simulation medium(smallMovie("medium", 21));
    const std::vector<cv::Mat> frames = {high.noisyFrame(0, high.cleanFrame(0)), high.noisyFrame(1, high.cleanFrame(1)),
                                         medium.noisyFrame(0, medium.cleanFrame(0)), medium.noisyFrame(1, medium.cleanFrame(1))};
    MatStack stack(frames);
    const MovieQuality q = scoreMovieQuality(stack);
    REQUIRE(q.quality_dB.size() == 4);
    CHECK(q.period_px > 2.0);
    // The same score the analysis gives each frame (frame_stages.cpp: patches of >= 2.2 periods).
    PatchSettings ps;
    ps.period_px = q.period_px;
    ps.patchSize = std::max(32, 8 * static_cast<int>(std::ceil(2.2 * q.period_px / 8.0)));
    for (int f = 0; f < 4; ++f)
        CHECK(q.quality_dB[f] == Approx(classifyPatches(frames[f], ps).frameQuality).margin(1e-9));
    CHECK(q.suggestedThreshold_dB > std::max(q.quality_dB[2], q.quality_dB[3]));
    CHECK(q.suggestedThreshold_dB < std::min(q.quality_dB[0], q.quality_dB[1]));
}
