#include "core/sim/settings.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace hrtem::sim {

double SimulationSettings::countsPerPixel() const
{
    const double pixelA = pixel_nm * 10.0;
    return detector.dose_e_per_A2 * pixelA * pixelA * detector.gain;
}

void SimulationSettings::setCountsPerPixel(double counts)
{
    const double pixelA = pixel_nm * 10.0;
    detector.dose_e_per_A2 = counts / (pixelA * pixelA * detector.gain);
}

std::vector<std::string> presetNames() { return {"demo", "train-hq", "train-lq", "high", "medium", "low"}; }

SimulationSettings preset(const std::string& name)
{
    SimulationSettings s;
    s.preset = name;
    if (name == "demo") {
        s.setCountsPerPixel(60.0);
    } else if (name == "high" || name == "medium" || name == "low") {
        s.setCountsPerPixel(name == "high" ? 200.0 : name == "medium" ? 20.0 : 6.0);
    } else if (name == "train-hq" || name == "train-lq") {
        // Unpaired training data: same physics, independent dynamics (seed offsets), more frames
        // and more varied specimens than the demo.
        s.frames = 200;
        s.seed = name == "train-hq" ? 1001 : 2001;
        s.setCountsPerPixel(name == "train-hq" ? 200.0 : 8.0);
        if (name == "train-lq")
            s.detector.motionBlur_px = 0.8; // low-quality frames are blurred as well as noisy
        s.dynamics.hopProbability = 0.25;
        s.dynamics.twinMigrationProbability = 0.04;
    } else if (name != "custom") {
        throw std::invalid_argument("unknown preset '" + name + "'");
    }
    return s;
}

namespace {

template <class T>
void read(const nlohmann::json& j, const char* key, T& value)
{
    if (j.contains(key))
        value = j.at(key).get<T>();
}

} // namespace

nlohmann::json toJson(const SimulationSettings& s)
{
    const SpecimenSettings& sp = s.specimen;
    const DynamicsSettings& d = s.dynamics;
    const MicroscopeSettings& m = s.microscope;
    const DetectorSettings& det = s.detector;
    return {
        {"preset", s.preset}, {"seed", s.seed}, {"width", s.width}, {"height", s.height}, {"frames", s.frames},
        {"pixel_nm", s.pixel_nm}, {"frame_interval_s", s.frameInterval_s}, {"column_mask_radius_nm", s.columnMaskRadius_nm},
        {"counts_per_pixel", s.countsPerPixel()},
        {"specimen",
         {{"particle", sp.particle}, {"radius111_nm", sp.radius111_nm}, {"radius100_nm", sp.radius100_nm}, {"base_nm", sp.base_nm},
          {"max_thickness_nm", sp.maxThickness_nm}, {"twin", sp.twin}, {"twin_plane", sp.twinPlane}, {"steps", sp.steps},
          {"adatoms", sp.adatoms}, {"adatom_occupancy", sp.adatomOccupancy}, {"orientation_deg", sp.orientation_deg},
          {"centre_x", sp.centreX}, {"centre_y", sp.centreY}, {"support", sp.support},
          {"support_thickness_nm", sp.supportThickness_nm}, {"support_roughness_nm", sp.supportRoughness_nm},
          {"debye_waller_au_A2", sp.debyeWallerAu_A2}, {"debye_waller_c_A2", sp.debyeWallerC_A2}}},
        {"dynamics",
         {{"vibration_nm", d.vibration_nm}, {"adatom_vibration_nm", d.adatomVibration_nm},
          {"hop_probability", d.hopProbability}, {"adsorption_rate", d.adsorptionRate},
          {"desorption_probability", d.desorptionProbability}, {"step_preference", d.stepPreference},
          {"twin_migration_probability", d.twinMigrationProbability}, {"drift_x_px", d.driftX_px},
          {"drift_y_px", d.driftY_px}, {"drift_jitter_px", d.driftJitter_px}, {"rotation_deg", d.rotation_deg}}},
        {"microscope",
         {{"kilovolts", m.kilovolts}, {"cs_mm", m.cs_mm}, {"defocus_nm", m.defocus_nm}, {"aperture_mrad", m.aperture_mrad},
          {"convergence_mrad", m.convergence_mrad}, {"focal_spread_nm", m.focalSpread_nm}, {"mtf_blur_px", m.mtfBlur_px}}},
        {"detector",
         {{"dose_e_per_A2", det.dose_e_per_A2}, {"gain", det.gain}, {"read_noise", det.readNoise}, {"noise", det.noise},
          {"motion_blur_px", det.motionBlur_px}}},
    };
}

SimulationSettings settingsFromJson(const nlohmann::json& j)
{
    SimulationSettings s;
    read(j, "preset", s.preset);
    read(j, "seed", s.seed);
    read(j, "width", s.width);
    read(j, "height", s.height);
    read(j, "frames", s.frames);
    read(j, "pixel_nm", s.pixel_nm);
    read(j, "frame_interval_s", s.frameInterval_s);
    read(j, "column_mask_radius_nm", s.columnMaskRadius_nm);
    if (j.contains("specimen")) {
        const auto& sp = j.at("specimen");
        SpecimenSettings& o = s.specimen;
        read(sp, "particle", o.particle);
        read(sp, "radius111_nm", o.radius111_nm);
        read(sp, "radius100_nm", o.radius100_nm);
        read(sp, "base_nm", o.base_nm);
        read(sp, "max_thickness_nm", o.maxThickness_nm);
        read(sp, "twin", o.twin);
        read(sp, "twin_plane", o.twinPlane);
        read(sp, "steps", o.steps);
        read(sp, "adatoms", o.adatoms);
        read(sp, "adatom_occupancy", o.adatomOccupancy);
        read(sp, "orientation_deg", o.orientation_deg);
        read(sp, "centre_x", o.centreX);
        read(sp, "centre_y", o.centreY);
        read(sp, "support", o.support);
        read(sp, "support_thickness_nm", o.supportThickness_nm);
        read(sp, "support_roughness_nm", o.supportRoughness_nm);
        read(sp, "debye_waller_au_A2", o.debyeWallerAu_A2);
        read(sp, "debye_waller_c_A2", o.debyeWallerC_A2);
    }
    if (j.contains("dynamics")) {
        const auto& d = j.at("dynamics");
        DynamicsSettings& o = s.dynamics;
        read(d, "vibration_nm", o.vibration_nm);
        read(d, "adatom_vibration_nm", o.adatomVibration_nm);
        read(d, "hop_probability", o.hopProbability);
        read(d, "adsorption_rate", o.adsorptionRate);
        read(d, "desorption_probability", o.desorptionProbability);
        read(d, "step_preference", o.stepPreference);
        read(d, "twin_migration_probability", o.twinMigrationProbability);
        read(d, "drift_x_px", o.driftX_px);
        read(d, "drift_y_px", o.driftY_px);
        read(d, "drift_jitter_px", o.driftJitter_px);
        read(d, "rotation_deg", o.rotation_deg);
    }
    if (j.contains("microscope")) {
        const auto& m = j.at("microscope");
        MicroscopeSettings& o = s.microscope;
        read(m, "kilovolts", o.kilovolts);
        read(m, "cs_mm", o.cs_mm);
        read(m, "defocus_nm", o.defocus_nm);
        read(m, "aperture_mrad", o.aperture_mrad);
        read(m, "convergence_mrad", o.convergence_mrad);
        read(m, "focal_spread_nm", o.focalSpread_nm);
        read(m, "mtf_blur_px", o.mtfBlur_px);
    }
    if (j.contains("detector")) {
        const auto& d = j.at("detector");
        DetectorSettings& o = s.detector;
        read(d, "dose_e_per_A2", o.dose_e_per_A2);
        read(d, "gain", o.gain);
        read(d, "read_noise", o.readNoise);
        read(d, "noise", o.noise);
        read(d, "motion_blur_px", o.motionBlur_px);
    }
    return s;
}

} // namespace hrtem::sim
