#pragma once
#include "core/io/pixel_type.h"

#include <opencv2/core/mat.hpp>

#include <complex>
#include <cstdint>
#include <vector>

namespace hrtem {

/// One frame exactly as the file stores it (native pixel type, host byte order, row-major,
/// components interleaved). Readers produce it; toFloat32() makes the analysis frame.
class RawImage {
public:
    RawImage() = default;
    RawImage(PixelType type, int width, int height);

    PixelType type() const { return mType; }
    int width() const { return mWidth; }
    int height() const { return mHeight; }
    bool empty() const { return mData.empty(); }
    std::size_t byteSize() const { return mData.size(); }
    std::uint8_t* data() { return mData.data(); }
    const std::uint8_t* data() const { return mData.data(); }

    /// Component `component` of pixel (x, y) as a double (R=0,G=1,B=2,A=3; real=0, imag=1).
    double component(int x, int y, int component = 0) const;
    std::complex<double> complexValue(int x, int y) const;

    /// The single-channel float32 frame used everywhere downstream: real types as they are,
    /// complex as modulus (what DigitalMicrograph displays), colour as Rec. 601 luma.
    cv::Mat toFloat32() const;

    bool operator==(const RawImage& other) const;

private:
    PixelType mType = PixelType::Float32;
    int mWidth = 0;
    int mHeight = 0;
    std::vector<std::uint8_t> mData;
};

/// Swaps the byte order of every component in place (complex: each half; colour: nothing).
void swapComponentBytes(RawImage& image);

} // namespace hrtem
