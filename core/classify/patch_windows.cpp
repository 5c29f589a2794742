#include "core/classify/patch_windows.h"

#include <opencv2/imgproc.hpp>

namespace hrtem {

cv::Mat patchWindow(const segment::SegmentationInput& input, double x, double y, int side)
{
    // Frame pixel centres map to network pixel centres: (x + 0.5) * scale - 0.5.
    const cv::Point2f centre(static_cast<float>((x + 0.5) * input.scale - 0.5), static_cast<float>((y + 0.5) * input.scale - 0.5));
    cv::Mat window;
    cv::getRectSubPix(input.image, cv::Size(side, side), centre, window, CV_32F);
    return window;
}

std::vector<cv::Mat> gridWindows(const segment::SegmentationInput& input, int rows, int cols, int patchSize, int side)
{
    std::vector<cv::Mat> out;
    out.reserve(std::size_t(rows) * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            // The centre of patch (r, c), which covers pixels [c·P, (c+1)·P): c·P + (P - 1)/2.
            out.push_back(patchWindow(input, c * patchSize + 0.5 * (patchSize - 1), r * patchSize + 0.5 * (patchSize - 1), side));
    return out;
}

} // namespace hrtem
