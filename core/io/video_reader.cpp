// Videos (AVI, MP4, ...) through OpenCV. Frames are 8-bit and usually colour: they are
// returned as 8-bit grey (luma), and the stack says so in its notes.
#include "core/io/readers.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <cmath>
#include <cstring>

namespace hrtem {
namespace {

RawImage greyFromMat(const cv::Mat& input)
{
    cv::Mat grey;
    if (input.channels() == 3)
        cv::cvtColor(input, grey, cv::COLOR_BGR2GRAY);
    else if (input.channels() == 4)
        cv::cvtColor(input, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = input;
    PixelType type = PixelType::UInt8;
    switch (grey.depth()) {
    case CV_8U: type = PixelType::UInt8; break;
    case CV_8S: type = PixelType::Int8; break;
    case CV_16U: type = PixelType::UInt16; break;
    case CV_16S: type = PixelType::Int16; break;
    case CV_32S: type = PixelType::Int32; break;
    case CV_32F: type = PixelType::Float32; break;
    case CV_64F: type = PixelType::Float64; break;
    default: grey.convertTo(grey, CV_32F); type = PixelType::Float32; break;
    }
    RawImage raw(type, grey.cols, grey.rows);
    const std::size_t rowBytes = static_cast<std::size_t>(grey.cols) * bytesPerPixel(type);
    for (int y = 0; y < grey.rows; ++y)
        std::memcpy(raw.data() + y * rowBytes, grey.ptr(y), rowBytes);
    return raw;
}

class VideoStackReader : public StackReader {
public:
    explicit VideoStackReader(const std::string& path)
    {
        if (!mCapture.open(path) || !mCapture.isOpened())
            throw IoError(path, "cannot be decoded as a video (no codec for it, or the file is damaged)");
        cv::Mat first;
        if (!mCapture.read(first) || first.empty())
            throw IoError(path, "video holds no decodable frame");
        mNext = 1;
        const double count = mCapture.get(cv::CAP_PROP_FRAME_COUNT);
        const double fps = mCapture.get(cv::CAP_PROP_FPS);
        mInfo.path = path;
        mInfo.format = "Video";
        mInfo.formatDetail = mCapture.getBackendName();
        mInfo.width = first.cols;
        mInfo.height = first.rows;
        mInfo.frameCount = count >= 1 && count < 1e8 ? static_cast<int>(count) : 1;
        mInfo.pixelType = greyFromMat(first).type();
        if (fps > 0 && std::isfinite(fps)) {
            mInfo.frames.name = "t";
            mInfo.frames.scale = 1.0 / fps;
            mInfo.frames.units = "s";
            mInfo.frameInterval_s = 1.0 / fps;
        }
        if (first.channels() > 1)
            mInfo.notes.push_back("colour video: frames converted to one grey channel (luma)");
        mInfo.notes.push_back("videos carry no pixel size: set the calibration by hand");
        mInfo.imagesInFile.push_back({0, {}, ImageEntry::Kind::Image,
                                      {static_cast<std::uint64_t>(mInfo.width), static_cast<std::uint64_t>(mInfo.height),
                                       static_cast<std::uint64_t>(mInfo.frameCount)},
                                      pixelTypeName(mInfo.pixelType), {}});
        mFirst = greyFromMat(first);
    }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        if (frame == 0)
            return mFirst;
        if (frame != mNext) // seeking is slow in most codecs: only when not reading in order
            mCapture.set(cv::CAP_PROP_POS_FRAMES, frame);
        cv::Mat mat;
        if (!mCapture.read(mat) || mat.empty())
            throw IoError(mInfo.path, "cannot decode video frame " + std::to_string(frame));
        mNext = frame + 1;
        return greyFromMat(mat);
    }

private:
    cv::VideoCapture mCapture;
    RawImage mFirst;
    int mNext = 0;
};

/// A still image as a one-frame stack.
class SingleImageReader : public StackReader {
public:
    explicit SingleImageReader(const std::string& path)
    {
        const cv::Mat image = cv::imread(path, cv::IMREAD_UNCHANGED);
        if (image.empty())
            throw IoError(path, "cannot be decoded as an image (unsupported or damaged)");
        mImage = greyFromMat(image);
        mInfo.path = path;
        mInfo.format = "Image";
        mInfo.width = mImage.width();
        mInfo.height = mImage.height();
        mInfo.frameCount = 1;
        mInfo.pixelType = mImage.type();
        if (image.channels() > 1)
            mInfo.notes.push_back("colour image: converted to one grey channel (luma)");
        mInfo.imagesInFile.push_back({0, {}, ImageEntry::Kind::Image,
                                      {static_cast<std::uint64_t>(mInfo.width), static_cast<std::uint64_t>(mInfo.height), 1},
                                      pixelTypeName(mInfo.pixelType), {}});
    }

protected:
    RawImage readRawUnlocked(int) override { return mImage; }

private:
    RawImage mImage;
};

} // namespace

std::unique_ptr<StackReader> openVideoStack(const std::string& path, const OpenOptions&)
{
    return std::make_unique<VideoStackReader>(path);
}

std::unique_ptr<StackReader> openSingleImage(const std::string& path, const OpenOptions&)
{
    return std::make_unique<SingleImageReader>(path);
}

} // namespace hrtem
