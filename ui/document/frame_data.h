#pragma once
#include "core/image/contrast.h"

#include <opencv2/core/mat.hpp>

#include <memory>

namespace hrtem {
class StackReader;
}

namespace hrtem::ui {

/// One frame ready for display: the float data plus what the levels panel needs, all computed
/// on a worker thread so the GUI only paints.
struct FrameData {
    int index = -1;
    cv::Mat frame; ///< CV_32F, shared read-only between threads
    double min = 0.0;
    double max = 0.0;
    DisplayLevels autoLevels;
    Histogram histogram; ///< 256 bins over [min, max]

    std::size_t bytes() const { return frame.total() * frame.elemSize(); }
};

using FrameDataPtr = std::shared_ptr<const FrameData>;

/// Reads frame `index` and computes its display statistics (runs on a worker thread).
FrameDataPtr loadFrameData(StackReader& stack, int index, double lowPercent, double highPercent);
/// The same statistics for a frame already in memory (a restored frame).
FrameDataPtr makeFrameData(int index, cv::Mat frame, double lowPercent, double highPercent);

} // namespace hrtem::ui
