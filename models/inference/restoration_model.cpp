#include "models/inference/restoration_model.h"

#include "models/compat.h"
#include "models/io/module_weights.h"
#include "models/io/safetensors.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace hrtem::models {

RestorationModel::RestorationModel(const std::string& path, torch::Device device) : mDevice(device)
{
    // The header first: which network, before any tensor is read into one.
    const TensorFile file = readSafetensors(path);
    const auto format = file.metadata.find("format");
    if (format == file.metadata.end() || format->second != "hrtem-gan-generator")
        throw std::runtime_error(path + ": not HRTEM-GAN restoration weights (no format \"hrtem-gan-generator\" in its header)");
    const auto config = file.metadata.find("generator_config");
    if (config == file.metadata.end())
        throw std::runtime_error(path + ": the header has no generator_config");
    try {
        mConfig = generatorConfigFromJson(nlohmann::json::parse(config->second));
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": bad generator_config: " + e.what());
    }
    mGenerator = HrtemGanGenerator(mConfig);
    mMetadata = loadModuleWeights(path, *mGenerator);
    mGenerator->to(device);
    mGenerator->eval();
}

torch::Tensor RestorationModel::restore(const torch::Tensor& image, const TilingOptions& tiling, TilingReport* report,
                                        const std::function<bool(double)>& progress)
{
    // Grad mode and autocast are thread-local: set here, in whatever thread restores. (Not
    // InferenceMode: the fallback may move parameters, and inference tensors cannot leave it.)
    torch::NoGradGuard noGrad;
    const bool useBf16 = bf16;
    HrtemGanGenerator generator = mGenerator;
    torch::Device current = mDevice;
    auto network = [&](const torch::Tensor& tiles, const torch::Device& device) {
        if (device != current) { // the out-of-memory fallback moved us to the CPU
            generator->to(device);
            current = device;
        }
        AutocastGuard autocast(device, useBf16);
        return generator->forward(tiles.to(device)).image.to(torch::kFloat);
    };
    torch::Tensor out = inferTiled(image, network, tiling, mDevice, report, progress);
    if (current != mDevice) // later frames try the requested device again
        generator->to(mDevice);
    return out;
}

} // namespace hrtem::models
