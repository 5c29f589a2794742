// Distances, angles and line profiles: hand-computed cases, and the propagated errors against
// the scatter of many noisy placements.
#include "core/image/measurement.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

#include <cmath>
#include <random>

using namespace hrtem;

namespace {
MeasurePoint column(double x, double y, double errX, double errY, int id)
{
    MeasurePoint p;
    p.x = x;
    p.y = y;
    p.errX = errX;
    p.errY = errY;
    p.atomId = id;
    return p;
}
} // namespace

TEST_CASE("a distance in pixels and physical units, with its error along the line", "[image][measure]")
{
    const MeasurePoint a = column(10, 20, 0.3, 0.4, 0), b = column(13, 24, 0.1, 0.2, 1);
    const LengthMeasurement px = measureDistance(a, b);
    CHECK(px.length == Approx(5.0).epsilon(1e-12));
    REQUIRE(px.hasError);
    // u = (0.6, 0.8): variance 0.36 (0.09 + 0.01) + 0.64 (0.16 + 0.04) = 0.036 + 0.128 = 0.164.
    CHECK(px.error == Approx(std::sqrt(0.164)).epsilon(1e-12));

    const LengthMeasurement nm = measureDistance(a, b, {0.02, 0.02});
    CHECK(nm.length == Approx(0.1).epsilon(1e-12));
    CHECK(nm.error == Approx(0.02 * std::sqrt(0.164)).epsilon(1e-12));

    // A non-square pixel stretches y alone: (3 * 0.01, 4 * 0.02) -> sqrt(0.0009 + 0.0064).
    CHECK(measureDistance(a, b, {0.01, 0.02}).length == Approx(std::sqrt(0.0073)).epsilon(1e-12));

    // An end placed by hand has no error, so the distance reports none.
    MeasurePoint hand = b;
    hand.atomId = -1;
    const LengthMeasurement free = measureDistance(a, hand);
    CHECK_FALSE(free.hasError);
    CHECK(free.error == 0.0);
}

TEST_CASE("angles are 0..180 degrees at the vertex, with propagated errors", "[image][measure]")
{
    const MeasurePoint v = column(0, 0, 0.1, 0.1, 0);
    CHECK(measureAngle(column(10, 0, 0, 0, -1), v, column(0, 10, 0, 0, -1)).degrees == Approx(90.0).epsilon(1e-12));
    CHECK(measureAngle(column(10, 0, 0, 0, -1), v, column(-10, 0.0, 0, 0, -1)).degrees == Approx(180.0).epsilon(1e-12));
    CHECK(measureAngle(column(10, 0, 0, 0, -1), v, column(5, 5 * std::sqrt(3.0), 0, 0, -1)).degrees
          == Approx(60.0).epsilon(1e-12));
    // Order of the arms does not matter, nor the image's y pointing down.
    CHECK(measureAngle(column(0, 10, 0, 0, -1), v, column(10, 0, 0, 0, -1)).degrees == Approx(90.0).epsilon(1e-12));
    // A pixel twice as tall turns 45 degrees in pixels into atan(2) = 63.43 degrees.
    CHECK(measureAngle(column(10, 0, 0, 0, -1), v, column(10, 10, 0, 0, -1), {1.0, 2.0}).degrees
          == Approx(63.4349488).epsilon(1e-7));

    // Right angle, arms of 10 px, every point sigma 0.1 px per axis: each arm end moves its
    // direction by 0.1/10 rad across it; the vertex moves both arms: variance
    // (0.01² [a] + 0.01² [b] + 2 * 0.01² [vertex, across both arms]) -> 0.02 rad.
    const AngleMeasurement right = measureAngle(column(10, 0, 0.1, 0.1, 1), v, column(0, 10, 0.1, 0.1, 2));
    REQUIRE(right.hasError);
    CHECK(right.error == Approx(0.02 * 180.0 / 3.14159265358979).epsilon(1e-9));
}

TEST_CASE("the propagated distance and angle errors match the scatter of noisy positions", "[image][measure]")
{
    std::mt19937 rng(7);
    const double sx = 0.25, sy = 0.15;
    std::normal_distribution<double> nx(0.0, sx), ny(0.0, sy);
    const MeasurePoint a = column(5, 5, sx, sy, 0), v = column(20, 8, sx, sy, 1), b = column(12, 30, sx, sy, 2);
    const LengthMeasurement d = measureDistance(a, b);
    const AngleMeasurement angle = measureAngle(a, v, b);
    double sumD = 0, sumD2 = 0, sumA = 0, sumA2 = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        auto jitter = [&](MeasurePoint p) {
            p.x += nx(rng);
            p.y += ny(rng);
            return p;
        };
        const double di = measureDistance(jitter(a), jitter(b)).length;
        const double ai = measureAngle(jitter(a), jitter(v), jitter(b)).degrees;
        sumD += di;
        sumD2 += di * di;
        sumA += ai;
        sumA2 += ai * ai;
    }
    const double sdD = std::sqrt(sumD2 / n - (sumD / n) * (sumD / n));
    const double sdA = std::sqrt(sumA2 / n - (sumA / n) * (sumA / n));
    CHECK(d.error == Approx(sdD).epsilon(0.03));
    CHECK(angle.error == Approx(sdA).epsilon(0.03));
}

TEST_CASE("a line profile samples the frame per pixel, across its width, in physical distance", "[image][measure]")
{
    // value = 2x + 3y: bilinear interpolation reproduces a plane exactly.
    cv::Mat plane(40, 50, CV_32F);
    for (int y = 0; y < plane.rows; ++y)
        for (int x = 0; x < plane.cols; ++x)
            plane.at<float>(y, x) = float(2 * x + 3 * y);
    MeasurePoint a, b;
    a.x = 4.5;
    a.y = 10.0;
    b.x = 4.5 + 12.0;
    b.y = 10.0 + 16.0; // 20 px long
    const auto samples = lineProfile(plane, a, b, 1, {0.05, 0.05});
    REQUIRE(samples.size() == 21);
    CHECK(samples.front().distance == Approx(0.0));
    CHECK(samples.back().distance == Approx(1.0).epsilon(1e-12));
    for (const ProfileSample& s : samples) {
        const double t = s.distance / 1.0;
        CHECK(s.value == Approx(2 * (a.x + 12 * t) + 3 * (a.y + 16 * t)).epsilon(1e-6));
    }
    // Averaged across 5 px centred on the line, a plane keeps its value on the line.
    const auto wide = lineProfile(plane, a, b, 5);
    REQUIRE(wide.size() == 21);
    CHECK(wide[7].value == Approx(samples[7].value).epsilon(1e-6));
    CHECK(wide[7].distance == Approx(7.0));

    // A line leaving the frame keeps only the samples inside it.
    MeasurePoint outside = b;
    outside.x = 60.5;
    outside.y = 10.0;
    MeasurePoint inside = a;
    inside.y = 10.0;
    const auto clipped = lineProfile(plane, inside, outside);
    CHECK(clipped.size() == 45); // x = 4.5 .. 48.5 of 4.5 .. 60.5 (57 samples)
    CHECK(clipped.back().value == Approx(2 * 48.5 + 30).epsilon(1e-6));
}
