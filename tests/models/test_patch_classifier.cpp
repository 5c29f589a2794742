// The multi-task patch classifier (Supplementary Note I): its heads' shapes, its configuration
// read strictly, that a few hundred steps learn a task whose answer is known (lattice or not,
// little or much noise), and that exported weights load back with identical answers.
#include "models/networks/patch_classifier_net.h"
#include "models/training/patch_classifier_trainer.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <unistd.h>

using namespace hrtem::models;

namespace {

/// Patches of a known task: crystal = a cosine lattice of period 8 px at a random phase on a
/// flat background (else the flat background alone); high quality = noise sigma 0.05 (else 0.5).
struct Task {
    torch::Tensor patches, dose, foreground, highQuality;
};

Task makeTask(int count, uint64_t seed)
{
    torch::manual_seed(seed);
    const auto grid = torch::arange(32, torch::kFloat);
    const auto y = grid.view({32, 1}), x = grid.view({1, 32});
    Task t;
    t.foreground = (torch::rand({count}) < 0.5).to(torch::kFloat);
    t.highQuality = (torch::rand({count}) < 0.5).to(torch::kFloat);
    std::vector<torch::Tensor> patches;
    for (int i = 0; i < count; ++i) {
        const double phase = torch::rand({1}).item<double>() * 6.283;
        torch::Tensor p = 0.6 * t.foreground[i] * torch::cos(0.785398 * (x + y) + phase) * torch::cos(0.785398 * (x - y));
        const double sigma = t.highQuality[i].item<double>() > 0.5 ? 0.05 : 0.5;
        patches.push_back((p + sigma * torch::randn({32, 32})).unsqueeze(0));
    }
    t.patches = torch::stack(patches);
    t.dose = torch::zeros({count}); // the image alone must tell: no help from the dose feature
    return t;
}

double accuracy(const torch::Tensor& probability, const torch::Tensor& truth)
{
    return ((probability > 0.5).to(torch::kFloat) == truth).to(torch::kFloat).mean().item<double>();
}

} // namespace

TEST_CASE("the patch classifier's three heads have the shapes the paper's tasks need", "[patch_classifier]")
{
    PatchClassifierNet net(PatchClassifierConfig{});
    const PatchClassifierOutput out = net->forward(torch::randn({5, 1, 32, 32}), torch::zeros({5}));
    CHECK(out.reconstruction.sizes() == torch::IntArrayRef({5, 1, 32, 32}));
    CHECK(out.foregroundLogit.sizes() == torch::IntArrayRef({5}));
    CHECK(out.highQualityLogit.sizes() == torch::IntArrayRef({5}));
    CHECK(net->encode(torch::randn({2, 1, 32, 32})).sizes() == torch::IntArrayRef({2, 64}));

    CHECK(patchClassifierConfigFromJson(toJson(PatchClassifierConfig{48, 8, 16})).patchSize == 48);
    CHECK_THROWS_WITH(patchClassifierConfigFromJson({{"patch", 32}}), Catch::Contains("'patch'"));
    CHECK_THROWS_AS(patchClassifierConfigFromJson({{"patch_size", 36}}), std::invalid_argument);
    CHECK_THROWS_WITH(patchClassifierTrainingOptionsFromJson({{"learning_rate", -1.0}}), Catch::Contains("learning_rate"));
}

TEST_CASE("the patch classifier learns lattice from background and low from high noise, and its weights load back",
          "[patch_classifier][training]")
{
    torch::set_num_threads(2);
    PatchClassifierTrainingOptions options;
    options.batchSize = 32;
    PatchClassifierTrainer trainer(options, torch::kCPU);
    const Task train = makeTask(512, 1), test = makeTask(256, 2);
    double first = 0.0, last = 0.0;
    for (int step = 0; step < 240; ++step) {
        const int64_t b = (step * 32) % 512;
        const double loss = trainer.step(train.patches.narrow(0, b, 32), train.dose.narrow(0, b, 32), train.foreground.narrow(0, b, 32),
                                         train.highQuality.narrow(0, b, 32));
        if (step < 10)
            first += loss / 10;
        if (step >= 230)
            last += loss / 10;
    }
    INFO("loss " << first << " -> " << last);
    CHECK(last < 0.5 * first);

    const std::string path = (std::filesystem::temp_directory_path() / ("patch_classifier_" + std::to_string(::getpid()) + ".safetensors")).string();
    trainer.exportWeights(path, {{"reference_period_px", "8"}});
    PatchClassifierModel model(path, torch::kCPU);
    const PatchProbabilities p = model.classify(test.patches, test.dose, 100);
    INFO("held-out accuracy: crystal " << accuracy(p.foreground, test.foreground) << ", quality "
                                       << accuracy(p.highQuality, test.highQuality));
    CHECK(accuracy(p.foreground, test.foreground) >= 0.95);
    CHECK(accuracy(p.highQuality, test.highQuality) >= 0.95);
    CHECK(model.metadata().at("reference_period_px") == "8");
    CHECK(model.metadata().at("training_steps") == "240");
    // The trainer's own network gives the same answers as the loaded one.
    trainer.network()->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor direct = torch::sigmoid(trainer.network()->forward(test.patches, test.dose).foregroundLogit);
    CHECK(torch::allclose(direct, p.foreground, 1e-5, 1e-6));
    std::filesystem::remove(path);

    CHECK_THROWS_WITH(PatchClassifierModel("/nonexistent/classifier.safetensors", torch::kCPU),
                      Catch::Contains("/nonexistent/classifier.safetensors"));
}
