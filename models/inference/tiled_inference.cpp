#include "models/inference/tiled_inference.h"

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace hrtem::models {

namespace {

constexpr float kWindowFloor = 1e-3F;

/// Tile start positions along one axis of length `length` >= tile; the last one is aligned to
/// the end.
std::vector<int64_t> tileStarts(int64_t length, int64_t tile, int64_t stride)
{
    std::vector<int64_t> starts;
    for (int64_t start = 0;; start += stride) {
        if (start + tile >= length) {
            starts.push_back(length - tile);
            break;
        }
        starts.push_back(start);
    }
    return starts;
}

/// 1-D blending weights of one tile side-to-side: a raised-cosine ramp over `overlap` pixels at
/// each end that faces a neighbour, 1 elsewhere, never below kWindowFloor.
torch::Tensor axisWindow(int64_t tile, int64_t overlap, bool taperStart, bool taperEnd)
{
    std::vector<float> weights(static_cast<size_t>(tile), 1.0F);
    auto ramp = [overlap](int64_t i) {
        return static_cast<float>(0.5 - 0.5 * std::cos(std::acos(-1.0) * (static_cast<double>(i) + 0.5) / overlap));
    };
    for (int64_t i = 0; i < tile; ++i) {
        float w = 1.0F;
        if (taperStart && i < overlap)
            w = std::min(w, ramp(i));
        if (taperEnd && tile - 1 - i < overlap)
            w = std::min(w, ramp(tile - 1 - i));
        weights[static_cast<size_t>(i)] = std::max(w, kWindowFloor);
    }
    return torch::tensor(weights);
}

/// Mirror-extends a (H,W) image at the bottom and right to at least tile x tile. Reflection
/// needs a pad smaller than the size, so tiny images are reflected repeatedly.
torch::Tensor padToTile(torch::Tensor image, int64_t tile)
{
    namespace F = torch::nn::functional;
    auto padded = image.unsqueeze(0).unsqueeze(0);
    while (padded.size(2) < tile || padded.size(3) < tile) {
        const int64_t h = padded.size(2);
        const int64_t w = padded.size(3);
        const int64_t padH = std::min(std::max<int64_t>(tile - h, 0), h - 1);
        const int64_t padW = std::min(std::max<int64_t>(tile - w, 0), w - 1);
        if ((h < tile && padH == 0) || (w < tile && padW == 0)) {
            // A single row or column has nothing to reflect.
            padded = F::pad(padded, F::PadFuncOptions({0, std::max<int64_t>(tile - w, 0), 0,
                                                       std::max<int64_t>(tile - h, 0)})
                                        .mode(torch::kReplicate));
            break;
        }
        padded = F::pad(padded, F::PadFuncOptions({0, padW, 0, padH}).mode(torch::kReflect));
    }
    return padded.squeeze(0).squeeze(0).contiguous();
}

bool isOutOfMemory(const c10::Error& error)
{
    return std::string(error.what()).find("out of memory") != std::string::npos;
}

struct TilePosition {
    int64_t y;
    int64_t x;
    torch::Tensor window;
};

} // namespace

torch::Tensor inferTiled(const torch::Tensor& image, const TileFunction& f, const TilingOptions& options,
                         torch::Device device, TilingReport* report,
                         const std::function<bool(double fraction)>& progress)
{
    TORCH_CHECK(image.dim() == 2 && image.numel() > 0, "inferTiled: expected a non-empty (H,W) image, got ",
                image.sizes());
    TORCH_CHECK(options.tile > 0 && options.overlap >= 0 && options.overlap < options.tile,
                "inferTiled: need tile > 0 and 0 <= overlap < tile");
    TORCH_CHECK(options.batch >= 1, "inferTiled: batch must be at least 1");
    torch::NoGradGuard noGrad;

    const int64_t tile = options.tile;
    const int64_t overlap = options.overlap;
    const int64_t height = image.size(0);
    const int64_t width = image.size(1);
    auto padded = padToTile(image.to(torch::kCPU, torch::kFloat).contiguous(), tile);
    const int64_t paddedHeight = padded.size(0);
    const int64_t paddedWidth = padded.size(1);

    // Index [taperStart][taperEnd].
    std::array<std::array<torch::Tensor, 2>, 2> windows1d;
    for (int start = 0; start < 2; ++start)
        for (int end = 0; end < 2; ++end)
            windows1d[start][end] = axisWindow(tile, overlap, start != 0, end != 0);

    std::vector<TilePosition> tiles;
    for (int64_t y : tileStarts(paddedHeight, tile, tile - overlap)) {
        const auto& rowWindow = windows1d[y > 0][y + tile < paddedHeight];
        for (int64_t x : tileStarts(paddedWidth, tile, tile - overlap)) {
            const auto& columnWindow = windows1d[x > 0][x + tile < paddedWidth];
            tiles.push_back({y, x, rowWindow.unsqueeze(1) * columnWindow.unsqueeze(0)});
        }
    }

    auto accumulated = torch::zeros({paddedHeight, paddedWidth});
    auto weights = torch::zeros({paddedHeight, paddedWidth});
    TilingReport localReport;
    TilingReport& out = report ? *report : localReport;
    out = TilingReport{};
    int batch = options.batch;
    out.finalBatch = batch;
    out.finalDevice = device.str();

    size_t next = 0;
    while (next < tiles.size()) {
        const size_t count = std::min(static_cast<size_t>(batch), tiles.size() - next);
        std::vector<torch::Tensor> crops;
        crops.reserve(count);
        for (size_t j = next; j < next + count; ++j)
            crops.push_back(padded.slice(0, tiles[j].y, tiles[j].y + tile).slice(1, tiles[j].x, tiles[j].x + tile));
        auto input = torch::stack(crops).unsqueeze(1).to(device);

        torch::Tensor output;
        try {
            output = f(input, device);
        } catch (const c10::Error& error) {
            if (!isOutOfMemory(error))
                throw;
            const std::string where = "Out of memory on " + device.str() + " at batch " + std::to_string(count);
            if (count > 1) {
                batch = static_cast<int>(count / 2);
                out.messages.push_back(where + ": retrying with batch " + std::to_string(batch));
            } else if (!device.is_cpu()) {
                batch = 1;
                device = torch::Device(torch::kCPU);
                out.messages.push_back(where + ": continuing on the CPU");
            } else {
                throw;
            }
            out.finalBatch = batch;
            out.finalDevice = device.str();
            continue;
        }
        TORCH_CHECK(output.sizes() == input.sizes(), "inferTiled: the network returned ", output.sizes(),
                    " for tiles ", input.sizes());
        output = output.to(torch::kCPU, torch::kFloat).reshape({static_cast<int64_t>(count), tile, tile});

        for (size_t j = 0; j < count; ++j) {
            const auto& position = tiles[next + j];
            const auto& window = position.window;
            accumulated.slice(0, position.y, position.y + tile)
                .slice(1, position.x, position.x + tile)
                .add_(output[static_cast<int64_t>(j)] * window);
            weights.slice(0, position.y, position.y + tile).slice(1, position.x, position.x + tile).add_(window);
        }
        next += count;
        out.tiles = static_cast<int>(next);
        if (progress && !progress(static_cast<double>(next) / static_cast<double>(tiles.size())))
            throw InferenceCancelled();
    }

    return (accumulated / weights).slice(0, 0, height).slice(1, 0, width).contiguous();
}

} // namespace hrtem::models
