#pragma once
// Whole-micrograph inference with a network trained on small crops: overlapping tiles, blended
// with tapered windows, in batches, with a fallback when the GPU runs out of memory.
#include <torch/torch.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hrtem::models {

struct TilingOptions {
    int tile = 128;   ///< tile edge length in pixels
    int overlap = 32; ///< minimal overlap of neighbouring tiles, 0 <= overlap < tile
    int batch = 8;    ///< tiles per network call (halved on out-of-memory)
};

/// The network: (N,1,t,t) float tiles on `device` -> (N,1,t,t) (any device, any float type).
using TileFunction = std::function<torch::Tensor(const torch::Tensor& tiles, const torch::Device& device)>;

struct TilingReport {
    int tiles = 0;                     ///< tiles processed
    int finalBatch = 0;                ///< batch size in use at the end
    std::string finalDevice;           ///< device in use at the end, e.g. "cuda:0" or "cpu"
    std::vector<std::string> messages; ///< one line per out-of-memory fallback step
};

/// Thrown by inferTiled when the progress callback returns false.
class InferenceCancelled : public std::runtime_error {
public:
    InferenceCancelled() : std::runtime_error("tiled inference cancelled") {}
};

/// Applies `f` to overlapping tiles of a (H,W) float32 CPU image and returns the blended (H,W)
/// float32 CPU result.
/// - Tiles start every tile - overlap pixels; the last row and column are aligned to the image
///   edge, so every pixel is covered and no tile reaches outside. An image smaller than a tile
///   is reflect-padded to the tile size (repeated reflection for very small images) and the
///   result cropped back.
/// - Blending: each output is weighted by a separable raised-cosine window that tapers over the
///   `overlap` pixels on each side that faces a neighbouring tile (not on the image border) and
///   never falls below 1e-3; the weighted sum is divided by the summed weights. An identity
///   network reproduces the input; a per-tile offset blends smoothly instead of leaving seams.
/// - Tiles go to `f` in row-major order, in batches of options.batch.
/// - Out of memory: when `f` throws a c10::Error whose message contains "out of memory", the
///   batch is halved and retried; at batch 1 the work moves to the CPU; each step appends a line
///   to report->messages. Any other exception, or an out-of-memory error at batch 1 on the CPU,
///   propagates.
/// - After each batch `progress(fraction done)` is called; returning false throws
///   InferenceCancelled.
/// Runs without gradient recording.
torch::Tensor inferTiled(const torch::Tensor& image, const TileFunction& f, const TilingOptions& options,
                         torch::Device device, TilingReport* report = nullptr,
                         const std::function<bool(double fraction)>& progress = {});

} // namespace hrtem::models
