// Benchmark (issue 5 bar 5): HRTEM-GAN generator inference. On the CPU, seconds per 512 x 512
// frame restored tile by tile (the shipped size; target <= 2 s on 2 cores). On CUDA, frames per
// second at 1024 x 1024 in float32 and bf16 (target >= 100). LibTorch only, so it builds with
// HRTEM_MODELS_ONLY on a GPU machine. Prints JSON.
//   bench_gan_inference [WEIGHTS.safetensors] [--frames N] [--tile N] [--overlap N] [--batch N]
#include "models/compat.h"
#include "models/inference/restoration_model.h"
#include "models/inference/tiled_inference.h"
#include "models/io/module_weights.h"
#include "models/networks/hrtem_gan_generator.h"
#include "models/networks/network_config.h"
#include "models/runtime.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <iostream>
#include <string>

using namespace hrtem::models;

namespace {

double secondsOf(const std::function<void()>& work, torch::Device device)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    if (device.is_cuda())
        torch::cuda::synchronize();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The shipped CPU-size configuration, used when no weights file is given (random weights
/// take exactly as long as trained ones).
GeneratorConfig shippedSize()
{
    GeneratorConfig c;
    c.baseChannels = 16;
    c.levels = 3;
    c.vitLayers = 2;
    c.vitHeads = 4;
    return c;
}

} // namespace

int main(int argc, char** argv)
{
    configureThreads(0);
    std::string weights;
    int frames = 3;
    TilingOptions tiling; // default: 128 px tiles, 32 px overlap, batches of 8 (hrtem restore's)
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc)
            frames = std::stoi(argv[++i]);
        else if (a == "--tile" && i + 1 < argc)
            tiling.tile = std::stoi(argv[++i]);
        else if (a == "--overlap" && i + 1 < argc)
            tiling.overlap = std::stoi(argv[++i]);
        else if (a == "--batch" && i + 1 < argc)
            tiling.batch = std::stoi(argv[++i]);
        else
            weights = a;
    }
    HrtemGanGenerator generator{nullptr};
    GeneratorConfig config = shippedSize();
    if (!weights.empty()) {
        RestorationModel loaded(weights, torch::kCPU);
        config = loaded.config();
    }
    generator = HrtemGanGenerator(config);
    if (!weights.empty())
        loadModuleWeights(weights, *generator);
    generator->eval();
    torch::NoGradGuard noGrad;

    nlohmann::json result = {{"benchmark", "gan_inference"},
                             {"runtime", describe(runtimeInfo())},
                             {"generator", toJson(config)},
                             {"parameters", parameterCount(*generator)},
                             {"weights", weights.empty() ? "random (shipped size)" : weights}};

    // CPU: whole 512 x 512 frames through the tiler, as `hrtem restore` runs them.
    auto network = [&](const torch::Tensor& tiles, const torch::Device&) { return generator->forward(tiles).image; };
    const torch::Tensor frame = torch::randn({512, 512}).clamp(-1, 1);
    inferTiled(frame, network, tiling, torch::kCPU); // warm-up
    double cpuSeconds = 0.0;
    for (int f = 0; f < frames; ++f)
        cpuSeconds += secondsOf([&] { inferTiled(frame, network, tiling, torch::kCPU); }, torch::kCPU);
    const double perFrame = cpuSeconds / frames;
    result["cpu"] = {{"threads", runtimeInfo().cpuThreads},
                     {"frame", {512, 512}},
                     {"tile", tiling.tile},
                     {"overlap", tiling.overlap},
                     {"batch", tiling.batch},
                     {"seconds_per_frame", perFrame},
                     {"target_seconds", 2.0},
                     {"pass", perFrame <= 2.0}};

    if (torch::cuda::is_available()) {
        generator->to(torch::kCUDA);
        const torch::Tensor big = torch::randn({1, 1, 1024, 1024}, torch::kCUDA).clamp(-1, 1);
        nlohmann::json cuda = nlohmann::json::object();
        for (const bool bf16 : {false, true}) {
            auto run = [&] {
                AutocastGuard autocast(torch::kCUDA, bf16);
                generator->forward(big);
            };
            for (int w = 0; w < 3; ++w)
                run();
            const int n = 20;
            const double s = secondsOf([&] { for (int i = 0; i < n; ++i) run(); }, torch::kCUDA);
            cuda[bf16 ? "bf16" : "float32"] = {{"frames_per_second_1024", n / s}, {"target", 100.0}, {"pass", n / s >= 100.0}};
        }
        result["cuda"] = cuda;
    } else {
        result["cuda"] = "not available in this LibTorch";
    }
    std::cout << result.dump(2) << std::endl;
    return 0;
}
