#pragma once
// Exact t-SNE (van der Maaten & Hinton, "Visualizing Data using t-SNE", JMLR 2008): where
// restored patches land among real high- and low-quality ones, as the HRTEM-GAN paper pictures
// it (issue 34). O(n²) per iteration: for the few hundred patches such a picture holds.
#include <Eigen/Core>

#include <cstdint>

namespace hrtem {

struct TsneSettings {
    double perplexity = 30.0;     ///< effective neighbours per point (capped at (n - 1) / 3)
    int iterations = 1000;
    double learningRate = 200.0;
    double exaggeration = 12.0;   ///< early exaggeration of P over the first iterations
    int exaggerationIterations = 250;
    std::uint64_t seed = 1;       ///< the initial layout (small Gaussian): the same seed, the same picture
};

/// A 2-D embedding of the rows of `x` (one row per point). Gaussian neighbourhoods in the input
/// with each point's bandwidth set by binary search to the perplexity, symmetrised; Student-t
/// neighbourhoods in the map; gradient descent with momentum (0.5, then 0.8) and the original
/// per-coordinate gains. Throws std::invalid_argument for fewer than 4 points.
Eigen::MatrixXd tsne(const Eigen::MatrixXd& x, const TsneSettings& settings = {});

/// Trustworthiness of an embedding (Venna & Kaski 2001): 1 minus the normalised rank penalty of
/// the points among each point's `k` nearest in the embedding that are not among its `k`
/// nearest in the input. 1: no false neighbours.
double trustworthiness(const Eigen::MatrixXd& input, const Eigen::MatrixXd& embedding, int k);

} // namespace hrtem
