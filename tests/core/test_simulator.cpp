// The simulator's physics, checked on its own images: lattice spacings in the FFT, the CTF's
// first zero, shot-noise statistics, twin mirroring, and ground truth that matches the pixels.
#include "core/image/fft_view.h"
#include "core/sim/simulation.h"
#include "tests/support/testdata.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace hrtem;
using namespace hrtem::sim;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// A still, noise-free image of a large thin gold film (no support, no drift).
SimulationSettings filmSettings(int size, bool twin)
{
    SimulationSettings s;
    s.width = s.height = size;
    s.frames = 1;
    s.specimen.radius111_nm = s.specimen.radius100_nm = 40.0;
    s.specimen.base_nm = 40.0;
    s.specimen.maxThickness_nm = 2.0;
    s.specimen.centreX = s.specimen.centreY = 0.5;
    s.specimen.twin = twin;
    s.specimen.twinPlane = 0;
    s.specimen.steps = 0;
    s.specimen.adatoms = 0;
    s.specimen.support = false;
    s.dynamics = DynamicsSettings{};
    s.dynamics.driftX_px = s.dynamics.driftY_px = s.dynamics.driftJitter_px = s.dynamics.rotation_deg = 0.0;
    s.dynamics.vibration_nm = s.dynamics.adatomVibration_nm = 0.0;
    s.dynamics.adsorptionRate = 0.0;
    s.detector.noise = false;
    return s;
}

/// |FFT| of a Hann-windowed patch, zero frequency at (n/2, n/2); frequencies in 1/nm.
struct Spectrum {
    cv::Mat magnitude;
    int n = 0;
    double binWidth = 0.0; ///< 1/nm per pixel
};

Spectrum spectrumOf(const cv::Mat& image, cv::Rect region, double pixel_nm)
{
    Spectrum s;
    s.magnitude = centredWindowedMagnitude(image(region));
    s.n = region.width;
    s.binWidth = 1.0 / (s.n * pixel_nm);
    return s;
}

/// Strongest peak within `searchPx` of an expected spot, refined by a magnitude-weighted
/// centroid over 5 x 5; returns the spatial frequency vector (1/nm) from the centre.
Vec2 refinedPeak(const Spectrum& s, Vec2 expected, int searchPx)
{
    const int cx = s.n / 2;
    const int u0 = cx + static_cast<int>(std::lround(expected.x / s.binWidth));
    const int v0 = cx + static_cast<int>(std::lround(expected.y / s.binWidth));
    int bu = u0, bv = v0;
    float best = -1.0F;
    for (int v = v0 - searchPx; v <= v0 + searchPx; ++v)
        for (int u = u0 - searchPx; u <= u0 + searchPx; ++u)
            if (s.magnitude.at<float>(v, u) > best) {
                best = s.magnitude.at<float>(v, u);
                bu = u;
                bv = v;
            }
    double su = 0, sv = 0, sw = 0;
    for (int v = bv - 2; v <= bv + 2; ++v)
        for (int u = bu - 2; u <= bu + 2; ++u) {
            const double w = s.magnitude.at<float>(v, u);
            su += w * u;
            sv += w * v;
            sw += w;
        }
    return {(su / sw - cx) * s.binWidth, (sv / sw - cx) * s.binWidth};
}

double directionDeg(Vec2 g)
{
    double a = std::atan2(g.y, g.x) * 180.0 / kPi;
    while (a < 0)
        a += 180.0; // a reflection and its opposite are the same fringe set
    while (a >= 180.0)
        a -= 180.0;
    return a;
}

double angleBetween(double a, double b)
{
    double d = std::fmod(std::abs(a - b), 180.0);
    return std::min(d, 180.0 - d);
}

} // namespace

TEST_CASE("the simulated [110] lattice shows the {111} and {200} spacings of gold", "[sim][physics]")
{
    const SimulationSettings s = filmSettings(1024, false);
    const Simulation sim(s);
    const cv::Mat image = sim.cleanFrame(0);
    const Spectrum spectrum = spectrumOf(image, cv::Rect(0, 0, 1024, 1024), s.pixel_nm);
    const Fcc110& lattice = sim.specimen().lattice();
    const double orientation = sim.specimen().orientation();
    // Expected reflections: {111} along the two in-plane {111} normals, {200} along v = [001].
    struct Expected {
        Vec2 direction;
        double spacing;
        const char* name;
    };
    const Expected spots[] = {{lattice.normal111(0), lattice.d111(), "(1-11)"},
                              {lattice.normal111(1), lattice.d111(), "(-111)"},
                              {{0.0, 1.0}, lattice.d200(), "(002)"}};
    for (const Expected& e : spots) {
        const Vec2 g = (1.0 / e.spacing) * rotate(e.direction, orientation);
        const Vec2 measured = refinedPeak(spectrum, g, 3);
        const double d = 1.0 / norm(measured);
        INFO(e.name << ": expected d = " << e.spacing << " nm, measured " << d << " nm");
        WARN("lattice " << e.name << ": d = " << d << " nm (expected " << e.spacing << ", error "
                        << 100.0 * (d - e.spacing) / e.spacing << " %)");
        CHECK(std::abs(d - e.spacing) / e.spacing < 0.01);
    }
    CHECK(lattice.d111() == Approx(0.2355).epsilon(1e-3));
    CHECK(lattice.d200() == Approx(0.2039).epsilon(1e-3));
}

TEST_CASE("the CTF's first zero is where the formula puts it", "[sim][physics]")
{
    // Thin amorphous carbon alone, far from focus on an uncorrected lens: Thon rings.
    SimulationSettings s = filmSettings(1024, false);
    s.specimen.particle = false;
    s.specimen.support = true;
    s.specimen.centreY = -2.0; // the film's edge far above the frame: carbon everywhere
    s.microscope.cs_mm = 0.5;
    s.microscope.defocus_nm = 60.0; // beyond sqrt(2 Cs λ) = 44 nm, so chi reaches -π
    s.microscope.aperture_mrad = 0.0;
    const Simulation sim(s);
    const cv::Mat image = sim.cleanFrame(0);
    const Spectrum spectrum = spectrumOf(image, cv::Rect(0, 0, 1024, 1024), s.pixel_nm);
    // Radial average of the power.
    std::vector<double> power(512, 0.0), count(512, 0.0);
    for (int v = 0; v < 1024; ++v)
        for (int u = 0; u < 1024; ++u) {
            const int r = static_cast<int>(std::lround(std::hypot(u - 512, v - 512)));
            if (r < 512) {
                const double m = spectrum.magnitude.at<float>(v, u);
                power[r] += m * m;
                count[r] += 1;
            }
        }
    for (int r = 0; r < 512; ++r)
        power[r] /= std::max(1.0, count[r]);
    // Smooth over ±4 bins (one realization of the film is noisy), start at the strongest Thon
    // ring, take the first minimum after it that the next ring clearly rises from, refine it
    // with a parabola.
    std::vector<double> smooth(512, 0.0);
    for (int r = 4; r < 508; ++r) {
        for (int k = -4; k <= 4; ++k)
            smooth[r] += power[r + k];
        smooth[r] /= 9.0;
    }
    int r = static_cast<int>(std::max_element(smooth.begin() + 5, smooth.begin() + 250) - smooth.begin());
    for (; r < 500; ++r) {
        if (!(smooth[r] < smooth[r - 1] && smooth[r] <= smooth[r + 1]))
            continue;
        const double rise = *std::max_element(smooth.begin() + r, smooth.begin() + std::min(507, r + 40));
        if (rise > 2.0 * smooth[r])
            break;
    }
    REQUIRE(r < 500);
    const double a = smooth[r - 1], b = smooth[r], c = smooth[r + 1];
    const double measured = (r + 0.5 * (a - c) / (a - 2 * b + c)) * spectrum.binWidth;
    // chi(k) = -π for underfocus: Cs λ³ k⁴ / 2 - Δf λ k² + 1 = 0, smaller root.
    const double lambda = electronWavelength_nm(s.microscope.kilovolts);
    const double cs = s.microscope.cs_mm * 1e6, df = s.microscope.defocus_nm;
    const double k2 = (df * lambda - std::sqrt(df * df * lambda * lambda - 2.0 * cs * lambda * lambda * lambda))
        / (cs * lambda * lambda * lambda);
    const double expected = std::sqrt(k2);
    INFO("first zero: expected " << expected << " 1/nm, measured " << measured << " 1/nm");
    WARN("CTF first zero: measured " << measured << " 1/nm, formula " << expected << " 1/nm ("
                                     << 100.0 * (measured - expected) / expected << " %)");
    CHECK(std::abs(measured - expected) / expected < 0.02);
    CHECK(sim.renderer().optics().firstZero() == Approx(expected).epsilon(1e-4));
}

TEST_CASE("vacuum counts are Poisson: mean equals variance", "[sim][physics]")
{
    SimulationSettings s = filmSettings(512, false);
    s.specimen.particle = false;
    s.detector.noise = true;
    s.setCountsPerPixel(37.0);
    const Simulation sim(s);
    const cv::Mat frame = sim.noisyFrame(0, sim.cleanFrame(0));
    cv::Scalar mean, stddev;
    cv::meanStdDev(frame, mean, stddev);
    const double variance = stddev[0] * stddev[0];
    INFO("mean " << mean[0] << ", variance " << variance);
    WARN("vacuum counts: mean " << mean[0] << ", variance " << variance << " ("
                                << 100.0 * (variance - mean[0]) / mean[0] << " %)");
    CHECK(mean[0] == Approx(37.0).epsilon(0.01));
    CHECK(std::abs(variance - mean[0]) / mean[0] < 0.03);
    // With a gain, variance = gain · mean.
    s.detector.gain = 3.0;
    s.setCountsPerPixel(90.0);
    const Simulation gained(s);
    cv::meanStdDev(gained.noisyFrame(0, gained.cleanFrame(0)), mean, stddev);
    CHECK(stddev[0] * stddev[0] / mean[0] == Approx(3.0).epsilon(0.03));
}

TEST_CASE("a twin boundary mirrors the lattice across a {111} plane", "[sim][physics]")
{
    const SimulationSettings s = filmSettings(1024, true);
    const Simulation sim(s);
    const cv::Mat image = sim.cleanFrame(0);
    const Fcc110& lattice = sim.specimen().lattice();
    const double orientation = sim.specimen().orientation();
    // The boundary runs through the centre, parallel to the base: twin above, parent below.
    const auto boundary = sim.twinBoundary(0);
    REQUIRE(boundary.has_value());
    CHECK(std::abs(boundary->a.y - 512.0) < 2.0);
    auto fringeDirections = [&](int centreY) {
        const Spectrum sp = spectrumOf(image, cv::Rect(288, centreY - 224, 448, 448), s.pixel_nm);
        // The two strongest {111} reflections in the upper half-plane of the annulus.
        std::vector<std::pair<float, Vec2>> peaks;
        const double g = 1.0 / lattice.d111();
        for (double angle = 0.0; angle < 180.0; angle += 0.5) {
            const Vec2 guess = g * Vec2{std::cos(angle * kPi / 180.0), std::sin(angle * kPi / 180.0)};
            const int u = sp.n / 2 + static_cast<int>(std::lround(guess.x / sp.binWidth));
            const int v = sp.n / 2 + static_cast<int>(std::lround(guess.y / sp.binWidth));
            peaks.push_back({sp.magnitude.at<float>(v, u), guess});
        }
        std::sort(peaks.begin(), peaks.end(), [](auto& a, auto& b) { return a.first > b.first; });
        std::vector<double> directions;
        for (const auto& [m, guess] : peaks) {
            const double d = directionDeg(refinedPeak(sp, guess, 2));
            bool seen = false;
            for (double e : directions)
                seen = seen || angleBetween(d, e) < 10.0;
            if (!seen)
                directions.push_back(d);
            if (directions.size() == 2)
                break;
        }
        return directions;
    };
    const std::vector<double> parent = fringeDirections(768);
    const std::vector<double> twin = fringeDirections(256);
    REQUIRE(parent.size() == 2);
    REQUIRE(twin.size() == 2);
    INFO("parent {111} at " << parent[0] << "°, " << parent[1] << "°; twin at " << twin[0] << "°, " << twin[1] << "°");
    // In each domain the two {111} fringe sets cross at 70.53°.
    CHECK(angleBetween(parent[0], parent[1]) == Approx(70.53).margin(1.0));
    CHECK(angleBetween(twin[0], twin[1]) == Approx(70.53).margin(1.0));
    // The boundary plane's set is shared; the other set is mirrored across it.
    const double plane = directionDeg(rotate(sim.specimen().baseNormal(), orientation));
    auto shared = [&](const std::vector<double>& d) { return angleBetween(d[0], plane) < angleBetween(d[1], plane) ? 0 : 1; };
    const double parentOther = parent[1 - shared(parent)];
    const double twinOther = twin[1 - shared(twin)];
    WARN("twin: {111} fringe sets cross at " << angleBetween(parent[0], parent[1]) << "° (parent) and "
                                             << angleBetween(twin[0], twin[1]) << "° (twin); the non-shared sets are "
                                             << angleBetween(parentOther, twinOther) << "° apart (mirror: 38.94°)");
    CHECK(angleBetween(parent[shared(parent)], plane) < 1.0);
    CHECK(angleBetween(twin[shared(twin)], plane) < 1.0);
    CHECK(angleBetween(parentOther, twinOther) == Approx(180.0 - 2 * 70.53).margin(1.0));
    // Mirror: equal angles on either side of the boundary plane.
    CHECK(angleBetween(parentOther, plane) == Approx(angleBetween(twinOther, plane)).margin(1.0));
}

TEST_CASE("ground-truth column positions are where the columns image", "[sim][truth]")
{
    SimulationSettings s = preset("demo");
    s.frames = 2;
    s.detector.noise = false;
    const Simulation sim(s);
    const cv::Mat image = sim.cleanFrame(1);
    int checked = 0, close = 0;
    double sumDx = 0.0, sumDy = 0.0, worst = 0.0;
    for (const ColumnState& c : sim.state(1).columns) {
        if (c.surface || c.occupancy < 8)
            continue;
        const Vec2 p = sim.columnPosition(1, c);
        // Thin columns image dark and thick ones bright at this defocus (as in real Au
        // images): take the extremum that stands out from the surrounding ring.
        const int cx = int(std::lround(p.x)), cy = int(std::lround(p.y));
        double ring = 0.0;
        for (int k = -3; k <= 3; ++k)
            ring += image.at<float>(cy - 3, cx + k) + image.at<float>(cy + 3, cx + k) + image.at<float>(cy + k, cx - 3)
                + image.at<float>(cy + k, cx + 3);
        ring /= 28.0;
        const double sign = image.at<float>(cy, cx) > ring ? 1.0 : -1.0;
        int bx = cx, by = cy;
        for (int y = cy - 2; y <= cy + 2; ++y)
            for (int x = cx - 2; x <= cx + 2; ++x)
                if (sign * image.at<float>(y, x) > sign * image.at<float>(by, bx)) {
                    bx = x;
                    by = y;
                }
        auto vertex = [](double l, double m, double r) { return 0.5 * (l - r) / (l - 2 * m + r); };
        const double mx = bx + vertex(image.at<float>(by, bx - 1), image.at<float>(by, bx), image.at<float>(by, bx + 1));
        const double my = by + vertex(image.at<float>(by - 1, bx), image.at<float>(by, bx), image.at<float>(by + 1, bx));
        ++checked;
        close += std::hypot(mx - p.x, my - p.y) < 0.5 ? 1 : 0;
        sumDx += mx - p.x;
        sumDy += my - p.y;
        worst = std::max(worst, std::hypot(mx - p.x, my - p.y));
    }
    WARN("image extrema vs truth: mean offset (" << sumDx / checked << ", " << sumDy / checked << ") px, worst " << worst
                                                 << " px, " << close << "/" << checked << " within 0.5 px");
    // No systematic offset (a convention error would show as one), and most columns image
    // within half a pixel; interference with neighbours displaces a few thick ones further.
    CHECK(checked > 100);
    CHECK(std::abs(sumDx / checked) < 0.1);
    CHECK(std::abs(sumDy / checked) < 0.1);
    CHECK(close >= 0.8 * checked);
}

TEST_CASE("the same seed gives byte-identical files, another seed different ones", "[sim][determinism]")
{
    const test::TempDir temp("simseed");
    SimulationSettings s = preset("demo");
    s.width = s.height = 160;
    s.frames = 4;
    s.specimen.radius111_nm = s.specimen.radius100_nm = 1.0;
    s.specimen.base_nm = 0.8;
    writeSimulation(Simulation(s), (temp / "a").string());
    writeSimulation(Simulation(s), (temp / "b").string());
    s.seed = 2;
    writeSimulation(Simulation(s), (temp / "c").string());
    for (const char* file : {"movie.tif", "clean.tif", "parameters.json", "truth/columns.csv", "truth/events.csv",
                             "truth/twin_boundaries.csv", "truth/particle_mask.tif", "truth/column_mask.tif"}) {
        INFO(file);
        const auto a = test::readBytes(temp / "a" / file);
        CHECK(!a.empty());
        CHECK(a == test::readBytes(temp / "b" / file));
    }
    CHECK(test::readBytes(temp / "a/movie.tif") != test::readBytes(temp / "c/movie.tif"));
}

TEST_CASE("behaviour labels agree with the event list", "[sim][truth]")
{
    SimulationSettings s = preset("demo");
    s.frames = 60;
    s.dynamics.hopProbability = 0.4;
    s.dynamics.adsorptionRate = 0.15;
    s.dynamics.desorptionProbability = 0.05;
    const Simulation sim(s);
    std::map<std::pair<int, int>, Behaviour> label;
    for (int f = 0; f < s.frames; ++f)
        for (const ColumnState& c : sim.state(f).columns)
            label[{f, c.id}] = c.behaviour;
    int hops = 0, arrivals = 0, departures = 0;
    for (const SimEvent& e : sim.events()) {
        if (e.kind == "hop") {
            CHECK(label[{e.frame, e.columnId}] == Behaviour::Hopping);
            CHECK(norm(e.to - e.from) > 0.2); // a whole site: 0.25 or 0.29 nm
            CHECK(norm(e.to - e.from) < 0.3);
            ++hops;
        } else if (e.kind == "adsorption") {
            CHECK(label[{e.frame, e.columnId}] == Behaviour::Adsorbed);
            CHECK(label.count({e.frame - 1, e.columnId}) == 0);
            ++arrivals;
        } else if (e.kind == "desorption") {
            CHECK(label[{e.frame - 1, e.columnId}] == Behaviour::Desorbed);
            CHECK(label.count({e.frame, e.columnId}) == 0);
            ++departures;
        }
    }
    CHECK(hops > 5);
    CHECK(arrivals > 2);
    CHECK(departures > 0);
}

TEST_CASE("simulation settings read back from parameters.json and refuse an unknown key by name", "[simulator][settings]")
{
    sim::SimulationSettings s = sim::preset("medium");
    s.seed = 77;
    s.specimen.adatoms = 5;
    s.microscope.defocus_nm = -2.5;
    nlohmann::json written = sim::toJson(s);
    // What writeSimulation adds beside the settings is accepted and ignored.
    written["derived"] = {{"nearest_neighbour_nm", 0.288}};
    written["files"] = {{"movie", "movie.tif"}};
    written["software"] = "HRTEM Studio";
    const sim::SimulationSettings back = sim::settingsFromJson(written);
    CHECK(back.seed == 77);
    CHECK(back.specimen.adatoms == 5);
    CHECK(back.microscope.defocus_nm == -2.5);
    CHECK(back.countsPerPixel() == Approx(s.countsPerPixel()));
    CHECK_THROWS_WITH(sim::settingsFromJson({{"specimen", {{"radius111", 2.0}}}}),
                      Catch::Contains("unknown setting 'specimen.radius111'"));
    CHECK_THROWS_WITH(sim::settingsFromJson({{"frame", 10}}), Catch::Contains("unknown setting 'frame'"));
    CHECK_THROWS_WITH(sim::settingsFromJson({{"dynamics", 3}}), Catch::Contains("'dynamics' must be a JSON object"));
}
