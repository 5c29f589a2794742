#include "models/runtime.h"

#include "models/compat.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <algorithm>
#include <thread>

namespace hrtem::models {

void configureThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.torchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
        + std::to_string(TORCH_VERSION_PATCH);
    info.cudaAvailable = torch::cuda::is_available();
    info.cudaDeviceCount = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    info.cpuThreads = at::get_num_threads();
    return info;
}

std::string describe(const RuntimeInfo& info)
{
    std::string s = "LibTorch " + info.torchVersion + ", ";
    s += info.cudaAvailable ? "CUDA (" + std::to_string(info.cudaDeviceCount) + " device(s))" : "CPU only";
    s += ", " + std::to_string(info.cpuThreads) + " CPU thread(s)";
    return s;
}

} // namespace hrtem::models
