#include "core/image/fft_view.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace hrtem {

double FftView::frequencyAt(double u, double v) const
{
    const double du = u - size / 2;
    const double dv = v - size / 2;
    return std::hypot(du, dv) * reciprocalScale;
}

cv::Mat centredWindowedMagnitude(const cv::Mat& input)
{
    cv::Mat patch;
    input.convertTo(patch, CV_32F);
    cv::patchNaNs(patch, 0.0);
    // Mean removed first so the DC term does not dominate; Hann window against edge streaks.
    patch -= cv::mean(patch)[0];
    cv::Mat window;
    cv::createHanningWindow(window, patch.size(), CV_32F);
    patch = patch.mul(window);
    cv::Mat spectrum;
    cv::dft(patch, spectrum, cv::DFT_COMPLEX_OUTPUT);
    cv::Mat planes[2];
    cv::split(spectrum, planes);
    cv::Mat magnitude;
    cv::magnitude(planes[0], planes[1], magnitude);
    // Quadrant swap that also works for odd sizes.
    cv::Mat centred(magnitude.size(), CV_32F);
    const int w = magnitude.cols, h = magnitude.rows;
    for (int v = 0; v < h; ++v)
        for (int u = 0; u < w; ++u)
            centred.at<float>((v + h / 2) % h, (u + w / 2) % w) = magnitude.at<float>(v, u);
    return centred;
}

FftView computeFftView(const cv::Mat& frame, cv::Rect region, const AxisCalibration& x)
{
    CV_Assert(frame.type() == CV_32F);
    if (region.area() <= 0)
        region = cv::Rect(0, 0, frame.cols, frame.rows);
    region &= cv::Rect(0, 0, frame.cols, frame.rows);
    FftView view;
    const int n = std::min(region.width, region.height);
    if (n < 4)
        return view;
    view.size = n;
    view.region = cv::Rect(region.x + (region.width - n) / 2, region.y + (region.height - n) / 2, n, n);

    cv::Mat magnitude = centredWindowedMagnitude(frame(view.region));
    magnitude += 1.0F;
    cv::log(magnitude, view.logMagnitude);

    const double pixel = x.scale > 0 ? x.scale : 1.0;
    view.reciprocalScale = 1.0 / (n * pixel);
    view.reciprocalUnits = x.hasUnits() ? "1/" + x.units : "1/px";
    return view;
}

} // namespace hrtem
