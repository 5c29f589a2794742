#include "bench/generic_baseline.h"

#include "core/util/assignment.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace hrtem::bench {

namespace {

/// Median absolute deviation of a sample of the response, as a standard deviation.
double robustSigma(const cv::Mat& response)
{
    std::vector<float> values;
    values.reserve(response.total() / 4 + 1);
    for (int y = 0; y < response.rows; y += 2)
        for (int x = 0; x < response.cols; x += 2)
            values.push_back(response.at<float>(y, x));
    auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    const float median = *mid;
    for (float& v : values)
        v = std::abs(v - median);
    std::nth_element(values.begin(), mid, values.end());
    return 1.4826 * *mid;
}

std::vector<Atom> peaks(const cv::Mat& response, double radius, double floor)
{
    const int k = 2 * static_cast<int>(std::ceil(radius)) + 1;
    cv::Mat dilated;
    cv::dilate(response, dilated, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
    std::vector<Atom> out;
    for (int y = 1; y < response.rows - 1; ++y)
        for (int x = 1; x < response.cols - 1; ++x) {
            const float v = response.at<float>(y, x);
            if (v <= floor || v < dilated.at<float>(y, x))
                continue;
            // Gaussian refinement: a parabola through the logarithms of the peak and its neighbours.
            auto offset = [&](float a, float b, float c) {
                if (a <= 0 || b <= 0 || c <= 0)
                    return 0.0;
                const double la = std::log(a), lb = std::log(b), lc = std::log(c);
                const double d = la - 2 * lb + lc;
                return d < 0 ? std::clamp(0.5 * (la - lc) / d, -0.5, 0.5) : 0.0;
            };
            Atom a;
            a.x = x + offset(response.at<float>(y, x - 1), v, response.at<float>(y, x + 1));
            a.y = y + offset(response.at<float>(y - 1, x), v, response.at<float>(y + 1, x));
            a.significance = v;
            a.amplitude = v;
            out.push_back(a);
        }
    return out;
}

} // namespace

std::vector<Atom> baselineDetect(const cv::Mat& frame, BaselineSettings& settings)
{
    const double period = settings.period_px > 2.0 ? settings.period_px : 8.0;
    // A DoG tuned to a column: inner scale a quarter period, outer half a period.
    cv::Mat g1, g2;
    cv::GaussianBlur(frame, g1, cv::Size(0, 0), 0.25 * period, 0.0, cv::BORDER_REFLECT);
    cv::GaussianBlur(frame, g2, cv::Size(0, 0), 0.5 * period, 0.0, cv::BORDER_REFLECT);
    const cv::Mat dog = g1 - g2;
    const double sigma = std::max(1e-9, robustSigma(dog));
    const double radius = 0.35 * period;
    const double floor = settings.threshold * sigma;
    if (settings.polarity == 0) {
        // Columns are whichever extrema stand out more: compare the strongest tenth of each.
        auto strength = [&](const cv::Mat& r) {
            std::vector<Atom> p = peaks(r, radius, floor);
            std::sort(p.begin(), p.end(), [](const Atom& a, const Atom& b) { return a.significance > b.significance; });
            double sum = 0.0;
            const std::size_t top = std::max<std::size_t>(1, p.size() / 10);
            for (std::size_t i = 0; i < std::min(top, p.size()); ++i)
                sum += p[i].significance;
            return sum * static_cast<double>(p.size());
        };
        settings.polarity = strength(dog) >= strength(-dog) ? 1 : -1;
    }
    std::vector<Atom> atoms = peaks(settings.polarity > 0 ? dog : cv::Mat(-dog), radius, floor);
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        atoms[i].id = static_cast<int>(i);
        atoms[i].significance /= sigma; // in robust standard deviations of this frame's response
    }
    return atoms;
}

std::vector<std::vector<TrackedPoint>> baselineLink(const std::vector<std::vector<Atom>>& frames, double gate_px)
{
    std::vector<std::vector<TrackedPoint>> out(frames.size());
    int nextId = 0;
    for (std::size_t f = 0; f < frames.size(); ++f) {
        std::vector<int> ids(frames[f].size(), -1);
        if (f > 0) {
            std::vector<Point2> previous, current;
            for (const TrackedPoint& p : out[f - 1])
                previous.push_back({p.x, p.y});
            for (const Atom& a : frames[f])
                current.push_back({a.x, a.y});
            for (const auto& [i, j] : gatedMatching(previous, current, gate_px))
                ids[static_cast<std::size_t>(j)] = out[f - 1][static_cast<std::size_t>(i)].trackId;
        }
        for (std::size_t i = 0; i < frames[f].size(); ++i) {
            TrackedPoint p;
            p.trackId = ids[i] >= 0 ? ids[i] : nextId++;
            p.x = frames[f][i].x;
            p.y = frames[f][i].y;
            out[f].push_back(p);
        }
    }
    return out;
}

} // namespace hrtem::bench
