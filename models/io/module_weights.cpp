#include "models/io/module_weights.h"

#include "models/compat.h"

#include <set>
#include <stdexcept>

namespace hrtem::models {
namespace {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

std::string shapeText(c10::IntArrayRef sizes)
{
    std::string s = "[";
    for (size_t i = 0; i < sizes.size(); ++i)
        s += (i ? "," : "") + std::to_string(sizes[i]);
    return s + "]";
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::string joinProblems(const std::string& sourceName, const std::vector<std::string>& problems)
{
    std::string message = sourceName + ": ";
    for (size_t i = 0; i < problems.size(); ++i)
        message += (i ? "; " : "") + problems[i];
    return message;
}

// Parameters and buffers in registration order. Optional tensors a module does not use (e.g.
// BatchNorm without running statistics) are registered undefined; they hold nothing to save.
NamedTensors moduleTensors(const torch::nn::Module& module)
{
    NamedTensors out;
    for (const auto& item : module.named_parameters())
        if (item.value().defined())
            out.emplace_back(item.key(), item.value());
    for (const auto& item : module.named_buffers())
        if (item.value().defined())
            out.emplace_back(item.key(), item.value());
    return out;
}

// Empty if `stored` may fill `target`, else why not. Floating tensors convert between floating
// dtypes (a float32 file loads into a float64 or bf16 network); integer counters such as
// BatchNorm's num_batches_tracked stay integers.
std::string dtypeProblem(const std::string& key, const torch::Tensor& stored, const torch::Tensor& target)
{
    const bool storedFloating = torch::isFloatingType(stored.scalar_type());
    const bool targetFloating = torch::isFloatingType(target.scalar_type());
    if (storedFloating == targetFloating && !torch::isComplexType(stored.scalar_type()))
        return {};
    return "dtype of " + key + " is " + std::string(c10::toString(stored.scalar_type())) + " in the file but "
        + std::string(c10::toString(target.scalar_type())) + " in the network";
}

// The optimizer's parameters in its own order; the caller's names must describe exactly these.
void checkNamesMatchOptimizer(const torch::optim::Adam& adam, const NamedTensors& named)
{
    std::vector<torch::Tensor> parameters;
    for (const auto& group : adam.param_groups())
        for (const auto& p : group.params())
            parameters.push_back(p);
    if (parameters.size() != named.size())
        throw std::invalid_argument("Adam state: the optimizer has " + std::to_string(parameters.size())
                                    + " parameters but " + std::to_string(named.size()) + " names were given");
    std::set<std::string> seen;
    for (size_t i = 0; i < named.size(); ++i) {
        if (!named[i].second.is_same(parameters[i]))
            throw std::invalid_argument("Adam state: parameter " + std::to_string(i) + " (\"" + named[i].first
                                        + "\") is not the optimizer's parameter " + std::to_string(i));
        if (!seen.insert(named[i].first).second)
            throw std::invalid_argument("Adam state: the name \"" + named[i].first + "\" is given twice");
    }
}

bool usesAmsgrad(const torch::optim::Adam& adam, const torch::Tensor& parameter)
{
    for (const auto& group : adam.param_groups())
        for (const auto& p : group.params())
            if (p.is_same(parameter))
                return static_cast<const torch::optim::AdamOptions&>(group.options()).amsgrad();
    return false;
}

constexpr const char* kAdamEntries[] = {"exp_avg", "exp_avg_sq", "step", "max_exp_avg_sq"};

} // namespace

void addModuleWeights(TensorFile& file, const torch::nn::Module& module, const std::string& prefix)
{
    for (const auto& [name, tensor] : moduleTensors(module))
        file.tensors[prefix + name] = tensor.detach().to(torch::kCPU);
}

void applyModuleWeights(const TensorFile& file, torch::nn::Module& module, const std::string& sourceName,
                        const std::string& prefix)
{
    const NamedTensors targets = moduleTensors(module);
    std::vector<std::string> problems;
    std::set<std::string> expected;
    for (const auto& [name, target] : targets) {
        const std::string key = prefix + name;
        expected.insert(key);
        const auto it = file.tensors.find(key);
        if (it == file.tensors.end()) {
            problems.push_back("missing " + key);
            continue;
        }
        if (it->second.sizes() != target.sizes())
            problems.push_back("shape of " + key + " is " + shapeText(it->second.sizes()) + " in the file but "
                               + shapeText(target.sizes()) + " in the network");
        const std::string dtype = dtypeProblem(key, it->second, target);
        if (!dtype.empty())
            problems.push_back(dtype);
    }
    for (const auto& [key, tensor] : file.tensors)
        if (startsWith(key, prefix) && !expected.count(key))
            problems.push_back("unexpected " + key);
    if (!problems.empty())
        throw WeightsMismatch(joinProblems(sourceName, problems));

    torch::NoGradGuard noGrad;
    for (const auto& [name, target] : targets) {
        torch::Tensor destination = target; // shares storage with the module's tensor
        destination.copy_(file.tensors.at(prefix + name));
    }
}

void saveModuleWeights(const std::string& path, const torch::nn::Module& module,
                       const std::map<std::string, std::string>& metadata)
{
    TensorFile file;
    file.metadata = metadata;
    addModuleWeights(file, module);
    writeSafetensors(path, file);
}

std::map<std::string, std::string> loadModuleWeights(const std::string& path, torch::nn::Module& module)
{
    TensorFile file = readSafetensors(path);
    applyModuleWeights(file, module, path);
    return std::move(file.metadata);
}

void addAdamState(TensorFile& file, const torch::optim::Adam& adam, const NamedTensors& namedParameters,
                  const std::string& prefix)
{
    checkNamesMatchOptimizer(adam, namedParameters);
    const auto& state = adam.state();
    for (const auto& [name, parameter] : namedParameters) {
        const auto it = state.find(compat::optimizerStateKey(state, parameter));
        if (it == state.end())
            continue; // never stepped: Adam creates zero state on its first step
        const auto& s = static_cast<const torch::optim::AdamParamState&>(*it->second);
        const std::string base = prefix + "/" + name + "/";
        file.tensors[base + "exp_avg"] = s.exp_avg().detach().to(torch::kCPU);
        file.tensors[base + "exp_avg_sq"] = s.exp_avg_sq().detach().to(torch::kCPU);
        file.tensors[base + "step"] = torch::tensor(static_cast<int64_t>(s.step()), torch::kLong).reshape({});
        if (s.max_exp_avg_sq().defined())
            file.tensors[base + "max_exp_avg_sq"] = s.max_exp_avg_sq().detach().to(torch::kCPU);
    }
}

void restoreAdamState(const TensorFile& file, torch::optim::Adam& adam, const NamedTensors& namedParameters,
                      const std::string& prefix, const std::string& sourceName)
{
    checkNamesMatchOptimizer(adam, namedParameters);
    std::vector<std::string> problems;
    std::set<std::string> expected;
    std::vector<bool> hasState(namedParameters.size(), false);
    for (size_t i = 0; i < namedParameters.size(); ++i) {
        const auto& [name, parameter] = namedParameters[i];
        const std::string base = prefix + "/" + name + "/";
        const bool amsgrad = usesAmsgrad(adam, parameter);
        int present = 0;
        for (const char* entry : kAdamEntries) {
            expected.insert(base + entry);
            if (file.tensors.count(base + entry) && std::string(entry) != "max_exp_avg_sq")
                ++present;
        }
        if (present == 0)
            continue;
        hasState[i] = true;
        for (const char* entry : kAdamEntries) {
            const std::string key = base + entry;
            const auto it = file.tensors.find(key);
            const bool isMax = std::string(entry) == "max_exp_avg_sq";
            if (it == file.tensors.end()) {
                if (!isMax || amsgrad)
                    problems.push_back("missing " + key);
                continue;
            }
            const torch::Tensor& t = it->second;
            if (std::string(entry) == "step") {
                if (t.numel() != 1 || torch::isFloatingType(t.scalar_type()) || t.scalar_type() == torch::kBool)
                    problems.push_back(key + " must be one integer, found " + std::string(c10::toString(t.scalar_type()))
                                       + " " + shapeText(t.sizes()));
                else if (t.item<int64_t>() < 0)
                    problems.push_back(key + " is negative");
                continue;
            }
            if (t.sizes() != parameter.sizes())
                problems.push_back("shape of " + key + " is " + shapeText(t.sizes()) + " in the file but "
                                   + shapeText(parameter.sizes()) + " for the parameter");
            if (!torch::isFloatingType(t.scalar_type()))
                problems.push_back("dtype of " + key + " is " + std::string(c10::toString(t.scalar_type()))
                                   + ", not floating point");
        }
    }
    for (const auto& [key, tensor] : file.tensors)
        if (startsWith(key, prefix + "/") && !expected.count(key))
            problems.push_back("unexpected " + key);
    if (!problems.empty())
        throw WeightsMismatch(joinProblems(sourceName, problems));

    auto& state = adam.state();
    for (size_t i = 0; i < namedParameters.size(); ++i) {
        const auto& [name, parameter] = namedParameters[i];
        const auto key = compat::optimizerStateKey(state, parameter);
        if (!hasState[i]) {
            state.erase(key);
            continue;
        }
        const std::string base = prefix + "/" + name + "/";
        // Copies, never views of `file`: Adam updates its state in place.
        auto like = [&](const std::string& entry) {
            return file.tensors.at(base + entry).to(parameter.device(), parameter.scalar_type(), false, true);
        };
        auto s = std::make_unique<torch::optim::AdamParamState>();
        s->step(file.tensors.at(base + "step").item<int64_t>());
        s->exp_avg(like("exp_avg"));
        s->exp_avg_sq(like("exp_avg_sq"));
        if (file.tensors.count(base + "max_exp_avg_sq"))
            s->max_exp_avg_sq(like("max_exp_avg_sq"));
        state[key] = std::move(s);
    }
}

} // namespace hrtem::models
