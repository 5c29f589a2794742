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

} // namespace hrtem::test
