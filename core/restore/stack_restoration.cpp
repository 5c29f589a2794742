#include "core/restore/stack_restoration.h"

#include "core/io/io_error.h"
#include "core/io/float_raw_image.h"
#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"
#include "core/locate/noise_model.h"

#include <stdexcept>

namespace hrtem::restore {

void writeRestoredStack(StackReader& stack, FrameRestorer& restorer, int first, int end, const std::string& out,
                        const StackRestorationObserver& observer)
{
    const StackInfo& info = stack.info();
    if (first < 0 || end > info.frameCount || first >= end)
        throw std::invalid_argument("frames " + std::to_string(first) + " to " + std::to_string(end - 1) + " are not in the stack's " +
                                    std::to_string(info.frameCount) + " frame(s)");
    TiffWriteOptions options;
    options.x = info.x;
    options.y = info.y;
    if (info.frameInterval_s)
        options.frames = AxisCalibration("frame", *info.frameInterval_s, 0.0, "s");
    options.imageName = "restored (" + restorer.name() + ")";
    // Written to out.part and renamed by finish(); unwinding without it removes the part file.
    TiffStackWriter writer(out, info.width, info.height, PixelType::Float32, end - first, options);
    const NoiseModel noise = estimateNoiseModel(stack.readFrame(first));
    for (int f = first; f < end; ++f) {
        throwIfCancelled(observer.cancel);
        const cv::Mat restored = restorer.restore(stack.readFrame(f), &noise, observer.cancel);
        writer.append(float32RawImage(restored));
        if (observer.progress)
            observer.progress(double(f - first + 1) / (end - first));
        for (const std::string& m : restorer.takeMessages())
            if (observer.note)
                observer.note(m);
    }
    writer.finish();
}

} // namespace hrtem::restore
