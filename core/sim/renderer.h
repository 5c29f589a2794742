#pragma once
// Image formation for one frame: multislice through the particle (slices one column repeat
// thick, a/√2), the amorphous carbon film as a phase grating, the objective transfer, |ψ|²,
// the detector MTF, then dose, shot noise, gain and read noise.
#include "core/sim/dynamics.h"
#include "core/sim/optics.h"
#include "core/sim/physics.h"

#include <opencv2/core/mat.hpp>

#include <complex>
#include <cstdint>
#include <vector>

namespace hrtem::sim {

class Renderer {
public:
    Renderer(const SimulationSettings& settings, const Specimen& specimen);

    /// Noise-free image intensity, normalised to 1 in vacuum (CV_32F).
    cv::Mat intensity(const FrameState& state) const;
    /// Expected detector output per pixel (the clean movie): intensity · dose · gain.
    cv::Mat expectedCounts(const cv::Mat& intensity) const;
    /// A noisy detector frame: gain · Poisson(expected / gain) + read noise, from `seed`.
    cv::Mat detect(const cv::Mat& expected, std::uint64_t seed) const;

    /// Image position (px; pixel (0,0) centred at 0,0) of a crystal-frame point in a frame.
    Vec2 toImage(const FrameState& state, Vec2 crystal, Vec2 vibration = {}) const;
    /// Crystal-frame position of an image point in a frame (no vibration).
    Vec2 toCrystal(const FrameState& state, Vec2 imagePx) const;

    const Optics& optics() const { return mOptics; }
    int sliceCount() const { return mSliceCount; }

private:
    void buildCarbon(std::uint64_t seed);
    void addAtom(cv::Mat& potential, const ProjectedPotential& atom, double xPx, double yPx) const;
    void transmit(cv::Mat& wave, const cv::Mat& potential) const;
    void multiply(cv::Mat& spectrum, const std::vector<std::complex<float>>& factor) const;

    const SimulationSettings& mSettings;
    const Specimen& mSpecimen;
    Optics mOptics;
    int mWidth;
    int mHeight;
    double mPixel;
    double mSigma; ///< rad per V·nm
    ProjectedPotential mGold;
    ProjectedPotential mCarbon;
    double mSliceThickness;
    double mDepthLo;
    int mSliceCount;
    Vec2 mCentrePx;
    std::vector<std::complex<float>> mPropagator; ///< DFT layout
    std::vector<std::complex<float>> mTransfer;
    std::vector<std::complex<float>> mMtf;
    cv::Mat mCarbonMap; ///< projected potential of the film, specimen frame (V·nm)
    Vec2 mCarbonMapCentre; ///< map index of the specimen point seen at the frame's centre
    Vec2 mFrameCentreSpecimenPx; ///< that point, in specimen pixels from the particle centre
};

} // namespace hrtem::sim
