#pragma once
// The column-fit kernel written once for any lane count with GCC/Clang vector extensions.
// Included by exactly two files, each compiled for its own instruction set: everything here
// has internal linkage (anonymous namespace) so that the linker can never hand the AVX2 copy
// of a function to a caller on a processor without AVX2. No library calls inside for the
// same reason: exp and log are polynomials (relative error ~1e-7, far below the shot noise
// of any pixel).
#include "core/locate/column_fit_kernel.h"

#include <cstring>

namespace hrtem::fitkernel {
namespace {

/// Raw views of the pixel arrays: no std::vector member is called from a kernel.
struct PixelArrays {
    const float *x, *y, *value, *electrons, *electronsLog, *valid;
    int size;
};

template <typename V>
inline V splat(float s)
{
    return V{} + s;
}

template <typename V>
inline V load(const float* p)
{
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <typename V>
inline V maxOf(V a, V b)
{
    return a > b ? a : b;
}

/// e^x for x <= 0: 2^n · 2^f (Cody-Waite split), degree-6 polynomial for 2^f on [0, 1).
template <typename V, typename I>
inline V expNonPositive(V x)
{
    x = maxOf(x, splat<V>(-80.0f));
    const V t = x * 1.44269504089f;
    I n = __builtin_convertvector(t, I);          // truncates toward zero
    n += (__builtin_convertvector(n, V) > t);     // comparison is -1 where true: floor
    const V f = t - __builtin_convertvector(n, V);
    V p = splat<V>(0.000154035304f);
    p = p * f + 0.00133335581f;
    p = p * f + 0.00961812911f;
    p = p * f + 0.0555041087f;
    p = p * f + 0.240226507f;
    p = p * f + 0.693147182f;
    p = p * f + 1.0f;
    return p * reinterpret_cast<V>((n + 127) << 23);
}

/// ln x for x > 0: exponent split; atanh series of (m-1)/(m+1) with m in [0.707, 1.414).
template <typename V, typename I>
inline V logPositive(V x)
{
    const I bits = reinterpret_cast<I>(x);
    const I e = ((bits >> 23) & 255) - 127;
    V m = reinterpret_cast<V>((bits & 0x007fffff) | 0x3f800000);
    const I high = m > 1.41421356f;
    m = high ? m * 0.5f : m;
    const V exponent = __builtin_convertvector(e - high, V); // high is -1 where true
    const V s = (m - 1.0f) / (m + 1.0f), s2 = s * s;
    V q = splat<V>(0.111111111f);
    q = q * s2 + 0.142857143f;
    q = q * s2 + 0.2f;
    q = q * s2 + 0.333333333f;
    q = q * s2 + 1.0f;
    return exponent * 0.693147181f + 2.0f * s * q;
}

/// One pass over the pixels, sizeof(V)/4 at a time; the arrays are padded with valid = 0.
template <typename V, typename I>
inline void evaluateLanes(const PixelArrays& px, const Parameters& p, const Noise& noise, double* sums)
{
    constexpr int kLanes = sizeof(V) / sizeof(float);
    constexpr float kCoreRatio = 0.4f; // the core's width over the mean width, as in gaussian_fit.cpp
    const float c = kCoreRatio * 0.5f * (p.sx + p.sy);
    const float isx2 = 1.0f / (p.sx * p.sx), isy2 = 1.0f / (p.sy * p.sy);
    const float ic2 = 1.0f / (c * c), ic3half = kCoreRatio * 0.5f / (c * c * c);
    const float invSx = 1.0f / p.sx, invSy = 1.0f / p.sy, invGain = 1.0f / noise.gain;
    V acc[kSums];
    for (V& a : acc)
        a = V{};
    for (int i = 0; i < px.size; i += kLanes) {
        const V valid = load<V>(px.valid + i);
        const V dx = load<V>(px.x + i) - p.x0, dy = load<V>(px.y + i) - p.y0;
        const V dx2 = dx * dx, dy2 = dy * dy, r2 = dx2 + dy2;
        const V g = expNonPositive<V, I>(-0.5f * (dx2 * isx2 + dy2 * isy2));
        const V h = expNonPositive<V, I>(-0.5f * r2 * ic2);
        const V ag = p.amplitude * g, ch = p.core * h;
        const V dhds = ch * r2 * ic3half;
        const V j[7] = {ag * dx * isx2 + ch * dx * ic2,
                        ag * dy * isy2 + ch * dy * ic2,
                        g,
                        splat<V>(1.0f),
                        ag * dx2 * isx2 * invSx + dhds,
                        ag * dy2 * isy2 * invSy + dhds,
                        h};
        const V m = p.background + ag + ch;
        const V signal = maxOf(m - noise.offset, V{});
        const V w = valid / maxOf(noise.gain * signal + noise.readVariance, splat<V>(1e-6f));
        const V residual = load<V>(px.value + i) - m;
        const V chi = residual * residual * w;
        if (noise.poisson) {
            const V mu = maxOf(signal * invGain, splat<V>(1e-9f));
            const V d = load<V>(px.electrons + i);
            const V dLogTerm = d > 0.0f ? load<V>(px.electronsLog + i) - d * logPositive<V, I>(mu) : V{};
            acc[0] += valid * 2.0f * (dLogTerm - (d - mu));
        } else {
            acc[0] += chi;
        }
        acc[1] += chi;
        int k = 2;
        for (int a = 0; a < 7; ++a) {
            const V wa = w * j[a];
            for (int b = a; b < 7; ++b)
                acc[k++] += wa * j[b];
        }
        for (int a = 0; a < 7; ++a)
            acc[30 + a] += w * j[a] * residual;
    }
    for (int k = 0; k < kSums; ++k) {
        double total = 0.0;
        for (int lane = 0; lane < kLanes; ++lane)
            total += acc[k][lane];
        sums[k] = total;
    }
}

} // namespace
} // namespace hrtem::fitkernel
