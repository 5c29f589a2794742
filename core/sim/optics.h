#pragma once
// Objective lens transfer and detector response.
//
// Aberration function (Kirkland's convention, defocus > 0 is underfocus):
//   chi(k) = pi λ k² (Cs λ² k² / 2 - Δf)
// Wave transfer: aperture · exp(-i chi) · E_s · E_t, with the quasi-coherent envelopes
//   E_s(k) = exp[-(π α/λ)² (Cs λ³ k³ - Δf λ k)²]      (illumination semi-angle α)
//   E_t(k) = exp[-(π λ Δ)² k⁴ / 2]                    (focal spread Δ)
// (E. J. Kirkland, Advanced Computing in Electron Microscopy, 2nd ed., ch. 3.)
// Weak-phase contrast goes as sin chi: it vanishes where chi = ±π, ±2π, ...
#include "core/sim/settings.h"

#include <complex>

namespace hrtem::sim {

class Optics {
public:
    explicit Optics(const MicroscopeSettings& settings);

    double wavelength_nm() const { return mLambda; }
    double chi(double k) const;              ///< k in 1/nm
    double spatialEnvelope(double k) const;
    double temporalEnvelope(double k) const;
    double apertureRadius() const { return mApertureK; } ///< 1/nm; infinity without aperture
    std::complex<double> waveTransfer(double k) const;
    /// Smallest k > 0 (1/nm) where |chi| reaches π: the first zero of the contrast transfer.
    double firstZero() const;

private:
    MicroscopeSettings mSettings;
    double mLambda;
    double mCs_nm;
    double mApertureK;
};

/// Detector modulation transfer at spatial frequency (fx, fy) in cycles per pixel: pixel
/// integration (sinc) times a Gaussian point spread of sigma `blur_px`.
double detectorMtf(double fx, double fy, double blur_px);

} // namespace hrtem::sim
