#pragma once
// The transformer at the generator's bottleneck (paper Fig. 2(e)): the fused feature map becomes
// one token per pixel, gets a fixed 2-D sin-cos positional encoding and passes through pre-norm
// self-attention blocks, then is folded back into a map.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace hrtem::models {

/// Fixed 2-D sin-cos positional encoding (MAE's get_2d_sincos_pos_embed construction) of shape
/// (h*w, dim), rows in raster order. Channels [0, dim/2) encode the row y, [dim/2, dim) the
/// column x; each half is [sin(p*omega) | cos(p*omega)] with omega_i = 1/10000^(i/(dim/4)).
/// Throws std::invalid_argument unless dim is a positive multiple of 4.
torch::Tensor sinCosPositionalEncoding2d(int64_t h, int64_t w, int64_t dim,
                                         const torch::TensorOptions& options = torch::kFloat);

/// One pre-norm transformer block: x + MHA(LN(x)), then x + MLP(LN(x)) with GELU.
/// Tokens are sequence-first (L, B, C), as torch::nn::MultiheadAttention expects in C++.
struct TransformerBlockImpl : torch::nn::Module {
    TransformerBlockImpl(int64_t dim, int64_t heads, int64_t mlpRatio);
    torch::Tensor forward(const torch::Tensor& tokens);

    torch::nn::LayerNorm attentionNorm{nullptr};
    torch::nn::MultiheadAttention attention{nullptr};
    torch::nn::LayerNorm mlpNorm{nullptr};
    torch::nn::Linear mlpIn{nullptr}, mlpOut{nullptr};
};
TORCH_MODULE(TransformerBlock);

/// (B,C,H,W) -> tokens + positional encoding -> `layers` TransformerBlocks -> (B,C,H,W).
/// Works for any H, W (the encoding is computed per call, not stored).
struct ViTBottleneckImpl : torch::nn::Module {
    ViTBottleneckImpl(int64_t dim, int64_t layers, int64_t heads, int64_t mlpRatio);
    torch::Tensor forward(const torch::Tensor& x);

    int64_t dim;
    torch::nn::ModuleList blocks;
};
TORCH_MODULE(ViTBottleneck);

} // namespace hrtem::models
