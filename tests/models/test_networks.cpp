// HRTEM-GAN networks: FFT channel transform, block and network shapes for odd sizes, gradients,
// configs and parameter counts.
#include "models/networks/fourier_unit.h"
#include "models/networks/hrtem_gan_generator.h"
#include "models/networks/network_config.h"
#include "models/networks/patch_discriminator.h"
#include "models/networks/segmentation_unet.h"
#include "models/networks/spatial_frequency_block.h"
#include "models/networks/vit_bottleneck.h"

#include <catch2/catch.hpp>
#include <torch/torch.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace hrtem::models;

namespace {

GeneratorConfig smallGenerator()
{
    GeneratorConfig c;
    c.baseChannels = 8;
    c.levels = 2;
    c.vitHeads = 2;
    return c;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

} // namespace

TEST_CASE("Spectral channels round-trip for even and odd sizes", "[models][networks]")
{
    torch::manual_seed(1);
    for (const auto& hw : std::vector<std::pair<int64_t, int64_t>>{{16, 16}, {15, 17}, {16, 15}}) {
        const auto [h, w] = hw;
        CAPTURE(h, w);
        const torch::Tensor x = torch::randn({2, 3, h, w});
        const torch::Tensor s = toSpectralChannels(x);
        REQUIRE(s.sizes() == torch::IntArrayRef({2, 6, h, w / 2 + 1}));
        // Layout [all Re | all Im]: channel 0 is Re of input channel 0, channel 3 its Im.
        const torch::Tensor spectrum = torch::fft::rfft2(x, c10::nullopt, {-2, -1}, "ortho");
        CHECK(maxAbsDiff(s.select(1, 0), torch::real(spectrum).select(1, 0)) < 1e-6);
        CHECK(maxAbsDiff(s.select(1, 3), torch::imag(spectrum).select(1, 0)) < 1e-6);
        // "ortho" keeps the energy of the full spectrum equal to that of the image (Parseval).
        const torch::Tensor back = fromSpectralChannels(s, h, w);
        REQUIRE(back.sizes() == x.sizes());
        CHECK(maxAbsDiff(back, x) < 1e-5);
    }
}

TEST_CASE("FourierUnit keeps shape and dtype and adds no fixed pattern", "[models][networks]")
{
    torch::manual_seed(2);
    FourierUnit unit(3);
    initialiseWeights(*unit);
    const torch::Tensor x = torch::randn({1, 3, 15, 17}, torch::kDouble);
    const torch::Tensor y = unit(x);
    CHECK(y.scalar_type() == torch::kDouble);
    CHECK(y.sizes() == x.sizes());
    CHECK(y.abs().max().item<double>() > 0.0);
    // Without spectral biases the unit is positively homogeneous (bias-free convs and ReLU):
    // no image-independent pattern is added, and a zero image stays zero.
    CHECK(maxAbsDiff(unit(2.5 * x), 2.5 * y) < 1e-5);
    CHECK(unit(torch::zeros_like(x)).abs().max().item<double>() == 0.0);

    // bf16 weights and input (what autocast produces): the FFTs run in float32 inside, the result
    // comes back in bf16.
    FourierUnit halfUnit(3);
    halfUnit->to(torch::kBFloat16);
    const torch::Tensor half = halfUnit(torch::randn({1, 3, 16, 15}).to(torch::kBFloat16));
    CHECK(half.scalar_type() == torch::kBFloat16);
    CHECK(std::isfinite(half.to(torch::kFloat).sum().item<double>()));

    SpectralTransform transform(3);
    const torch::Tensor f = torch::randn({2, 3, 16, 15});
    CHECK(transform(f).sizes() == f.sizes());
}

TEST_CASE("SpatialFrequencyBlock keeps both streams' shapes", "[models][networks]")
{
    torch::manual_seed(3);
    SpatialFrequencyBlock block(4, 6);
    const SpatialFrequencyPair out = block(SpatialFrequencyPair{torch::randn({2, 4, 9, 11}), torch::randn({2, 6, 9, 11})});
    CHECK(out.local.sizes() == torch::IntArrayRef({2, 4, 9, 11}));
    CHECK(out.global.sizes() == torch::IntArrayRef({2, 6, 9, 11}));
    CHECK(std::isfinite(out.global.sum().item<double>()));
    // Hand count, block (4, 4): l2l, g2l, l2g 3x3 convs without bias 3*4*4*9 = 432; spectral
    // transform: input conv 4*4*9+4 = 148, Fourier unit two 1x1 8->8 without bias 128, fuse conv
    // 8->4 3x3 without bias 288 -> 564. Total 996.
    CHECK(parameterCount(*SpatialFrequencyBlock(4, 4)) == 996);
}

TEST_CASE("2-D sin-cos positional encoding and ViT bottleneck", "[models][networks]")
{
    const torch::Tensor pe = sinCosPositionalEncoding2d(3, 5, 8);
    REQUIRE(pe.sizes() == torch::IntArrayRef({15, 8}));
    // Token (y=2, x=3) is row 13. omega = {1, 1/100} for dim 8 (quarter 2).
    const torch::Tensor row = pe[13];
    const std::vector<double> expected{std::sin(2.0), std::sin(0.02), std::cos(2.0), std::cos(0.02),
                                       std::sin(3.0), std::sin(0.03), std::cos(3.0), std::cos(0.03)};
    for (size_t i = 0; i < expected.size(); ++i) CHECK(row[int64_t(i)].item<double>() == Approx(expected[i]).margin(1e-6));
    CHECK_THROWS_AS(sinCosPositionalEncoding2d(2, 2, 6), std::invalid_argument);
    CHECK_THROWS_AS(ViTBottleneck(6, 1, 2, 2), std::invalid_argument);
    CHECK_THROWS_AS(ViTBottleneck(16, 1, 3, 2), std::invalid_argument);

    torch::manual_seed(4);
    ViTBottleneck vit(16, 2, 4, 2);
    const torch::Tensor x = torch::randn({2, 16, 5, 7});
    const torch::Tensor y = vit(x);
    CHECK(y.sizes() == x.sizes());
    CHECK(std::isfinite(y.sum().item<double>()));
}

TEST_CASE("Generator output shapes match input shapes for odd sizes", "[models][networks]")
{
    torch::manual_seed(5);
    HrtemGanGenerator generator(smallGenerator());
    initialiseWeights(*generator);
    struct Case {
        std::vector<int64_t> shape;
        std::vector<int64_t> bottleneck;
    };
    // Bottleneck: 32 channels (8 * 2^2) at the padded size / 4.
    for (const Case& c : {Case{{2, 1, 64, 64}, {2, 32, 16, 16}}, Case{{1, 1, 65, 63}, {1, 32, 17, 16}},
                          Case{{1, 1, 31, 48}, {1, 32, 8, 12}}}) {
        CAPTURE(c.shape);
        const torch::Tensor x = torch::rand(c.shape) * 2 - 1;
        const GeneratorOutput out = generator(x);
        CHECK(out.image.sizes() == x.sizes());
        CHECK(out.image.min().item<double>() >= -1.0);
        CHECK(out.image.max().item<double>() <= 1.0);
        CHECK(out.bottleneck.sizes() == torch::IntArrayRef(c.bottleneck));
        CHECK(out.features.sizes() == torch::IntArrayRef({c.shape[0], 8, c.shape[2], c.shape[3]}));
    }
}

TEST_CASE("Generator ablations (no frequency branch, no ViT) keep the shapes", "[models][networks]")
{
    torch::manual_seed(6);
    GeneratorConfig plain = smallGenerator();
    plain.frequencyBranch = false;
    plain.vit = false;
    HrtemGanGenerator generator(plain);
    const torch::Tensor x = torch::randn({1, 1, 33, 30});
    const GeneratorOutput out = generator(x);
    CHECK(out.image.sizes() == x.sizes());
    CHECK(out.bottleneck.sizes() == torch::IntArrayRef({1, 32, 9, 8}));
    CHECK(parameterCount(*generator) < parameterCount(*HrtemGanGenerator(smallGenerator())));
}

TEST_CASE("Backward through the generator gives finite gradients for every parameter", "[models][networks]")
{
    torch::manual_seed(7);
    HrtemGanGenerator generator(smallGenerator());
    initialiseWeights(*generator);
    const GeneratorOutput out = generator(torch::randn({2, 1, 31, 33}));
    (out.image.square().mean() + out.bottleneck.square().mean()).backward();
    int64_t withGradient = 0;
    double total = 0.0;
    for (const auto& p : generator->named_parameters()) {
        CAPTURE(p.key());
        REQUIRE(p.value().grad().defined());
        const double norm = p.value().grad().norm().item<double>();
        CHECK(std::isfinite(norm));
        total += norm;
        ++withGradient;
    }
    CHECK(withGradient == int64_t(generator->parameters().size()));
    CHECK(total > 0.0);
}

TEST_CASE("PatchDiscriminator logit map size and parameter count", "[models][networks]")
{
    torch::manual_seed(8);
    PatchDiscriminator d(DiscriminatorConfig{});
    // 64 -> 32 -> 16 -> 8 (stride 2) -> 7 -> 6 (stride 1); 128 -> ... -> 16 -> 15 -> 14.
    CHECK(d(torch::randn({2, 1, 64, 64})).sizes() == torch::IntArrayRef({2, 1, 6, 6}));
    CHECK(d(torch::randn({1, 1, 128, 128})).sizes() == torch::IntArrayRef({1, 1, 14, 14}));
    CHECK(PatchDiscriminatorImpl::outputSize(64, 3) == 6);
    CHECK(PatchDiscriminatorImpl::outputSize(256, 3) == 30);

    // Hand count, 1 input channel, base 8, 2 layers (conv weights out*in*16 plus bias out):
    //   1->8 s2: 128+8 = 136;  8->16 s2: 2048+16 = 2064;  16->32 s1: 8192+32 = 8224;
    //   32->1 s1: 512+1 = 513.  Total 10937.
    CHECK(parameterCount(*PatchDiscriminator(DiscriminatorConfig{1, 8, 2})) == 10937);
    // Upstream's 70x70 PatchGAN with 1 input channel (REFERENCE-models.md 2.6: 2.763 M):
    //   1088 + 131200 + 524544 + 2097664 + 8193 = 2762689.
    CHECK(parameterCount(*d) == 2762689);
}

TEST_CASE("SegmentationUnet shapes with and without guide channels", "[models][networks]")
{
    torch::manual_seed(9);
    SegmentationUnet plain(SegmenterConfig{1, 1, 8, 3, 0});
    const torch::Tensor x = torch::randn({2, 1, 37, 29});
    CHECK(plain(x).sizes() == torch::IntArrayRef({2, 1, 37, 29}));
    CHECK_THROWS(plain(x, torch::randn({2, 8, 37, 29})));

    SegmentationUnet guided(SegmenterConfig{1, 2, 8, 2, 8});
    const torch::Tensor guide = torch::randn({2, 8, 37, 29});
    CHECK(guided(x, guide).sizes() == torch::IntArrayRef({2, 2, 37, 29}));
    CHECK_THROWS(guided(x));
    CHECK_THROWS(guided(x, torch::randn({2, 4, 37, 29})));

    // Generation-guided segmentation: the generator's features feed the segmenter directly.
    HrtemGanGenerator generator(smallGenerator());
    torch::NoGradGuard noGrad;
    const GeneratorOutput g = generator(x);
    CHECK(guided(g.image, g.features).sizes() == torch::IntArrayRef({2, 2, 37, 29}));
}

TEST_CASE("Network configs round-trip through JSON and reject bad input", "[models][networks]")
{
    GeneratorConfig g;
    g.baseChannels = 16;
    g.levels = 4;
    g.vitHeads = 8;
    g.frequencyBranch = false;
    const GeneratorConfig back = generatorConfigFromJson(toJson(g));
    CHECK(toJson(back) == toJson(g));
    CHECK(back.levels == 4);
    CHECK_FALSE(back.frequencyBranch);
    CHECK(generatorConfigFromJson(nlohmann::json::object()).baseChannels == 32);

    const DiscriminatorConfig d{2, 32, 4};
    CHECK(toJson(discriminatorConfigFromJson(toJson(d))) == toJson(d));
    const SegmenterConfig s{1, 3, 8, 2, 16};
    CHECK(toJson(segmenterConfigFromJson(toJson(s))) == toJson(s));

    auto messageOf = [](auto&& f) {
        try {
            f();
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no exception");
    };
    CHECK_THAT(messageOf([] { generatorConfigFromJson({{"baseChanels", 8}}); }),
               Catch::Contains("baseChanels"));
    CHECK_THAT(messageOf([] { generatorConfigFromJson({{"levels", 0}}); }), Catch::Contains("levels"));
    CHECK_THAT(messageOf([] { generatorConfigFromJson({{"vit", 1}}); }), Catch::Contains("vit"));
    CHECK_THAT(messageOf([] { generatorConfigFromJson({{"base_channels", 7}}); }), Catch::Contains("base_channels"));
    CHECK_THAT(messageOf([] { generatorConfigFromJson({{"vit_heads", 3}}); }), Catch::Contains("vit_heads"));
    CHECK_THAT(messageOf([] { discriminatorConfigFromJson({{"layers", "3"}}); }), Catch::Contains("layers"));
    CHECK_THAT(messageOf([] { segmenterConfigFromJson({{"guide_channels", -1}}); }),
               Catch::Contains("guide_channels"));
    CHECK_THROWS_AS(segmenterConfigFromJson(nlohmann::json::array()), std::invalid_argument);
}

TEST_CASE("initialiseWeights follows CycleGAN's N(0, 0.02)", "[models][networks]")
{
    torch::manual_seed(10);
    GeneratorConfig c;  // the default: enough weights for a tight standard deviation
    HrtemGanGenerator generator(c);
    initialiseWeights(*generator);
    const auto params = generator->named_parameters();
    const torch::Tensor w = params["encoder.0.blocks.0.local_to_local.weight"];
    CHECK(w.std().item<double>() == Approx(0.02).margin(0.003));
    CHECK(params["tail.bias"].abs().max().item<double>() == 0.0);
    CHECK(params["vit.blocks.0.attention.in_proj_weight"].std().item<double>() == Approx(0.02).margin(0.002));
    CHECK(params["vit.blocks.0.attention_norm.weight"].min().item<double>() == 1.0);
}

TEST_CASE("Parameter counts of the default and CPU generator configs", "[models][networks]")
{
    const int64_t defaultCount = parameterCount(*HrtemGanGenerator(GeneratorConfig{}));
    GeneratorConfig cpu;
    cpu.baseChannels = 16;
    cpu.levels = 3;
    cpu.vitLayers = 2;
    cpu.vitHeads = 4;
    const int64_t cpuCount = parameterCount(*HrtemGanGenerator(cpu));
    const int64_t discriminatorCount = parameterCount(*PatchDiscriminator(DiscriminatorConfig{}));
    WARN("generator parameters: default " << defaultCount << ", cpu (16 ch, 3 levels) " << cpuCount
                                          << "; PatchGAN " << discriminatorCount);
    // Channels double per level, so parameters grow ~4x with baseChannels x2.
    CHECK(defaultCount > 3 * cpuCount);
    CHECK(defaultCount < 5 * cpuCount);
}
