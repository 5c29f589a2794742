#pragma once
#include <cstddef>
#include <string>

namespace hrtem {

/// Pixel types as stored in files. Frames handed to the analysis are always float32;
/// this records what the file held so that nothing is lost when it matters (complex, RGBA).
enum class PixelType {
    UInt8, Int8, UInt16, Int16, UInt32, Int32, UInt64, Int64,
    Float32, Float64,
    Complex64,  ///< two float32: real, imaginary
    Complex128, ///< two float64
    RGB8,       ///< three uint8 channels R, G, B
    RGBA8,      ///< four uint8 channels R, G, B, A
    Bool        ///< one byte, 0 or 1
};

std::size_t bytesPerPixel(PixelType type);
/// Number of real components a pixel holds: 2 for complex, 3/4 for colour, else 1.
int componentCount(PixelType type);
bool isComplex(PixelType type);
bool isColour(PixelType type);
bool isFloatingPoint(PixelType type);
/// NumPy-style name ("uint16", "float32", "complex64", "rgba8"), used in reports and JSON.
std::string pixelTypeName(PixelType type);

} // namespace hrtem
