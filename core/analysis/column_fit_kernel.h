#pragma once
// The inner loop of the column fit (gaussian_fit.cpp): the model, its gradient, the cost and
// the Gauss-Newton sums over a window's pixels in one pass. It is where localization spends
// its time, so it is written for the compiler to vectorize: pixels in separate float arrays,
// four lanes at a time, and exp/log as polynomials (relative error ~1e-7, far below the
// shot noise of any pixel) instead of library calls.
#include <opencv2/core/hal/intrin.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace hrtem::fitkernel {

/// Pixels of a window, relative to its centre pixel (small numbers: float keeps 1e-6 px).
struct Pixels {
    std::vector<float> x, y, value;
    std::vector<float> electrons;   ///< (value - offset) / gain, clamped at 0 (Poisson cost)
    std::vector<float> electronsLog; ///< electrons · log(electrons), 0 at 0
    std::vector<float> valid;        ///< 1 for a pixel, 0 for padding
    int size() const { return static_cast<int>(x.size()); }
    void add(float px, float py, float v, float d, float dLogD)
    {
        x.push_back(px);
        y.push_back(py);
        value.push_back(v);
        electrons.push_back(d);
        electronsLog.push_back(dLogD);
        valid.push_back(1.0f);
    }
    /// Pads to a multiple of four lanes with pixels that count for nothing.
    void pad()
    {
        while (x.size() % 4 != 0) {
            add(0.0f, 0.0f, 0.0f, 0.0f, 0.0f);
            valid.back() = 0.0f;
        }
    }
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

inline float bitsToFloat(std::int32_t i)
{
    float f;
    std::memcpy(&f, &i, sizeof f);
    return f;
}

inline std::int32_t floatToBits(float f)
{
    std::int32_t i;
    std::memcpy(&i, &f, sizeof i);
    return i;
}

/// e^x for x <= 0 (Cody-Waite split into 2^n · 2^f; degree-6 polynomial for 2^f on [0, 1)).
inline float expNonPositive(float x)
{
    x = x < -80.0f ? -80.0f : x;
    const float t = x * 1.44269504089f;
    const std::int32_t truncated = static_cast<std::int32_t>(t);
    const std::int32_t n = truncated - (static_cast<float>(truncated) > t ? 1 : 0);
    const float f = t - static_cast<float>(n);
    const float p = 1.0f + f * (0.693147182f + f * (0.240226507f + f * (0.0555041087f +
                    f * (0.00961812911f + f * (0.00133335581f + f * 0.000154035304f)))));
    return p * bitsToFloat((n + 127) << 23);
}

/// ln x for x > 0 (exponent split; atanh series of (m-1)/(m+1) with m in [0.707, 1.414)).
inline float logPositive(float x)
{
    const std::int32_t bits = floatToBits(x);
    std::int32_t e = ((bits >> 23) & 255) - 127;
    float m = bitsToFloat((bits & 0x007fffff) | 0x3f800000);
    const bool high = m > 1.41421356f;
    m = high ? 0.5f * m : m;
    e += high ? 1 : 0;
    const float s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
    const float series = 2.0f * s * (1.0f + s2 * (0.333333333f + s2 * (0.2f + s2 * (0.142857143f + s2 * 0.111111111f))));
    return static_cast<float>(e) * 0.693147181f + series;
}

/// Four-lane versions of the two functions above.
inline cv::v_float32x4 expNonPositive4(cv::v_float32x4 x)
{
    using namespace cv;
    x = v_max(x, v_setall_f32(-80.0f));
    const v_float32x4 t = x * v_setall_f32(1.44269504089f);
    const v_int32x4 n = v_floor(t);
    const v_float32x4 f = t - v_cvt_f32(n);
    v_float32x4 p = v_setall_f32(0.000154035304f);
    p = v_fma(p, f, v_setall_f32(0.00133335581f));
    p = v_fma(p, f, v_setall_f32(0.00961812911f));
    p = v_fma(p, f, v_setall_f32(0.0555041087f));
    p = v_fma(p, f, v_setall_f32(0.240226507f));
    p = v_fma(p, f, v_setall_f32(0.693147182f));
    p = v_fma(p, f, v_setall_f32(1.0f));
    return p * v_reinterpret_as_f32(v_shl<23>(n + v_setall_s32(127)));
}

inline cv::v_float32x4 logPositive4(cv::v_float32x4 x)
{
    using namespace cv;
    const v_int32x4 bits = v_reinterpret_as_s32(x);
    v_int32x4 e = (v_shr<23>(bits) & v_setall_s32(255)) - v_setall_s32(127);
    v_float32x4 m = v_reinterpret_as_f32((bits & v_setall_s32(0x007fffff)) | v_setall_s32(0x3f800000));
    const v_float32x4 high = m > v_setall_f32(1.41421356f);
    m = v_select(high, m * v_setall_f32(0.5f), m);
    const v_float32x4 ef = v_cvt_f32(e) + v_select(high, v_setall_f32(1.0f), v_setzero_f32());
    const v_float32x4 s = (m - v_setall_f32(1.0f)) / (m + v_setall_f32(1.0f)), s2 = s * s;
    v_float32x4 q = v_setall_f32(0.111111111f);
    q = v_fma(q, s2, v_setall_f32(0.142857143f));
    q = v_fma(q, s2, v_setall_f32(0.2f));
    q = v_fma(q, s2, v_setall_f32(0.333333333f));
    q = v_fma(q, s2, v_setall_f32(1.0f));
    return v_fma(ef, v_setall_f32(0.693147181f), v_setall_f32(2.0f) * s * q);
}

/// One pass over the pixels, four at a time with OpenCV's universal SIMD (SSE2 on any x86-64,
/// NEON on ARM); the pixel arrays are padded to a multiple of four with `valid` = 0.
inline void evaluate(const Pixels& px, const Parameters& p, const Noise& noise, double* sums)
{
    using namespace cv;
    constexpr float kCoreRatio = 0.4f;
    const float c = kCoreRatio * 0.5f * (p.sx + p.sy);
    const v_float32x4 isx2 = v_setall_f32(1.0f / (p.sx * p.sx)), isy2 = v_setall_f32(1.0f / (p.sy * p.sy));
    const v_float32x4 ic2 = v_setall_f32(1.0f / (c * c));
    const v_float32x4 ic3half = v_setall_f32(kCoreRatio * 0.5f / (c * c * c));
    const v_float32x4 x0 = v_setall_f32(p.x0), y0 = v_setall_f32(p.y0), A = v_setall_f32(p.amplitude),
                      B = v_setall_f32(p.background), C = v_setall_f32(p.core), invSx = v_setall_f32(1.0f / p.sx),
                      invSy = v_setall_f32(1.0f / p.sy);
    const v_float32x4 gain = v_setall_f32(noise.gain), offset = v_setall_f32(noise.offset),
                      read = v_setall_f32(noise.readVariance), invGain = v_setall_f32(1.0f / noise.gain);
    const v_float32x4 zero = v_setzero_f32(), one = v_setall_f32(1.0f), half = v_setall_f32(-0.5f),
                      two = v_setall_f32(2.0f), minVariance = v_setall_f32(1e-6f), minMu = v_setall_f32(1e-9f);
    v_float32x4 acc[kSums];
    for (v_float32x4& a : acc)
        a = v_setzero_f32();
    const int n = px.size();
    for (int i = 0; i < n; i += 4) {
        const v_float32x4 valid = v_load(px.valid.data() + i);
        const v_float32x4 dx = v_load(px.x.data() + i) - x0, dy = v_load(px.y.data() + i) - y0;
        const v_float32x4 dx2 = dx * dx, dy2 = dy * dy, r2 = dx2 + dy2;
        const v_float32x4 g = expNonPositive4(half * (dx2 * isx2 + dy2 * isy2));
        const v_float32x4 h = expNonPositive4(half * r2 * ic2);
        const v_float32x4 ag = A * g, ch = C * h;
        const v_float32x4 dhds = ch * r2 * ic3half;
        const v_float32x4 j[7] = {ag * dx * isx2 + ch * dx * ic2, ag * dy * isy2 + ch * dy * ic2, g, one,
                                  ag * dx2 * isx2 * invSx + dhds, ag * dy2 * isy2 * invSy + dhds, h};
        const v_float32x4 m = B + ag + ch;
        const v_float32x4 signal = v_max(m - offset, zero);
        const v_float32x4 w = valid / v_max(gain * signal + read, minVariance);
        const v_float32x4 residual = v_load(px.value.data() + i) - m;
        const v_float32x4 chi = residual * residual * w;
        const v_float32x4 mu = v_max(signal * invGain, minMu);
        const v_float32x4 d = v_load(px.electrons.data() + i);
        const v_float32x4 dLogTerm = v_select(d > zero, v_load(px.electronsLog.data() + i) - d * logPositive4(mu), zero);
        const v_float32x4 deviance = valid * two * (dLogTerm - (d - mu));
        acc[0] += noise.poisson ? deviance : chi;
        acc[1] += chi;
        int k = 2;
        for (int a = 0; a < 7; ++a) {
            const v_float32x4 wa = w * j[a];
            for (int b = a; b < 7; ++b)
                acc[k++] += wa * j[b];
        }
        for (int a = 0; a < 7; ++a)
            acc[30 + a] += w * j[a] * residual;
    }
    for (int k = 0; k < kSums; ++k)
        sums[k] = v_reduce_sum(acc[k]);
}

} // namespace hrtem::fitkernel
