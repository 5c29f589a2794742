#pragma once
// What LibTorch this program runs on and how it is configured. Torch-free header so that
// core/ and app/ can report it without pulling torch into their translation units.
#include <string>

namespace hrtem::models {

struct RuntimeInfo {
    std::string torchVersion;   ///< e.g. "1.13.0"
    bool cudaAvailable = false; ///< LibTorch built with CUDA and a device is visible
    int cudaDeviceCount = 0;
    int cpuThreads = 1;         ///< intra-op threads LibTorch uses now
};

/// Sets LibTorch's intra-op thread count. 0 means "one per hardware thread".
/// LibTorch otherwise starts with one thread on these machines.
void configureThreads(int threads = 0);

RuntimeInfo runtimeInfo();

/// One line for `--version` output and logs.
std::string describe(const RuntimeInfo& info);

} // namespace hrtem::models
