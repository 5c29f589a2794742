#include <catch2/catch.hpp>

#include "models/inference/tiled_inference.h"

#include <torch/torch.h>

#include <stdexcept>
#include <string>

using namespace hrtem::models;

namespace {

const torch::Device kCpu(torch::kCPU);

torch::Tensor identity(const torch::Tensor& tiles, const torch::Device&) { return tiles.clone(); }

double maxAbs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

/// Largest difference between horizontally or vertically neighbouring pixels.
double maxNeighbourStep(const torch::Tensor& image)
{
    auto dy = (image.slice(0, 1) - image.slice(0, 0, -1)).abs().max().item<double>();
    auto dx = (image.slice(1, 1) - image.slice(1, 0, -1)).abs().max().item<double>();
    return std::max(dy, dx);
}

bool contains(const std::vector<std::string>& lines, const std::string& part)
{
    for (const auto& line : lines)
        if (line.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("Tiled inference with an identity network reproduces the image", "[models][tiling]")
{
    torch::manual_seed(21);
    const std::vector<std::pair<int64_t, int64_t>> sizes{{512, 512}, {300, 217}, {64, 50}};
    const std::vector<TilingOptions> settings{{128, 32, 8}, {128, 0, 8}, {64, 16, 3}, {96, 40, 5}};
    for (const auto& [height, width] : sizes) {
        auto image = torch::randn({height, width});
        for (const auto& options : settings) {
            INFO(height << "x" << width << " tile " << options.tile << " overlap " << options.overlap);
            TilingReport report;
            auto result = inferTiled(image, identity, options, kCpu, &report);
            REQUIRE(result.sizes() == image.sizes());
            CHECK(result.scalar_type() == torch::kFloat);
            CHECK(maxAbs(result - image) < 1e-5);
            CHECK(report.tiles > 0);
            CHECK(report.messages.empty());
        }
    }
}

TEST_CASE("Tile grid covers the image with the last tiles on the edge", "[models][tiling]")
{
    auto image = torch::zeros({512, 512});
    TilingReport report;
    int largestBatch = 0;
    auto counting = [&largestBatch](const torch::Tensor& tiles, const torch::Device&) {
        largestBatch = std::max(largestBatch, static_cast<int>(tiles.size(0)));
        return tiles + 1.0;
    };
    auto result = inferTiled(image, counting, {128, 32, 8}, kCpu, &report);
    CHECK(report.tiles == 25); // starts 0, 96, 192, 288, 384 on each axis
    CHECK(largestBatch == 8);
    CHECK(report.finalBatch == 8);
    CHECK(report.finalDevice == "cpu");
    CHECK(maxAbs(result - 1.0) < 1e-5);

    // Smaller than a tile: one padded tile, cropped back.
    TilingReport small;
    auto tiny = torch::randn({64, 50});
    auto doubled = inferTiled(
        tiny, [](const torch::Tensor& t, const torch::Device&) { return 2.0 * t; }, {128, 32, 8}, kCpu, &small);
    CHECK(small.tiles == 1);
    CHECK(maxAbs(doubled - 2.0 * tiny) < 1e-5);
}

TEST_CASE("Tapered blending hides a per-tile offset that a hard cut shows", "[models][tiling]")
{
    // 300 px: tile starts 0, 96, 172 on each axis -> 3 x 3 tiles in row-major order; an offset
    // of (tile index % 2) * step makes a checkerboard, so every neighbouring pair differs by step.
    const double step = 1.0;
    auto offsetNetwork = [step](int* counter) {
        return [step, counter](const torch::Tensor& tiles, const torch::Device&) {
            auto out = tiles.clone();
            for (int64_t i = 0; i < tiles.size(0); ++i)
                out[i] += step * ((*counter)++ % 2);
            return out;
        };
    };
    auto image = torch::zeros({300, 300});

    int hardCounter = 0;
    auto hard = inferTiled(image, offsetNetwork(&hardCounter), {128, 0, 4}, kCpu);
    int blendCounter = 0;
    auto blended = inferTiled(image, offsetNetwork(&blendCounter), {128, 32, 4}, kCpu);
    REQUIRE(hardCounter == 9);
    REQUIRE(blendCounter == 9);

    const double hardStep = maxNeighbourStep(hard);
    const double blendStep = maxNeighbourStep(blended);
    INFO("hard cut " << hardStep << ", blended " << blendStep);
    CHECK(hardStep >= 0.5 * step);
    CHECK(blendStep < 0.25 * step);
    // The blend stays within the tile values.
    CHECK(blended.min().item<double>() >= -1e-6);
    CHECK(blended.max().item<double>() <= step + 1e-6);
}

TEST_CASE("Out-of-memory errors halve the batch and keep the result", "[models][tiling]")
{
    torch::manual_seed(22);
    auto image = torch::randn({512, 512});
    auto network = [](const torch::Tensor& tiles, const torch::Device&) { return tiles * 3.0 - 1.0; };
    auto plain = inferTiled(image, network, {128, 32, 8}, kCpu);

    int failures = 0;
    auto smallMemory = [&](const torch::Tensor& tiles, const torch::Device& device) {
        if (tiles.size(0) > 2) {
            ++failures;
            TORCH_CHECK(false, "CUDA out of memory. Tried to allocate 2.00 GiB");
        }
        return network(tiles, device);
    };
    TilingReport report;
    auto fallback = inferTiled(image, smallMemory, {128, 32, 8}, kCpu, &report);
    CHECK(maxAbs(fallback - plain) < 1e-6);
    CHECK(failures == 2); // 8 -> 4 -> 2, and 2 sticks
    CHECK(report.finalBatch == 2);
    CHECK(report.finalDevice == "cpu");
    CHECK(report.tiles == 25);
    REQUIRE(report.messages.size() == 2);
    CHECK(contains(report.messages, "at batch 8: retrying with batch 4"));
    CHECK(contains(report.messages, "at batch 4: retrying with batch 2"));
}

TEST_CASE("Out of memory at batch 1 on the CPU and other errors propagate", "[models][tiling]")
{
    auto image = torch::zeros({200, 200});
    SECTION("out of memory at batch 1 on the CPU")
    {
        auto alwaysOom = [](const torch::Tensor&, const torch::Device&) -> torch::Tensor {
            TORCH_CHECK(false, "CUDA out of memory. Tried to allocate 1 GiB");
        };
        TilingReport report;
        CHECK_THROWS_AS(inferTiled(image, alwaysOom, {128, 32, 4}, kCpu, &report), c10::Error);
        CHECK(report.messages.size() == 2); // 4 -> 2 -> 1, then nowhere left to go
        CHECK(report.finalBatch == 1);
    }
    SECTION("a c10::Error that is not out of memory")
    {
        int calls = 0;
        auto broken = [&calls](const torch::Tensor&, const torch::Device&) -> torch::Tensor {
            ++calls;
            TORCH_CHECK(false, "Expected 3 channels, got 1");
        };
        TilingReport report;
        CHECK_THROWS_WITH(inferTiled(image, broken, {128, 32, 4}, kCpu, &report),
                          Catch::Contains("Expected 3 channels"));
        CHECK(calls == 1);
        CHECK(report.messages.empty());
    }
    SECTION("another exception type")
    {
        auto broken = [](const torch::Tensor&, const torch::Device&) -> torch::Tensor {
            throw std::logic_error("no weights loaded");
        };
        CHECK_THROWS_AS(inferTiled(image, broken, {128, 32, 4}, kCpu), std::logic_error);
    }
    SECTION("a network returning the wrong shape")
    {
        auto wrong = [](const torch::Tensor& tiles, const torch::Device&) { return tiles.slice(2, 0, 10); };
        CHECK_THROWS_AS(inferTiled(image, wrong, {128, 32, 4}, kCpu), c10::Error);
    }
    SECTION("invalid options")
    {
        CHECK_THROWS_AS(inferTiled(image, identity, {128, 128, 4}, kCpu), c10::Error);
        CHECK_THROWS_AS(inferTiled(image, identity, {128, 32, 0}, kCpu), c10::Error);
        CHECK_THROWS_AS(inferTiled(torch::zeros({2, 8, 8}), identity, {128, 32, 4}, kCpu), c10::Error);
    }
}

TEST_CASE("Progress reports fractions and cancels after a batch", "[models][tiling]")
{
    auto image = torch::zeros({300, 300}); // 9 tiles of 128
    SECTION("fractions rise to 1")
    {
        std::vector<double> fractions;
        inferTiled(image, identity, {128, 32, 4}, kCpu, nullptr, [&fractions](double fraction) {
            fractions.push_back(fraction);
            return true;
        });
        REQUIRE(fractions.size() == 3); // batches of 4, 4, 1
        CHECK(fractions[0] == Approx(4.0 / 9.0));
        CHECK(fractions[1] == Approx(8.0 / 9.0));
        CHECK(fractions[2] == Approx(1.0));
    }
    SECTION("cancel")
    {
        int calls = 0;
        auto counting = [&calls](const torch::Tensor& tiles, const torch::Device&) {
            ++calls;
            return tiles.clone();
        };
        TilingReport report;
        CHECK_THROWS_AS(inferTiled(image, counting, {128, 32, 4}, kCpu, &report, [](double) { return false; }),
                        InferenceCancelled);
        CHECK(calls == 1);
        CHECK(report.tiles == 4);
    }
}
