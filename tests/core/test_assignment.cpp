// Linear assignment: hand-worked and brute-force-checked cases.
#include "core/util/assignment.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>

using namespace hrtem;

namespace {
double totalCost(const std::vector<std::vector<double>>& c, const std::vector<int>& a)
{
    double t = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] >= 0)
            t += c[i][static_cast<std::size_t>(a[i])];
    return t;
}

/// Every injective map of the smaller side into the larger one.
double bruteForce(const std::vector<std::vector<double>>& c)
{
    const std::size_t rows = c.size(), cols = c[0].size();
    std::vector<int> perm(std::max(rows, cols));
    std::iota(perm.begin(), perm.end(), 0);
    double best = 1e300;
    do {
        double t = 0.0;
        if (rows <= cols)
            for (std::size_t i = 0; i < rows; ++i)
                t += c[i][static_cast<std::size_t>(perm[i])];
        else
            for (std::size_t j = 0; j < cols; ++j)
                t += c[static_cast<std::size_t>(perm[j])][j];
        best = std::min(best, t);
    } while (std::next_permutation(perm.begin(), perm.end()));
    return best;
}
} // namespace

TEST_CASE("assignment: a hand-worked 3 x 3 case", "[analysis][assignment]")
{
    // Greedy row by row takes 1, 4, 9 (14); the optimum is 3 + 4 + 3 (10).
    const std::vector<std::vector<double>> c = {{1, 2, 3}, {2, 4, 6}, {3, 6, 9}};
    const std::vector<int> a = solveAssignment(c);
    CHECK(totalCost(c, a) == 10.0); // 3 + 4 + 3: rows take columns 2, 1, 0
    CHECK(a == std::vector<int>{2, 1, 0});
}

TEST_CASE("assignment: optimal on random rectangular problems", "[analysis][assignment]")
{
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(0.0, 10.0);
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t rows = 1 + trial % 6, cols = 1 + (trial / 6) % 6;
        std::vector<std::vector<double>> c(rows, std::vector<double>(cols));
        for (auto& r : c)
            for (double& v : r)
                v = u(rng);
        const std::vector<int> a = solveAssignment(c);
        REQUIRE(a.size() == rows);
        std::vector<int> used;
        for (int j : a)
            if (j >= 0)
                used.push_back(j);
        CHECK(used.size() == std::min(rows, cols)); // as many pairs as possible
        std::sort(used.begin(), used.end());
        CHECK(std::adjacent_find(used.begin(), used.end()) == used.end()); // each column once
        CHECK(totalCost(c, a) == Approx(bruteForce(c)));
    }
}

TEST_CASE("gated matching finds the global optimum and respects the gate", "[analysis][assignment]")
{
    // Greedy nearest-first would pair a0-b0 (0.9) and leave a1 unmatched (b1 out of its gate):
    // the optimum pairs a0-b1 (1.0) and a1-b0 (1.0).
    const std::vector<Point2> a = {{0.0, 0.0}, {1.9, 0.0}};
    const std::vector<Point2> b = {{0.9, 0.0}, {-1.0, 0.0}};
    const auto m = gatedMatching(a, b, 1.2);
    REQUIRE(m.size() == 2);
    CHECK(m[0] == std::make_pair(0, 1));
    CHECK(m[1] == std::make_pair(1, 0));
    // Beyond the gate nothing is paired.
    CHECK(gatedMatching({{0, 0}}, {{5, 5}}, 1.0).empty());
    // A large random frame: each point has its shifted copy.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.0, 500.0), jitter(-0.3, 0.3);
    std::vector<Point2> truth, found;
    for (int i = 0; i < 2000; ++i) {
        truth.push_back({u(rng), u(rng)});
        found.push_back({truth.back().x + jitter(rng), truth.back().y + jitter(rng)});
    }
    std::shuffle(found.begin(), found.end(), rng);
    const auto pairs = gatedMatching(truth, found, 1.0);
    CHECK(pairs.size() >= 1990);
}
