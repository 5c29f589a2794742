#include "core/io/pixel_type.h"

namespace hrtem {

std::size_t bytesPerPixel(PixelType type)
{
    switch (type) {
    case PixelType::UInt8:
    case PixelType::Int8:
    case PixelType::Bool: return 1;
    case PixelType::UInt16:
    case PixelType::Int16: return 2;
    case PixelType::UInt32:
    case PixelType::Int32:
    case PixelType::Float32:
    case PixelType::RGBA8: return 4;
    case PixelType::RGB8: return 3;
    case PixelType::UInt64:
    case PixelType::Int64:
    case PixelType::Float64:
    case PixelType::Complex64: return 8;
    case PixelType::Complex128: return 16;
    }
    return 0;
}

int componentCount(PixelType type)
{
    switch (type) {
    case PixelType::Complex64:
    case PixelType::Complex128: return 2;
    case PixelType::RGB8: return 3;
    case PixelType::RGBA8: return 4;
    default: return 1;
    }
}

bool isComplex(PixelType type) { return type == PixelType::Complex64 || type == PixelType::Complex128; }
bool isColour(PixelType type) { return type == PixelType::RGB8 || type == PixelType::RGBA8; }
bool isFloatingPoint(PixelType type)
{
    return type == PixelType::Float32 || type == PixelType::Float64 || isComplex(type);
}

std::string pixelTypeName(PixelType type)
{
    switch (type) {
    case PixelType::UInt8: return "uint8";
    case PixelType::Int8: return "int8";
    case PixelType::UInt16: return "uint16";
    case PixelType::Int16: return "int16";
    case PixelType::UInt32: return "uint32";
    case PixelType::Int32: return "int32";
    case PixelType::UInt64: return "uint64";
    case PixelType::Int64: return "int64";
    case PixelType::Float32: return "float32";
    case PixelType::Float64: return "float64";
    case PixelType::Complex64: return "complex64";
    case PixelType::Complex128: return "complex128";
    case PixelType::RGB8: return "rgb8";
    case PixelType::RGBA8: return "rgba8";
    case PixelType::Bool: return "bool";
    }
    return "unknown";
}

} // namespace hrtem
