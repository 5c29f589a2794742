#include "models/networks/patch_classifier_net.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace hrtem::models {

namespace {

namespace F = torch::nn::functional;

torch::nn::Conv2d conv3(int64_t in, int64_t out, int64_t stride = 1)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1));
}

} // namespace

nlohmann::json toJson(const PatchClassifierConfig& c)
{
    return {{"patch_size", c.patchSize}, {"base", c.base}, {"code", c.code}};
}

PatchClassifierConfig patchClassifierConfigFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::invalid_argument("patch classifier config: expected a JSON object");
    PatchClassifierConfig c;
    for (const auto& [key, value] : json.items()) {
        try {
            if (key == "patch_size") c.patchSize = value.get<int64_t>();
            else if (key == "base") c.base = value.get<int64_t>();
            else if (key == "code") c.code = value.get<int64_t>();
            else throw std::invalid_argument("patch classifier config: unknown key '" + key + "'");
        } catch (const nlohmann::json::exception&) {
            throw std::invalid_argument("patch classifier config: bad value for '" + key + "'");
        }
    }
    if (c.patchSize < 16 || c.patchSize % 8 != 0 || c.base < 1 || c.code < 1)
        throw std::invalid_argument("patch classifier config: patch_size a multiple of 8 from 16 on, base and code >= 1 needed");
    return c;
}

PatchClassifierNetImpl::PatchClassifierNetImpl(const PatchClassifierConfig& c) : config(c)
{
    const int64_t b = c.base, side = c.patchSize / 8;
    // P -> P/2 -> P/4 -> P/8, a full-resolution stage first: shot noise lives at the pixel scale.
    encoder = torch::nn::Sequential(conv3(1, b), torch::nn::ReLU(), conv3(b, b, 2), torch::nn::ReLU(),
                                    conv3(b, 2 * b), torch::nn::ReLU(), conv3(2 * b, 2 * b, 2), torch::nn::ReLU(),
                                    conv3(2 * b, 4 * b, 2), torch::nn::ReLU());
    toCode = torch::nn::Linear(4 * b * side * side, c.code);
    foregroundHead = torch::nn::Linear(c.code + 1, 1);
    qualityHead = torch::nn::Linear(c.code + 1, 1);
    fromCode = torch::nn::Linear(c.code, 4 * b * side * side);
    auto up = [] { return torch::nn::Upsample(torch::nn::UpsampleOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest)); };
    decoder = torch::nn::Sequential(up(), conv3(4 * b, 2 * b), torch::nn::ReLU(), up(), conv3(2 * b, b), torch::nn::ReLU(),
                                    up(), conv3(b, 1));
    register_module("encoder", encoder);
    register_module("to_code", toCode);
    register_module("foreground_head", foregroundHead);
    register_module("quality_head", qualityHead);
    register_module("from_code", fromCode);
    register_module("decoder", decoder);
}

torch::Tensor PatchClassifierNetImpl::encode(const torch::Tensor& patches)
{
    return torch::relu(toCode->forward(encoder->forward(patches).flatten(1)));
}

torch::Tensor PatchClassifierNetImpl::foregroundLogit(const torch::Tensor& code, const torch::Tensor& dose)
{
    return foregroundHead->forward(torch::cat({code, dose.view({-1, 1})}, 1)).squeeze(1);
}

torch::Tensor PatchClassifierNetImpl::highQualityLogit(const torch::Tensor& code, const torch::Tensor& dose)
{
    return qualityHead->forward(torch::cat({code, dose.view({-1, 1})}, 1)).squeeze(1);
}

PatchClassifierOutput PatchClassifierNetImpl::forward(const torch::Tensor& patches, const torch::Tensor& dose)
{
    const torch::Tensor code = encode(patches);
    const int64_t side = config.patchSize / 8;
    PatchClassifierOutput out;
    out.foregroundLogit = foregroundLogit(code, dose);
    // In training, three patches in four have their quality judged without the code (dropped as
    // a whole, the rest scaled up as dropout does): the head must tell the dose by the dose
    // feature alone, so that a microscope whose lattice looks fainter than the simulator's is not
    // called low quality at a high dose. (Half the patches were not enough: the independent
    // generator's 200-counts/px frames came out at 0.45-0.63.)
    constexpr double kKeepCode = 0.25;
    torch::Tensor qualityCode = code;
    if (is_training())
        qualityCode = code * (torch::rand({code.size(0), 1}, code.options()) < kKeepCode).to(code.dtype()) / kKeepCode;
    out.highQualityLogit = highQualityLogit(qualityCode, dose);
    out.reconstruction = decoder->forward(torch::relu(fromCode->forward(code)).view({-1, 4 * config.base, side, side}));
    return out;
}

torch::Tensor patchClassifierLoss(const PatchClassifierOutput& out, const torch::Tensor& patches,
                                  const torch::Tensor& foreground, const torch::Tensor& highQuality)
{
    return F::binary_cross_entropy_with_logits(out.foregroundLogit, foreground) +
           F::binary_cross_entropy_with_logits(out.highQualityLogit, highQuality) +
           F::mse_loss(out.reconstruction, patches);
}

} // namespace hrtem::models
