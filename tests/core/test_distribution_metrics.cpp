// Issue 34, bar 1: the distances the paper judges restorations by, on hand-computed and
// synthetic cases: FID (Fréchet distance of feature Gaussians), KL of feature histograms, and
// t-SNE with its trustworthiness.
#include "core/evaluate/distribution_metrics.h"
#include "core/evaluate/tsne.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace hrtem;

namespace {
/// `n` correlated feature vectors of `dims` features.
Eigen::MatrixXd features(int n, int dims, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd mix(dims, dims);
    for (int i = 0; i < dims; ++i)
        for (int j = 0; j < dims; ++j)
            mix(i, j) = (i == j ? 1.0 : 0.3) * normal(rng);
    Eigen::MatrixXd x(n, dims);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < dims; ++c)
            x(r, c) = normal(rng);
    return x * mix;
}
} // namespace

TEST_CASE("FID of a set with itself is 0, grows with added noise, and is exact in one dimension", "[evaluate][fid]")
{
    const Eigen::MatrixXd x = features(400, 8, 3);
    CHECK(frechetDistance(x, x) == Approx(0.0).margin(1e-9));
    std::mt19937_64 rng(9);
    double previous = 0.0;
    for (double sigma : {0.1, 0.3, 1.0, 3.0}) {
        std::normal_distribution<double> noise(0.0, sigma);
        Eigen::MatrixXd y = x;
        for (Eigen::Index i = 0; i < y.size(); ++i)
            y.data()[i] += noise(rng);
        const double fid = frechetDistance(x, y);
        INFO("sigma " << sigma << ": FID " << fid);
        CHECK(fid > previous);
        previous = fid;
    }
    // One feature: (mu_a - mu_b)² + (s_a - s_b)² with the sample standard deviations.
    Eigen::MatrixXd a(4, 1), b(3, 1);
    a << 1, 2, 3, 6;  // mean 3, variance 14/3
    b << 0, 4, 8;     // mean 4, variance 16
    const double expected = 1.0 + std::pow(std::sqrt(14.0 / 3.0) - 4.0, 2);
    CHECK(frechetDistance(a, b) == Approx(expected).epsilon(1e-12));
    CHECK_THROWS_AS(frechetDistance(a, Eigen::MatrixXd(3, 2)), std::invalid_argument);
}

TEST_CASE("KL divergence of identical histograms is 0, and hand-computed otherwise", "[evaluate][kl]")
{
    CHECK(klDivergence({3, 1, 0, 6}, {3, 1, 0, 6}) == Approx(0.0).margin(1e-12));
    // p = (1/2, 1/2), q = (1/4, 3/4): 1/2 ln 2 + 1/2 ln(2/3).
    CHECK(klDivergence({1, 1}, {1, 3}, 0.0) == Approx(0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0)).epsilon(1e-12));
    const Eigen::MatrixXd x = features(300, 4, 5);
    CHECK(featureHistogramKl(x, x) == Approx(0.0).margin(1e-12));
    Eigen::MatrixXd shifted = x;
    shifted.col(0).array() += 2.0;
    CHECK(featureHistogramKl(x, shifted) > 0.1);
}

TEST_CASE("t-SNE keeps well-separated clusters apart (trustworthiness >= 0.9)", "[evaluate][tsne]")
{
    // Three clusters of 40 points in 10 dimensions, centres 10 apart, unit spread.
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal;
    const int per = 40, dims = 10;
    Eigen::MatrixXd x(3 * per, dims);
    for (int c = 0; c < 3; ++c)
        for (int r = 0; r < per; ++r)
            for (int d = 0; d < dims; ++d)
                x(c * per + r, d) = (d == c ? 10.0 : 0.0) + normal(rng);
    const Eigen::MatrixXd y = tsne(x);
    REQUIRE(y.rows() == 3 * per);
    REQUIRE(y.cols() == 2);
    const double trust = trustworthiness(x, y, 5);
    INFO("trustworthiness " << trust);
    CHECK(trust >= 0.9);
    // Every point lies nearer its own cluster's centre in the map than any other's.
    Eigen::MatrixXd centres(3, 2);
    for (int c = 0; c < 3; ++c)
        centres.row(c) = y.middleRows(c * per, per).colwise().mean();
    int right = 0;
    for (int i = 0; i < 3 * per; ++i) {
        Eigen::Index nearest = 0;
        (centres.rowwise() - y.row(i)).rowwise().squaredNorm().minCoeff(&nearest);
        right += nearest == i / per ? 1 : 0;
    }
    CHECK(right == 3 * per);
    // The input itself is perfectly trustworthy; a shuffled map is not.
    CHECK(trustworthiness(x, x, 5) == Approx(1.0));
    Eigen::MatrixXd shuffled = y;
    std::shuffle(shuffled.data(), shuffled.data() + shuffled.rows(), rng); // x coordinates only
    CHECK(trustworthiness(x, shuffled, 5) < trust);
}
