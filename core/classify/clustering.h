#pragma once
// Two-class unsupervised splits used to turn feature values into labels without training data:
// Otsu's threshold on one feature and k-means (k = 2) on feature vectors.
#include <vector>

namespace hrtem {

struct OtsuSplit {
    double threshold = 0.0;  ///< values strictly above it form the upper class
    double lowerMean = 0.0;
    double upperMean = 0.0;
    double separation = 0.0; ///< between-class over total variance (0: no split, 1: two points)
};

/// Otsu's threshold computed exactly on the sorted values (no histogram binning): the split
/// that maximises the between-class variance, which in one dimension is also the optimal
/// 2-means partition. Fewer than two distinct values give separation 0 and everything lower.
OtsuSplit otsuSplit(const std::vector<double>& values);

/// k-means with k = 2 on rows of `features` (all rows the same length). Each dimension is
/// standardised by its median and MAD first so that no feature dominates by its units. Starts
/// from the extreme points along the direction of largest spread; deterministic.
/// Returns 0/1 per row; cluster 1 is the one whose centre is larger along that direction.
std::vector<int> twoMeans(const std::vector<std::vector<double>>& features);

} // namespace hrtem
