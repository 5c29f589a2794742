#include "models/networks/network_config.h"

#include <torch/torch.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace hrtem::models {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& key, const std::string& why)
{
    throw std::invalid_argument("network config: \"" + key + "\" " + why);
}

void requireAtLeast(const char* key, int value, int minimum)
{
    if (value < minimum)
        fail(key, "must be >= " + std::to_string(minimum) + ", got " + std::to_string(value));
}

int readInt(const std::string& key, const Json& value)
{
    if (!value.is_number_integer()) fail(key, "must be an integer, got " + value.dump());
    const auto v = value.get<long long>();
    if (v < -1000000 || v > 1000000) fail(key, "is out of range: " + value.dump());
    return static_cast<int>(v);
}

bool readBool(const std::string& key, const Json& value)
{
    if (!value.is_boolean()) fail(key, "must be true or false, got " + value.dump());
    return value.get<bool>();
}

/// Applies every key of `json` through `fields`; a key without a field is an error.
void readFields(const Json& json, const std::map<std::string, std::function<void(const Json&)>>& fields)
{
    if (!json.is_object()) throw std::invalid_argument("network config: expected a JSON object, got " + json.dump());
    for (const auto& [key, value] : json.items()) {
        const auto field = fields.find(key);
        if (field == fields.end()) fail(key, "is not a known key");
        field->second(value);
    }
}

template <typename Config>
std::function<void(const Json&)> intField(Config& c, int Config::*member, const char* key)
{
    return [&c, member, key](const Json& v) { c.*member = readInt(key, v); };
}

template <typename Config>
std::function<void(const Json&)> boolField(Config& c, bool Config::*member, const char* key)
{
    return [&c, member, key](const Json& v) { c.*member = readBool(key, v); };
}

} // namespace

Json toJson(const GeneratorConfig& c)
{
    return {{"in_channels", c.inChannels},   {"out_channels", c.outChannels}, {"base_channels", c.baseChannels},
            {"levels", c.levels},           {"blocks_per_level", c.blocksPerLevel}, {"vit_layers", c.vitLayers},
            {"vit_heads", c.vitHeads},       {"vit_mlp_ratio", c.vitMlpRatio}, {"frequency_branch", c.frequencyBranch},
            {"vit", c.vit}};
}

Json toJson(const DiscriminatorConfig& c)
{
    return {{"in_channels", c.inChannels}, {"base_channels", c.baseChannels}, {"layers", c.layers}};
}

Json toJson(const SegmenterConfig& c)
{
    return {{"in_channels", c.inChannels}, {"out_channels", c.outChannels}, {"base_channels", c.baseChannels},
            {"levels", c.levels},         {"guide_channels", c.guideChannels}};
}

GeneratorConfig generatorConfigFromJson(const Json& json)
{
    GeneratorConfig c;
    using G = GeneratorConfig;
    readFields(json, {{"in_channels", intField(c, &G::inChannels, "in_channels")},
                      {"out_channels", intField(c, &G::outChannels, "out_channels")},
                      {"base_channels", intField(c, &G::baseChannels, "base_channels")},
                      {"levels", intField(c, &G::levels, "levels")},
                      {"blocks_per_level", intField(c, &G::blocksPerLevel, "blocks_per_level")},
                      {"vit_layers", intField(c, &G::vitLayers, "vit_layers")},
                      {"vit_heads", intField(c, &G::vitHeads, "vit_heads")},
                      {"vit_mlp_ratio", intField(c, &G::vitMlpRatio, "vit_mlp_ratio")},
                      {"frequency_branch", boolField(c, &G::frequencyBranch, "frequency_branch")},
                      {"vit", boolField(c, &G::vit, "vit")}});
    validate(c);
    return c;
}

DiscriminatorConfig discriminatorConfigFromJson(const Json& json)
{
    DiscriminatorConfig c;
    using D = DiscriminatorConfig;
    readFields(json, {{"in_channels", intField(c, &D::inChannels, "in_channels")},
                      {"base_channels", intField(c, &D::baseChannels, "base_channels")},
                      {"layers", intField(c, &D::layers, "layers")}});
    validate(c);
    return c;
}

SegmenterConfig segmenterConfigFromJson(const Json& json)
{
    SegmenterConfig c;
    using S = SegmenterConfig;
    readFields(json, {{"in_channels", intField(c, &S::inChannels, "in_channels")},
                      {"out_channels", intField(c, &S::outChannels, "out_channels")},
                      {"base_channels", intField(c, &S::baseChannels, "base_channels")},
                      {"levels", intField(c, &S::levels, "levels")},
                      {"guide_channels", intField(c, &S::guideChannels, "guide_channels")}});
    validate(c);
    return c;
}

void validate(const GeneratorConfig& c)
{
    requireAtLeast("in_channels", c.inChannels, 1);
    requireAtLeast("out_channels", c.outChannels, 1);
    requireAtLeast("base_channels", c.baseChannels, 2);
    if (c.baseChannels % 2 != 0) fail("base_channels", "must be even (it is split into local and global halves)");
    requireAtLeast("levels", c.levels, 1);
    if (c.levels > 8) fail("levels", "must be <= 8");
    requireAtLeast("blocks_per_level", c.blocksPerLevel, 1);
    requireAtLeast("vit_layers", c.vitLayers, 0);
    requireAtLeast("vit_heads", c.vitHeads, 1);
    requireAtLeast("vit_mlp_ratio", c.vitMlpRatio, 1);
    if (c.vit) {
        const long long bottleneck = static_cast<long long>(c.baseChannels) << c.levels;
        if (bottleneck % 4 != 0)
            fail("base_channels", "times 2^levels must be divisible by 4 for the 2-D positional encoding");
        if (bottleneck % c.vitHeads != 0)
            fail("vit_heads", "must divide the bottleneck channels " + std::to_string(bottleneck));
    }
}

void validate(const DiscriminatorConfig& c)
{
    requireAtLeast("in_channels", c.inChannels, 1);
    requireAtLeast("base_channels", c.baseChannels, 1);
    requireAtLeast("layers", c.layers, 1);
}

void validate(const SegmenterConfig& c)
{
    requireAtLeast("in_channels", c.inChannels, 1);
    requireAtLeast("out_channels", c.outChannels, 1);
    requireAtLeast("base_channels", c.baseChannels, 1);
    requireAtLeast("levels", c.levels, 1);
    if (c.levels > 8) fail("levels", "must be <= 8");
    requireAtLeast("guide_channels", c.guideChannels, 0);
}

void initialiseWeights(torch::nn::Module& root)
{
    torch::NoGradGuard noGrad;
    constexpr double kStd = 0.02;
    auto normalWeightZeroBias = [&](torch::Tensor& weight, torch::Tensor& bias) {
        if (weight.defined()) weight.normal_(0.0, kStd);
        if (bias.defined()) bias.zero_();
    };
    root.apply([&](torch::nn::Module& m) {
        if (auto* conv = m.as<torch::nn::Conv2d>()) {
            normalWeightZeroBias(conv->weight, conv->bias);
        } else if (auto* linear = m.as<torch::nn::Linear>()) {
            normalWeightZeroBias(linear->weight, linear->bias);
        } else if (auto* attention = m.as<torch::nn::MultiheadAttention>()) {
            // The q/k/v projection is a raw parameter, not a Linear child; out_proj is a Linear
            // child and is reached by apply() on its own.
            normalWeightZeroBias(attention->in_proj_weight, attention->in_proj_bias);
        } else if (auto* norm = m.as<torch::nn::LayerNorm>()) {
            if (norm->weight.defined()) norm->weight.fill_(1.0);
            if (norm->bias.defined()) norm->bias.zero_();
        } else if (auto* instance = m.as<torch::nn::InstanceNorm2d>()) {
            if (instance->weight.defined()) instance->weight.fill_(1.0);
            if (instance->bias.defined()) instance->bias.zero_();
        }
    });
}

int64_t parameterCount(const torch::nn::Module& module)
{
    int64_t count = 0;
    for (const auto& p : module.parameters(/*recurse=*/true)) count += p.numel();
    return count;
}

} // namespace hrtem::models
