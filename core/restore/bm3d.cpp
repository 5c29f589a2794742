// BM3D after K. Dabov, A. Foi, V. Katkovnik & K. Egiazarian, "Image denoising by sparse 3-D
// transform-domain collaborative filtering", IEEE TIP 16(8):2080-2095 (2007). Debian's OpenCV
// builds xphoto's bm3dDenoising without its non-free part (it throws), hence this implementation.
//
// Both passes: for reference blocks on a grid (stride `step`), find the most similar blocks in a
// search window, stack them into a 3-D group, transform it (2-D DCT of each block, then a
// normalized Walsh-Hadamard transform across the stack, which is Haar-like for power-of-two
// groups), shrink the coefficients, transform back and aggregate all block estimates with
// weights (inverse of the group's residual noise) and a Kaiser window.
// Pass 1 shrinks by hard thresholding; pass 2 groups on the first estimate and applies the
// empirical Wiener weights |Y|^2 / (|Y|^2 + sigma^2) from it to the noisy group.
//
// Speed: block distances for one search offset are computed for all references of a band of
// rows at once (squared differences of the band, summed over each block's rows and columns), so
// matching costs O(pixels) per offset; the inner loops use OpenCV's SIMD intrinsics; bands run
// in parallel, each with its own aggregation buffers.
#include "core/io/stack.h"
#include "core/restore/anscombe.h"
#include "core/restore/restore.h"
#include "core/restore/spectral.h"

#include <opencv2/core.hpp>
#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace hrtem::restore {
namespace {

struct Match {
    float distance;
    int y;
    int x;
};

std::vector<int> gridPositions(int length, int block, int step)
{
    std::vector<int> positions;
    for (int p = 0; p + block <= length; p += step)
        positions.push_back(p);
    if (positions.empty() || positions.back() != length - block)
        positions.push_back(length - block); // every pixel must be covered by some reference block
    return positions;
}

double besselI0(double x)
{
    // Power series sum (x/2)^(2k) / (k!)^2; converges fast for the small beta used here.
    double sum = 1.0, term = 1.0;
    for (int k = 1; k < 50; ++k) {
        term *= (x / (2.0 * k)) * (x / (2.0 * k));
        sum += term;
        if (term < 1e-12 * sum)
            break;
    }
    return sum;
}

int floorPowerOfTwo(int n)
{
    int p = 1;
    while (p * 2 <= n)
        p *= 2;
    return p;
}

// Small vector kernels (OpenCV's universal intrinsics; the project builds at -O2, where GCC
// does not vectorize loops of unknown trip count).
void squaredDifference(const float* a, const float* b, float* out, int n)
{
    int i = 0;
#if CV_SIMD128
    for (; i + 4 <= n; i += 4) {
        const cv::v_float32x4 d = cv::v_load(a + i) - cv::v_load(b + i);
        cv::v_store(out + i, d * d);
    }
#endif
    for (; i < n; ++i)
        out[i] = (a[i] - b[i]) * (a[i] - b[i]);
}

void addTo(float* acc, const float* x, int n)
{
    int i = 0;
#if CV_SIMD128
    for (; i + 4 <= n; i += 4)
        cv::v_store(acc + i, cv::v_load(acc + i) + cv::v_load(x + i));
#endif
    for (; i < n; ++i)
        acc[i] += x[i];
}

/// acc += f * x
void multiplyAdd(float* acc, float f, const float* x, int n)
{
    int i = 0;
#if CV_SIMD128
    const cv::v_float32x4 vf = cv::v_setall_f32(f);
    for (; i + 4 <= n; i += 4)
        cv::v_store(acc + i, cv::v_load(acc + i) + vf * cv::v_load(x + i));
#endif
    for (; i < n; ++i)
        acc[i] += f * x[i];
}

/// (a, b) <- (a + b, a - b)
void butterfly(float* a, float* b, int n)
{
    int i = 0;
#if CV_SIMD128
    for (; i + 4 <= n; i += 4) {
        const cv::v_float32x4 u = cv::v_load(a + i);
        const cv::v_float32x4 v = cv::v_load(b + i);
        cv::v_store(a + i, u + v);
        cv::v_store(b + i, u - v);
    }
#endif
    for (; i < n; ++i) {
        const float u = a[i];
        const float v = b[i];
        a[i] = u + v;
        b[i] = u - v;
    }
}

/// Orthonormal Walsh-Hadamard transform along the stack of a group stored block after block
/// (`count` blocks, a power of two, of `area` coefficients each): every coefficient position at
/// once, so that the inner loops run over contiguous memory. It is its own inverse.
void hadamard(float* group, int count, int area)
{
    for (int len = 1; len < count; len *= 2)
        for (int i = 0; i < count; i += 2 * len)
            for (int j = i; j < i + len; ++j)
                butterfly(group + static_cast<std::ptrdiff_t>(j) * area,
                          group + static_cast<std::ptrdiff_t>(j + len) * area, area);
    const float norm = 1.0F / std::sqrt(static_cast<float>(count));
    for (int c = 0; c < count * area; ++c)
        group[c] *= norm;
}

/// 2-D DCT of an n x n block (rows `stride` floats apart) as two matrix products, written as
/// row updates (out_row += factor * in_row) so that the compiler vectorizes them; NF > 0 fixes
/// the size at compile time (the common 8 x 8 case), NF = 0 takes it from n.
template <int NF>
void dct2(const float* in, std::ptrdiff_t stride, float* out, const float* c, const float* ct, int n)
{
    const int N = NF > 0 ? NF : n;
    float tmp[16 * 16];
    // tmp = C X
    for (int k = 0; k < N; ++k) {
        float* t = tmp + k * N;
        for (int j = 0; j < N; ++j)
            t[j] = 0.0F;
        for (int i = 0; i < N; ++i)
            multiplyAdd(t, c[k * N + i], in + i * stride, N);
    }
    // out = tmp C^T
    for (int k = 0; k < N; ++k) {
        float* o = out + k * N;
        for (int l = 0; l < N; ++l)
            o[l] = 0.0F;
        for (int j = 0; j < N; ++j)
            multiplyAdd(o, tmp[k * N + j], ct + j * N, N);
    }
}

/// Inverse of dct2: X = C^T T C, into a contiguous n x n block.
template <int NF>
void idct2(const float* in, float* out, const float* c, const float* ct, int n)
{
    const int N = NF > 0 ? NF : n;
    float tmp[16 * 16];
    for (int i = 0; i < N; ++i) {
        float* t = tmp + i * N;
        for (int l = 0; l < N; ++l)
            t[l] = 0.0F;
        for (int k = 0; k < N; ++k)
            multiplyAdd(t, ct[i * N + k], in + k * N, N);
    }
    for (int i = 0; i < N; ++i) {
        float* o = out + i * N;
        for (int j = 0; j < N; ++j)
            o[j] = 0.0F;
        for (int l = 0; l < N; ++l)
            multiplyAdd(o, tmp[i * N + l], c + l * N, N);
    }
}

class Bm3d {
public:
    Bm3d(const cv::Mat& noisy, double sigma, const Bm3dSettings& settings, const std::atomic<bool>* cancel)
        : mNoisy(noisy), mSigma(sigma), mSettings(settings), mCancel(cancel), mN(settings.blockSize)
    {
        mYs = gridPositions(noisy.rows, mN, std::max(1, settings.step));
        mXs = gridPositions(noisy.cols, mN, std::max(1, settings.step));
        // Orthonormal DCT-II matrix.
        mDct.resize(static_cast<std::size_t>(mN * mN));
        for (int k = 0; k < mN; ++k)
            for (int i = 0; i < mN; ++i) {
                const double alpha = k == 0 ? std::sqrt(1.0 / mN) : std::sqrt(2.0 / mN);
                mDct[static_cast<std::size_t>(k * mN + i)] =
                    static_cast<float>(alpha * std::cos(CV_PI * (2 * i + 1) * k / (2.0 * mN)));
            }
        mDctT.resize(mDct.size());
        for (int k = 0; k < mN; ++k)
            for (int i = 0; i < mN; ++i)
                mDctT[static_cast<std::size_t>(i * mN + k)] = mDct[static_cast<std::size_t>(k * mN + i)];
        std::vector<double> kaiser(static_cast<std::size_t>(mN));
        for (int i = 0; i < mN; ++i) {
            const double t = mN > 1 ? 2.0 * i / (mN - 1) - 1.0 : 0.0;
            kaiser[static_cast<std::size_t>(i)] =
                besselI0(settings.kaiserBeta * std::sqrt(std::max(0.0, 1.0 - t * t))) / besselI0(settings.kaiserBeta);
        }
        mWindow.resize(static_cast<std::size_t>(mN * mN));
        for (int i = 0; i < mN; ++i)
            for (int j = 0; j < mN; ++j)
                mWindow[static_cast<std::size_t>(i * mN + j)] =
                    static_cast<float>(kaiser[static_cast<std::size_t>(i)] * kaiser[static_cast<std::size_t>(j)]);
    }

    /// Pass 1 (basic estimate, hard thresholding) when `basic` is empty, else pass 2 (Wiener).
    cv::Mat run(const cv::Mat& matchImage, double maxDistance, int maxGroup, const cv::Mat& basic)
    {
        const int bands = std::min<int>(static_cast<int>(mYs.size()), 4 * std::max(1, cv::getNumThreads()));
        cv::Mat numerator = cv::Mat::zeros(mNoisy.size(), CV_32F);
        cv::Mat denominator = cv::Mat::zeros(mNoisy.size(), CV_32F);
        std::mutex merge;
        std::atomic<bool> stopped{false};
        cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
            for (int band = range.start; band < range.end; ++band) {
                const int first = static_cast<int>(mYs.size()) * band / bands;
                const int last = static_cast<int>(mYs.size()) * (band + 1) / bands;
                // The band's blocks lie within the search radius of its reference rows: its
                // aggregation buffers cover only those rows (memory stays ~ the frame's size).
                const int top = std::max(0, mYs[static_cast<std::size_t>(first)] - mSettings.searchRadius);
                const int bottom = std::min(mNoisy.rows, mYs[static_cast<std::size_t>(last - 1)] + mN +
                                                             std::max(0, mSettings.searchRadius));
                cv::Mat num = cv::Mat::zeros(bottom - top, mNoisy.cols, CV_32F);
                cv::Mat den = cv::Mat::zeros(bottom - top, mNoisy.cols, CV_32F);
                if (!processBand(first, last, matchImage, maxDistance, maxGroup, basic, top, num, den)) {
                    stopped = true;
                    return;
                }
                const std::lock_guard<std::mutex> lock(merge);
                numerator.rowRange(top, bottom) += num;
                denominator.rowRange(top, bottom) += den;
            }
        });
        if (stopped)
            throwIfCancelled(mCancel);
        cv::Mat estimate;
        cv::divide(numerator, cv::max(denominator, 1e-12), estimate);
        return estimate;
    }

private:
    // Block matching for references with row index in [first, last): for every reference the
    // best `maxGroup` candidates (the reference itself first) within maxDistance (a sum over the block).
    bool match(int first, int last, const cv::Mat& image, double maxDistance, int maxGroup,
               std::vector<std::vector<Match>>& groups) const
    {
        const int nx = static_cast<int>(mXs.size());
        const int rows = image.rows;
        const int cols = image.cols;
        const int radius = std::max(0, mSettings.searchRadius);
        groups.assign(static_cast<std::size_t>((last - first) * nx), {});
        for (int i = first; i < last; ++i)
            for (int j = 0; j < nx; ++j)
                groups[static_cast<std::size_t>((i - first) * nx + j)].push_back({0.0F, mYs[static_cast<std::size_t>(i)],
                                                                                  mXs[static_cast<std::size_t>(j)]});
        // While a group is not full any candidate within the limit enters it.
        std::vector<float> worstDistance(groups.size(), static_cast<float>(maxDistance));
        std::vector<std::size_t> worstIndex(groups.size(), 0);
        if (maxGroup <= 1)
            std::fill(worstDistance.begin(), worstDistance.end(), -1.0F);
        const int y0 = mYs[static_cast<std::size_t>(first)];
        const int y1 = mYs[static_cast<std::size_t>(last - 1)] + mN; // exclusive
        // Squared differences of the band's rows at one offset, then their sums over N rows at
        // each reference row; both loops run over contiguous memory and vectorize.
        std::vector<float> squares(static_cast<std::size_t>((y1 - y0) * cols));
        std::vector<float> columnSums(static_cast<std::size_t>(cols));
        for (int dy = -radius; dy <= radius; ++dy) {
            if (mCancel != nullptr && mCancel->load(std::memory_order_relaxed))
                return false;
            for (int dx = -radius; dx <= radius; ++dx) {
                if (dx == 0 && dy == 0)
                    continue;
                const int xa = std::max(0, -dx);
                const int xb = std::min(cols, cols - dx); // exclusive
                if (xb - xa < mN)
                    continue;
                const int ya = std::max(y0, -dy);
                const int yb = std::min(y1, rows - dy);
                for (int y = ya; y < yb; ++y)
                    squaredDifference(image.ptr<float>(y) + xa, image.ptr<float>(y + dy) + dx + xa,
                                      squares.data() + static_cast<std::ptrdiff_t>(y - y0) * cols + xa, xb - xa);
                for (int i = first; i < last; ++i) {
                    const int ry = mYs[static_cast<std::size_t>(i)];
                    if (ry + dy < 0 || ry + dy + mN > rows)
                        continue;
                    float* sums = columnSums.data();
                    const float* firstRow = squares.data() + static_cast<std::ptrdiff_t>(ry - y0) * cols;
                    std::copy(firstRow + xa, firstRow + xb, sums + xa);
                    for (int k = 1; k < mN; ++k)
                        addTo(sums + xa, firstRow + static_cast<std::ptrdiff_t>(k) * cols + xa, xb - xa);
                    for (int j = 0; j < nx; ++j) {
                        const int rx = mXs[static_cast<std::size_t>(j)];
                        if (rx + dx < 0 || rx + dx + mN > cols)
                            continue;
                        float distance = 0.0F;
                        for (int k = 0; k < mN; ++k)
                            distance += sums[rx + k];
                        const auto g = static_cast<std::size_t>((i - first) * nx + j);
                        if (distance >= worstDistance[g])
                            continue;
                        auto& group = groups[g];
                        if (static_cast<int>(group.size()) < maxGroup) {
                            group.push_back({distance, ry + dy, rx + dx});
                            if (static_cast<int>(group.size()) < maxGroup)
                                continue;
                        } else {
                            group[worstIndex[g]] = {distance, ry + dy, rx + dx};
                        }
                        // Full: remember the worst member (never the reference at index 0) so
                        // that most candidates are rejected by one comparison.
                        std::size_t worst = 1;
                        for (std::size_t m = 2; m < group.size(); ++m)
                            if (group[m].distance > group[worst].distance)
                                worst = m;
                        worstIndex[g] = worst;
                        worstDistance[g] = group.size() > 1 ? group[worst].distance : -1.0F;
                    }
                }
            }
        }
        return true;
    }

    void forwardDct(const cv::Mat& image, int y, int x, float* out) const
    {
        const float* in = image.ptr<float>(y) + x;
        const auto stride = static_cast<std::ptrdiff_t>(image.step1());
        if (mN == 8)
            dct2<8>(in, stride, out, mDct.data(), mDctT.data(), 8);
        else
            dct2<0>(in, stride, out, mDct.data(), mDctT.data(), mN);
    }

    void inverseDct(const float* in, float* out) const
    {
        if (mN == 8)
            idct2<8>(in, out, mDct.data(), mDctT.data(), 8);
        else
            idct2<0>(in, out, mDct.data(), mDctT.data(), mN);
    }

    bool processBand(int first, int last, const cv::Mat& matchImage, double maxDistance, int maxGroup,
                     const cv::Mat& basic, int top, cv::Mat& num, cv::Mat& den) const
    {
        if (mCancel != nullptr && mCancel->load(std::memory_order_relaxed))
            return false;
        std::vector<std::vector<Match>> groups;
        if (!match(first, last, matchImage, maxDistance, maxGroup, groups))
            return false;
        const bool wiener = !basic.empty();
        const int area = mN * mN;
        const double sigma2 = mSigma * mSigma;
        const auto threshold = static_cast<float>(mSettings.thresholdHard * mSigma);
        std::vector<float> noisy(static_cast<std::size_t>(maxGroup * area));
        std::vector<float> pilot(static_cast<std::size_t>(maxGroup * area));
        float block[16 * 16];
        const int nx = static_cast<int>(mXs.size());
        for (int i = first; i < last; ++i) {
            if (mCancel != nullptr && mCancel->load(std::memory_order_relaxed))
                return false;
            for (int j = 0; j < nx; ++j) {
                auto& group = groups[static_cast<std::size_t>((i - first) * nx + j)];
                std::sort(group.begin() + 1, group.end(),
                          [](const Match& a, const Match& b) { return a.distance < b.distance; });
                const int count = floorPowerOfTwo(static_cast<int>(group.size()));
                for (int m = 0; m < count; ++m) {
                    const auto& g = group[static_cast<std::size_t>(m)];
                    forwardDct(mNoisy, g.y, g.x, &noisy[static_cast<std::size_t>(m * area)]);
                    if (wiener)
                        forwardDct(basic, g.y, g.x, &pilot[static_cast<std::size_t>(m * area)]);
                }
                double weight = 0.0;
                const int total = count * area;
                hadamard(noisy.data(), count, area);
                if (!wiener) {
                    int kept = 0;
                    for (int c = 0; c < total; ++c) {
                        const bool keep = std::abs(noisy[static_cast<std::size_t>(c)]) >= threshold;
                        noisy[static_cast<std::size_t>(c)] = keep ? noisy[static_cast<std::size_t>(c)] : 0.0F;
                        kept += keep ? 1 : 0;
                    }
                    weight = 1.0 / (sigma2 * std::max(1, kept));
                } else {
                    hadamard(pilot.data(), count, area);
                    const auto s2 = static_cast<float>(sigma2);
                    float energy = 0.0F;
                    for (int c = 0; c < total; ++c) {
                        const float p = pilot[static_cast<std::size_t>(c)];
                        const float w = p * p / (p * p + s2);
                        noisy[static_cast<std::size_t>(c)] *= w;
                        energy += w * w;
                    }
                    weight = 1.0 / (sigma2 * std::max(static_cast<double>(energy), 1e-6));
                }
                hadamard(noisy.data(), count, area);
                for (int m = 0; m < count; ++m) {
                    const auto& g = group[static_cast<std::size_t>(m)];
                    inverseDct(&noisy[static_cast<std::size_t>(m * area)], block);
                    for (int by = 0; by < mN; ++by) {
                        float* n = num.ptr<float>(g.y - top + by) + g.x;
                        float* d = den.ptr<float>(g.y - top + by) + g.x;
                        for (int bx = 0; bx < mN; ++bx) {
                            const auto w = static_cast<float>(weight * mWindow[static_cast<std::size_t>(by * mN + bx)]);
                            n[bx] += w * block[by * mN + bx];
                            d[bx] += w;
                        }
                    }
                }
            }
        }
        return true;
    }

    const cv::Mat& mNoisy;
    double mSigma;
    Bm3dSettings mSettings;
    const std::atomic<bool>* mCancel;
    int mN;
    std::vector<int> mYs;
    std::vector<int> mXs;
    std::vector<float> mDct;  // C[k][i], row k = basis function k
    std::vector<float> mDctT; // its transpose
    std::vector<float> mWindow;
};

} // namespace

cv::Mat bm3dGaussian(const cv::Mat& image, double sigma, const Bm3dSettings& settings, const std::atomic<bool>* cancel)
{
    detail::requireCounts(image, "bm3dGaussian");
    if (settings.blockSize < 2 || settings.blockSize > 16)
        throw std::invalid_argument("bm3dGaussian: blockSize must be within 2..16");
    if (settings.maxGroupHard < 1 || settings.maxGroupWiener < 1)
        throw std::invalid_argument("bm3dGaussian: group sizes must be positive");
    if (sigma <= 0 || image.rows < settings.blockSize || image.cols < settings.blockSize)
        return image.clone(); // nothing to remove, or too small for one block
    throwIfCancelled(cancel);
    const double area = double(settings.blockSize) * settings.blockSize;
    Bm3d bm3d(image, sigma, settings, cancel);

    // Pass 1: matching on the prefiltered frame; noise alone gives two equal blocks a mean
    // squared difference of 2 sigma^2 times the prefilter's variance gain (sum of its squared taps).
    cv::Mat matchImage = image;
    double varianceGain = 1.0;
    if (settings.matchPrefilter_px > 0) {
        cv::GaussianBlur(image, matchImage, cv::Size(), settings.matchPrefilter_px, settings.matchPrefilter_px,
                         cv::BORDER_REFLECT);
        const cv::Mat taps = cv::getGaussianKernel(2 * static_cast<int>(std::ceil(3 * settings.matchPrefilter_px)) + 1,
                                                   settings.matchPrefilter_px, CV_64F);
        const double gain1d = taps.dot(taps);
        varianceGain = gain1d * gain1d;
    }
    const double hardLimit = settings.matchHard * 2.0 * sigma * sigma * varianceGain * area;
    const cv::Mat basic = bm3d.run(matchImage, hardLimit, floorPowerOfTwo(settings.maxGroupHard), cv::Mat());
    throwIfCancelled(cancel);
    // Pass 2: grouping on the basic estimate, Wiener shrinkage of the noisy groups.
    const double wienerLimit = settings.matchWiener * sigma * sigma * area;
    return bm3d.run(basic, wienerLimit, floorPowerOfTwo(settings.maxGroupWiener), basic);
}

cv::Mat bm3dDenoise(const cv::Mat& frame, const NoiseModel& noise, const Bm3dSettings& settings,
                    const std::atomic<bool>* cancel)
{
    detail::requireCounts(frame, "bm3dDenoise");
    const cv::Mat stabilized = anscombeForward(frame, noise);
    return anscombeInverse(bm3dGaussian(stabilized, 1.0, settings, cancel), noise);
}

} // namespace hrtem::restore
