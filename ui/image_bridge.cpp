#include "ui/image_bridge.h"

#include "core/image/contrast.h"

#include <cstring>

namespace hrtem::ui {

QImage toQImage(const cv::Mat& image8)
{
    CV_Assert(image8.depth() == CV_8U && (image8.channels() == 1 || image8.channels() == 3));
    const QImage::Format format = image8.channels() == 1 ? QImage::Format_Grayscale8 : QImage::Format_BGR888;
    QImage out(image8.cols, image8.rows, format);
    const std::size_t rowBytes = static_cast<std::size_t>(image8.cols) * image8.channels();
    for (int y = 0; y < image8.rows; ++y)
        std::memcpy(out.scanLine(y), image8.ptr(y), rowBytes);
    return out;
}

QImage renderFrame(const cv::Mat& frame, double low, double high)
{
    return toQImage(renderGrey8(frame, {low, high}));
}

} // namespace hrtem::ui
