#include "core/sim/settings.h"

#include "core/sim/training_mixture.h"
#include "core/util/settings_reader.h"

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

std::vector<std::string> presetNames()
{
    return {"demo", "train-hq", "train-lq", "train-mix-hq", "train-mix-lq", "high", "medium", "low"};
}

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
    } else if (isTrainingMixture(name)) {
        bool lowQuality = false;
        isTrainingMixture(name, &lowQuality);
        s = trainingMixture(lowQuality, 1); // `hrtem simulate --seed N` draws movie N's conditions
    } else if (name != "custom") {
        throw std::invalid_argument("unknown preset '" + name + "'");
    }
    return s;
}


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
    SettingsReader in(j);
    in.read("preset", s.preset).read("seed", s.seed).read("width", s.width).read("height", s.height);
    in.read("frames", s.frames).read("pixel_nm", s.pixel_nm).read("frame_interval_s", s.frameInterval_s);
    in.read("column_mask_radius_nm", s.columnMaskRadius_nm);
    // What parameters.json adds beside the settings (derived values, files, software) is known
    // but not read: a parameters.json is a valid settings file.
    for (const char* written : {"counts_per_pixel", "derived", "files", "software"})
        in.has(written);
    if (in.has("specimen")) {
        SettingsReader sp(in.at("specimen"), in.pathOf("specimen"));
        SpecimenSettings& o = s.specimen;
        sp.read("particle", o.particle).read("radius111_nm", o.radius111_nm).read("radius100_nm", o.radius100_nm);
        sp.read("base_nm", o.base_nm).read("max_thickness_nm", o.maxThickness_nm).read("twin", o.twin);
        sp.read("twin_plane", o.twinPlane).read("steps", o.steps).read("adatoms", o.adatoms);
        sp.read("adatom_occupancy", o.adatomOccupancy).read("orientation_deg", o.orientation_deg);
        sp.read("centre_x", o.centreX).read("centre_y", o.centreY).read("support", o.support);
        sp.read("support_thickness_nm", o.supportThickness_nm).read("support_roughness_nm", o.supportRoughness_nm);
        sp.read("debye_waller_au_A2", o.debyeWallerAu_A2).read("debye_waller_c_A2", o.debyeWallerC_A2);
        sp.finish();
    }
    if (in.has("dynamics")) {
        SettingsReader d(in.at("dynamics"), in.pathOf("dynamics"));
        DynamicsSettings& o = s.dynamics;
        d.read("vibration_nm", o.vibration_nm).read("adatom_vibration_nm", o.adatomVibration_nm);
        d.read("hop_probability", o.hopProbability).read("adsorption_rate", o.adsorptionRate);
        d.read("desorption_probability", o.desorptionProbability).read("step_preference", o.stepPreference);
        d.read("twin_migration_probability", o.twinMigrationProbability).read("drift_x_px", o.driftX_px);
        d.read("drift_y_px", o.driftY_px).read("drift_jitter_px", o.driftJitter_px).read("rotation_deg", o.rotation_deg);
        d.finish();
    }
    if (in.has("microscope")) {
        SettingsReader m(in.at("microscope"), in.pathOf("microscope"));
        MicroscopeSettings& o = s.microscope;
        m.read("kilovolts", o.kilovolts).read("cs_mm", o.cs_mm).read("defocus_nm", o.defocus_nm);
        m.read("aperture_mrad", o.aperture_mrad).read("convergence_mrad", o.convergence_mrad);
        m.read("focal_spread_nm", o.focalSpread_nm).read("mtf_blur_px", o.mtfBlur_px);
        m.finish();
    }
    if (in.has("detector")) {
        SettingsReader d(in.at("detector"), in.pathOf("detector"));
        DetectorSettings& o = s.detector;
        d.read("dose_e_per_A2", o.dose_e_per_A2).read("gain", o.gain).read("read_noise", o.readNoise);
        d.read("noise", o.noise).read("motion_blur_px", o.motionBlur_px);
        d.finish();
    }
    in.finish();
    return s;
}

} // namespace hrtem::sim
