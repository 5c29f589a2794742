#pragma once
// The one place where OpenCV images become Qt images.
#include <QImage>

#include <opencv2/core/mat.hpp>

namespace hrtem::ui {

/// CV_8U (grey) or CV_8UC3 (BGR) -> a QImage that owns a copy of the pixels.
QImage toQImage(const cv::Mat& image8);

/// A float frame rendered with display levels into an 8-bit grey QImage.
QImage renderFrame(const cv::Mat& frame, double low, double high);

} // namespace hrtem::ui
