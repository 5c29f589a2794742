#include "models/networks/vit_bottleneck.h"

#include <torch/torch.h>

#include <stdexcept>
#include <string>

namespace hrtem::models {
namespace {

// [sin(p*omega) | cos(p*omega)] for positions p (n) -> (n, 2*omega.size(0)).
torch::Tensor sinCos1d(const torch::Tensor& positions, const torch::Tensor& omega)
{
    const torch::Tensor angles = positions.unsqueeze(1) * omega.unsqueeze(0);
    return torch::cat({torch::sin(angles), torch::cos(angles)}, 1);
}

} // namespace

torch::Tensor sinCosPositionalEncoding2d(int64_t h, int64_t w, int64_t dim, const torch::TensorOptions& options)
{
    if (dim <= 0 || dim % 4 != 0)
        throw std::invalid_argument("sinCosPositionalEncoding2d: dim must be a positive multiple of 4, got "
                                    + std::to_string(dim));
    // Computed in float64 then cast, so the encoding does not depend on the compute dtype.
    const auto f64 = torch::TensorOptions().dtype(torch::kDouble);
    const int64_t quarter = dim / 4;
    const torch::Tensor omega = torch::pow(10000.0, -torch::arange(quarter, f64) / double(quarter));
    const torch::Tensor rows = sinCos1d(torch::arange(h, f64), omega);     // (h, dim/2)
    const torch::Tensor cols = sinCos1d(torch::arange(w, f64), omega);     // (w, dim/2)
    const torch::Tensor grid = torch::cat({rows.unsqueeze(1).expand({h, w, dim / 2}),
                                           cols.unsqueeze(0).expand({h, w, dim / 2})}, 2);
    return grid.reshape({h * w, dim}).to(options.dtype()).to(options.device());
}

TransformerBlockImpl::TransformerBlockImpl(int64_t dim, int64_t heads, int64_t mlpRatio)
    : attentionNorm(torch::nn::LayerNormOptions({dim})),
      attention(torch::nn::MultiheadAttentionOptions(dim, heads)),
      mlpNorm(torch::nn::LayerNormOptions({dim})),
      mlpIn(dim, dim * mlpRatio),
      mlpOut(dim * mlpRatio, dim)
{
    register_module("attention_norm", attentionNorm);
    register_module("attention", attention);
    register_module("mlp_norm", mlpNorm);
    register_module("mlp_in", mlpIn);
    register_module("mlp_out", mlpOut);
}

torch::Tensor TransformerBlockImpl::forward(const torch::Tensor& tokens)
{
    const torch::Tensor normed = attentionNorm(tokens);
    torch::Tensor x = tokens + std::get<0>(attention->forward(normed, normed, normed, torch::Tensor(), /*need_weights=*/false));
    return x + mlpOut(torch::gelu(mlpIn(mlpNorm(x))));
}

ViTBottleneckImpl::ViTBottleneckImpl(int64_t dim_, int64_t layers, int64_t heads, int64_t mlpRatio) : dim(dim_)
{
    if (dim <= 0 || dim % 4 != 0)
        throw std::invalid_argument("ViTBottleneck: channels must be a positive multiple of 4, got "
                                    + std::to_string(dim));
    if (heads <= 0 || dim % heads != 0)
        throw std::invalid_argument("ViTBottleneck: " + std::to_string(heads) + " heads do not divide "
                                    + std::to_string(dim) + " channels");
    for (int64_t i = 0; i < layers; ++i) blocks->push_back(TransformerBlock(dim, heads, mlpRatio));
    register_module("blocks", blocks);
}

torch::Tensor ViTBottleneckImpl::forward(const torch::Tensor& x)
{
    TORCH_CHECK(x.dim() == 4 && x.size(1) == dim, "ViTBottleneck expects (B,", dim, ",H,W), got ", x.sizes());
    const int64_t b = x.size(0), h = x.size(2), w = x.size(3);
    // (B,C,H,W) -> (H*W, B, C): sequence-first for MultiheadAttention.
    torch::Tensor tokens = x.flatten(2).permute({2, 0, 1});
    tokens = tokens + sinCosPositionalEncoding2d(h, w, dim, x.options()).unsqueeze(1);
    for (const auto& block : *blocks) tokens = block->as<TransformerBlock>()->forward(tokens);
    return tokens.permute({1, 2, 0}).reshape({b, dim, h, w});
}

} // namespace hrtem::models
