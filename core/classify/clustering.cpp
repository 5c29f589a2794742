#include "core/classify/clustering.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace hrtem {

OtsuSplit otsuSplit(const std::vector<double>& values)
{
    OtsuSplit result;
    const std::size_t n = values.size();
    if (n == 0)
        return result;
    std::vector<double> v(values);
    std::sort(v.begin(), v.end());
    const double total = std::accumulate(v.begin(), v.end(), 0.0);
    const double mean = total / double(n);
    double totalVariance = 0.0;
    for (double x : v)
        totalVariance += (x - mean) * (x - mean);
    result.threshold = v.back();
    result.lowerMean = mean;
    result.upperMean = mean;
    if (!(totalVariance > 0))
        return result;
    double best = -1.0, prefix = 0.0;
    for (std::size_t k = 1; k < n; ++k) {
        prefix += v[k - 1];
        if (v[k] == v[k - 1])
            continue; // a threshold can only fall between distinct values
        const double n0 = double(k), n1 = double(n - k);
        const double m0 = prefix / n0, m1 = (total - prefix) / n1;
        const double between = n0 * n1 * (m0 - m1) * (m0 - m1) / double(n);
        if (between > best) {
            best = between;
            result.threshold = 0.5 * (v[k - 1] + v[k]);
            result.lowerMean = m0;
            result.upperMean = m1;
        }
    }
    result.separation = std::max(0.0, best) / totalVariance;
    return result;
}

namespace {

double median(std::vector<double> v)
{
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

} // namespace

std::vector<int> twoMeans(const std::vector<std::vector<double>>& features)
{
    const std::size_t n = features.size();
    std::vector<int> labels(n, 0);
    if (n < 2)
        return labels;
    const std::size_t d = features.front().size();
    if (d == 0)
        throw std::invalid_argument("twoMeans: feature vectors are empty");
    Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
    for (std::size_t i = 0; i < n; ++i) {
        if (features[i].size() != d)
            throw std::invalid_argument("twoMeans: feature vectors differ in length");
        for (std::size_t j = 0; j < d; ++j)
            x(Eigen::Index(i), Eigen::Index(j)) = features[i][j];
    }
    // Robust standardisation: a handful of extreme patches must not set the scale.
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        std::vector<double> column(x.col(j).data(), x.col(j).data() + n);
        const double centre = median(column);
        for (double& c : column)
            c = std::abs(c - centre);
        double scale = 1.4826 * median(column);
        if (!(scale > 0)) {
            const double sd = std::sqrt((x.col(j).array() - x.col(j).mean()).square().mean());
            scale = sd > 0 ? sd : 1.0;
        }
        x.col(j) = (x.col(j).array() - centre) / scale;
    }
    // Start from the two extremes along the principal axis: deterministic and never both seeds
    // in one cluster.
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - mean;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(centred.transpose() * centred);
    const Eigen::VectorXd axis = eig.eigenvectors().col(x.cols() - 1);
    const Eigen::VectorXd projection = centred * axis;
    Eigen::Index lo = 0, hi = 0;
    projection.minCoeff(&lo);
    projection.maxCoeff(&hi);
    Eigen::RowVectorXd c0 = x.row(lo), c1 = x.row(hi);
    for (int iteration = 0; iteration < 100; ++iteration) {
        bool changed = false;
        Eigen::RowVectorXd s0 = Eigen::RowVectorXd::Zero(x.cols()), s1 = s0;
        int n0 = 0, n1 = 0;
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            const int label = (x.row(i) - c1).squaredNorm() < (x.row(i) - c0).squaredNorm() ? 1 : 0;
            changed = changed || label != labels[std::size_t(i)];
            labels[std::size_t(i)] = label;
            if (label == 1) {
                s1 += x.row(i);
                ++n1;
            } else {
                s0 += x.row(i);
                ++n0;
            }
        }
        if (n0 > 0)
            c0 = s0 / n0;
        if (n1 > 0)
            c1 = s1 / n1;
        if (!changed && iteration > 0)
            break;
    }
    // Name the clusters along the principal axis so callers get a stable orientation.
    if ((c1 - c0).dot(axis.transpose()) < 0)
        for (int& l : labels)
            l = 1 - l;
    return labels;
}

} // namespace hrtem
