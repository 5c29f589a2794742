// Display helpers and units: hand-computed cases.
#include "core/image/contrast.h"
#include "core/image/fft_view.h"
#include "core/util/text.h"
#include "core/util/units.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

#include <cmath>

using namespace hrtem;

TEST_CASE("percentile levels and histograms on a ramp", "[image]")
{
    cv::Mat ramp(1, 1001, CV_32F);
    for (int i = 0; i <= 1000; ++i)
        ramp.at<float>(0, i) = static_cast<float>(i);
    ramp.at<float>(0, 500) = std::numeric_limits<float>::quiet_NaN(); // ignored
    const DisplayLevels levels = percentileLevels(ramp, 1.0, 99.0);
    CHECK(levels.low == Approx(10).margin(1));
    CHECK(levels.high == Approx(990).margin(1));
    const Histogram h = computeHistogram(ramp, 10, 0.0, 1000.0);
    REQUIRE(h.counts.size() == 10);
    CHECK(h.counts[0] == 100);
    CHECK(h.counts[5] == 99); // NaN at 500 not counted
    CHECK(h.counts[9] == 101); // 1000 clamps into the last bin
    const cv::Mat grey = renderGrey8(ramp, {0.0, 1000.0});
    CHECK(grey.at<std::uint8_t>(0, 0) == 0);
    CHECK(grey.at<std::uint8_t>(0, 1000) == 255);
    CHECK(grey.at<std::uint8_t>(0, 250) == 64);
}

TEST_CASE("the FFT view puts a lattice spot at its spatial frequency", "[image][fft]")
{
    // Fringes of period 0.25 nm at 0.02 nm/px along x -> spot at 4 /nm from the centre.
    const int n = 256;
    cv::Mat fringes(n, n, CV_32F);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            fringes.at<float>(y, x) = static_cast<float>(std::cos(2 * CV_PI * x * 0.02 / 0.25));
    const FftView view = computeFftView(fringes, {}, AxisCalibration("x", 0.02, 0.0, "nm"));
    REQUIRE(view.size == n);
    CHECK(view.reciprocalUnits == "1/nm");
    CHECK(view.reciprocalScale == Approx(1.0 / (n * 0.02)));
    cv::Point peak;
    cv::Mat right = view.logMagnitude(cv::Rect(n / 2 + 2, 0, n / 2 - 2, n)); // one half, away from DC
    cv::minMaxLoc(right, nullptr, nullptr, nullptr, &peak);
    CHECK(view.frequencyAt(peak.x + n / 2 + 2, peak.y) == Approx(4.0).margin(view.reciprocalScale));
    CHECK(peak.y == n / 2);
}

TEST_CASE("the FFT of a region uses the largest centred square", "[image][fft]")
{
    const cv::Mat frame(100, 200, CV_32F, cv::Scalar(1));
    const FftView view = computeFftView(frame, cv::Rect(10, 20, 90, 60), AxisCalibration("x"));
    CHECK(view.size == 60);
    CHECK(view.region == cv::Rect(25, 20, 60, 60));
    CHECK(view.reciprocalUnits == "1/px");
}

TEST_CASE("units and nice numbers", "[util]")
{
    CHECK(*metresPerUnit("nm") == 1e-9);
    CHECK(*metresPerUnit("µm") == 1e-6);
    CHECK(*metresPerUnit("micron") == 1e-6);
    CHECK(*metresPerUnit("Å") == 1e-10);
    CHECK_FALSE(metresPerUnit("eV").has_value());
    CHECK(*secondsPerUnit("ms") == 1e-3);
    CHECK(niceNumberBelow(7.3) == 5.0);
    CHECK(niceNumberBelow(0.0031) == Approx(0.002));
    CHECK(niceNumberBelow(100.0) == 100.0);
    std::string unit;
    CHECK(readableLength(2.5e-9, unit) == Approx(2.5));
    CHECK(unit == "nm");
    CHECK(readableLength(3e-6, unit) == Approx(3.0));
    CHECK(unit == "µm");
}

TEST_CASE("text conversions", "[util]")
{
    CHECK(latin1ToUtf8("\xB5m") == "µm");
    CHECK(utf16ToUtf8(u"\u00B5m \U0001F600") == "µm \U0001F600");
    CHECK(isValidUtf8("µm"));
    CHECK_FALSE(isValidUtf8("\xB5m"));
    CHECK(printable(std::string("a\0b", 3)) == "a\\u0000b");
}

TEST_CASE("usage lines wrap under a hanging indent", "[util]")
{
    CHECK(hangingIndent("  --x N", "one two", 10, 40) == "  --x N   one two\n");
    // A head that reaches the indent puts the text on the next line.
    CHECK(hangingIndent("  --very-long-option", "text", 10, 40) == "  --very-long-option\n          text\n");
    // Words move to a new line, indented, before passing the width.
    CHECK(hangingIndent("-a", "aaaa bbbb cccc", 4, 13) == "-a  aaaa bbbb\n    cccc\n");
}
