#pragma once
// Where networks run, from the name a user gives (CLI --device, analysis settings "device").
#include <torch/types.h>

#include <string>

namespace hrtem::models {

/// "auto" (CUDA when this LibTorch sees a device, else the CPU), "cpu" or "cuda". Throws
/// std::invalid_argument for another name and std::runtime_error for "cuda" without a device.
torch::Device deviceFromName(const std::string& name);

} // namespace hrtem::models
