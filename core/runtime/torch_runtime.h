#pragma once
// The compute runtime as the rest of the program sees it, with no torch types: core's public
// headers stay free of LibTorch (ARCHITECTURE.md), and so do ui/ and app/.
#include <string>

namespace hrtem {

struct ComputeRuntime {
    std::string description; ///< e.g. "LibTorch 1.13.0, CPU only, 2 CPU thread(s)"
    bool cudaAvailable = false;
    int cpuThreads = 1;
};

/// Configures LibTorch's thread pool from the hardware on first call, then reports it.
ComputeRuntime computeRuntime();

} // namespace hrtem
