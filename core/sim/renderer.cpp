#include "core/sim/renderer.h"
#include "core/util/math_constants.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

namespace hrtem::sim {

namespace {
constexpr double kCarbonAtomsPerNm3 = 100.0; // amorphous carbon, ~2.0 g/cm³

/// Spatial frequency (cycles per pixel) of DFT index i of n.
double dftFrequency(int i, int n) { return (i <= n / 2 ? i : i - n) / static_cast<double>(n); }
} // namespace

Renderer::Renderer(const SimulationSettings& s, const Specimen& specimen)
    : mSettings(s), mSpecimen(specimen), mOptics(s.microscope), mWidth(s.width), mHeight(s.height),
      mPixel(s.pixel_nm), mSigma(interactionParameter(s.microscope.kilovolts)),
      mGold(gold(), s.specimen.debyeWallerAu_A2, s.pixel_nm), mCarbon(carbon(), s.specimen.debyeWallerC_A2, s.pixel_nm)
{
    mSliceThickness = specimen.lattice().columnSpacing();
    const auto [lo, hi] = specimen.depthRange();
    // Adatom columns are centred on the mid-plane; keep room for them.
    const double adatomHalf = 0.5 * (s.specimen.adatomOccupancy + 1) * mSliceThickness;
    mDepthLo = std::min(lo, -adatomHalf);
    mSliceCount = std::max(1, static_cast<int>(std::ceil((std::max(hi, adatomHalf) - mDepthLo) / mSliceThickness)));
    mCentrePx = {s.specimen.centreX * mWidth, s.specimen.centreY * mHeight};

    const std::size_t n = static_cast<std::size_t>(mWidth) * mHeight;
    mPropagator.resize(n);
    mTransfer.resize(n);
    mMtf.resize(n);
    const double lambda = mOptics.wavelength_nm();
    // Band limit at 2/3 of Nyquist against aliasing in the products of the multislice.
    const double kLimit = (2.0 / 3.0) * 0.5 / mPixel;
    for (int y = 0; y < mHeight; ++y)
        for (int x = 0; x < mWidth; ++x) {
            const double fx = dftFrequency(x, mWidth), fy = dftFrequency(y, mHeight);
            const double kx = fx / mPixel, ky = fy / mPixel;
            const double k = std::hypot(kx, ky);
            const std::size_t i = static_cast<std::size_t>(y) * mWidth + x;
            mPropagator[i] = k < kLimit ? std::polar(1.0f, static_cast<float>(-kPi * lambda * mSliceThickness * k * k))
                                        : std::complex<float>(0.0f, 0.0f);
            mTransfer[i] = std::complex<float>(mOptics.waveTransfer(k));
            mMtf[i] = static_cast<float>(detectorMtf(fx, fy, s.microscope.mtfBlur_px));
        }
    buildCarbon(s.seed);
}

void Renderer::buildCarbon(std::uint64_t seed)
{
    const SpecimenSettings& sp = mSettings.specimen;
    // The map covers every position the frame can see over the whole movie.
    const double drift = mSettings.frames * (std::abs(mSettings.dynamics.driftX_px) + std::abs(mSettings.dynamics.driftY_px)
                                             + 4.0 * mSettings.dynamics.driftJitter_px);
    const int half = static_cast<int>(std::hypot(mWidth, mHeight) / 2.0 + drift + 24.0);
    mCarbonMap = cv::Mat::zeros(2 * half, 2 * half, CV_32F);
    mCarbonMapCentre = {double(half), double(half)};
    // The map is centred on what the frame sees, wherever the particle is.
    mFrameCentreSpecimenPx = Vec2{mWidth / 2.0, mHeight / 2.0} - mCentrePx;
    if (!sp.support)
        return;
    std::mt19937_64 rng(seed * 0xD1B54A32D192ED03ULL + 5);
    std::uniform_real_distribution<double> u(-half * mPixel, half * mPixel);
    const Vec2 mapCentreNm = mPixel * mFrameCentreSpecimenPx;
    const double area = (2.0 * half * mPixel) * (2.0 * half * mPixel);
    const auto atoms = static_cast<long>(area * sp.supportThickness_nm * kCarbonAtomsPerNm3);
    const Vec2 n = mSpecimen.baseNormal();
    const Vec2 t{-n.y, n.x};
    const double phase1 = std::uniform_real_distribution<double>(0, 2 * kPi)(rng);
    const double phase2 = std::uniform_real_distribution<double>(0, 2 * kPi)(rng);
    for (long k = 0; k < atoms; ++k) {
        const Vec2 specimenPos = mapCentreNm + Vec2{u(rng), u(rng)};
        const Vec2 crystal = rotate(specimenPos, -mSpecimen.orientation());
        const double along = dot(t, crystal);
        // The film surface: the particle's base plane, gently rough.
        const double surface = mSpecimen.baseOffset() + 0.05
            + sp.supportRoughness_nm * (0.6 * std::sin(along * 2 * kPi / 1.7 + phase1) + 0.4 * std::sin(along * 2 * kPi / 0.9 + phase2));
        if (dot(n, crystal) < surface)
            continue;
        const Vec2 index = (1.0 / mPixel) * specimenPos - mFrameCentreSpecimenPx + mCarbonMapCentre;
        addAtom(mCarbonMap, mCarbon, index.x, index.y);
    }
}

Vec2 Renderer::toImage(const FrameState& state, Vec2 crystal, Vec2 vibration) const
{
    const Vec2 specimen = rotate(crystal, mSpecimen.orientation()) + vibration;
    return mCentrePx + (1.0 / mPixel) * rotate(specimen, state.rotation) + state.drift_px;
}

Vec2 Renderer::toCrystal(const FrameState& state, Vec2 imagePx) const
{
    const Vec2 specimen = mPixel * rotate(imagePx - mCentrePx - state.drift_px, -state.rotation);
    return rotate(specimen, -mSpecimen.orientation());
}

void Renderer::addAtom(cv::Mat& potential, const ProjectedPotential& atom, double xPx, double yPx) const
{
    const double reach = atom.cutoff_nm() / mPixel;
    const int x0 = std::max(0, static_cast<int>(std::ceil(xPx - reach)));
    const int x1 = std::min(potential.cols - 1, static_cast<int>(std::floor(xPx + reach)));
    const int y0 = std::max(0, static_cast<int>(std::ceil(yPx - reach)));
    const int y1 = std::min(potential.rows - 1, static_cast<int>(std::floor(yPx + reach)));
    const double p2 = mPixel * mPixel;
    for (int y = y0; y <= y1; ++y) {
        float* row = potential.ptr<float>(y);
        const double dy2 = (y - yPx) * (y - yPx) * p2;
        for (int x = x0; x <= x1; ++x)
            row[x] += static_cast<float>(atom.at(dy2 + (x - xPx) * (x - xPx) * p2));
    }
}

void Renderer::transmit(cv::Mat& wave, const cv::Mat& potential) const
{
    const auto sigma = static_cast<float>(mSigma);
    for (int y = 0; y < wave.rows; ++y) {
        auto* w = wave.ptr<std::complex<float>>(y);
        const float* v = potential.ptr<float>(y);
        for (int x = 0; x < wave.cols; ++x)
            if (v[x] != 0.0f)
                w[x] *= std::polar(1.0f, sigma * v[x]);
    }
}

void Renderer::multiply(cv::Mat& spectrum, const std::vector<std::complex<float>>& factor) const
{
    auto* s = spectrum.ptr<std::complex<float>>(0);
    const std::size_t n = factor.size();
    for (std::size_t i = 0; i < n; ++i)
        s[i] *= factor[i];
}

cv::Mat Renderer::intensity(const FrameState& state) const
{
    // Atoms per slice: column atoms sit a/√2 apart along the beam, so each slice of that
    // thickness holds at most one atom of each column.
    std::vector<std::vector<Vec2>> slices(static_cast<std::size_t>(mSliceCount));
    for (const ColumnState& c : state.columns) {
        const Vec2 at = toImage(state, c.crystal, c.vibration);
        for (int m = 0; m < c.occupancy; ++m) {
            const double depth = c.depthFirst + m * mSliceThickness;
            const int s = std::clamp(static_cast<int>(std::floor((depth - mDepthLo) / mSliceThickness + 1e-6)), 0, mSliceCount - 1);
            slices[static_cast<std::size_t>(s)].push_back(at);
        }
    }
    cv::Mat wave(mHeight, mWidth, CV_32FC2, cv::Scalar(1.0f, 0.0f));
    cv::Mat potential(mHeight, mWidth, CV_32F);
    for (const std::vector<Vec2>& atoms : slices) {
        if (!atoms.empty()) {
            potential.setTo(0.0f);
            for (const Vec2& a : atoms)
                addAtom(potential, mGold, a.x, a.y);
            transmit(wave, potential);
        }
        cv::dft(wave, wave);
        multiply(wave, mPropagator);
        cv::idft(wave, wave, cv::DFT_SCALE);
    }
    // The carbon film, drifting and rotating with the particle.
    cv::Mat film;
    const double c = std::cos(-state.rotation), s = std::sin(-state.rotation);
    // map index = R(-rotation)(image - centre - drift) - frameCentre + mapCentre
    const Vec2 shift = mCentrePx + state.drift_px;
    const Vec2 offset = mCarbonMapCentre - mFrameCentreSpecimenPx;
    cv::Mat map = (cv::Mat_<double>(2, 3) << c, -s, offset.x - (c * shift.x - s * shift.y), s, c,
                   offset.y - (s * shift.x + c * shift.y));
    cv::warpAffine(mCarbonMap, film, map, cv::Size(mWidth, mHeight), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_CONSTANT, cv::Scalar(0));
    transmit(wave, film);
    // Objective lens, then intensity.
    cv::dft(wave, wave);
    multiply(wave, mTransfer);
    cv::idft(wave, wave, cv::DFT_SCALE);
    cv::Mat image(mHeight, mWidth, CV_32FC2);
    for (int y = 0; y < mHeight; ++y) {
        const auto* w = wave.ptr<std::complex<float>>(y);
        auto* out = image.ptr<std::complex<float>>(y);
        for (int x = 0; x < mWidth; ++x)
            out[x] = {std::norm(w[x]), 0.0f};
    }
    // Detector MTF acts on the signal before counting (a counting detector's noise is white).
    cv::dft(image, image);
    multiply(image, mMtf);
    cv::idft(image, image, cv::DFT_SCALE);
    cv::Mat real;
    cv::extractChannel(image, real, 0);
    return real;
}

cv::Mat Renderer::expectedCounts(const cv::Mat& intensity) const
{
    cv::Mat out;
    intensity.convertTo(out, CV_32F, mSettings.countsPerPixel());
    if (mSettings.detector.motionBlur_px > 0.0)
        cv::GaussianBlur(out, out, cv::Size(0, 0), mSettings.detector.motionBlur_px, 0.0, cv::BORDER_REFLECT);
    return cv::max(out, 0.0);
}

cv::Mat Renderer::detect(const cv::Mat& expected, std::uint64_t seed) const
{
    if (!mSettings.detector.noise)
        return expected.clone();
    std::mt19937_64 rng(seed);
    const double gain = mSettings.detector.gain;
    const double read = mSettings.detector.readNoise;
    std::normal_distribution<double> readNoise(0.0, read > 0 ? read : 1.0);
    cv::Mat out(expected.size(), CV_32F);
    for (int y = 0; y < expected.rows; ++y) {
        const float* e = expected.ptr<float>(y);
        float* o = out.ptr<float>(y);
        for (int x = 0; x < expected.cols; ++x) {
            const double electrons = e[x] / gain;
            double v = electrons > 0 ? gain * std::poisson_distribution<long>(electrons)(rng) : 0.0;
            if (read > 0)
                v += readNoise(rng);
            o[x] = static_cast<float>(v);
        }
    }
    return out;
}

} // namespace hrtem::sim
