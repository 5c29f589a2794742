#pragma once
// Network weights and Adam state as safetensors tensors, named after the module tree
// ("encoder.0.conv.weight", as named_parameters() gives them), so files do not depend on the
// LibTorch version or on pointer identities, and Python code can map them by name.
#include "models/io/safetensors.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hrtem::models {

/// A weight file that does not fit a network. The message lists every problem by name, e.g.
/// "gen.safetensors: missing encoder.0.conv.weight; shape of head.weight is [16,1,3,3] in the
/// file but [32,1,3,3] in the network; unexpected extra.bias".
class WeightsMismatch : public SafetensorsError {
public:
    using SafetensorsError::SafetensorsError;
};

/// Adds the module's parameters and buffers (recursive, dotted names) as CPU tensors, each name
/// preceded by `prefix` (e.g. "gen_lq_to_hq."; empty for none). Undefined buffers are skipped.
void addModuleWeights(TensorFile& file, const torch::nn::Module& module, const std::string& prefix = "");

/// Copies the tensors named `prefix` + <parameter or buffer name> from `file` into the module's
/// existing tensors (keeping their device). Tensors whose names do not start with `prefix` are
/// ignored; those that do must all belong to the module. Checks every name, shape and dtype
/// first and changes nothing unless all fit; otherwise throws one WeightsMismatch listing all
/// problems, its message starting with `sourceName` (the file's path). Floating-point tensors
/// are converted to the network's floating dtype; integer tensors only fill integer buffers.
void applyModuleWeights(const TensorFile& file, torch::nn::Module& module, const std::string& sourceName,
                        const std::string& prefix = "");

/// Writes the module's parameters and buffers with `metadata` to `path` (atomically).
void saveModuleWeights(const std::string& path, const torch::nn::Module& module,
                       const std::map<std::string, std::string>& metadata);

/// Reads `path` into the module (see applyModuleWeights; every tensor in the file must belong to
/// the module) and returns the file's metadata.
std::map<std::string, std::string> loadModuleWeights(const std::string& path, torch::nn::Module& module);

/// Adds Adam's per-parameter state as "<prefix>/<name>/exp_avg", ".../exp_avg_sq" (tensors like
/// the parameter), ".../step" (I64 scalar) and, with amsgrad, ".../max_exp_avg_sq".
/// `namedParameters` are the optimizer's parameters, in its order, with their names; parameters
/// without state (never stepped) add nothing. Throws std::invalid_argument if the list does not
/// match the optimizer's parameters.
void addAdamState(TensorFile& file, const torch::optim::Adam& adam,
                  const std::vector<std::pair<std::string, torch::Tensor>>& namedParameters,
                  const std::string& prefix);

/// Replaces Adam's per-parameter state with the one stored by addAdamState under `prefix`
/// (tensors go to each parameter's device and dtype). Checks all entries before changing
/// anything; throws WeightsMismatch listing incomplete entries, wrong shapes and entries for
/// unknown parameters; its message starts with `sourceName` (the checkpoint's path). Learning
/// rate and betas are options, not state: the caller sets them.
void restoreAdamState(const TensorFile& file, torch::optim::Adam& adam,
                      const std::vector<std::pair<std::string, torch::Tensor>>& namedParameters,
                      const std::string& prefix, const std::string& sourceName = "checkpoint");

} // namespace hrtem::models
