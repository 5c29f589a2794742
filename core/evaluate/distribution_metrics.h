#pragma once
// How far apart two sets of patches lie, judged by their feature vectors, as the HRTEM-GAN
// paper judges restorations (issue 34): the Fréchet distance between Gaussians fitted to the
// features (FID, Heusel et al. 2017) and the Kullback-Leibler divergence between feature
// histograms. Features are rows of a matrix (one patch per row, one feature per column).
#include <Eigen/Core>

#include <vector>

namespace hrtem {

/// ||mu_a - mu_b||² + Tr(C_a + C_b - 2 (C_a C_b)^½) of the rows' means and covariances. The
/// trace of (C_a C_b)^½ is taken as Tr((C_a^½ C_b C_a^½)^½), which is equal and needs only
/// symmetric eigendecompositions. 0 for a set with itself (to rounding). Throws std::invalid_argument for
/// sets of different feature counts or of fewer than two rows.
double frechetDistance(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

/// Each feature's values binned over their joint range [min, max] of both sets into `bins`
/// bins; D(P||Q) = sum p log(p / q) per feature with both histograms smoothed by `epsilon` per
/// bin (so empty bins do not give infinity), averaged over the features. 0 for identical sets.
double featureHistogramKl(const Eigen::MatrixXd& p, const Eigen::MatrixXd& q, int bins = 32, double epsilon = 1e-6);

/// D(P||Q) of two histograms of counts (normalised here), smoothed by `epsilon` per bin.
double klDivergence(const std::vector<double>& p, const std::vector<double>& q, double epsilon = 1e-6);

} // namespace hrtem
