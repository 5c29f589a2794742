#pragma once
// A small generated movie for the demo and for first-run users: a gold nanoparticle seen along
// [110] (dark atom columns on an amorphous-carbon background) drifting slowly, with one surface
// adatom hopping between sites, under Poisson shot noise. Frames are generated on demand and
// are identical for the same seed. The physical simulator (core/sim) supersedes it.
#include "core/io/stack.h"

#include <cstdint>
#include <memory>

namespace hrtem {

struct DemoSettings {
    int width = 256;
    int height = 256;
    int frames = 30;
    double pixelSize_nm = 0.02;
    double frameInterval_s = 0.1;
    double dose = 60.0; ///< mean counts per pixel in vacuum
    std::uint64_t seed = 1;
};

std::unique_ptr<StackReader> makeDemoStack(const DemoSettings& settings = {});

} // namespace hrtem
