#include "models/device.h"

#include <torch/cuda.h>

#include <stdexcept>

namespace hrtem::models {

torch::Device deviceFromName(const std::string& name)
{
    if (name == "cpu")
        return torch::kCPU;
    if (name == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    if (name == "cuda") {
        if (!torch::cuda::is_available())
            throw std::runtime_error("device cuda asked for, but this LibTorch sees no CUDA device");
        return torch::kCUDA;
    }
    throw std::invalid_argument("device must be auto, cpu or cuda, not '" + name + "'");
}

} // namespace hrtem::models
