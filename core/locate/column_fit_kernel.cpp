// The four-lane column-fit kernel (any x86-64 or ARM), the pixel arrays, and the choice of
// kernel at run time.
#include "core/locate/column_fit_kernel_lanes.h"

#include <stdexcept>
#include <string>

namespace hrtem::fitkernel {

#ifdef HRTEM_HAVE_AVX2_KERNEL
// column_fit_kernel_avx2.cpp, compiled with -mavx2 -mfma.
void evaluateEightLanes(const float* const arrays[6], int size, const Parameters& p, const Noise& noise, double* sums);
#endif

namespace {

typedef float Float4 __attribute__((vector_size(16)));
typedef int Int4 __attribute__((vector_size(16)));

constexpr int kWidestLanes = 8;

PixelArrays arraysOf(const Pixels& px)
{
    return {px.x.data(), px.y.data(), px.value.data(), px.electrons.data(), px.electronsLog.data(), px.valid.data(),
            px.size()};
}

bool processorRunsEightLanes()
{
#if defined(HRTEM_HAVE_AVX2_KERNEL)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

const bool kEightLanes = processorRunsEightLanes();

} // namespace

void Pixels::add(float px, float py, float v, float d, float dLogD)
{
    x.push_back(px);
    y.push_back(py);
    value.push_back(v);
    electrons.push_back(d);
    electronsLog.push_back(dLogD);
    valid.push_back(1.0f);
}

void Pixels::pad()
{
    while (x.size() % kWidestLanes != 0) {
        add(0.0f, 0.0f, 0.0f, 0.0f, 0.0f);
        valid.back() = 0.0f;
    }
}

bool wideLanesAvailable() { return kEightLanes; }

void evaluateWith(int lanes, const Pixels& pixels, const Parameters& p, const Noise& noise, double* sums)
{
    if (pixels.size() % kWidestLanes != 0)
        throw std::invalid_argument("fit kernel: pixel arrays not padded");
    if (lanes == 4) {
        evaluateLanes<Float4, Int4>(arraysOf(pixels), p, noise, sums);
        return;
    }
#ifdef HRTEM_HAVE_AVX2_KERNEL
    if (lanes == 8 && kEightLanes) {
        const float* const arrays[6] = {pixels.x.data(), pixels.y.data(), pixels.value.data(),
                                        pixels.electrons.data(), pixels.electronsLog.data(), pixels.valid.data()};
        evaluateEightLanes(arrays, pixels.size(), p, noise, sums);
        return;
    }
#endif
    throw std::invalid_argument("fit kernel: " + std::to_string(lanes) + " lanes not available on this processor");
}

void evaluate(const Pixels& pixels, const Parameters& p, const Noise& noise, double* sums)
{
    evaluateWith(kEightLanes ? 8 : 4, pixels, p, noise, sums);
}

} // namespace hrtem::fitkernel
