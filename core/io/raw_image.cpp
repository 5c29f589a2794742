#include "core/io/raw_image.h"

#include "core/util/endian.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hrtem {

RawImage::RawImage(PixelType type, int width, int height)
    : mType(type), mWidth(width), mHeight(height),
      mData(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * bytesPerPixel(type))
{
}

namespace {

template <class T>
T load(const std::uint8_t* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

double componentAt(PixelType type, const std::uint8_t* pixel, int c)
{
    switch (type) {
    case PixelType::UInt8: return pixel[0];
    case PixelType::Int8: return static_cast<std::int8_t>(pixel[0]);
    case PixelType::Bool: return pixel[0] != 0 ? 1.0 : 0.0;
    case PixelType::UInt16: return load<std::uint16_t>(pixel);
    case PixelType::Int16: return load<std::int16_t>(pixel);
    case PixelType::UInt32: return load<std::uint32_t>(pixel);
    case PixelType::Int32: return load<std::int32_t>(pixel);
    case PixelType::UInt64: return static_cast<double>(load<std::uint64_t>(pixel));
    case PixelType::Int64: return static_cast<double>(load<std::int64_t>(pixel));
    case PixelType::Float32: return load<float>(pixel);
    case PixelType::Float64: return load<double>(pixel);
    case PixelType::Complex64: return load<float>(pixel + 4 * c);
    case PixelType::Complex128: return load<double>(pixel + 8 * c);
    case PixelType::RGB8:
    case PixelType::RGBA8: return pixel[c];
    }
    return 0.0;
}

} // namespace

double RawImage::component(int x, int y, int c) const
{
    const std::size_t bpp = bytesPerPixel(mType);
    const std::uint8_t* p = mData.data() + (static_cast<std::size_t>(y) * mWidth + x) * bpp;
    return componentAt(mType, p, std::clamp(c, 0, componentCount(mType) - 1));
}

std::complex<double> RawImage::complexValue(int x, int y) const
{
    if (!isComplex(mType))
        return {component(x, y, 0), 0.0};
    return {component(x, y, 0), component(x, y, 1)};
}

cv::Mat RawImage::toFloat32() const
{
    cv::Mat out(mHeight, mWidth, CV_32F);
    const std::size_t bpp = bytesPerPixel(mType);
    const std::uint8_t* p = mData.data();
    for (int y = 0; y < mHeight; ++y) {
        float* row = out.ptr<float>(y);
        switch (mType) {
        case PixelType::Float32:
            std::memcpy(row, p, static_cast<std::size_t>(mWidth) * 4);
            p += static_cast<std::size_t>(mWidth) * 4;
            break;
        case PixelType::Complex64:
        case PixelType::Complex128:
            for (int x = 0; x < mWidth; ++x, p += bpp)
                row[x] = static_cast<float>(std::hypot(componentAt(mType, p, 0), componentAt(mType, p, 1)));
            break;
        case PixelType::RGB8:
        case PixelType::RGBA8:
            for (int x = 0; x < mWidth; ++x, p += bpp)
                row[x] = static_cast<float>(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]);
            break;
        default:
            for (int x = 0; x < mWidth; ++x, p += bpp)
                row[x] = static_cast<float>(componentAt(mType, p, 0));
            break;
        }
    }
    return out;
}

bool RawImage::operator==(const RawImage& other) const
{
    return mType == other.mType && mWidth == other.mWidth && mHeight == other.mHeight && mData == other.mData;
}

void swapComponentBytes(RawImage& image)
{
    const std::size_t bpp = bytesPerPixel(image.type());
    const int components = componentCount(image.type());
    if (isColour(image.type()) || bpp == 1)
        return;
    const std::size_t componentBytes = bpp / static_cast<std::size_t>(components);
    swapBytesInPlace(image.data(), image.byteSize() / componentBytes, componentBytes);
}

} // namespace hrtem
