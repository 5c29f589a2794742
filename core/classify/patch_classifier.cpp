#include "core/classify/patch_classifier.h"

#include "core/classify/clustering.h"
#include "core/locate/lattice_scale.h"
#include "core/util/settings_reader.h"

#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hrtem {

nlohmann::json toJson(const PatchSettings& s)
{
    return {{"patch_size", s.patchSize},         {"period_px", s.period_px},
            {"band_low", s.bandLow},             {"band_high", s.bandHigh},
            {"noise_band_low", s.noiseBandLow},  {"min_spot_contrast", s.minSpotContrast},
            {"clean_up", s.cleanUp}};
}


PatchSettings patchSettingsFromJson(const nlohmann::json& j)
{
    PatchSettings s;
    SettingsReader in(j);
    in.read("patch_size", s.patchSize).read("period_px", s.period_px).read("band_low", s.bandLow);
    in.read("band_high", s.bandHigh).read("noise_band_low", s.noiseBandLow);
    in.read("min_spot_contrast", s.minSpotContrast).read("clean_up", s.cleanUp);
    in.finish();
    return s;
}

int PatchMap::foregroundCount() const
{
    return static_cast<int>(std::count(foreground.begin(), foreground.end(), std::uint8_t(1)));
}

cv::Mat PatchMap::foregroundMask(cv::Size frameSize) const
{
    cv::Mat mask = cv::Mat::zeros(frameSize, CV_8U);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (foreground[std::size_t(index(r, c))]) {
                const cv::Rect patch(c * patchSize, r * patchSize, patchSize, patchSize);
                mask(patch & cv::Rect(0, 0, frameSize.width, frameSize.height)).setTo(255);
            }
    return mask;
}

std::vector<const char*> voterNames() { return {"grey_levels", "mean_std", "lattice_energy", "texture"}; }

namespace {

/// A background whose averaged spectrum shows the lattice's peak within this of the crystal's
/// (a quarter of its power) means the whole frame is crystal.
constexpr double kAllCrystal_dB = 6.0;

enum Voter { kGreyLevels = 0, kMeanStd = 1, kLatticeEnergy = 2, kTexture = 3, kVoterCount = 4 };

/// Where the bins of a patch spectrum fall: the lattice band, the shot-noise band, or neither.
struct SpectrumLayout {
    std::vector<int> band;  ///< indices into the patch's power spectrum (row-major, DFT layout)
    std::vector<int> noise;
};

SpectrumLayout spectrumLayout(int n, double period, const PatchSettings& s)
{
    SpectrumLayout layout;
    const double f0 = 1.0 / period;
    for (int v = 0; v < n; ++v)
        for (int u = 0; u < n; ++u) {
            const double fu = (u <= n / 2 ? u : u - n) / double(n);
            const double fv = (v <= n / 2 ? v : v - n) / double(n);
            const double f = std::hypot(fu, fv);
            if (f >= s.bandLow * f0 && f <= s.bandHigh * f0)
                layout.band.push_back(v * n + u);
            else if (f > s.noiseBandLow)
                layout.noise.push_back(v * n + u);
        }
    return layout;
}

struct PatchFeatures {
    double mean = 0, sd = 0, p10 = 0, p50 = 0, p90 = 0;
    double bandRatio = 0;    ///< mean band power over the noise floor
    double structure = 0;    ///< standard deviation left after smoothing away the shot noise
};

/// The 10th, 50th and 90th percentiles from a fine histogram (256 bins between the patch's
/// extremes, linear inside a bin): exact selection is slow on the many tied values of counts.
std::array<double, 3> deciles(const cv::Mat& patch)
{
    double lo = 0, hi = 0;
    cv::minMaxLoc(patch, &lo, &hi);
    if (!(hi > lo))
        return {lo, lo, lo};
    constexpr int kBins = 256;
    std::array<int, kBins> histogram{};
    const double scale = kBins / (hi - lo);
    for (int y = 0; y < patch.rows; ++y) {
        const float* row = patch.ptr<float>(y);
        for (int x = 0; x < patch.cols; ++x)
            ++histogram[std::size_t(std::min(kBins - 1, static_cast<int>((row[x] - lo) * scale)))];
    }
    const double total = double(patch.total());
    std::array<double, 3> result{};
    const double q[3] = {0.1, 0.5, 0.9};
    int bin = 0;
    double below = 0;
    for (int k = 0; k < 3; ++k) {
        const double target = q[k] * total;
        while (bin < kBins - 1 && below + histogram[std::size_t(bin)] < target)
            below += histogram[std::size_t(bin++)];
        const double inside = histogram[std::size_t(bin)] > 0 ? (target - below) / histogram[std::size_t(bin)] : 0.0;
        result[std::size_t(k)] = lo + (bin + std::clamp(inside, 0.0, 1.0)) / scale;
    }
    return result;
}

/// Mean of the power at the given bins.
double meanAt(const float* power, const std::vector<int>& bins)
{
    double sum = 0;
    for (int i : bins)
        sum += power[i];
    return bins.empty() ? 0.0 : sum / double(bins.size());
}

double maxAt(const float* power, const std::vector<int>& bins)
{
    double best = 0;
    for (int i : bins)
        best = std::max(best, double(power[i]));
    return best;
}

double medianAt(const float* power, const std::vector<int>& bins)
{
    std::vector<double> v;
    v.reserve(bins.size());
    for (int i : bins)
        v.push_back(power[i]);
    if (v.empty())
        return 0.0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

double decibels(double ratio) { return 10.0 * std::log10(std::max(ratio, 1e-12)); }


void checkPatchInput(const cv::Mat& input, const PatchSettings& settings)
{
    const int n = settings.patchSize;
    if (n < 8)
        throw std::invalid_argument("classifyPatches: patch size must be at least 8 px, got " + std::to_string(n));
    if (input.empty() || input.channels() != 1 || input.cols < n || input.rows < n)
        throw std::invalid_argument("classifyPatches: need a single-channel frame of at least one " + std::to_string(n) +
                                    " px patch");
    if (settings.period_px < 0 || settings.period_px > 0.5 * n || (settings.period_px > 0 && settings.period_px < 2.0))
        throw std::invalid_argument("classifyPatches: lattice period " + std::to_string(settings.period_px) +
                                    " px does not fit twice in a " + std::to_string(n) + " px patch");
    if (!(settings.bandLow > 0 && settings.bandHigh > settings.bandLow && settings.noiseBandLow > 0 &&
          settings.noiseBandLow < 0.7))
        throw std::invalid_argument("classifyPatches: invalid lattice or noise band");
}

/// Every patch's features and power spectrum (mean removed, Hann window against edge
/// leakage), n² bins per patch; sets map.quality on the way.
struct PatchMeasurements {
    std::vector<PatchFeatures> features;
    std::vector<float> spectra;
    std::size_t bins = 0;

    const float* spectrum(int patch) const { return spectra.data() + std::size_t(patch) * bins; }
};

PatchMeasurements measurePatches(const cv::Mat& frame, PatchMap& map, double period, const SpectrumLayout& layout)
{
    const int n = map.patchSize;
    const int count = map.rows * map.cols;
    PatchMeasurements m;
    cv::Mat window;
    cv::createHanningWindow(window, cv::Size(n, n), CV_32F);
    m.bins = std::size_t(n) * std::size_t(n);
    m.spectra.resize(std::size_t(count) * m.bins);
    // Smoothing at an eighth of a period keeps the column contrast and removes most shot noise:
    // the standard deviation left is structure (texture voter), not counting statistics.
    cv::Mat smooth;
    const double sigma = period > 0 ? std::max(0.8, period / 8.0) : 1.0;
    cv::GaussianBlur(frame, smooth, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT);

    m.features.resize(static_cast<std::size_t>(count));
    cv::Mat windowed(n, n, CV_32F), spectrum;
    for (int r = 0; r < map.rows; ++r)
        for (int c = 0; c < map.cols; ++c) {
            const int i = map.index(r, c);
            const cv::Rect rect(c * n, r * n, n, n);
            const cv::Mat patch = frame(rect);
            PatchFeatures& f = m.features[std::size_t(i)];
            cv::Scalar mean, sd;
            cv::meanStdDev(patch, mean, sd);
            f.mean = mean[0];
            f.sd = sd[0];
            const std::array<double, 3> d = deciles(patch);
            f.p10 = d[0];
            f.p50 = d[1];
            f.p90 = d[2];

            cv::multiply(patch - mean[0], window, windowed);
            cv::dft(windowed, spectrum, cv::DFT_COMPLEX_OUTPUT);
            float* stored = m.spectra.data() + std::size_t(i) * m.bins;
            const auto* z = spectrum.ptr<cv::Vec2f>();
            for (std::size_t k = 0; k < m.bins; ++k)
                stored[k] = z[k][0] * z[k][0] + z[k][1] * z[k][1];
            const double noise = std::max(1e-12, meanAt(stored, layout.noise));
            f.bandRatio = meanAt(stored, layout.band) / noise;
            map.quality[std::size_t(i)] = decibels(maxAt(stored, layout.band) / noise);

            cv::Scalar smoothMean, smoothSd;
            cv::meanStdDev(smooth(rect), smoothMean, smoothSd);
            f.structure = smoothSd[0];
        }
    return m;
}

/// The mean power spectrum of the crystal (`foreground`) or the other patches; `used` is how
/// many patches it averages.
std::vector<float> meanSpectrum(const PatchMeasurements& m, const PatchMap& map, bool foreground, int& used)
{
    const int count = map.rows * map.cols;
    std::vector<float> sum(m.bins, 0.0F);
    used = 0;
    for (int i = 0; i < count; ++i)
        if (bool(map.foreground[std::size_t(i)]) == foreground) {
            const float* s = m.spectrum(i);
            for (std::size_t k = 0; k < m.bins; ++k)
                sum[k] += s[k];
            ++used;
        }
    for (float& v : sum)
        v /= float(std::max(1, used));
    return sum;
}

/// Each clustering splits the patches in two; the cluster with the stronger lattice band is
/// the crystal, so every voter speaks in the same terms. Sets votes, vote bits and the majority
/// (a tie goes to the mean/std clustering: thick crystal shows weak fringes, but it is always
/// darker and more contrasted than support and vacuum).
void voteCrystal(PatchMap& map, const std::vector<PatchFeatures>& features)
{
    const int count = map.rows * map.cols;
    auto crystalLabels = [&](const std::vector<int>& split) {
        double sum[2] = {0, 0};
        int k[2] = {0, 0};
        for (int i = 0; i < count; ++i) {
            sum[split[std::size_t(i)]] += features[std::size_t(i)].bandRatio;
            ++k[split[std::size_t(i)]];
        }
        const int crystal = (k[1] > 0 ? sum[1] / k[1] : -1.0) > (k[0] > 0 ? sum[0] / k[0] : -1.0) ? 1 : 0;
        std::vector<int> labels(split.size());
        for (std::size_t i = 0; i < split.size(); ++i)
            labels[i] = split[i] == crystal ? 1 : 0;
        return labels;
    };
    std::vector<std::vector<double>> grey, meanStd;
    std::vector<double> energy, texture;
    for (const PatchFeatures& f : features) {
        grey.push_back({f.p50, f.p90 - f.p50, f.p50 - f.p10});
        meanStd.push_back({f.mean, f.sd});
        energy.push_back(f.bandRatio);
        texture.push_back(f.structure);
    }
    auto otsuLabels = [&](const std::vector<double>& values) {
        const OtsuSplit split = otsuSplit(values);
        std::vector<int> labels(values.size());
        for (std::size_t i = 0; i < values.size(); ++i)
            labels[i] = values[i] > split.threshold ? 1 : 0;
        return labels;
    };
    std::array<std::vector<int>, kVoterCount> votes;
    votes[kGreyLevels] = crystalLabels(twoMeans(grey));
    votes[kMeanStd] = crystalLabels(twoMeans(meanStd));
    votes[kLatticeEnergy] = crystalLabels(otsuLabels(energy));
    votes[kTexture] = crystalLabels(otsuLabels(texture));
    map.voters = kVoterCount;
    for (int i = 0; i < count; ++i) {
        int yes = 0;
        std::uint8_t bits = 0;
        for (int v = 0; v < kVoterCount; ++v)
            if (votes[std::size_t(v)][std::size_t(i)]) {
                ++yes;
                bits = std::uint8_t(bits | (1U << v));
            }
        map.votes[std::size_t(i)] = yes;
        map.voteBits[std::size_t(i)] = bits;
        const bool crystal = 2 * yes > kVoterCount || (2 * yes == kVoterCount && votes[kMeanStd][std::size_t(i)]);
        map.foreground[std::size_t(i)] = crystal ? 1 : 0;
    }
}

} // namespace

/// A particle's projection is compact and has no holes. Weak-contrast crystal (the thick middle
/// of a particle) can leave background inside it: a single background patch between two crystal
/// patches (left and right, or above and below) is bridged, then background regions (4-connected)
/// that do not reach the frame's edge are filled.
void fillEnclosedBackground(PatchMap& map)
{
    const std::vector<std::uint8_t> voted = map.foreground;
    auto fg = [&](int r, int c) { return voted[std::size_t(map.index(r, c))] != 0; };
    for (int r = 0; r < map.rows; ++r)
        for (int c = 0; c < map.cols; ++c)
            if (!fg(r, c) && ((c > 0 && c + 1 < map.cols && fg(r, c - 1) && fg(r, c + 1)) ||
                              (r > 0 && r + 1 < map.rows && fg(r - 1, c) && fg(r + 1, c))))
                map.foreground[std::size_t(map.index(r, c))] = 1;
    std::vector<std::uint8_t> outside(map.foreground.size(), 0);
    std::vector<int> stack;
    for (int r = 0; r < map.rows; ++r)
        for (int c = 0; c < map.cols; ++c)
            if ((r == 0 || c == 0 || r == map.rows - 1 || c == map.cols - 1) && !map.foreground[std::size_t(map.index(r, c))]) {
                outside[std::size_t(map.index(r, c))] = 1;
                stack.push_back(map.index(r, c));
            }
    while (!stack.empty()) {
        const int i = stack.back();
        stack.pop_back();
        const int r = i / map.cols, c = i % map.cols;
        const int next[4][2] = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
        for (const auto& rc : next) {
            if (rc[0] < 0 || rc[1] < 0 || rc[0] >= map.rows || rc[1] >= map.cols)
                continue;
            const std::size_t j = std::size_t(map.index(rc[0], rc[1]));
            if (!outside[j] && !map.foreground[j]) {
                outside[j] = 1;
                stack.push_back(int(j));
            }
        }
    }
    for (std::size_t i = 0; i < outside.size(); ++i)
        if (!outside[i])
            map.foreground[i] = 1;
}

PatchMap classifyPatches(const cv::Mat& input, const PatchSettings& settings)
{
    checkPatchInput(input, settings);
    const int n = settings.patchSize;
    cv::Mat frame;
    input.convertTo(frame, CV_32F);

    PatchMap map;
    map.patchSize = n;
    map.rows = frame.rows / n;
    map.cols = frame.cols / n;
    const int count = map.rows * map.cols;
    map.foreground.assign(std::size_t(count), 0);
    map.votes.assign(std::size_t(count), 0);
    map.voteBits.assign(std::size_t(count), 0);
    map.quality.assign(std::size_t(count), 0.0);

    double period = settings.period_px;
    if (period == 0) {
        const LatticePeriod estimate = estimateLatticePeriod(frame);
        // A frame without a usable lattice (or one too coarse for the patches) has no crystal to find.
        if (estimate.period_px >= 2.0 && estimate.period_px <= 0.5 * n)
            period = estimate.period_px;
    }
    const SpectrumLayout layout = spectrumLayout(n, period > 0 ? period : 0.25 * n, settings);
    const PatchMeasurements measured = measurePatches(frame, map, period, layout);
    map.period_px = period;

    auto spotContrast = [&](const std::vector<float>& s) {
        return maxAt(s.data(), layout.band) / std::max(1e-12, medianAt(s.data(), layout.band));
    };
    auto frameQualityOf = [&](const std::vector<float>& s) {
        return decibels(maxAt(s.data(), layout.band) / std::max(1e-12, meanAt(s.data(), layout.noise)));
    };
    if (period > 0 && count >= 2) {
        voteCrystal(map, measured.features);
        if (settings.cleanUp)
            fillEnclosedBackground(map);
        // The voters always split in two; whether the upper class really is a lattice is decided on
        // the averaged spectra: a crystal's spots stand out of their ring, amorphous rings are flat.
        int fgUsed = 0, bgUsed = 0;
        map.foregroundSpotContrast = spotContrast(meanSpectrum(measured, map, true, fgUsed));
        map.backgroundSpotContrast = spotContrast(meanSpectrum(measured, map, false, bgUsed));
        if (fgUsed == 0 || map.foregroundSpotContrast < 1.0 + settings.minSpotContrast / std::sqrt(double(fgUsed))) {
            std::fill(map.foreground.begin(), map.foreground.end(), std::uint8_t(0));
        } else if (bgUsed > 0 && frameQualityOf(meanSpectrum(measured, map, false, bgUsed)) >=
                                     frameQualityOf(meanSpectrum(measured, map, true, fgUsed)) - kAllCrystal_dB) {
            // The "background" holds nearly as much lattice power as the crystal: the frame is all
            // crystal and the voters split strong from weak fringes. Support and vacuum dilute the
            // lattice power of a real background's few partly crystalline patches far more.
            std::fill(map.foreground.begin(), map.foreground.end(), std::uint8_t(1));
        }
    }
    int used = 0;
    std::vector<float> crystalSpectrum = meanSpectrum(measured, map, true, used);
    if (used == 0)
        crystalSpectrum = meanSpectrum(measured, map, false, used);
    map.frameQuality = frameQualityOf(crystalSpectrum);
    return map;
}

std::vector<bool> splitHighQuality(const std::vector<double>& frameScores, double minGap_dB)
{
    std::vector<bool> high(frameScores.size(), false);
    const OtsuSplit split = otsuSplit(frameScores);
    const bool twoLevels = split.separation > 0 && split.upperMean - split.lowerMean >= minGap_dB;
    for (std::size_t i = 0; i < frameScores.size(); ++i)
        high[i] = twoLevels ? frameScores[i] > split.threshold : isHighQuality(frameScores[i]);
    return high;
}

bool isHighQuality(double frameScore) { return frameScore >= kHighQualityDb; }

} // namespace hrtem
