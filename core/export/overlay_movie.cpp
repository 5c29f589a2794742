#include "core/export/overlay_movie.h"

#include "core/io/io_error.h"
#include "core/io/raw_image.h"
#include "core/io/tiff/tiff_writer.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

namespace hrtem {

namespace {

std::string lowerSuffix(const std::string& path)
{
    std::string suffix = std::filesystem::path(path).extension().string();
    std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return suffix;
}

RawImage rgbOf(const cv::Mat& bgr)
{
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    RawImage raw(PixelType::RGB8, rgb.cols, rgb.rows);
    const std::size_t rowBytes = std::size_t(rgb.cols) * 3;
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(raw.data() + std::size_t(y) * rowBytes, rgb.ptr(y), rowBytes);
    return raw;
}

} // namespace

void writeOverlayMovie(StackReader& stack, const AnalysisResult& result, const std::string& path,
                       const OverlayMovieSettings& settings, const Progress& progress)
{
    const std::string suffix = lowerSuffix(path);
    const bool tiff = suffix == ".tif" || suffix == ".tiff";
    const bool avi = suffix == ".avi", mp4 = suffix == ".mp4";
    if (!tiff && !avi && !mp4)
        throw IoError(path, "the movie can be written as .tif, .avi or .mp4, not '" + suffix + "'");
    if (result.frames.empty())
        throw IoError(path, "the analysis has no frames to write");
    const int count = int(result.frames.size());
    const int width = result.width * settings.style.scale, height = result.height * settings.style.scale;
    auto frameImage = [&](int i) {
        return renderOverlay(stack.readFrame(result.frames[std::size_t(i)].frame), result, i, settings.style);
    };
    if (tiff) {
        TiffWriteOptions options;
        // One output pixel is 1/scale of a frame pixel.
        if (result.pixel_nm > 0) {
            options.x = AxisCalibration("x", result.pixel_nm / settings.style.scale, 0.0, "nm");
            options.y = AxisCalibration("y", result.pixel_nm / settings.style.scale, 0.0, "nm");
        }
        if (result.frameInterval_s > 0)
            options.frames = AxisCalibration("t", result.frameInterval_s, 0.0, "s");
        options.imageName = "Analysed movie with overlays";
        TiffStackWriter writer(path, width, height, PixelType::RGB8, count, options);
        for (int i = 0; i < count; ++i) {
            throwIfCancelled(progress);
            writer.append(rgbOf(frameImage(i)));
            progress.report(double(i + 1) / count);
        }
        writer.finish();
        return;
    }
    // Video: written beside the target and renamed when complete, as every output is.
    const std::string part = path + ".part" + suffix;
    const double fps = settings.framesPerSecond > 0 ? settings.framesPerSecond
                       : result.frameInterval_s > 0 ? 1.0 / result.frameInterval_s
                                                    : 10.0;
    const int fourcc = avi ? cv::VideoWriter::fourcc('M', 'J', 'P', 'G') : cv::VideoWriter::fourcc('m', 'p', '4', 'v');
    try {
        cv::VideoWriter video(part, cv::CAP_FFMPEG, fourcc, fps, cv::Size(width, height), true);
        if (!video.isOpened())
            throw IoError(path, "OpenCV cannot write this video format here");
        for (int i = 0; i < count; ++i) {
            throwIfCancelled(progress);
            video.write(frameImage(i));
            progress.report(double(i + 1) / count);
        }
        video.release();
        std::filesystem::rename(part, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(part, ignored);
        throw;
    }
}

} // namespace hrtem
