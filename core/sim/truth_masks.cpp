#include "core/sim/truth_masks.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdint>

namespace hrtem::sim {

cv::Mat columnDiscMask(const std::vector<cv::Point2d>& columns, cv::Size size, double radius_px)
{
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    const int reach = static_cast<int>(std::ceil(radius_px));
    for (const cv::Point2d& p : columns)
        for (int y = int(std::floor(p.y)) - reach; y <= int(std::ceil(p.y)) + reach; ++y)
            for (int x = int(std::floor(p.x)) - reach; x <= int(std::ceil(p.x)) + reach; ++x)
                if (x >= 0 && y >= 0 && x < mask.cols && y < mask.rows && std::hypot(x - p.x, y - p.y) <= radius_px)
                    mask.at<std::uint8_t>(y, x) = 255;
    return mask;
}

cv::Mat particleMaskOfColumns(const std::vector<cv::Point2d>& columns, cv::Size size, double nearestNeighbour_px)
{
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    const double radius = 0.5 * nearestNeighbour_px;
    for (const cv::Point2d& p : columns)
        cv::circle(mask, cv::Point(int(std::lround(p.x)), int(std::lround(p.y))), int(std::ceil(radius)), cv::Scalar(255),
                   cv::FILLED);
    const int close = 2 * static_cast<int>(std::ceil(radius)) + 1;
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {close, close}));
    return mask;
}

} // namespace hrtem::sim
