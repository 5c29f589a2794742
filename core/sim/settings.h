#pragma once
// Every parameter of a simulated movie. Defaults: a gold particle along [110] on amorphous
// carbon, imaged in an aberration-corrected 300 kV microscope at ~0.02 nm per pixel.
// Lengths in nm, angles in degrees, probabilities per frame.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace hrtem::sim {

struct SpecimenSettings {
    bool particle = true;            ///< false: support and vacuum only (calibration images)
    double radius111_nm = 2.3;       ///< centre to the {111} facets
    double radius100_nm = 2.6;       ///< centre to the {100} facets
    double base_nm = 1.7;            ///< centre to the flat {111} base resting on the support
    double maxThickness_nm = 0.0;    ///< > 0: also cut by the two {110} faces normal to the beam (a film)
    bool twin = true;                ///< one {111} twin boundary parallel to the base
    int twinPlane = 2;               ///< its position, in {111} planes above the centre
    int steps = 1;                   ///< monatomic steps cut into the top facets
    int adatoms = 3;                 ///< adatom columns on the surface at the start
    int adatomOccupancy = 3;         ///< atoms in an adatom column
    double orientation_deg = 0.0;    ///< extra in-plane rotation of the whole specimen
    double centreX = 0.5;            ///< particle centre, fraction of the frame width
    double centreY = 0.45;           ///< and height
    bool support = true;             ///< amorphous carbon film below the particle
    double supportThickness_nm = 3.0;
    double supportRoughness_nm = 0.15;
    double debyeWallerAu_A2 = 0.62;  ///< B of gold at room temperature
    double debyeWallerC_A2 = 1.0;
};

struct DynamicsSettings {
    double vibration_nm = 0.008;        ///< rms atom displacement per axis; a column of n atoms
                                        ///< moves its centroid by this / √n from frame to frame
    double adatomVibration_nm = 0.014;
    double hopProbability = 0.15;       ///< an adatom hops to a neighbouring site
    double adsorptionRate = 0.03;       ///< expected new adatoms per frame
    double desorptionProbability = 0.015;
    double stepPreference = 1.2;        ///< site weight exp(β · occupied neighbours): steps, kinks
    double twinMigrationProbability = 0.02; ///< the twin boundary moves by one {111} plane
    double driftX_px = 0.25;            ///< specimen drift per frame
    double driftY_px = 0.12;
    double driftJitter_px = 0.05;       ///< random walk on top of the drift
    double rotation_deg = 0.01;         ///< specimen rotation per frame
};

struct MicroscopeSettings {
    double kilovolts = 300.0;
    double cs_mm = -0.0127;          ///< spherical aberration (corrected instrument)
    double defocus_nm = 4.0;         ///< Kirkland's sign: positive is underfocus. +4: dark columns;
                                     ///< -5.8 (overfocus with negative Cs, NCSI): bright columns
    double aperture_mrad = 20.0;     ///< objective aperture semi-angle (10 1/nm at 300 kV); 0: none
    double convergence_mrad = 0.1;   ///< illumination semi-angle (spatial coherence)
    double focalSpread_nm = 3.0;     ///< temporal coherence: information limit near 0.1 nm
    double mtfBlur_px = 0.3;         ///< detector point spread (Gaussian sigma) on top of the pixel sinc
};

struct DetectorSettings {
    double dose_e_per_A2 = 1500.0;   ///< electrons per Å² per frame (vacuum counts = dose · pixel area)
    double gain = 1.0;               ///< output units per detected electron
    double readNoise = 0.0;          ///< Gaussian read noise, output units rms
    double motionBlur_px = 0.0;      ///< specimen motion during the exposure (Gaussian sigma)
    bool noise = true;               ///< false: the expected counts, no shot noise
};

struct SimulationSettings {
    std::string preset = "custom";
    std::uint64_t seed = 1;
    int width = 512;
    int height = 512;
    int frames = 40;
    double pixel_nm = 0.02;
    double frameInterval_s = 0.05;
    double columnMaskRadius_nm = 0.06; ///< radius of the discs in the column masks
    SpecimenSettings specimen;
    DynamicsSettings dynamics;
    MicroscopeSettings microscope;
    DetectorSettings detector;

    double countsPerPixel() const; ///< mean counts per pixel in vacuum
    void setCountsPerPixel(double counts);
};

/// Named starting points. demo: the bundled movie; train-hq / train-lq: unpaired high- and
/// low-dose training sets with independent dynamics; high / medium / low: the demo's dynamics
/// at ~200, ~20 and ~6 counts per pixel, for evaluation.
std::vector<std::string> presetNames();
SimulationSettings preset(const std::string& name); ///< throws std::invalid_argument

nlohmann::json toJson(const SimulationSettings& s);
/// Missing keys keep defaults; an unknown key is std::invalid_argument naming it (a
/// parameters.json written by the simulator reads back).
SimulationSettings settingsFromJson(const nlohmann::json& j);

} // namespace hrtem::sim
