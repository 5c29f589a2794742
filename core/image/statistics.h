#pragma once
#include "core/io/raw_image.h"

#include <cstdint>

namespace hrtem {

struct Statistics {
    double min = 0.0;
    double max = 0.0;
    double sum = 0.0;
    std::uint64_t count = 0; ///< finite values seen
    double mean() const { return count ? sum / static_cast<double>(count) : 0.0; }
    void add(double v);
    void merge(const Statistics& other);
};

/// Statistics of one component of a frame as stored (double precision, no float32 rounding).
/// For complex images component 0 is the real part, 1 the imaginary part; for colour, R G B A.
Statistics componentStatistics(const RawImage& image, int component = 0);

} // namespace hrtem
