#include "core/locate/gaussian_fit.h"

#include "core/locate/column_fit_kernel.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <vector>

namespace hrtem {

namespace {

constexpr int kParams = 7; // x0, y0, A, B, sx, sy, C
constexpr double kCoreRatio = 0.4;
using Vector = Eigen::Matrix<double, kParams, 1>;
using Matrix = Eigen::Matrix<double, kParams, kParams>;

struct Sample {
    double x, y, value;
};

/// The column model with everything that does not depend on the pixel computed once per
/// parameter vector: the fit evaluates it ~100 pixels x ~10 times per column.
class ColumnModel {
public:
    explicit ColumnModel(const Vector& p)
        : mP(p), mInvSx2(1.0 / (p[4] * p[4])), mInvSy2(1.0 / (p[5] * p[5]))
    {
        const double c = kCoreRatio * 0.5 * (p[4] + p[5]);
        mInvC2 = 1.0 / (c * c);
        mInvC3 = mInvC2 / c;
    }

    double operator()(double x, double y, Vector* gradient) const
    {
        const double dx = x - mP[0], dy = y - mP[1];
        const double dx2 = dx * dx, dy2 = dy * dy, r2 = dx2 + dy2;
        // Single-precision exponentials: ~1e-7 relative error, far below the shot noise of any
        // pixel, at a fraction of the cost of the double ones.
        const double g = std::exp(static_cast<float>(-0.5 * (dx2 * mInvSx2 + dy2 * mInvSy2)));
        const double h = std::exp(static_cast<float>(-0.5 * r2 * mInvC2));
        if (gradient != nullptr) {
            const double ag = mP[2] * g, ch = mP[6] * h;
            // d h / d s = h · r² / c³ · dc/ds with dc/ds = kCoreRatio; each width carries half.
            const double dhds = ch * r2 * mInvC3 * kCoreRatio * 0.5;
            (*gradient) << ag * dx * mInvSx2 + ch * dx * mInvC2, ag * dy * mInvSy2 + ch * dy * mInvC2, g, 1.0,
                ag * dx2 * mInvSx2 / mP[4] + dhds, ag * dy2 * mInvSy2 / mP[5] + dhds, h;
        }
        return mP[3] + mP[2] * g + mP[6] * h;
    }

private:
    Vector mP;
    double mInvSx2, mInvSy2, mInvC2 = 0.0, mInvC3 = 0.0;
};

Vector toVector(const GaussianFit& f)
{
    Vector p;
    p << f.x, f.y, f.amplitude, 0.0, f.sx, f.sy, f.core;
    return p;
}

/// The pixels of the circular fit window around the start that lie inside the image.
std::vector<Sample> windowSamples(const cv::Mat& image, const GaussianFitStart& s)
{
    std::vector<Sample> samples;
    const int r = static_cast<int>(std::ceil(s.radius));
    const int cx = static_cast<int>(std::lround(s.x)), cy = static_cast<int>(std::lround(s.y));
    for (int y = cy - r; y <= cy + r; ++y)
        for (int x = cx - r; x <= cx + r; ++x)
            if (x >= 0 && y >= 0 && x < image.cols && y < image.rows
                && (x - s.x) * (x - s.x) + (y - s.y) * (y - s.y) <= s.radius * s.radius)
                samples.push_back({double(x), double(y), double(image.at<float>(y, x))});
    return samples;
}

/// Fisher information at the solution gives the CRB; scaled by the reduced chi² (above 1 when
/// the model is not the whole story) it gives the reported uncertainty. False when the
/// information matrix is singular (the position is not determined).
bool setUncertainty(GaussianFit& out, const Matrix& fisher)
{
    Eigen::FullPivLU<Matrix> lu(fisher);
    if (!lu.isInvertible())
        return false;
    const Matrix inverse = lu.inverse();
    out.crbX = std::sqrt(std::max(0.0, inverse(0, 0)));
    out.crbY = std::sqrt(std::max(0.0, inverse(1, 1)));
    const double inflate = std::sqrt(std::max(1.0, out.reducedChi2));
    out.errX = out.crbX * inflate;
    out.errY = out.crbY * inflate;
    return true;
}

} // namespace

double columnModel(const GaussianFit& f, double x, double y) { return ColumnModel(toVector(f))(x, y, nullptr); }

GaussianFit fitGaussian(const cv::Mat& image, const GaussianFitStart& s, const NoiseModel& noise)
{
    CV_Assert(image.type() == CV_32F);
    const std::vector<Sample> samples = windowSamples(image, s);
    const int cx = static_cast<int>(std::lround(s.x)), cy = static_cast<int>(std::lround(s.y));
    GaussianFit out;
    out.pixels = static_cast<int>(samples.size());
    if (samples.size() < 16)
        return out;

    Vector p;
    p << s.x, s.y, s.amplitude, s.background, s.sigma, s.sigma, s.core;
    auto constrain = [&](Vector& q) {
        // Centre inside its window, widths within bounds: a fit may not wander to a neighbour.
        const double shift = std::hypot(q[0] - s.x, q[1] - s.y);
        if (shift > s.maxShift) {
            q[0] = s.x + (q[0] - s.x) * s.maxShift / shift;
            q[1] = s.y + (q[1] - s.y) * s.maxShift / shift;
        }
        q[4] = std::clamp(q[4], 0.5, s.maxSigma);
        q[5] = std::clamp(q[5], 0.5, s.maxSigma);
    };
    // The cost is the Poisson deviance in detected electrons (maximum likelihood; Pearson's
    // chi² would be biased at tens of counts). With read noise the data are not Poisson: then
    // weighted least squares with the model's variance.
    const bool poisson = noise.readVariance <= 0.0 && noise.gain > 1e-5;
    // The window's pixels for the vectorized kernel, relative to the window centre; d·log(d)
    // of each pixel does not change during the fit, so it is computed once.
    fitkernel::Pixels pixels;
    for (const Sample& t : samples) {
        const double d = poisson ? std::max(0.0, (t.value - noise.offset) / noise.gain) : 0.0;
        pixels.add(static_cast<float>(t.x - cx), static_cast<float>(t.y - cy), static_cast<float>(t.value),
                   static_cast<float>(d), static_cast<float>(d > 0 ? d * std::log(d) : 0.0));
    }
    pixels.pad();
    const fitkernel::Noise kernelNoise{static_cast<float>(noise.gain), static_cast<float>(noise.offset),
                                       static_cast<float>(noise.readVariance), poisson};
    // One pass over the samples gives the cost and the Gauss-Newton normal equations together
    // (their weights 1/variance are also the Fisher information), so an accepted step needs no
    // second pass, and the final CRB none either.
    struct Evaluation {
        double cost = 0.0, pearson = 0.0;
        Matrix jtj = Matrix::Zero();
        Vector jtr = Vector::Zero();
    };
    auto evaluate = [&](const Vector& q) {
        const fitkernel::Parameters kp{static_cast<float>(q[0] - cx), static_cast<float>(q[1] - cy),
                                       static_cast<float>(q[2]), static_cast<float>(q[3]), static_cast<float>(q[4]),
                                       static_cast<float>(q[5]), static_cast<float>(q[6])};
        double sums[fitkernel::kSums];
        fitkernel::evaluate(pixels, kp, kernelNoise, sums);
        Evaluation e;
        e.cost = sums[0];
        e.pearson = sums[1];
        int k = 2;
        for (int a = 0; a < kParams; ++a)
            for (int b = a; b < kParams; ++b)
                e.jtj(a, b) = e.jtj(b, a) = sums[k++];
        for (int a = 0; a < kParams; ++a)
            e.jtr[a] = sums[30 + a];
        return e;
    };
    double lambda = 1e-3;
    Evaluation current = evaluate(p);
    bool converged = false;
    for (int iteration = 0; iteration < s.maxIterations && !converged; ++iteration) {
        Matrix jtj = current.jtj;
        Vector jtr = current.jtr;
        // A width held at its bound whose gradient points further out is frozen for this
        // step: otherwise every step is clipped there and the fit crawls.
        for (int i = 4; i <= 5; ++i) {
            const bool atLow = p[i] <= 0.5 + 1e-9 && jtr[i] < 0;
            const bool atHigh = p[i] >= s.maxSigma - 1e-9 && jtr[i] > 0;
            if (atLow || atHigh) {
                jtj.row(i).setZero();
                jtj.col(i).setZero();
                jtj(i, i) = 1.0;
                jtr[i] = 0.0;
            }
        }
        bool improved = false;
        for (int attempt = 0; attempt < 12 && !improved; ++attempt) {
            Matrix damped = jtj;
            damped.diagonal() += lambda * jtj.diagonal().cwiseMax(1e-12);
            const Vector step = damped.ldlt().solve(jtr);
            Vector trial = p + step;
            constrain(trial);
            Evaluation e = evaluate(trial);
            if (std::isfinite(e.cost) && e.cost <= current.cost) {
                const double gain = current.cost - e.cost;
                const double moved = (trial - p).head<2>().norm();
                p = trial;
                current = e;
                lambda = std::max(1e-9, lambda * 0.3);
                improved = true;
                converged = moved < s.minStep && gain < s.minGain;
            } else {
                lambda *= 10.0;
            }
        }
        if (!improved)
            converged = true; // no step lowers the cost: at the minimum (to numerical precision)
    }

    out.reducedChi2 = current.pearson / std::max(1.0, double(samples.size()) - kParams);
    out.x = p[0];
    out.y = p[1];
    out.amplitude = p[2];
    out.background = p[3];
    out.sx = p[4];
    out.sy = p[5];
    out.core = p[6];
    if (!setUncertainty(out, current.jtj))
        return out;
    const double shift = std::hypot(p[0] - s.x, p[1] - s.y);
    // A width at its bound is tolerated: inside a small window a wide Gaussian and the
    // background are nearly interchangeable, which leaves the centre well determined.
    out.ok = std::isfinite(current.cost) && shift < s.maxShift * 0.999 && std::isfinite(out.crbX) && std::isfinite(out.crbY);
    return out;
}

void addGaussian(cv::Mat& image, const GaussianFit& f, double sign, double radius)
{
    // Both terms of the model are separable in x and y, so the exponentials are taken once
    // per row and per column of the window rather than per pixel.
    const int r = static_cast<int>(std::ceil(radius));
    const int cx = static_cast<int>(std::lround(f.x)), cy = static_cast<int>(std::lround(f.y));
    const int x0 = std::max(0, cx - r), x1 = std::min(image.cols - 1, cx + r);
    const int y0 = std::max(0, cy - r), y1 = std::min(image.rows - 1, cy + r);
    if (x0 > x1 || y0 > y1)
        return;
    const double c = kCoreRatio * 0.5 * (f.sx + f.sy);
    std::vector<double> gx, hx;
    for (int x = x0; x <= x1; ++x) {
        const double dx = x - f.x;
        gx.push_back(std::exp(-0.5 * dx * dx / (f.sx * f.sx)));
        hx.push_back(std::exp(-0.5 * dx * dx / (c * c)));
    }
    for (int y = y0; y <= y1; ++y) {
        const double dy = y - f.y;
        const double gy = sign * f.amplitude * std::exp(-0.5 * dy * dy / (f.sy * f.sy));
        const double hy = sign * f.core * std::exp(-0.5 * dy * dy / (c * c));
        float* row = image.ptr<float>(y);
        for (int x = x0; x <= x1; ++x)
            row[x] += static_cast<float>(gy * gx[static_cast<std::size_t>(x - x0)] + hy * hx[static_cast<std::size_t>(x - x0)]);
    }
}

} // namespace hrtem
