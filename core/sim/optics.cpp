#include "core/sim/optics.h"
#include "core/util/math_constants.h"

#include "core/sim/physics.h"

#include <cmath>
#include <limits>

namespace hrtem::sim {

namespace {
double sinc(double x) { return std::abs(x) < 1e-9 ? 1.0 : std::sin(kPi * x) / (kPi * x); }
} // namespace

Optics::Optics(const MicroscopeSettings& s)
    : mSettings(s), mLambda(electronWavelength_nm(s.kilovolts)), mCs_nm(s.cs_mm * 1e6)
{
    mApertureK = s.aperture_mrad > 0 ? s.aperture_mrad * 1e-3 / mLambda : std::numeric_limits<double>::infinity();
}

double Optics::chi(double k) const
{
    return kPi * mLambda * k * k * (0.5 * mCs_nm * mLambda * mLambda * k * k - mSettings.defocus_nm);
}

double Optics::spatialEnvelope(double k) const
{
    const double alpha = mSettings.convergence_mrad * 1e-3;
    const double g = mCs_nm * mLambda * mLambda * mLambda * k * k * k - mSettings.defocus_nm * mLambda * k;
    const double a = kPi * alpha / mLambda;
    return std::exp(-a * a * g * g);
}

double Optics::temporalEnvelope(double k) const
{
    const double a = kPi * mLambda * mSettings.focalSpread_nm;
    return std::exp(-0.5 * a * a * k * k * k * k);
}

std::complex<double> Optics::waveTransfer(double k) const
{
    if (k > mApertureK)
        return {0.0, 0.0};
    return std::polar(spatialEnvelope(k) * temporalEnvelope(k), -chi(k));
}

double Optics::firstZero() const
{
    // chi is a polynomial in k²: march outward, then bisect the crossing of |chi| = π.
    const double step = 1e-3;
    double prev = 0.0;
    for (double k = step; k < 200.0; k += step) {
        if (std::abs(chi(k)) >= kPi) {
            double lo = prev, hi = k;
            for (int i = 0; i < 60; ++i) {
                const double mid = 0.5 * (lo + hi);
                (std::abs(chi(mid)) >= kPi ? hi : lo) = mid;
            }
            return 0.5 * (lo + hi);
        }
        prev = k;
    }
    return std::numeric_limits<double>::infinity();
}

double detectorMtf(double fx, double fy, double blur_px)
{
    const double f2 = fx * fx + fy * fy;
    return sinc(fx) * sinc(fy) * std::exp(-2.0 * kPi * kPi * blur_px * blur_px * f2);
}

} // namespace hrtem::sim
