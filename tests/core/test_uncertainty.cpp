// Issue 22: the pieces of the uncertainty model and of its calibration benchmark, on
// hand-computed cases and on lattices with known, injected errors.
#include "core/relate/derived_uncertainty.h"
#include "core/evaluate/evaluation.h"
#include "core/relate/relations.h"
#include "core/locate/systematic_error.h"
#include "core/evaluate/uncertainty_calibration.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hrtem;

namespace {

Atom atomAt(double x, double y, double err)
{
    Atom a;
    a.x = a.siteX = x;
    a.y = a.siteY = y;
    a.errX = a.errY = a.fitErrX = a.fitErrY = err;
    a.siteErr = err;
    return a;
}

/// A square lattice of n x n columns, `spacing` px apart, each site moved by `bias` (per axis,
/// Gaussian) and reporting `siteErr`.
std::vector<Atom> lattice(int n, double spacing, double bias, double siteErr, std::mt19937_64& rng)
{
    std::normal_distribution<double> offset(0.0, bias);
    std::vector<Atom> atoms;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            atoms.push_back(atomAt(20 + c * spacing + (bias > 0 ? offset(rng) : 0.0), 20 + r * spacing + (bias > 0 ? offset(rng) : 0.0),
                                   siteErr));
    return atoms;
}

} // namespace

TEST_CASE("calibration scores count errors in units of each column's own sigma", "[analysis][uncertainty]")
{
    TruthMovie truth;
    truth.frames = 1;
    truth.columns = {{{0, 10.0, 10.0}, {1, 30.0, 10.0}}};
    // Column 0: errors of 0.5 and 1.5 sigma (sigma 0.2); column 1: 2.5 and 0.0 sigma (sigma 0.1).
    std::vector<std::vector<Atom>> found = {{atomAt(10.1, 10.3, 0.2), atomAt(30.25, 10.0, 0.1)}};
    const UncertaintyCalibration c = calibrateUncertainty(truth, found, 2.0, PositionKind::SingleFrame);
    REQUIRE(c.coordinates == 4);
    CHECK(c.withinOneSigma == Approx(0.5));
    CHECK(c.withinTwoSigma == Approx(0.75));
    CHECK(c.rmsNormalizedError == Approx(std::sqrt((0.25 + 2.25 + 6.25 + 0.0) / 4)).epsilon(1e-9));
    // The time-averaged kind reads siteX/siteY and siteErr.
    found[0][0].siteX = 10.0;
    found[0][0].siteY = 10.0;
    found[0][0].siteErr = 0.05;
    const UncertaintyCalibration s = calibrateUncertainty(truth, found, 2.0, PositionKind::TimeAveraged);
    REQUIRE(s.coordinates == 4);
    CHECK(s.withinOneSigma == Approx(0.75)); // column 0 exact; column 1 as before (2.5 and 0 sigma)
}

TEST_CASE("the reliability curve of normal errors follows the diagonal", "[analysis][uncertainty]")
{
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> z;
    for (int i = 0; i < 20000; ++i)
        z.push_back(std::abs(normal(rng)));
    const std::vector<double> expected = {0.1, 0.5, 0.683, 0.9, 0.954, 0.99};
    const std::vector<double> observed = observedCoverage(z, expected);
    for (std::size_t i = 0; i < expected.size(); ++i)
        CHECK(observed[i] == Approx(expected[i]).margin(0.01));
    // Errors twice their sigma: 1 sigma holds 38% of them (P(|N| < 0.5)).
    for (double& v : z)
        v *= 2.0;
    CHECK(observedCoverage(z, {0.683})[0] == Approx(0.383).margin(0.01));
}

TEST_CASE("the systematic term is read from the lattice's midpoint residuals", "[analysis][uncertainty]")
{
    std::mt19937_64 rng(11);
    SECTION("sites moved by 0.3 px give sigma_sys of 0.3 px")
    {
        const std::vector<Atom> atoms = lattice(20, 10.0, 0.3, 0.05, rng);
        const SystematicErrorEstimate e = estimateSystematicError(atoms, 10.0);
        CHECK(e.residuals > 600);
        CHECK(e.sigma_px == Approx(0.3).margin(0.04));
    }
    SECTION("scatter the site errors already explain adds nothing")
    {
        std::vector<Atom> atoms = lattice(20, 10.0, 0.1, 0.1, rng);
        CHECK(estimateSystematicError(atoms, 10.0).sigma_px < 0.05);
    }
    SECTION("a uniformly strained lattice has no midpoint residual")
    {
        std::vector<Atom> atoms = lattice(20, 10.0, 0.0, 0.05, rng);
        for (Atom& a : atoms) {
            a.siteX *= 1.03;
            a.siteY += 0.02 * a.siteX;
        }
        CHECK(estimateSystematicError(atoms, 10.0).sigma_px == Approx(0.0).margin(1e-9));
    }
    SECTION("too few columns: no estimate")
    {
        const std::vector<Atom> atoms = lattice(3, 10.0, 0.3, 0.05, rng);
        CHECK(estimateSystematicError(atoms, 10.0).residuals < 30);
    }
}

TEST_CASE("the systematic term is added to the fit's errors, and only once", "[analysis][uncertainty]")
{
    std::mt19937_64 rng(12);
    std::vector<std::vector<Atom>> frames = {lattice(20, 10.0, 0.3, 0.05, rng), lattice(2, 10.0, 0.0, 0.05, rng)};
    for (auto& frame : frames)
        for (Atom& a : frame) {
            a.fitErrX = 0.1;
            a.fitErrY = 0.2;
        }
    const std::vector<double> sigma = applySystematicError(frames, 10.0);
    REQUIRE(sigma.size() == 2);
    CHECK(sigma[0] == Approx(0.3).margin(0.04));
    CHECK(sigma[1] == Approx(sigma[0])); // too few columns: the other frames' median
    const Atom& a = frames[0][0];
    CHECK(a.errX == Approx(std::hypot(0.1, sigma[0])));
    CHECK(a.errY == Approx(std::hypot(0.2, sigma[0])));
    CHECK(a.siteErr == Approx(std::hypot(0.05, sigma[0])));
}

TEST_CASE("true sites are averaged with the true drift removed", "[analysis][uncertainty]")
{
    TruthMovie truth;
    truth.frames = 7;
    truth.columns.resize(7);
    for (int t = 0; t < 7; ++t) {
        // Drift that is not linear in time: averaging raw positions would miss the site.
        const TruthDrift d{0.5 * t * t, -0.3 * t};
        truth.drift.push_back(d);
        const double vibration = (t % 2 == 0 ? 0.05 : -0.05);
        truth.columns[t].push_back({0, 100.0 + d.x + vibration, 50.0 + d.y});
    }
    const TruthMovie sites = timeAveragedTruth(truth, 3, 2.0);
    // The centre frame's window holds all seven: vibration averages to 0.05/7.
    CHECK(sites.columns[3][0].x == Approx(100.0 + 4.5 + 0.05 / 7).margin(1e-9));
    CHECK(sites.columns[3][0].y == Approx(50.0 - 0.9).margin(1e-9));
}

TEST_CASE("a nearest-neighbour distance carries both columns' sigmas along the bond", "[analysis][uncertainty]")
{
    // Two columns 10 px apart along (0.6, 0.8); sigmas (0.1, 0.2) and (0.3, 0.4).
    std::vector<Atom> atoms = {atomAt(0.0, 0.0, 0.0), atomAt(6.0, 8.0, 0.0)};
    atoms[0].errX = 0.1;
    atoms[0].errY = 0.2;
    atoms[1].errX = 0.3;
    atoms[1].errY = 0.4;
    FrameRelations r;
    r.bonds.push_back({0, 1, 10.0});
    r.nearestNeighbour_px = {10.0, 10.0};
    r.strainXX = r.strainYY = r.strainXY = {std::nan(""), std::nan("")};
    propagatePositionUncertainty(atoms, r);
    const double expected = std::sqrt(0.36 * (0.01 + 0.09) + 0.64 * (0.04 + 0.16));
    CHECK(r.nearestNeighbourErr_px[0] == Approx(expected));
    CHECK(r.nearestNeighbourErr_px[1] == Approx(expected));
    CHECK(r.meanNearestNeighbourErr_px == Approx(std::sqrt(2 * expected * expected) / 2));
    CHECK(std::isnan(r.strainXXErr[0]));
}

TEST_CASE("propagated strain sigmas match the scatter of strain under position noise", "[analysis][uncertainty]")
{
    // Gold along [110] at 0.02 nm/px: column (p, q) at (p·a/(2√2), q·a/2), p+q even; a round
    // cluster of radius 70 px. Each trial moves every column by N(0, 0.15 px) per axis.
    const double u = 0.4078 / (2.0 * std::sqrt(2.0)) / 0.02, v = 0.4078 / 2.0 / 0.02;
    std::vector<Point2> sites;
    for (int p = -12; p <= 12; ++p)
        for (int q = -8; q <= 8; ++q)
            if ((p + q) % 2 == 0 && std::hypot(p * u, q * v) < 70.0)
                sites.push_back({256 + p * u, 256 + q * v});
    std::size_t centre = 0;
    for (std::size_t i = 0; i < sites.size(); ++i)
        if (std::hypot(sites[i].x - 256, sites[i].y - 256) < 1e-9)
            centre = i;
    const double noise = 0.15;
    auto atomsAt = [&](std::mt19937_64* rng) {
        std::normal_distribution<double> g(0.0, noise);
        std::vector<Atom> atoms;
        for (const Point2& s : sites) {
            Atom a = atomAt(s.x + (rng ? g(*rng) : 0.0), s.y + (rng ? g(*rng) : 0.0), noise);
            atoms.push_back(a);
        }
        return atoms;
    };
    std::vector<Atom> perfect = atomsAt(nullptr);
    FrameRelations reference = computeRelations(perfect);
    propagatePositionUncertainty(perfect, reference);
    REQUIRE(std::isfinite(reference.strainXXErr[centre]));

    std::mt19937_64 rng(21);
    std::vector<double> xx, yy, xy;
    for (int trial = 0; trial < 400; ++trial) {
        std::vector<Atom> atoms = atomsAt(&rng);
        const FrameRelations r = computeRelations(atoms);
        if (std::isfinite(r.strainXX[centre])) {
            xx.push_back(r.strainXX[centre]);
            yy.push_back(r.strainYY[centre]);
            xy.push_back(r.strainXY[centre]);
        }
    }
    REQUIRE(xx.size() > 380);
    auto spread = [](const std::vector<double>& values) {
        double mean = 0, squares = 0;
        for (double x : values)
            mean += x / values.size();
        for (double x : values)
            squares += (x - mean) * (x - mean);
        return std::sqrt(squares / (values.size() - 1));
    };
    // 400 trials estimate a standard deviation to ~4%; the lattice fit itself also moves a little.
    CHECK(spread(xx) == Approx(reference.strainXXErr[centre]).epsilon(0.15));
    CHECK(spread(yy) == Approx(reference.strainYYErr[centre]).epsilon(0.15));
    CHECK(spread(xy) == Approx(reference.strainXYErr[centre]).epsilon(0.15));
}
