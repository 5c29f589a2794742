// The CycleGAN trainer: its steps lower the losses on a tiny problem, checkpoints resume, and the
// exported restoration weights load back with their configuration.
#include "models/inference/restoration_model.h"
#include "models/io/safetensors.h"
#include "models/training/cyclegan_trainer.h"
#include "models/training/segmentation_trainer.h"

#include <catch2/catch.hpp>

#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <string>

using namespace hrtem::models;

namespace {

/// A tiny configuration: every piece of the paper's generator (frequency branch, ViT) present.
GanTrainingOptions tinyOptions()
{
    GanTrainingOptions o;
    o.generator.baseChannels = 4;
    o.generator.levels = 1;
    o.generator.vitLayers = 1;
    o.generator.vitHeads = 2;
    o.discriminator.baseChannels = 4;
    o.discriminator.layers = 1;
    o.patchSize = 16;
    o.batchSize = 2;
    o.cfProbes = 8;
    o.poolSize = 4;
    o.stepsPerEpoch = 1000;
    o.schedule.baseLearningRate = 2e-3; // a tiny problem learns faster than the paper's 2e-4
    return o;
}

/// Lattice-like patches: HQ clean fringes at random phases, LQ the same plus noise.
GanBatch makeBatch(int n, int size, torch::Generator& unused, int seed)
{
    (void)unused;
    torch::manual_seed(seed);
    const auto coords = torch::arange(size, torch::kFloat);
    auto lattice = [&](int count) {
        const torch::Tensor phase = torch::rand({count, 1, 1, 1}) * 6.28318f;
        const torch::Tensor y = coords.view({1, 1, size, 1}), x = coords.view({1, 1, 1, size});
        return 0.5f * torch::cos(x * 1.2566f + phase) * torch::cos(y * 1.2566f + phase);
    };
    GanBatch b;
    b.hq = lattice(n);
    b.lq = lattice(n) + 0.4f * torch::randn({n, 1, size, size});
    return b;
}

std::string tempPath(const std::string& name)
{
    return (std::filesystem::temp_directory_path() / ("hrtem_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

} // namespace

TEST_CASE("a few CycleGAN steps on a tiny problem lower the cycle and identity losses", "[models][trainer]")
{
    CycleGanTrainer trainer(tinyOptions(), torch::kCPU);
    torch::Generator none;
    double firstCycle = 0, lastCycle = 0, firstIdentity = 0, lastIdentity = 0;
    const int steps = 40, window = 5;
    for (int s = 0; s < steps; ++s) {
        const GanStepLosses l = trainer.step(makeBatch(2, 16, none, 100 + s));
        REQUIRE(std::isfinite(l.generatorTotal));
        REQUIRE(std::isfinite(l.discriminatorHq));
        REQUIRE(std::isfinite(l.cf));
        REQUIRE(std::isfinite(l.fft));
        if (s < window) {
            firstCycle += l.cycle / window;
            firstIdentity += l.identity / window;
        } else if (s >= steps - window) {
            lastCycle += l.cycle / window;
            lastIdentity += l.identity / window;
        }
    }
    INFO("cycle " << firstCycle << " -> " << lastCycle << ", identity " << firstIdentity << " -> " << lastIdentity);
    CHECK(lastCycle < 0.7 * firstCycle);
    CHECK(lastIdentity < 0.7 * firstIdentity);
    CHECK(trainer.stepsDone() == steps);
}

TEST_CASE("a training checkpoint resumes the networks, optimisers and step count", "[models][trainer]")
{
    const std::string checkpoint = tempPath("ckpt.safetensors");
    torch::Generator none;
    CycleGanTrainer first(tinyOptions(), torch::kCPU);
    for (int s = 0; s < 3; ++s)
        first.step(makeBatch(2, 16, none, 7 + s));
    first.saveCheckpoint(checkpoint);

    GanTrainingOptions other = tinyOptions();
    other.seed = 99; // different initial weights: the checkpoint must overwrite them all
    CycleGanTrainer resumed(other, torch::kCPU);
    resumed.loadCheckpoint(checkpoint);
    CHECK(resumed.stepsDone() == 3);
    const auto a = first.lqToHq()->named_parameters();
    const auto b = resumed.lqToHq()->named_parameters();
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        CHECK(torch::equal(a[i].value(), b[i].value()));

    GanTrainingOptions wider = tinyOptions();
    wider.generator.baseChannels = 8;
    CycleGanTrainer mismatched(wider, torch::kCPU);
    CHECK_THROWS_WITH(mismatched.loadCheckpoint(checkpoint), Catch::Contains("differ"));
    std::remove(checkpoint.c_str());
}

TEST_CASE("exported restoration weights load with their configuration and restore a frame", "[models][trainer]")
{
    const std::string weights = tempPath("gen.safetensors");
    CycleGanTrainer trainer(tinyOptions(), torch::kCPU);
    trainer.exportRestorationWeights(weights, {{"note", "test"}});
    RestorationModel model(weights, torch::kCPU);
    CHECK(model.metadata().at("note") == "test");
    CHECK(model.config().baseChannels == 4);
    // The loaded network computes what the trained one does, tile by tile.
    const torch::Tensor frame = torch::randn({40, 37});
    TilingOptions tiling;
    tiling.tile = 16;
    tiling.overlap = 4;
    const torch::Tensor restored = model.restore(frame, tiling);
    CHECK(restored.sizes() == frame.sizes());
    CHECK(torch::isfinite(restored).all().item<bool>());
    auto reference = trainer.lqToHq();
    reference->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor tile = frame.slice(0, 0, 16).slice(1, 0, 16).reshape({1, 1, 16, 16});
    const torch::Tensor expected = reference->forward(tile).image;
    const torch::Tensor direct = model.restore(frame.slice(0, 0, 16).slice(1, 0, 16).contiguous(), tiling);
    CHECK(torch::allclose(direct, expected.reshape({16, 16}), 1e-5, 1e-5));
    // Not a generator file: a clear error naming it.
    TensorFile other;
    other.tensors["x"] = torch::zeros({2});
    const std::string wrong = tempPath("other.safetensors");
    writeSafetensors(wrong, other);
    CHECK_THROWS_WITH(RestorationModel(wrong, torch::kCPU), Catch::Contains(wrong) && Catch::Contains("not HRTEM-GAN"));
    std::remove(weights.c_str());
    std::remove(wrong.c_str());
}

TEST_CASE("the segmenter learns a tiny column mask and its weights load back", "[models][trainer]")
{
    // Bright discs on noise; the mask marks them. BCE + Dice must fall clearly within a few
    // dozen steps, and the exported weights give the trained network's probabilities.
    SegmentationTrainingOptions o;
    o.segmenter.baseChannels = 4;
    o.segmenter.levels = 1;
    o.patchSize = 16;
    o.batchSize = 4;
    o.learningRate = 1e-2;
    SegmentationTrainer trainer(o, torch::kCPU);
    torch::manual_seed(3);
    auto batch = [](int n) {
        const auto c = torch::arange(16, torch::kFloat);
        const torch::Tensor cx = torch::randint(4, 12, {n, 1, 1, 1}).to(torch::kFloat), cy = torch::randint(4, 12, {n, 1, 1, 1}).to(torch::kFloat);
        const torch::Tensor r2 = (c.view({1, 1, 1, 16}) - cx).pow(2) + (c.view({1, 1, 16, 1}) - cy).pow(2);
        const torch::Tensor mask = (r2 <= 4.0f).to(torch::kFloat);
        return std::make_pair(torch::exp(-r2 / 4.0f) + 0.1f * torch::randn({n, 1, 16, 16}), mask);
    };
    double first = 0, last = 0;
    for (int s = 0; s < 60; ++s) {
        const auto [images, masks] = batch(4);
        const double loss = trainer.step(images, masks);
        if (s < 5)
            first += loss / 5;
        if (s >= 55)
            last += loss / 5;
    }
    INFO("BCE + Dice " << first << " -> " << last);
    CHECK(last < 0.6 * first);
    const std::string weights = tempPath("seg.safetensors");
    trainer.exportWeights(weights, {});
    SegmentationModel model(weights, torch::kCPU);
    const torch::Tensor image = batch(1).first.reshape({16, 16});
    auto network = trainer.network();
    network->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor expected = torch::sigmoid(network->forward(image.reshape({1, 1, 16, 16}))).reshape({16, 16});
    CHECK(torch::allclose(model.probabilities(image, 16, 4, 1), expected, 1e-5, 1e-5));
    CHECK_THROWS_WITH(SegmentationModel(tempPath("missing.safetensors"), torch::kCPU), Catch::Contains("missing.safetensors"));
    std::remove(weights.c_str());
}
