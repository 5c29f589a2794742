#include "models/training/segmentation_trainer.h"

#include "models/inference/tiled_inference.h"
#include "models/io/module_weights.h"
#include "models/io/safetensors.h"
#include "models/training/losses.h"

#include <stdexcept>

namespace hrtem::models {

namespace {
const char* const kFormat = "hrtem-atom-segmenter";
const char* const kCheckpointFormat = "hrtem-atom-segmenter-checkpoint";
} // namespace

nlohmann::json toJson(const SegmentationTrainingOptions& o)
{
    return {{"segmenter", toJson(o.segmenter)},
            {"patch_size", o.patchSize},
            {"batch_size", o.batchSize},
            {"learning_rate", o.learningRate},
            {"seed", o.seed}};
}

SegmentationTrainingOptions segmentationTrainingOptionsFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::invalid_argument("segmentation training options: expected a JSON object");
    SegmentationTrainingOptions o;
    for (const auto& [key, value] : json.items()) {
        try {
            if (key == "segmenter") o.segmenter = segmenterConfigFromJson(value);
            else if (key == "patch_size") o.patchSize = value.get<int>();
            else if (key == "batch_size") o.batchSize = value.get<int>();
            else if (key == "learning_rate") o.learningRate = value.get<double>();
            else if (key == "seed") o.seed = value.get<uint64_t>();
            else throw std::invalid_argument("unknown key");
        } catch (const nlohmann::json::exception&) {
            throw std::invalid_argument("segmentation training options: bad value for '" + key + "'");
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("segmentation training options: '" + key + "': " + e.what());
        }
    }
    if (o.patchSize < 16 || o.batchSize < 1 || !(o.learningRate > 0))
        throw std::invalid_argument("segmentation training options: patch_size >= 16, batch_size >= 1, learning_rate > 0 needed");
    return o;
}

SegmentationTrainer::SegmentationTrainer(const SegmentationTrainingOptions& options, torch::Device device)
    : mOptions(options), mDevice(device)
{
    torch::manual_seed(options.seed);
    mNetwork = SegmentationUnet(options.segmenter);
    initialiseWeights(*mNetwork);
    mNetwork->to(device);
    mOptimizer = std::make_unique<torch::optim::Adam>(mNetwork->parameters(), torch::optim::AdamOptions(options.learningRate));
}

std::vector<std::pair<std::string, torch::Tensor>> SegmentationTrainer::namedParameters() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : mNetwork->named_parameters())
        out.emplace_back(item.key(), item.value());
    return out;
}

double SegmentationTrainer::step(const torch::Tensor& images, const torch::Tensor& masks)
{
    mNetwork->train();
    mOptimizer->zero_grad();
    const torch::Tensor loss = bceDiceLoss(mNetwork->forward(images.to(mDevice)), masks.to(mDevice));
    loss.backward();
    mOptimizer->step();
    ++mStep;
    return loss.item<double>();
}

void SegmentationTrainer::saveCheckpoint(const std::string& path) const
{
    TensorFile file;
    addModuleWeights(file, *mNetwork, "segmenter.");
    addAdamState(file, *mOptimizer, namedParameters(), "opt");
    file.metadata["format"] = kCheckpointFormat;
    file.metadata["step"] = std::to_string(mStep);
    file.metadata["training_options"] = toJson(mOptions).dump();
    writeSafetensors(path, file);
}

void SegmentationTrainer::loadCheckpoint(const std::string& path)
{
    const TensorFile file = readSafetensors(path);
    const auto format = file.metadata.find("format");
    if (format == file.metadata.end() || format->second != kCheckpointFormat)
        throw std::runtime_error(path + ": not an atom-segmenter training checkpoint");
    const SegmentationTrainingOptions saved =
        segmentationTrainingOptionsFromJson(nlohmann::json::parse(file.metadata.at("training_options")));
    if (toJson(saved.segmenter) != toJson(mOptions.segmenter))
        throw std::runtime_error(path + ": checkpoint network differs from the requested one: saved " + toJson(saved.segmenter).dump());
    applyModuleWeights(file, *mNetwork, path, "segmenter.");
    restoreAdamState(file, *mOptimizer, namedParameters(), "opt", path);
    mStep = std::stoi(file.metadata.at("step"));
}

void SegmentationTrainer::exportWeights(const std::string& path, std::map<std::string, std::string> metadata) const
{
    metadata["format"] = kFormat;
    metadata["segmenter_config"] = toJson(mOptions.segmenter).dump();
    metadata["training_options"] = toJson(mOptions).dump();
    metadata["training_steps"] = std::to_string(mStep);
    saveModuleWeights(path, *mNetwork, metadata);
}

SegmentationModel::SegmentationModel(const std::string& path, torch::Device device) : mDevice(device)
{
    const TensorFile file = readSafetensors(path);
    const auto format = file.metadata.find("format");
    // The generation-guided segmenter (CycleGanTrainer::exportSegmenterWeights) is the same
    // network with guide channels: loaded alike, its caller supplies the guide.
    if (format == file.metadata.end() || (format->second != kFormat && format->second != "hrtem-guided-segmenter"))
        throw std::runtime_error(path + ": not segmenter weights (no format \"" + std::string(kFormat) +
                                 "\" or \"hrtem-guided-segmenter\" in its header)");
    try {
        mConfig = segmenterConfigFromJson(nlohmann::json::parse(file.metadata.at("segmenter_config")));
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": bad or missing segmenter_config: " + e.what());
    }
    mNetwork = SegmentationUnet(mConfig);
    mMetadata = loadModuleWeights(path, *mNetwork);
    mNetwork->to(device);
    mNetwork->eval();
}

torch::Tensor SegmentationModel::patchFeatures(const torch::Tensor& patches, int batch)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> parts;
    for (int64_t b = 0; b < patches.size(0); b += batch) {
        const torch::Tensor chunk = patches.narrow(0, b, std::min<int64_t>(batch, patches.size(0) - b)).to(mDevice);
        parts.push_back(mNetwork->bottleneckFeatures(chunk).to(torch::kCPU));
    }
    return torch::cat(parts, 0);
}

torch::Tensor SegmentationModel::probabilities(const torch::Tensor& image, int tile, int overlap, int batch)
{
    torch::NoGradGuard noGrad;
    TilingOptions tiling;
    tiling.tile = tile;
    tiling.overlap = overlap;
    tiling.batch = batch;
    torch::Device current = mDevice;
    auto network = [&](const torch::Tensor& tiles, const torch::Device& device) {
        if (device != current) { // the out-of-memory fallback moved the work to the CPU
            mNetwork->to(device);
            current = device;
        }
        return torch::sigmoid(mNetwork->forward(tiles.to(device))).to(torch::kCPU);
    };
    torch::Tensor out = inferTiled(image, network, tiling, mDevice);
    if (current != mDevice)
        mNetwork->to(mDevice);
    return out;
}

} // namespace hrtem::models
