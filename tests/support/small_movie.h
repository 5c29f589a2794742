#pragma once
// The small simulated movie most engine and GUI tests run on: a preset's physics and dynamics
// with a particle shrunk to fit a 256 x 256 field (radii 1.6/1.8 nm, base 1.2 nm), so that an
// analysis takes a second or two.
#include "core/sim/settings.h"

#include <cstdint>
#include <string>

namespace hrtem::test {

inline sim::SimulationSettings smallMovie(const std::string& preset, std::uint64_t seed, int frames, int size = 256)
{
    sim::SimulationSettings s = sim::preset(preset);
    s.seed = seed;
    s.width = s.height = size;
    s.frames = frames;
    s.specimen.radius111_nm = 1.6;
    s.specimen.radius100_nm = 1.8;
    s.specimen.base_nm = 1.2;
    return s;
}

/// A 256 px medium-dose movie of a particle shape none of the shipped networks trained on (radii
/// 1.9/2.1 nm, base 1.5 nm), dark columns or, with `brightColumns`, bright ones (overfocus under
/// negative Cs, settings.h).
inline sim::SimulationSettings unseenParticleMovie(std::uint64_t seed, bool brightColumns, int frames)
{
    sim::SimulationSettings s = sim::preset("medium");
    s.seed = seed;
    s.frames = frames;
    s.width = s.height = 256;
    s.specimen.radius111_nm = 1.9;
    s.specimen.radius100_nm = 2.1;
    s.specimen.base_nm = 1.5;
    if (brightColumns)
        s.microscope.defocus_nm = -5.8;
    return s;
}

} // namespace hrtem::test
