#pragma once
// The inner loop of the column fit (gaussian_fit.cpp): the model, its gradient, the cost and
// the Gauss-Newton sums over a window's pixels in one pass. Localization spends about half its
// time here, so the loop is compiled twice: four lanes for any x86-64 (SSE2) or ARM, and eight
// lanes for processors with AVX2 and FMA, chosen once at run time (column_fit_kernel.cpp).
#include <vector>

namespace hrtem::fitkernel {

/// Pixels of a window, relative to its centre pixel (small numbers: float keeps 1e-6 px),
/// in separate arrays so that the kernel loads several pixels at a time.
struct Pixels {
    std::vector<float> x, y, value;
    std::vector<float> electrons;    ///< (value - offset) / gain, clamped at 0 (Poisson cost)
    std::vector<float> electronsLog; ///< electrons · log(electrons), 0 at 0
    std::vector<float> valid;        ///< 1 for a pixel, 0 for padding
    int size() const { return static_cast<int>(x.size()); }
    void add(float px, float py, float v, float d, float dLogD);
    /// Pads to a multiple of the widest lane count with pixels that count for nothing.
    void pad();
};

/// Model parameters in window coordinates: centre, amplitude, background, widths, core.
struct Parameters {
    float x0, y0, amplitude, background, sx, sy, core;
};

struct Noise {
    float gain, offset, readVariance;
    bool poisson;
};

/// Sums: [0] cost, [1] Pearson chi², [2..29] upper triangle of JᵀWJ (row-major, 7 x 7), [30..36] JᵀW r.
constexpr int kSums = 37;

/// The sums over `pixels` (padded) with the widest kernel this processor runs.
void evaluate(const Pixels& pixels, const Parameters& p, const Noise& noise, double* sums);

/// The kernels one by one, for tests and benchmarks; `lanes` is 4 or 8. Eight lanes only
/// where `wideLanesAvailable()`.
void evaluateWith(int lanes, const Pixels& pixels, const Parameters& p, const Noise& noise, double* sums);
bool wideLanesAvailable();

} // namespace hrtem::fitkernel
