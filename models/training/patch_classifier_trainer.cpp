#include "models/training/patch_classifier_trainer.h"

#include "models/io/module_weights.h"
#include "models/io/safetensors.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace hrtem::models {

namespace {
const char* const kFormat = "hrtem-patch-classifier";
} // namespace

nlohmann::json toJson(const PatchClassifierTrainingOptions& o)
{
    return {{"network", toJson(o.network)}, {"batch_size", o.batchSize}, {"learning_rate", o.learningRate}, {"seed", o.seed}};
}

PatchClassifierTrainingOptions patchClassifierTrainingOptionsFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::invalid_argument("patch classifier training options: expected a JSON object");
    PatchClassifierTrainingOptions o;
    for (const auto& [key, value] : json.items()) {
        try {
            if (key == "network") o.network = patchClassifierConfigFromJson(value);
            else if (key == "batch_size") o.batchSize = value.get<int>();
            else if (key == "learning_rate") o.learningRate = value.get<double>();
            else if (key == "seed") o.seed = value.get<uint64_t>();
            else throw std::invalid_argument("unknown key");
        } catch (const nlohmann::json::exception&) {
            throw std::invalid_argument("patch classifier training options: bad value for '" + key + "'");
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("patch classifier training options: '" + key + "': " + e.what());
        }
    }
    if (o.batchSize < 1 || !(o.learningRate > 0))
        throw std::invalid_argument("patch classifier training options: batch_size >= 1 and learning_rate > 0 needed");
    return o;
}

PatchClassifierTrainer::PatchClassifierTrainer(const PatchClassifierTrainingOptions& options, torch::Device device)
    : mOptions(options), mDevice(device)
{
    torch::manual_seed(options.seed);
    mNetwork = PatchClassifierNet(options.network);
    mNetwork->to(device);
    mOptimizer = std::make_unique<torch::optim::Adam>(mNetwork->parameters(), torch::optim::AdamOptions(options.learningRate));
}

double PatchClassifierTrainer::step(const torch::Tensor& patches, const torch::Tensor& dose, const torch::Tensor& foreground,
                                    const torch::Tensor& highQuality)
{
    mNetwork->train();
    mOptimizer->zero_grad();
    const torch::Tensor x = patches.to(mDevice);
    const torch::Tensor loss =
        patchClassifierLoss(mNetwork->forward(x, dose.to(mDevice)), x, foreground.to(mDevice), highQuality.to(mDevice));
    loss.backward();
    mOptimizer->step();
    ++mStep;
    return loss.item<double>();
}

void PatchClassifierTrainer::exportWeights(const std::string& path, std::map<std::string, std::string> metadata) const
{
    metadata["format"] = kFormat;
    metadata["patch_classifier_config"] = toJson(mOptions.network).dump();
    metadata["training_options"] = toJson(mOptions).dump();
    metadata["training_steps"] = std::to_string(mStep);
    saveModuleWeights(path, *mNetwork, metadata);
}

PatchClassifierModel::PatchClassifierModel(const std::string& path, torch::Device device) : mDevice(device)
{
    const TensorFile file = readSafetensors(path);
    const auto format = file.metadata.find("format");
    if (format == file.metadata.end() || format->second != kFormat)
        throw std::runtime_error(path + ": not patch classifier weights (no format \"" + std::string(kFormat) +
                                 "\" in its header)");
    try {
        mConfig = patchClassifierConfigFromJson(nlohmann::json::parse(file.metadata.at("patch_classifier_config")));
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": bad or missing patch_classifier_config: " + e.what());
    }
    mNetwork = PatchClassifierNet(mConfig);
    mMetadata = loadModuleWeights(path, *mNetwork);
    mNetwork->to(device);
    mNetwork->eval();
}

PatchProbabilities PatchClassifierModel::classify(const torch::Tensor& patches, const torch::Tensor& dose, int batch)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> foreground, quality;
    for (int64_t b = 0; b < patches.size(0); b += batch) {
        const int64_t n = std::min<int64_t>(batch, patches.size(0) - b);
        const torch::Tensor chunk = patches.narrow(0, b, n).to(mDevice), d = dose.narrow(0, b, n).to(mDevice);
        const torch::Tensor code = mNetwork->encode(chunk);
        foreground.push_back(torch::sigmoid(mNetwork->foregroundLogit(code, d)).to(torch::kCPU));
        quality.push_back(torch::sigmoid(mNetwork->highQualityLogit(code, d)).to(torch::kCPU));
    }
    if (foreground.empty())
        return {torch::empty({0}), torch::empty({0})};
    return {torch::cat(foreground), torch::cat(quality)};
}

} // namespace hrtem::models
