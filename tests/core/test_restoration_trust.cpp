// The restoration trust check (issue 20): a restored frame that is the clean signal passes; one
// whose columns are not where the raw counts have them (shifted by half a spacing, or the
// contrast inverted), or that adds a lattice on the support, is flagged, at low dose too.
#include "core/locate/lattice_scale.h"
#include "core/locate/localization.h"
#include "core/locate/noise_model.h"
#include "core/relate/relations.h"
#include "core/restore/restoration_trust.h"
#include "core/sim/simulation.h"
#include "tests/support/small_movie.h"

#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

using namespace hrtem;

namespace {

struct Case {
    cv::Mat raw, clean;
    NoiseModel noise;
    LocalizationSettings localization;
    int polarity = -1;
    std::vector<Atom> rawColumns;
};

Case simulated(double counts)
{
    sim::SimulationSettings s = test::smallMovie("medium", 77, 1);
    s.setCountsPerPixel(counts);
    Case c;
    c.raw = sim::makeSimulatedStack(s)->readFrame(0);
    s.detector.noise = false;
    c.clean = sim::makeSimulatedStack(s)->readFrame(0);
    c.noise = estimateNoiseModel(c.raw);
    c.localization.period_px = estimateLatticePeriod(c.clean).period_px;
    LocalizationReport probe;
    localizeColumns(c.raw, c.localization, &probe, &c.noise);
    c.polarity = probe.polarity >= 0 ? 1 : -1;
    c.localization.polarity = c.polarity > 0 ? LocalizationSettings::Polarity::Bright : LocalizationSettings::Polarity::Dark;
    c.rawColumns = localizeColumns(c.raw, c.localization, nullptr, &c.noise);
    return c;
}

RestorationTrust judge(const Case& c, const cv::Mat& restored)
{
    std::vector<Atom> columns = localizeColumns(restored, c.localization, nullptr, &c.noise);
    const double nn = computeRelations(columns, {}).meanNearestNeighbour_px;
    return checkRestoration(c.raw, restored, columns, c.rawColumns, c.polarity, nn > 0 ? nn : c.localization.period_px, c.noise);
}

cv::Mat shifted(const cv::Mat& image, double dx, double dy)
{
    cv::Mat out;
    const cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, dx, 0, 1, dy);
    cv::warpAffine(image, out, m, image.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
    return out;
}

} // namespace

TEST_CASE("the trust check passes the clean signal and flags columns the raw frame does not hold", "[restore][trust]")
{
    for (double counts : {5.0, 20.0}) {
        INFO(counts << " counts/px");
        const Case c = simulated(counts);
        // The noise-free frame is what an ideal restoration gives.
        const RestorationTrust sound = judge(c, c.clean);
        REQUIRE(sound.judged);
        CHECK_FALSE(sound.flagged);
        CHECK(sound.support == Approx(1.0).margin(0.3));
        CHECK(sound.residualChi2 == Approx(1.0).margin(0.15));

        // Columns drawn half a spacing away from where they are: the raw frame has the
        // opposite contrast there.
        std::vector<Atom> columns = localizeColumns(c.clean, c.localization, nullptr, &c.noise);
        const double nn = computeRelations(columns, {}).meanNearestNeighbour_px;
        const RestorationTrust moved = judge(c, shifted(c.clean, 0.5 * nn, 0.0));
        CHECK(moved.flagged);
        CHECK(moved.support < 0.5);
        CHECK(moved.residualChi2 > sound.residualChi2);

        // The contrast inverted about the frame's mean (a generator trained on the other polarity).
        cv::Mat inverted;
        c.clean.convertTo(inverted, CV_32F, -1.0, 2.0 * cv::mean(c.clean)[0]);
        const RestorationTrust flipped = judge(c, inverted);
        CHECK(flipped.flagged);
        CHECK(flipped.signalKept < 0.0);
        CHECK(sound.keptJudged);
        CHECK(sound.signalKept == Approx(1.0).margin(0.35));

        // Erased: a restoration that smooths the lattice away keeps nothing of the raw columns.
        cv::Mat erased;
        cv::GaussianBlur(c.clean, erased, cv::Size(0, 0), nn);
        const RestorationTrust blank = judge(c, erased);
        CHECK(blank.flagged);
        CHECK(blank.signalKept < 0.3);
    }
}

TEST_CASE("a lattice added on the support is flagged in its region", "[restore][trust]")
{
    const Case c = simulated(20.0);
    // Copy a piece of the crystal onto the support corner: columns there are the restoration's.
    cv::Mat restored = c.clean.clone();
    const int w = c.clean.cols / 4;
    const cv::Rect crystal(c.clean.cols / 2 - w / 2, c.clean.rows / 2 - w / 2, w, w);
    c.clean(crystal).copyTo(restored(cv::Rect(0, c.clean.rows - w, w, w)));
    const RestorationTrust trust = judge(c, restored);
    REQUIRE(trust.flagged);
    REQUIRE_FALSE(trust.regions.empty());
    for (const TrustRegion& r : trust.regions) {
        INFO(r.area.x << "," << r.area.y);
        CHECK(r.area.x < w);              // the bottom-left corner, where the copy went
        CHECK(r.area.y + r.area.height > c.clean.rows - w);
    }
}
