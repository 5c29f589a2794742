#include "core/sim/camera_writer.h"

#include "core/io/tiff/tiff_writer.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace hrtem::sim {

void writeFramesLikeACamera(StackReader& source, int count, const std::string& folder, double framesPerSecond,
                            const std::function<void(int frame, double seconds)>& written)
{
    using Clock = std::chrono::steady_clock;
    std::filesystem::create_directories(folder);
    const StackInfo& info = source.info();
    TiffWriteOptions options;
    options.x = info.x;
    options.y = info.y;
    if (info.frameInterval_s)
        options.frames = AxisCalibration("frame", *info.frameInterval_s, 0.0, "s");
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
        std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(i / framesPerSecond)));
        const RawImage frame = source.readRaw(i);
        char name[32];
        std::snprintf(name, sizeof name, "frame_%04d.tif", i);
        // TiffStackWriter writes NAME.part and renames it when finished: the file appears whole.
        TiffStackWriter writer((std::filesystem::path(folder) / name).string(), frame.width(), frame.height(), frame.type(), 1, options);
        writer.append(frame);
        writer.finish();
        if (written)
            written(i, std::chrono::duration<double>(Clock::now() - start).count());
    }
}

} // namespace hrtem::sim
