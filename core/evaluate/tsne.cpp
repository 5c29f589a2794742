#include "core/evaluate/tsne.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

namespace hrtem {

namespace {

Eigen::MatrixXd squaredDistances(const Eigen::MatrixXd& x)
{
    const Eigen::VectorXd norms = x.rowwise().squaredNorm();
    Eigen::MatrixXd d = (-2.0 * x * x.transpose()).colwise() + norms;
    d.rowwise() += norms.transpose();
    return d.cwiseMax(0.0);
}

/// Symmetrised input affinities P (rows sum to the conditional p_j|i before symmetrising).
Eigen::MatrixXd inputAffinities(const Eigen::MatrixXd& x, double perplexity)
{
    const Eigen::Index n = x.rows();
    const Eigen::MatrixXd d = squaredDistances(x);
    const double targetEntropy = std::log(perplexity);
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        // Binary search on the precision beta = 1 / (2 sigma²) for the entropy log(perplexity).
        double beta = 1.0, low = 0.0, high = std::numeric_limits<double>::infinity();
        for (int step = 0; step < 100; ++step) {
            double sum = 0.0, weighted = 0.0;
            for (Eigen::Index j = 0; j < n; ++j)
                if (j != i) {
                    const double w = std::exp(-beta * d(i, j));
                    p(i, j) = w;
                    sum += w;
                    weighted += w * d(i, j);
                }
            if (sum <= 0.0) {
                high = beta;
                beta = (low + beta) / 2.0;
                continue;
            }
            const double entropy = std::log(sum) + beta * weighted / sum;
            p.row(i) /= sum;
            if (std::abs(entropy - targetEntropy) < 1e-5)
                break;
            if (entropy > targetEntropy) {
                low = beta;
                beta = std::isinf(high) ? beta * 2.0 : (beta + high) / 2.0;
            } else {
                high = beta;
                beta = (beta + low) / 2.0;
            }
        }
    }
    const Eigen::MatrixXd symmetric = (p + p.transpose()) / (2.0 * double(n));
    return symmetric.cwiseMax(1e-12);
}

} // namespace

Eigen::MatrixXd tsne(const Eigen::MatrixXd& x, const TsneSettings& s)
{
    const Eigen::Index n = x.rows();
    if (n < 4)
        throw std::invalid_argument("t-SNE needs at least 4 points, not " + std::to_string(n));
    const double perplexity = std::min(s.perplexity, (double(n) - 1.0) / 3.0);
    const Eigen::MatrixXd p = inputAffinities(x, perplexity);
    std::mt19937_64 rng(s.seed);
    std::normal_distribution<double> normal(0.0, 1e-4);
    Eigen::MatrixXd y(n, 2), update = Eigen::MatrixXd::Zero(n, 2), gains = Eigen::MatrixXd::Ones(n, 2);
    for (Eigen::Index i = 0; i < n; ++i)
        y.row(i) << normal(rng), normal(rng);
    for (int it = 0; it < s.iterations; ++it) {
        const double exaggeration = it < s.exaggerationIterations ? s.exaggeration : 1.0;
        const double momentum = it < s.exaggerationIterations ? 0.5 : 0.8;
        // Student-t kernel in the map: num_ij = 1 / (1 + |y_i - y_j|²), q_ij = num_ij / sum.
        Eigen::MatrixXd num = (Eigen::MatrixXd::Ones(n, n) + squaredDistances(y)).cwiseInverse();
        num.diagonal().setZero();
        const Eigen::MatrixXd q = (num / num.sum()).cwiseMax(1e-12);
        // dC/dy_i = 4 sum_j (p_ij - q_ij) num_ij (y_i - y_j).
        const Eigen::MatrixXd w = (exaggeration * p - q).cwiseProduct(num);
        const Eigen::MatrixXd gradient = 4.0 * (w.rowwise().sum().asDiagonal() * y - w * y);
        for (Eigen::Index i = 0; i < n; ++i)
            for (int c = 0; c < 2; ++c) {
                const bool sameSign = (gradient(i, c) > 0) == (update(i, c) > 0);
                gains(i, c) = std::max(0.01, sameSign ? gains(i, c) * 0.8 : gains(i, c) + 0.2);
            }
        update = momentum * update - s.learningRate * gains.cwiseProduct(gradient);
        y += update;
        y.rowwise() -= y.colwise().mean();
    }
    return y;
}

double trustworthiness(const Eigen::MatrixXd& input, const Eigen::MatrixXd& embedding, int k)
{
    const Eigen::Index n = input.rows();
    if (embedding.rows() != n || k < 1 || 2 * k >= n)
        throw std::invalid_argument("trustworthiness needs as many points in both and 1 <= k < n / 2");
    const Eigen::MatrixXd din = squaredDistances(input), dout = squaredDistances(embedding);
    auto order = [n](const Eigen::MatrixXd& d, Eigen::Index i) {
        std::vector<Eigen::Index> idx(static_cast<std::size_t>(n));
        std::iota(idx.begin(), idx.end(), 0);
        std::stable_sort(idx.begin(), idx.end(), [&](Eigen::Index a, Eigen::Index b) {
            if (a == i || b == i)
                return a == i && b != i; // the point itself first
            return d(i, a) < d(i, b);
        });
        return idx;
    };
    double penalty = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const std::vector<Eigen::Index> inOrder = order(din, i), outOrder = order(dout, i);
        std::vector<int> rank(static_cast<std::size_t>(n));
        for (std::size_t r = 0; r < inOrder.size(); ++r)
            rank[std::size_t(inOrder[r])] = int(r); // 0 is the point itself
        for (int r = 1; r <= k; ++r) {
            const int inputRank = rank[std::size_t(outOrder[std::size_t(r)])];
            if (inputRank > k)
                penalty += inputRank - k;
        }
    }
    return 1.0 - 2.0 / (double(n) * k * (2.0 * double(n) - 3.0 * k - 1.0)) * penalty;
}

} // namespace hrtem
