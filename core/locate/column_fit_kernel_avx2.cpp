// The eight-lane column-fit kernel. This file alone is compiled with -mavx2 -mfma and is called
// only after column_fit_kernel.cpp has checked that the processor has both.
#include "core/locate/column_fit_kernel_lanes.h"

namespace hrtem::fitkernel {

typedef float Float8 __attribute__((vector_size(32)));
typedef int Int8 __attribute__((vector_size(32)));

void evaluateEightLanes(const float* const arrays[6], int size, const Parameters& p, const Noise& noise, double* sums)
{
    const PixelArrays px{arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5], size};
    evaluateLanes<Float8, Int8>(px, p, noise, sums);
}

} // namespace hrtem::fitkernel
