// Pooling neighbouring frames for detection (issue 27): the drift between frames is recovered,
// the window stays inside the movie, the pool size follows the data's significance, and on a
// low-dose simulated movie the pooled detection finds far more of the true columns than one
// frame alone, without losing precision.
#include "core/evaluate/evaluation.h"
#include "core/locate/localization.h"
#include "core/locate/temporal_pool.h"
#include "core/sim/simulation.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

using namespace hrtem;

namespace {

TruthMovie truthOf(const sim::Simulation& simulation, const sim::SimulationSettings& s, int frame)
{
    TruthMovie truth;
    truth.pixel_nm = s.pixel_nm;
    truth.frames = 1;
    truth.columns.resize(1);
    for (const sim::ColumnState& c : simulation.state(frame).columns) {
        const sim::Vec2 p = simulation.columnPosition(frame, c);
        truth.columns[0].push_back({c.id, p.x, p.y, c.occupancy, c.surface, sim::behaviourName(c.behaviour), c.adatom});
    }
    return truth;
}

} // namespace

TEST_CASE("the shift between two frames is recovered to half a pixel at low dose", "[analysis][pool]")
{
    sim::SimulationSettings s = sim::preset("low");
    s.frames = 1;
    s.seed = 11;
    const sim::Simulation simulation(s);
    const cv::Mat clean = simulation.cleanFrame(0);
    const cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, 2.6, 0, 1, -1.4);
    cv::Mat moved;
    cv::warpAffine(clean, moved, m, clean.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    const cv::Mat a = simulation.noisyFrame(0, clean), b = simulation.noisyFrame(0, moved);
    const cv::Point2d shift = frameShift(a, b);
    // Carrying b onto a undoes the move. OpenCV's sub-pixel peak (a centroid around the
    // correlation maximum) is biased by a few tenths of a pixel at this dose; for pooling that is
    // well inside a column's width (about 3 px here), so half a pixel is the bar.
    CHECK(shift.x == Approx(-2.6).margin(0.5));
    CHECK(shift.y == Approx(1.4).margin(0.5));
}

TEST_CASE("the pool window stays inside the movie and the pool size follows the significance", "[analysis][pool]")
{
    CHECK(poolWindow(0, 5, 0, 40) == std::pair<int, int>(0, 5));
    CHECK(poolWindow(20, 5, 0, 40) == std::pair<int, int>(18, 23));
    CHECK(poolWindow(39, 5, 0, 40) == std::pair<int, int>(35, 40));
    CHECK(poolWindow(1, 9, 0, 3) == std::pair<int, int>(0, 3));
    // (5.5 / z)^2 rounded up to an odd count: 1 when one frame suffices.
    CHECK(framesToPool(5.8, 5.5, 9) == 1);
    CHECK(framesToPool(5.81, 10.0, 9) == 3); // the demo: 2.96 -> 3
    CHECK(framesToPool(4.12, 5.5, 9) == 3);  // 1.78 -> 2 -> 3
    CHECK(framesToPool(2.5, 5.5, 9) == 5);   // 4.84 -> 5
    CHECK(framesToPool(1.9, 5.5, 9) == 9);   // 8.4 -> 9
    CHECK(framesToPool(0.5, 5.5, 9) == 9);
    CHECK(framesToPool(0.0, 5.5, 8) == 7);
    const NoiseModel one{2.0, 10.0, 4.0};
    const NoiseModel pooled = pooledNoise(one, 4);
    CHECK(pooled.variance(110.0) == Approx(one.variance(110.0) / 4.0));
}

TEST_CASE("pooled frames find the columns one low-dose frame cannot", "[analysis][pool]")
{
    sim::SimulationSettings s = sim::preset("low");
    s.frames = 9;
    s.seed = 5;
    s.setCountsPerPixel(4.0);
    const sim::Simulation simulation(s);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < s.frames; ++i)
        frames.push_back(simulation.noisyFrame(i, simulation.cleanFrame(i)));
    const int centre = 4;
    const TruthMovie truth = truthOf(simulation, s, centre);
    const double gate = 0.3 * 0.2497 / s.pixel_nm;

    const std::vector<Atom> single = localizeColumns(frames[centre]);
    const PooledFrame pool = poolFrames(frames, centre);
    REQUIRE(pool.frames == 9);
    LocalizationReport report;
    const std::vector<Atom> pooled = localizeColumns(frames[centre], {}, &report, nullptr, &pool);
    CHECK(report.pooledFrames == 9);
    const DetectionScore one = scoreDetections(truth, {single}, gate);
    const DetectionScore many = scoreDetections(truth, {pooled}, gate);
    INFO("one frame: recall " << one.recall << ", precision " << one.precision << "; pooled: recall " << many.recall
                              << ", precision " << many.precision);
    CHECK(many.recall > one.recall + 0.1);
    CHECK(many.precision > 0.9);
    CHECK(many.f1 > 0.85);
}
