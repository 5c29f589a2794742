#include "core/sim/training_mixture.h"

#include <cmath>
#include <random>

namespace hrtem::sim {

SimulationSettings trainingMixture(bool lowQuality, std::uint64_t seed)
{
    SimulationSettings s;
    s.preset = lowQuality ? "train-mix-lq" : "train-mix-hq";
    s.seed = seed;
    s.frames = 30;
    // Its own stream, apart from the simulation's, so that conditions and dynamics are independent.
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + (lowQuality ? 17 : 3));
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto chance = [&](double p) { return uniform(0.0, 1.0) < p; };

    MicroscopeSettings& m = s.microscope;
    const bool bright = chance(0.5);
    m.defocus_nm = bright ? uniform(-7.0, -4.5) : uniform(3.0, 6.0);
    m.cs_mm = uniform(-0.016, -0.010);
    m.mtfBlur_px = uniform(0.2, 0.6);
    s.pixel_nm = uniform(0.015, 0.030);

    SpecimenSettings& sp = s.specimen;
    const double scale = uniform(0.7, 1.4);
    sp.radius111_nm *= scale;
    sp.radius100_nm *= scale;
    sp.base_nm *= scale;
    sp.orientation_deg = uniform(-30.0, 30.0);
    sp.twin = chance(0.6);
    sp.steps = int(uniform(0.0, 3.0));
    sp.centreX = uniform(0.4, 0.6);
    sp.centreY = uniform(0.4, 0.55);
    sp.supportThickness_nm = uniform(1.5, 6.0);

    s.dynamics.hopProbability = 0.25;
    s.dynamics.twinMigrationProbability = 0.04;
    if (lowQuality) {
        s.setCountsPerPixel(std::exp(uniform(std::log(3.0), std::log(30.0))));
        s.detector.motionBlur_px = uniform(0.0, 1.2);
    } else {
        s.setCountsPerPixel(uniform(150.0, 400.0));
    }
    return s;
}

bool isTrainingMixture(const std::string& name, bool* lowQuality)
{
    if (lowQuality)
        *lowQuality = name == "train-mix-lq";
    return name == "train-mix-hq" || name == "train-mix-lq";
}

} // namespace hrtem::sim
