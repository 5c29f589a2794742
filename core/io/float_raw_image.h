#pragma once
// A float image in memory (CV_32F) as the RawImage the stack writers take: what every writer of
// restored frames, probability maps and simulated frames needs, row by row (the image need not be
// continuous).
#include "core/io/raw_image.h"

#include <opencv2/core.hpp>

#include <cstring>

namespace hrtem {

inline RawImage float32RawImage(const cv::Mat& image)
{
    CV_Assert(image.type() == CV_32F);
    RawImage raw(PixelType::Float32, image.cols, image.rows);
    const std::size_t rowBytes = static_cast<std::size_t>(image.cols) * sizeof(float);
    for (int y = 0; y < image.rows; ++y)
        std::memcpy(raw.data() + static_cast<std::size_t>(y) * rowBytes, image.ptr<float>(y), rowBytes);
    return raw;
}

} // namespace hrtem
