#include <catch2/catch.hpp>

#include "models/training/image_pool.h"
#include "models/training/joint_segmentation.h"
#include "models/training/losses.h"
#include "models/training/lr_schedule.h"

#include <torch/torch.h>

#include <cmath>
#include <set>

using namespace hrtem::models;

namespace {

constexpr double kPi = 3.14159265358979323846;

double value(const torch::Tensor& t) { return t.item<double>(); }

bool allFinite(const torch::Tensor& t) { return t.defined() && torch::isfinite(t).all().item<bool>(); }

/// (1,1,1,n) map holding `values`: one channel, n feature rows.
torch::Tensor rowMap(std::vector<float> values)
{
    const auto n = static_cast<int64_t>(values.size());
    return torch::tensor(values).reshape({1, 1, 1, n});
}

} // namespace

TEST_CASE("LSGAN loss is the MSE against 1 or 0", "[models][training]")
{
    auto prediction = torch::tensor({0.5F, 1.5F});
    CHECK(value(lsganLoss(prediction, true)) == Approx(0.25).margin(1e-7));
    CHECK(value(lsganLoss(prediction, false)) == Approx((0.25 + 2.25) / 2.0).margin(1e-7));
    // Patch maps of any shape: mean over every element.
    CHECK(value(lsganLoss(torch::full({2, 1, 3, 3}, 0.8F), true)) == Approx(0.04).margin(1e-7));
}

TEST_CASE("Cycle L1 loss, plain and mask-weighted", "[models][training]")
{
    auto reconstructed = torch::tensor({1.0F, 2.0F, 3.0F, 4.0F}).reshape({1, 1, 2, 2});
    auto original = torch::ones({1, 1, 2, 2});
    CHECK(value(cycleLoss(reconstructed, original)) == Approx(1.5).margin(1e-7));

    // |diff| = 0,1,2,3 with weights 0,1,1,2: (0 + 1 + 2 + 6) / 4
    auto weight = torch::tensor({0.0F, 1.0F, 1.0F, 2.0F}).reshape({2, 2});
    CHECK(value(cycleLoss(reconstructed, original, weight)) == Approx(2.25).margin(1e-7));

    // An (H,W) map broadcasts over batch and channels: the same weighted mean per image.
    auto batch = torch::cat({reconstructed, reconstructed}, 0).repeat({1, 3, 1, 1});
    auto batchOriginal = torch::ones_like(batch);
    CHECK(value(cycleLoss(batch, batchOriginal, weight)) == Approx(2.25).margin(1e-7));

    // A constant map is the plain L1.
    CHECK(value(cycleLoss(batch, batchOriginal, torch::full({2, 2}, 7.0F))) == Approx(1.5).margin(1e-7));
    // An all-zero map gives 0, not NaN.
    CHECK(value(cycleLoss(batch, batchOriginal, torch::zeros({2, 2}))) == Approx(0.0).margin(1e-7));
}

TEST_CASE("FFT magnitude loss: zero for equal maps, DC-only value for constant maps", "[models][training]")
{
    torch::manual_seed(11);
    auto z = torch::randn({2, 3, 8, 8});
    CHECK(value(fftMagnitudeLoss(z, z.clone())) == Approx(0.0).margin(1e-7));

    // Constant maps 1 and 3 on 4x4: ortho DC = c * sqrt(16) = 4c, every other bin 0.
    // |4 - 12| = 8 in one of the 4 x 3 half-spectrum bins: mean 8 / 12.
    auto a = torch::full({1, 1, 4, 4}, 1.0F);
    auto b = torch::full({1, 1, 4, 4}, 3.0F);
    CHECK(value(fftMagnitudeLoss(a, b)) == Approx(8.0 / 12.0).margin(1e-6));

    // The magnitude spectrum ignores a circular shift (phase only).
    CHECK(value(fftMagnitudeLoss(z, torch::roll(z, {2, 3}, {2, 3}))) == Approx(0.0).margin(1e-5));

    // bf16 features (autocast) are cast to float32 for the FFT; result is float32.
    auto loss = fftMagnitudeLoss(a.to(torch::kBFloat16), b.to(torch::kBFloat16));
    CHECK(loss.scalar_type() == torch::kFloat);
    CHECK(value(loss) == Approx(8.0 / 12.0).margin(1e-6));

    auto zH = z.clone().requires_grad_(true);
    fftMagnitudeLoss(zH, torch::zeros_like(z)).backward();
    CHECK(allFinite(zH.grad()));
}

TEST_CASE("CF loss: zero for equal inputs, positive for different distributions", "[models][training]")
{
    torch::manual_seed(3);
    CharacteristicFunctionLoss cf(8);
    auto z = torch::randn({2, 8, 6, 6});
    CHECK(value(cf(z, z.clone())) < 1e-6);

    // Shared normalisation statistics keep a mean shift and a scale change visible.
    CHECK(value(cf(z, z + 1.0)) > 0.05);
    CHECK(value(cf(z, 3.0 * z)) > 0.05);
    // A different shape with equal mean and variance: Gaussian vs. two-point (+-1) distribution.
    auto twoPoint = torch::randint(0, 2, {2, 8, 6, 6}).to(torch::kFloat) * 2.0 - 1.0;
    CHECK(value(cf(z, twoPoint)) > 0.02);

    // The batch and spatial sizes of the two maps may differ.
    CHECK(std::isfinite(value(cf(z, torch::randn({1, 8, 4, 5})))));
}

TEST_CASE("CF loss has finite gradients for identical inputs and zero-amplitude probes", "[models][training]")
{
    torch::manual_seed(5);
    SECTION("identical inputs")
    {
        CharacteristicFunctionLoss cf(8);
        auto zH = torch::randn({2, 8, 6, 6}).requires_grad_(true);
        auto zL = zH.detach().clone().requires_grad_(true);
        auto loss = cf(zH, zL);
        loss.backward();
        CHECK(value(loss) < 1e-6);
        CHECK(allFinite(zH.grad()));
        CHECK(allFinite(zL.grad()));
    }
    SECTION("large probes: every amplitude at the noise floor")
    {
        CharacteristicFunctionLoss cf(8, 64, 200.0);
        auto zH = torch::randn({2, 8, 6, 6}).requires_grad_(true);
        auto zL = torch::randn({2, 8, 6, 6}).requires_grad_(true);
        auto loss = cf(zH, zL);
        loss.backward();
        CHECK(std::isfinite(value(loss)));
        CHECK(allFinite(zH.grad()));
        CHECK(allFinite(zL.grad()));
    }
    SECTION("exactly zero amplitude, checked against the hand-computed loss")
    {
        // One channel, one probe t. H = {-1, 1}, L = {-1, 1, -2, 2}: shared mean 0, variance 2,
        // so the normalised rows are +-1/s and +-2/s with s = sqrt(2 + 1e-5). A probe of length
        // (pi/2) s puts H at t.u = +-pi/2, phi_H = cos(pi/2) = 0, and L at phi_L = (0 + 0 - 1 - 1)/4.
        const double s = std::sqrt(2.0 + CharacteristicFunctionLoss::kNormalisationEpsilon);
        const double unitProbe = CharacteristicFunctionLoss(1, 1, 1.0).probes().item<double>();
        const double probeScale = (kPi / 2.0) * s / std::abs(unitProbe);
        CharacteristicFunctionLoss cf(1, 1, probeScale);
        CHECK(std::abs(cf.probes().item<double>()) == Approx(kPi / 2.0 * s).epsilon(1e-6));

        auto zH = rowMap({-1.0F, 1.0F}).requires_grad_(true);
        auto zL = rowMap({-1.0F, 1.0F, -2.0F, 2.0F}).requires_grad_(true);
        auto loss = cf(zH, zL);
        loss.backward();
        const double eps = CharacteristicFunctionLoss::kAmplitudeEpsilon;
        const double amplitudeH = eps;
        const double amplitudeL = std::sqrt(0.25 + eps * eps);
        const double cosPhase = (eps * eps) / (amplitudeH * amplitudeL);
        CHECK(value(loss) == Approx(std::abs(amplitudeH - amplitudeL) + (1.0 - cosPhase)).margin(1e-4));
        CHECK(allFinite(zH.grad()));
        CHECK(allFinite(zL.grad()));

        // Both at zero amplitude and identical: zero loss and finite gradients.
        auto same = rowMap({-1.0F, 1.0F}).requires_grad_(true);
        auto sameLoss = cf(same, rowMap({-1.0F, 1.0F}));
        sameLoss.backward();
        CHECK(value(sameLoss) < 1e-6);
        CHECK(allFinite(same.grad()));
    }
}

TEST_CASE("CF probes are fixed by the seed and scaled to length probeScale", "[models][training]")
{
    CharacteristicFunctionLoss a(16, 32, 1.0, 1.0, 99);
    CharacteristicFunctionLoss b(16, 32, 1.0, 1.0, 99);
    CharacteristicFunctionLoss c(16, 32, 1.0, 1.0, 100);
    REQUIRE(a.probes().sizes() == torch::IntArrayRef({32, 16}));
    CHECK(torch::equal(a.probes(), b.probes()));
    CHECK_FALSE(torch::equal(a.probes(), c.probes()));
    // torch's RNG state plays no part.
    torch::manual_seed(1);
    CharacteristicFunctionLoss d(16, 32, 1.0, 1.0, 99);
    CHECK(torch::equal(a.probes(), d.probes()));
    // The probes are a registered buffer (they follow .to(device) and appear in state dicts).
    CHECK(a.named_buffers().contains("probes"));

    // Components ~ N(0, probeScale^2 / C): 64 x 256 samples, standard deviation 2 / 16.
    CharacteristicFunctionLoss wide(256, 64, 2.0);
    CHECK(wide.probes().std().item<double>() == Approx(2.0 / 16.0).epsilon(0.03));
    CHECK(std::abs(wide.probes().mean().item<double>()) < 0.005);
}

TEST_CASE("CF loss subsamples large feature sets deterministically", "[models][training]")
{
    torch::manual_seed(8);
    CharacteristicFunctionLoss cf(4, 16, 1.0, 1.0, 2024, 100);
    auto zH = torch::randn({2, 4, 16, 16}); // 512 rows > 100
    auto zL = torch::randn({2, 4, 16, 16}) * 0.5 + 0.3;
    auto first = value(cf(zH, zL));
    CHECK(value(cf(zH, zL)) == first);
    CHECK(first > 0.0);
    CHECK(value(cf(zH, zH.clone())) < 1e-6);
}

TEST_CASE("Dice and BCE+Dice losses", "[models][training]")
{
    torch::manual_seed(4);
    auto target = (torch::rand({2, 1, 16, 16}) > 0.7).to(torch::kFloat);
    auto perfect = (target * 2.0 - 1.0) * 20.0;
    CHECK(value(diceLoss(perfect, target)) < 1e-3);
    CHECK(value(bceDiceLoss(perfect, target)) < 1e-3);
    CHECK(value(diceLoss(-perfect, target)) > 0.99);
    CHECK(value(bceDiceLoss(-perfect, target)) > 10.0);
    // Empty target and empty prediction: perfect thanks to the smoothing term.
    CHECK(value(diceLoss(torch::full({1, 1, 8, 8}, -20.0F), torch::zeros({1, 1, 8, 8}))) < 1e-3);
}

TEST_CASE("ImagePool fills to capacity returning the inputs, then mixes", "[models][training]")
{
    ImagePool pool(5, 7);
    auto first = torch::arange(3).to(torch::kFloat).reshape({3, 1, 1, 1}).expand({3, 1, 4, 4}).contiguous();
    CHECK(torch::equal(pool.query(first), first));
    CHECK(pool.size() == 3);
    auto second = first.slice(0, 0, 2) + 3.0;
    CHECK(torch::equal(pool.query(second), second));
    CHECK(pool.size() == 5);

    // Full: a batch of 32 new images (values 100..131) comes back as a mix of new and stored.
    auto batch = (torch::arange(32).to(torch::kFloat) + 100.0).reshape({32, 1, 1, 1}).expand({32, 1, 4, 4}).contiguous();
    auto mixed = pool.query(batch);
    REQUIRE(mixed.sizes() == batch.sizes());
    CHECK(pool.size() == 5);
    int fromPool = 0;
    for (int64_t i = 0; i < 32; ++i) {
        auto image = mixed[i];
        CHECK(torch::equal(image, image.flatten()[0].expand_as(image))); // whole images, never mixed
        if (!torch::equal(image, batch[i]))
            ++fromPool;
    }
    CHECK(fromPool > 4);
    CHECK(fromPool < 28);
}

TEST_CASE("ImagePool with capacity 0 passes the input through", "[models][training]")
{
    ImagePool pool(0);
    auto images = torch::randn({4, 1, 8, 8});
    auto result = pool.query(images);
    CHECK(result.data_ptr<float>() == images.data_ptr<float>());
    CHECK(pool.size() == 0);
}

TEST_CASE("ImagePool returns copies that do not alias the pool", "[models][training]")
{
    ImagePool pool(10, 3);
    auto fill = (torch::arange(10).to(torch::kFloat) + 1.0).reshape({10, 1, 1, 1}).expand({10, 1, 2, 2}).contiguous();
    auto returned = pool.query(fill);
    CHECK(returned.data_ptr<float>() != fill.data_ptr<float>());
    returned.fill_(-1.0F); // must not reach the stored images

    auto input = torch::full({1, 1, 2, 2}, 500.0F, torch::requires_grad());
    for (int i = 0; i < 200; ++i) {
        auto out = pool.query(input * 1.0);
        CHECK_FALSE(out.requires_grad()); // detached, as upstream
        const double v = out.flatten()[0].item<double>();
        CHECK(v != -1.0);
        CHECK(v != -2.0);
        out.fill_(-2.0F);
    }
}

TEST_CASE("ImagePool returns a stored image about half of the time", "[models][training]")
{
    ImagePool pool(50, 7);
    for (int i = 0; i < 50; ++i)
        pool.query(torch::full({1, 1, 2, 2}, static_cast<float>(i)));
    std::set<int> seen;
    for (int i = 0; i < 50; ++i)
        seen.insert(i);

    int fromPool = 0;
    const int queries = 2000;
    for (int i = 0; i < queries; ++i) {
        const int fresh = 1000 + i;
        auto out = pool.query(torch::full({1, 1, 2, 2}, static_cast<float>(fresh)));
        const int v = static_cast<int>(out.flatten()[0].item<float>());
        if (v != fresh) {
            ++fromPool;
            CHECK(seen.count(v) == 1);
        }
        seen.insert(fresh);
    }
    const double fraction = static_cast<double>(fromPool) / queries;
    CHECK(fraction > 0.45);
    CHECK(fraction < 0.55);
}

TEST_CASE("Linear-decay learning-rate table", "[models][training]")
{
    LinearDecaySchedule schedule; // 2e-4, 150 constant, 20 decay
    CHECK(std::abs(schedule.learningRate(1) - 2e-4) < 1e-15);
    CHECK(std::abs(schedule.learningRate(150) - 2e-4) < 1e-15);
    CHECK(std::abs(schedule.learningRate(151) - 1.9e-4) < 1e-15);
    CHECK(std::abs(schedule.learningRate(160) - 1e-4) < 1e-15);
    CHECK(std::abs(schedule.learningRate(169) - 1e-5) < 1e-15);
    CHECK(schedule.learningRate(170) == 0.0);
    CHECK(schedule.learningRate(171) == 0.0);
    for (int epoch = 151; epoch <= 170; ++epoch)
        CHECK(schedule.learningRate(epoch) < schedule.learningRate(epoch - 1));

    LinearDecaySchedule shortRun{1e-3, 2, 4};
    CHECK(std::abs(shortRun.learningRate(3) - 7.5e-4) < 1e-15);
    CHECK(shortRun.learningRate(6) == 0.0);
}

TEST_CASE("setLearningRate changes every parameter group of an Adam", "[models][training]")
{
    auto a = torch::zeros({3}, torch::requires_grad());
    auto b = torch::zeros({2}, torch::requires_grad());
    torch::optim::Adam adam(std::vector<torch::Tensor>{a}, torch::optim::AdamOptions(2e-4).betas({0.5, 0.999}));
    adam.add_param_group(torch::optim::OptimizerParamGroup(std::vector<torch::Tensor>{b}));
    REQUIRE(adam.param_groups().size() == 2);

    setLearningRate(adam, 1.25e-4);
    for (auto& group : adam.param_groups()) {
        auto& options = static_cast<torch::optim::AdamOptions&>(group.options());
        CHECK(options.lr() == 1.25e-4);
        CHECK(std::get<0>(options.betas()) == 0.5); // the other settings stay
    }
}

TEST_CASE("Generation-guided segmentation: the segmentation gradient reaches the generator", "[models][training][joint]")
{
    torch::manual_seed(3);
    GeneratorConfig g;
    g.baseChannels = 8;
    g.levels = 2;
    g.vitHeads = 2;
    g.vitLayers = 1;
    HrtemGanGenerator generator(g);
    SegmenterConfig s;
    s.baseChannels = 8;
    s.levels = 2;
    s.guideChannels = g.baseChannels;
    SegmentationUnet segmenter(s);
    const torch::Tensor lq = torch::rand({2, 1, 32, 32}) * 2 - 1;
    const torch::Tensor mask = (torch::rand({2, 1, 32, 32}) > 0.8).to(torch::kFloat);

    const JointSegmentation j = jointSegmentation(generator, segmenter, lq, mask);
    CHECK(j.logits.sizes() == mask.sizes());
    CHECK(std::isfinite(j.loss.item<double>()));
    j.loss.backward();
    // Every trainable tensor of the generator that the restoration and features depend on gets a
    // gradient from the segmentation loss alone; most of them a non-zero one.
    int withGradient = 0, total = 0;
    for (const torch::Tensor& p : generator->parameters()) {
        ++total;
        if (p.grad().defined() && p.grad().abs().sum().item<double>() > 0)
            ++withGradient;
    }
    INFO(withGradient << " of " << total << " generator tensors");
    CHECK(withGradient >= 0.9 * total);
    for (const torch::Tensor& p : segmenter->parameters())
        CHECK(p.grad().defined());

    // A segmenter that cannot read the generator's features is refused, saying why.
    SegmenterConfig plain = s;
    plain.guideChannels = 0;
    SegmentationUnet unguided(plain);
    CHECK_THROWS_WITH(jointSegmentation(generator, unguided, lq, mask), Catch::Contains("guide channels"));
}
