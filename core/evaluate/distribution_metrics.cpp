#include "core/evaluate/distribution_metrics.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hrtem {

namespace {

/// The square root of a symmetric positive semi-definite matrix (negative rounding clipped).
Eigen::MatrixXd symmetricSqrt(const Eigen::MatrixXd& m)
{
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(0.5 * (m + m.transpose()));
    const Eigen::VectorXd roots = eigen.eigenvalues().cwiseMax(0.0).cwiseSqrt();
    return eigen.eigenvectors() * roots.asDiagonal() * eigen.eigenvectors().transpose();
}

Eigen::MatrixXd covariance(const Eigen::MatrixXd& x, const Eigen::RowVectorXd& mean)
{
    const Eigen::MatrixXd centred = x.rowwise() - mean;
    return centred.transpose() * centred / double(x.rows() - 1);
}

} // namespace

double frechetDistance(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b)
{
    if (a.cols() != b.cols())
        throw std::invalid_argument("the two sets have " + std::to_string(a.cols()) + " and " + std::to_string(b.cols()) + " features");
    if (a.rows() < 2 || b.rows() < 2)
        throw std::invalid_argument("a Fréchet distance needs at least two vectors in each set");
    const Eigen::RowVectorXd muA = a.colwise().mean(), muB = b.colwise().mean();
    const Eigen::MatrixXd ca = covariance(a, muA), cb = covariance(b, muB);
    // Tr((Ca Cb)^½) = Tr((Ca^½ Cb Ca^½)^½): the inner matrix is symmetric PSD.
    const Eigen::MatrixXd rootA = symmetricSqrt(ca);
    const double crossTrace = symmetricSqrt(rootA * cb * rootA).trace();
    const double d = (muA - muB).squaredNorm() + ca.trace() + cb.trace() - 2.0 * crossTrace;
    return std::max(0.0, d); // rounding can leave -1e-15 for identical sets
}

double klDivergence(const std::vector<double>& p, const std::vector<double>& q, double epsilon)
{
    if (p.size() != q.size() || p.empty())
        throw std::invalid_argument("KL divergence of histograms of different or no bins");
    double sp = 0, sq = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        sp += p[i] + epsilon;
        sq += q[i] + epsilon;
    }
    double d = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double pi = (p[i] + epsilon) / sp, qi = (q[i] + epsilon) / sq;
        d += pi * std::log(pi / qi);
    }
    return std::max(0.0, d);
}

double featureHistogramKl(const Eigen::MatrixXd& p, const Eigen::MatrixXd& q, int bins, double epsilon)
{
    if (p.cols() != q.cols() || p.cols() == 0)
        throw std::invalid_argument("the two sets have different or no features");
    double total = 0;
    for (Eigen::Index f = 0; f < p.cols(); ++f) {
        const double low = std::min(p.col(f).minCoeff(), q.col(f).minCoeff());
        const double high = std::max(p.col(f).maxCoeff(), q.col(f).maxCoeff());
        const double width = high > low ? (high - low) / bins : 1.0;
        std::vector<double> hp(std::size_t(bins), 0.0), hq(std::size_t(bins), 0.0);
        auto bin = [&](double v) { return std::size_t(std::clamp(int((v - low) / width), 0, bins - 1)); };
        for (Eigen::Index r = 0; r < p.rows(); ++r)
            hp[bin(p(r, f))] += 1.0;
        for (Eigen::Index r = 0; r < q.rows(); ++r)
            hq[bin(q(r, f))] += 1.0;
        total += klDivergence(hp, hq, epsilon);
    }
    return total / double(p.cols());
}

} // namespace hrtem
