#include "core/restore/spectral.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace hrtem::restore::detail {
namespace {

cv::Mat roll(const cv::Mat& m, int dx, int dy)
{
    // out(y, x) = m((y - dy) mod rows, (x - dx) mod cols)
    cv::Mat out(m.size(), m.type());
    dx = ((dx % m.cols) + m.cols) % m.cols;
    dy = ((dy % m.rows) + m.rows) % m.rows;
    const int w = m.cols - dx;
    const int h = m.rows - dy;
    auto piece = [&](int sx, int sy, int pw, int ph, int tx, int ty) {
        if (pw > 0 && ph > 0)
            m(cv::Rect(sx, sy, pw, ph)).copyTo(out(cv::Rect(tx, ty, pw, ph)));
    };
    piece(0, 0, w, h, dx, dy);
    piece(w, 0, dx, h, 0, dy);
    piece(0, h, w, dy, dx, 0);
    piece(w, h, dx, dy, 0, 0);
    return out;
}

} // namespace

void requireCounts(const cv::Mat& frame, const char* what)
{
    if (frame.empty() || frame.type() != CV_32FC1)
        throw std::invalid_argument(std::string(what) + ": expected a non-empty single-channel float (CV_32F) frame");
}

cv::Mat fftShift(const cv::Mat& m) { return roll(m, m.cols / 2, m.rows / 2); }
cv::Mat ifftShift(const cv::Mat& m) { return roll(m, -(m.cols / 2), -(m.rows / 2)); }

void periodicSmooth(const cv::Mat& image, cv::Mat& periodic, cv::Mat& smooth)
{
    const int rows = image.rows;
    const int cols = image.cols;
    // Boundary jumps (Moisan eq. 6): v is zero inside, the opposite edge minus this edge on the border.
    cv::Mat v = cv::Mat::zeros(image.size(), CV_32F);
    for (int x = 0; x < cols; ++x) {
        const float jump = image.at<float>(rows - 1, x) - image.at<float>(0, x);
        v.at<float>(0, x) += jump;
        v.at<float>(rows - 1, x) -= jump;
    }
    for (int y = 0; y < rows; ++y) {
        const float jump = image.at<float>(y, cols - 1) - image.at<float>(y, 0);
        v.at<float>(y, 0) += jump;
        v.at<float>(y, cols - 1) -= jump;
    }
    cv::Mat V;
    cv::dft(v, V, cv::DFT_COMPLEX_OUTPUT);
    // The smooth part solves a discrete Poisson equation: S = V / (2 cos(2 pi q / W) + 2 cos(2 pi r / H) - 4).
    for (int y = 0; y < rows; ++y) {
        const double cy = 2.0 * std::cos(2.0 * CV_PI * y / rows);
        auto* p = V.ptr<cv::Vec2f>(y);
        for (int x = 0; x < cols; ++x) {
            const double denominator = cy + 2.0 * std::cos(2.0 * CV_PI * x / cols) - 4.0;
            if (x == 0 && y == 0) {
                p[x] = cv::Vec2f(0, 0); // the smooth part has zero mean
                continue;
            }
            p[x] = cv::Vec2f(static_cast<float>(p[x][0] / denominator), static_cast<float>(p[x][1] / denominator));
        }
    }
    cv::dft(V, smooth, cv::DFT_INVERSE | cv::DFT_SCALE | cv::DFT_REAL_OUTPUT);
    periodic = image - smooth;
}

cv::Mat forwardSpectrum(const cv::Mat& image)
{
    cv::Mat spectrum;
    cv::dft(image, spectrum, cv::DFT_COMPLEX_OUTPUT);
    return spectrum;
}

cv::Mat centredPower(const cv::Mat& spectrum)
{
    cv::Mat planes[2];
    cv::split(spectrum, planes);
    cv::Mat power;
    cv::magnitude(planes[0], planes[1], power);
    power = power.mul(power);
    return fftShift(power);
}

cv::Mat normalizedRadius(cv::Size size)
{
    cv::Mat r(size, CV_32F);
    const double cx = size.width / 2;
    const double cy = size.height / 2;
    for (int y = 0; y < size.height; ++y) {
        const double fy = (y - cy) / (0.5 * size.height);
        auto* p = r.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            const double fx = (x - cx) / (0.5 * size.width);
            p[x] = static_cast<float>(std::sqrt(fx * fx + fy * fy));
        }
    }
    return r;
}

cv::Mat applySpectralWeight(const cv::Mat& spectrum, const cv::Mat& centredWeight, const cv::Mat& smooth)
{
    const cv::Mat weight = ifftShift(centredWeight);
    cv::Mat filtered = spectrum.clone();
    for (int y = 0; y < filtered.rows; ++y) {
        auto* p = filtered.ptr<cv::Vec2f>(y);
        const float* w = weight.ptr<float>(y);
        for (int x = 0; x < filtered.cols; ++x)
            p[x] *= w[x];
    }
    // A complex inverse, keeping the real part: the smoothed weight is only nearly Hermitian
    // along the Nyquist row and column, and DFT_REAL_OUTPUT would assume it exactly.
    cv::Mat complexOut;
    cv::dft(filtered, complexOut, cv::DFT_INVERSE | cv::DFT_SCALE);
    cv::Mat periodic;
    cv::extractChannel(complexOut, periodic, 0);
    return periodic + smooth;
}

} // namespace hrtem::restore::detail
