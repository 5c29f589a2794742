#include "core/restore/image_quality.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <stdexcept>

namespace hrtem::restore {

namespace {

void requireComparable(const cv::Mat& image, const cv::Mat& reference)
{
    if (image.type() != CV_32F || reference.type() != CV_32F || image.size() != reference.size())
        throw std::invalid_argument("image quality: both images must be CV_32F of the same size");
}

double dataRange(const cv::Mat& reference)
{
    double lo = 0.0, hi = 0.0;
    cv::minMaxLoc(reference, &lo, &hi);
    return hi - lo;
}

} // namespace

double meanSquaredError(const cv::Mat& image, const cv::Mat& reference)
{
    requireComparable(image, reference);
    cv::Mat d;
    cv::subtract(image, reference, d, cv::noArray(), CV_64F);
    return cv::mean(d.mul(d))[0];
}

double psnr(const cv::Mat& image, const cv::Mat& reference)
{
    const double range = dataRange(reference);
    return 10.0 * std::log10(range * range / meanSquaredError(image, reference));
}

double ssim(const cv::Mat& image, const cv::Mat& reference)
{
    requireComparable(image, reference);
    const double range = dataRange(reference);
    const double c1 = std::pow(0.01 * range, 2), c2 = std::pow(0.03 * range, 2);
    cv::Mat x, y;
    image.convertTo(x, CV_64F);
    reference.convertTo(y, CV_64F);
    auto blur = [](const cv::Mat& m) {
        cv::Mat out;
        cv::GaussianBlur(m, out, cv::Size(11, 11), 1.5, 1.5, cv::BORDER_REFLECT);
        return out;
    };
    const cv::Mat mx = blur(x), my = blur(y);
    const cv::Mat sxx = blur(x.mul(x)) - mx.mul(mx), syy = blur(y.mul(y)) - my.mul(my), sxy = blur(x.mul(y)) - mx.mul(my);
    cv::Mat numerator = (2 * mx.mul(my) + c1).mul(2 * sxy + c2);
    cv::Mat denominator = (mx.mul(mx) + my.mul(my) + c1).mul(sxx + syy + c2);
    cv::Mat map;
    cv::divide(numerator, denominator, map);
    return cv::mean(map)[0];
}

} // namespace hrtem::restore
