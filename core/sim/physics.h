#pragma once
// Electron-optical constants and atomic projected potentials for image simulation.
#include <array>
#include <string>
#include <vector>

namespace hrtem::sim {

/// Relativistic electron wavelength (nm) at an accelerating voltage (kV).
double electronWavelength_nm(double kilovolts);

/// Interaction parameter sigma (rad per V·nm): phase = sigma * projected potential.
/// sigma = 2*pi*m*e*lambda/h^2 with the relativistic mass (Kirkland, Advanced Computing in
/// Electron Microscopy, eq. 5.6).
double interactionParameter(double kilovolts);

/// Elastic electron scattering factor as five Gaussians, f(s) = sum a_i exp(-b_i s^2), with
/// s = sin(theta)/lambda in 1/Å, f in Å, b in Å². L.-M. Peng, G. Ren, S. L. Dudarev and
/// M. J. Whelan, Acta Cryst. A52 (1996) 257-276, Table 3 (fit for 0 < s < 6 Å⁻¹).
struct ScatteringFactor {
    std::string element;
    std::array<double, 5> a;
    std::array<double, 5> b;
};

const ScatteringFactor& gold();
const ScatteringFactor& carbon();

/// Projected potential of one atom, V_z(r) in V·nm, tabulated against r² for fast rendering.
/// From the Gaussian scattering factor (Kirkland eq. 5.15 with Gaussian terms):
///   V_z(r) = (h²/(2π m0 e)) Σ a_i (4π/b_i) exp(-4π² r²/b_i),   h²/(2π m0 e) = 47.878 V·Å².
/// Each b_i is widened by the Debye-Waller factor B (thermal smearing, exp(-B s²)) and by a
/// Gaussian of half a pixel that stands for pixel integration, so that sampling at pixel centres
/// does not alias; both widenings keep the integral (the mean inner potential) exact.
class ProjectedPotential {
public:
    ProjectedPotential(const ScatteringFactor& factor, double debyeWaller_A2, double pixel_nm);
    /// V·nm at squared distance r² (nm²); zero beyond cutoff().
    double at(double r2_nm2) const;
    double cutoff_nm() const { return mCutoff; }
    /// Integral over the plane (V·nm³): checks the widening keeps it.
    double integral_Vnm3() const;

private:
    std::array<double, 5> mAmplitude; ///< V·nm per term at r = 0
    std::array<double, 5> mWidth;     ///< 4π²/b' in 1/nm²
    double mCutoff = 0.0;
    double mStep = 0.0;               ///< table step in r² (nm²)
    std::vector<float> mTable;
};

} // namespace hrtem::sim
