#include "core/sim/physics.h"
#include "core/util/math_constants.h"

#include <cmath>

namespace hrtem::sim {

namespace {
constexpr double kElectronRestEnergy_keV = 510.99895;
constexpr double kHc_keVnm = 1.23984198; // h*c in keV·nm
/// h²/(2π m0 e) in V·Å² (Kirkland: 2π a0 e = 47.878 V·Å²).
constexpr double kPotentialPrefactor_VA2 = 47.8783;
} // namespace

double electronWavelength_nm(double kilovolts)
{
    // lambda = hc / sqrt(E (E + 2 m0 c²)), E in keV
    return kHc_keVnm / std::sqrt(kilovolts * (kilovolts + 2.0 * kElectronRestEnergy_keV));
}

double interactionParameter(double kilovolts)
{
    const double lambda = electronWavelength_nm(kilovolts);
    const double volts = kilovolts * 1e3;
    // sigma = (2π / (λ V)) (m0c² + eV) / (2 m0c² + eV)
    return 2.0 * kPi / (lambda * volts) * (kElectronRestEnergy_keV + kilovolts)
        / (2.0 * kElectronRestEnergy_keV + kilovolts);
}

const ScatteringFactor& gold()
{
    static const ScatteringFactor au{"Au", {0.3055, 1.3945, 2.9617, 3.8990, 2.0026}, {0.0596, 0.5827, 3.1035, 11.9693, 47.9106}};
    return au;
}

const ScatteringFactor& carbon()
{
    static const ScatteringFactor c{"C", {0.0489, 0.2091, 0.7537, 1.1420, 0.3555}, {0.1140, 1.0825, 5.4281, 17.8811, 51.1341}};
    return c;
}

ProjectedPotential::ProjectedPotential(const ScatteringFactor& factor, double debyeWaller_A2, double pixel_nm)
{
    // Half a pixel of Gaussian blur, as a b-factor in Å²: b = 8π² σ².
    const double sigmaA = 0.5 * pixel_nm * 10.0;
    const double antiAlias_A2 = 8.0 * kPi * kPi * sigmaA * sigmaA;
    double widest = 0.0;
    for (int i = 0; i < 5; ++i) {
        const double b = factor.b[i] + debyeWaller_A2 + antiAlias_A2; // Å²
        // V·Å²·Å / Å² = V·Å at r = 0; to V·nm: /10
        mAmplitude[i] = kPotentialPrefactor_VA2 * factor.a[i] * 4.0 * kPi / b / 10.0;
        mWidth[i] = 4.0 * kPi * kPi / (b / 100.0); // 1/nm²
        widest = std::max(widest, b / 100.0);
    }
    // Out to where the widest term has fallen to 1e-4 of its peak.
    mCutoff = std::sqrt(std::log(1e4) * widest / (4.0 * kPi * kPi));
    const int samples = 4096;
    mStep = mCutoff * mCutoff / (samples - 1);
    mTable.resize(samples);
    for (int k = 0; k < samples; ++k) {
        const double r2 = k * mStep;
        double v = 0.0;
        for (int i = 0; i < 5; ++i)
            v += mAmplitude[i] * std::exp(-mWidth[i] * r2);
        mTable[static_cast<std::size_t>(k)] = static_cast<float>(v);
    }
}

double ProjectedPotential::at(double r2) const
{
    const double x = r2 / mStep;
    if (x >= static_cast<double>(mTable.size() - 1))
        return 0.0;
    const auto k = static_cast<std::size_t>(x);
    const double f = x - static_cast<double>(k);
    return mTable[k] + f * (mTable[k + 1] - mTable[k]);
}

double ProjectedPotential::integral_Vnm3() const
{
    double total = 0.0;
    for (int i = 0; i < 5; ++i)
        total += mAmplitude[i] * kPi / mWidth[i]; // ∫ A exp(-w r²) d²r = A π / w
    return total;
}

} // namespace hrtem::sim
