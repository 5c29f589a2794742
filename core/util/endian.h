#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace hrtem {

/// Reverses each `width`-byte element of a buffer of `count` elements.
inline void swapBytesInPlace(std::uint8_t* data, std::size_t count, std::size_t width)
{
    if (width < 2)
        return;
    for (std::size_t i = 0; i < count; ++i)
        std::reverse(data + i * width, data + (i + 1) * width);
}

inline std::uint64_t readBigEndian(const std::uint8_t* p, std::size_t width)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i)
        v = (v << 8) | p[i];
    return v;
}

inline std::uint64_t readLittleEndian(const std::uint8_t* p, std::size_t width)
{
    std::uint64_t v = 0;
    for (std::size_t i = width; i > 0; --i)
        v = (v << 8) | p[i - 1];
    return v;
}

} // namespace hrtem
