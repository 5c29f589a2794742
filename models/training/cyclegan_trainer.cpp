#include "models/training/cyclegan_trainer.h"

#include "models/training/joint_segmentation.h"

#include "models/compat.h"
#include "models/io/module_weights.h"
#include "models/io/safetensors.h"

#include <stdexcept>

namespace hrtem::models {

namespace {

const char* const kGenLqToHq = "gen_lq_to_hq";
const char* const kGenHqToLq = "gen_hq_to_lq";
const char* const kDiscHq = "disc_hq";
const char* const kDiscLq = "disc_lq";
const char* const kSegmenter = "segmenter";

/// (name, tensor) pairs of a module's parameters, the names prefixed: the optimiser state is
/// stored under these names, never under tensor addresses.
void appendNamed(std::vector<std::pair<std::string, torch::Tensor>>& out, const torch::nn::Module& module,
                 const std::string& prefix)
{
    for (const auto& item : module.named_parameters())
        out.emplace_back(prefix + "." + item.key(), item.value());
}

void setRequiresGrad(torch::nn::Module& module, bool on)
{
    for (auto& p : module.parameters())
        p.set_requires_grad(on);
}

std::vector<torch::Tensor> tensorsOf(const std::vector<std::pair<std::string, torch::Tensor>>& named)
{
    std::vector<torch::Tensor> out;
    for (const auto& [name, t] : named)
        out.push_back(t);
    return out;
}

} // namespace

nlohmann::json toJson(const GanTrainingOptions& o)
{
    return {{"generator", toJson(o.generator)},
            {"discriminator", toJson(o.discriminator)},
            {"patch_size", o.patchSize},
            {"batch_size", o.batchSize},
            {"lambda_cycle", o.lambdaCycle},
            {"lambda_identity", o.lambdaIdentity},
            {"lambda_fft", o.lambdaFft},
            {"lambda_cf", o.lambdaCf},
            {"cf_phase_weight", o.cfPhaseWeight},
            {"cf_probes", o.cfProbes},
            {"mask_weight", o.maskWeight},
            {"lambda_segmentation", o.lambdaSegmentation},
            {"segmenter", toJson(o.segmenter)},
            {"pool_size", o.poolSize},
            {"beta1", o.beta1},
            {"beta2", o.beta2},
            {"learning_rate", o.schedule.baseLearningRate},
            {"constant_epochs", o.schedule.constantEpochs},
            {"decay_epochs", o.schedule.decayEpochs},
            {"steps_per_epoch", o.stepsPerEpoch},
            {"seed", o.seed},
            {"bf16", o.bf16}};
}

GanTrainingOptions ganTrainingOptionsFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::invalid_argument("training options: expected a JSON object");
    GanTrainingOptions o;
    for (const auto& [key, value] : json.items()) {
        try {
            if (key == "generator") o.generator = generatorConfigFromJson(value);
            else if (key == "discriminator") o.discriminator = discriminatorConfigFromJson(value);
            else if (key == "patch_size") o.patchSize = value.get<int>();
            else if (key == "batch_size") o.batchSize = value.get<int>();
            else if (key == "lambda_cycle") o.lambdaCycle = value.get<double>();
            else if (key == "lambda_identity") o.lambdaIdentity = value.get<double>();
            else if (key == "lambda_fft") o.lambdaFft = value.get<double>();
            else if (key == "lambda_cf") o.lambdaCf = value.get<double>();
            else if (key == "cf_phase_weight") o.cfPhaseWeight = value.get<double>();
            else if (key == "cf_probes") o.cfProbes = value.get<int>();
            else if (key == "mask_weight") o.maskWeight = value.get<double>();
            else if (key == "lambda_segmentation") o.lambdaSegmentation = value.get<double>();
            else if (key == "segmenter") o.segmenter = segmenterConfigFromJson(value);
            else if (key == "pool_size") o.poolSize = value.get<int>();
            else if (key == "beta1") o.beta1 = value.get<double>();
            else if (key == "beta2") o.beta2 = value.get<double>();
            else if (key == "learning_rate") o.schedule.baseLearningRate = value.get<double>();
            else if (key == "constant_epochs") o.schedule.constantEpochs = value.get<int>();
            else if (key == "decay_epochs") o.schedule.decayEpochs = value.get<int>();
            else if (key == "steps_per_epoch") o.stepsPerEpoch = value.get<int>();
            else if (key == "seed") o.seed = value.get<uint64_t>();
            else if (key == "bf16") o.bf16 = value.get<bool>();
            else throw std::invalid_argument("unknown key");
        } catch (const nlohmann::json::exception&) {
            throw std::invalid_argument("training options: bad value for '" + key + "'");
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("training options: '" + key + "': " + e.what());
        }
    }
    if (o.patchSize < 16 || o.batchSize < 1 || o.stepsPerEpoch < 1)
        throw std::invalid_argument("training options: patch_size >= 16, batch_size >= 1 and steps_per_epoch >= 1 needed");
    return o;
}

CycleGanTrainer::CycleGanTrainer(const GanTrainingOptions& options, torch::Device device)
    : mOptions(options), mDevice(device), mPoolHq(options.poolSize, options.seed * 2 + 1),
      mPoolLq(options.poolSize, options.seed * 2 + 2)
{
    torch::manual_seed(options.seed);
    mLqToHq = HrtemGanGenerator(options.generator);
    mHqToLq = HrtemGanGenerator(options.generator);
    mDiscHq = PatchDiscriminator(options.discriminator);
    mDiscLq = PatchDiscriminator(options.discriminator);
    for (torch::nn::Module* m : {static_cast<torch::nn::Module*>(mLqToHq.get()), static_cast<torch::nn::Module*>(mHqToLq.get()),
                                 static_cast<torch::nn::Module*>(mDiscHq.get()), static_cast<torch::nn::Module*>(mDiscLq.get())})
        initialiseWeights(*m);
    if (options.lambdaSegmentation > 0) {
        SegmenterConfig guided = options.segmenter;
        guided.guideChannels = options.generator.baseChannels;
        mSegmenter = SegmentationUnet(guided);
        initialiseWeights(*mSegmenter);
        mSegmenter->to(device);
    }
    mLqToHq->to(device);
    mHqToLq->to(device);
    mDiscHq->to(device);
    mDiscLq->to(device);
    const auto adam = torch::optim::AdamOptions(options.schedule.baseLearningRate).betas({options.beta1, options.beta2});
    mGeneratorOptimizer = std::make_unique<torch::optim::Adam>(tensorsOf(generatorParameters()), adam);
    mDiscriminatorOptimizer = std::make_unique<torch::optim::Adam>(tensorsOf(discriminatorParameters()), adam);
    // The CF loss sees the bottleneck's channels (C0 x 2^levels).
    const int64_t bottleneckChannels = int64_t(options.generator.baseChannels) << options.generator.levels;
    mCfLoss = std::make_unique<CharacteristicFunctionLoss>(bottleneckChannels, options.cfProbes, 1.0, options.cfPhaseWeight,
                                                           options.seed + 17);
    mCfLoss->to(device);
}

std::vector<std::pair<std::string, torch::Tensor>> CycleGanTrainer::generatorParameters() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    appendNamed(out, *mLqToHq, kGenLqToHq);
    appendNamed(out, *mHqToLq, kGenHqToLq);
    if (mSegmenter) // optimised with the generators: its loss is part of theirs
        appendNamed(out, *mSegmenter, kSegmenter);
    return out;
}

std::vector<std::pair<std::string, torch::Tensor>> CycleGanTrainer::discriminatorParameters() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    appendNamed(out, *mDiscHq, kDiscHq);
    appendNamed(out, *mDiscLq, kDiscLq);
    return out;
}

int CycleGanTrainer::epoch() const { return 1 + mStep / mOptions.stepsPerEpoch; }

GanStepLosses CycleGanTrainer::step(const GanBatch& batch)
{
    const double lr = mOptions.schedule.learningRate(epoch());
    setLearningRate(*mGeneratorOptimizer, lr);
    setLearningRate(*mDiscriminatorOptimizer, lr);
    mLqToHq->train();
    mHqToLq->train();
    mDiscHq->train();
    mDiscLq->train();
    const torch::Tensor lq = batch.lq.to(mDevice), hq = batch.hq.to(mDevice);
    torch::Tensor lqWeight, hqWeight;
    if (mOptions.maskWeight > 0.0 && batch.lqMask.defined() && batch.hqMask.defined()) {
        lqWeight = 1.0 + mOptions.maskWeight * batch.lqMask.to(mDevice);
        hqWeight = 1.0 + mOptions.maskWeight * batch.hqMask.to(mDevice);
    }
    GanStepLosses out;

    // Generators (discriminators frozen so that their gradients are not computed).
    setRequiresGrad(*mDiscHq, false);
    setRequiresGrad(*mDiscLq, false);
    mGeneratorOptimizer->zero_grad();
    torch::Tensor fakeHq, fakeLq;
    {
        AutocastGuard autocast(mDevice, mOptions.bf16);
        const GeneratorOutput toHq = mLqToHq->forward(lq);      // LQ -> HQ
        const GeneratorOutput backToLq = mHqToLq->forward(toHq.image);
        const GeneratorOutput toLq = mHqToLq->forward(hq);      // HQ -> LQ
        const GeneratorOutput backToHq = mLqToHq->forward(toLq.image);
        fakeHq = toHq.image;
        fakeLq = toLq.image;
        const torch::Tensor adversarial = lsganLoss(mDiscHq->forward(toHq.image), true)
            + lsganLoss(mDiscLq->forward(toLq.image), true);
        const torch::Tensor cycle = cycleLoss(backToLq.image.to(torch::kFloat), lq, lqWeight)
            + cycleLoss(backToHq.image.to(torch::kFloat), hq, hqWeight);
        torch::Tensor total = adversarial + mOptions.lambdaCycle * cycle;
        if (mSegmenter && batch.lqMask.defined()) {
            mSegmenter->train();
            const torch::Tensor segmentation = segmentRestoration(mSegmenter, toHq, batch.lqMask.to(mDevice)).loss;
            total = total + mOptions.lambdaSegmentation * segmentation;
            out.segmentation = segmentation.item<double>();
        }
        if (mOptions.lambdaIdentity > 0) {
            const torch::Tensor identity = cycleLoss(mLqToHq->forward(hq).image.to(torch::kFloat), hq)
                + cycleLoss(mHqToLq->forward(lq).image.to(torch::kFloat), lq);
            total = total + mOptions.lambdaIdentity * identity;
            out.identity = identity.item<double>();
        }
        // The paper's feature constraints: the bottleneck of the generator that makes HQ images
        // (from LQ input) against that of the one that makes LQ images (from HQ input).
        if (mOptions.lambdaFft > 0) {
            const torch::Tensor fft = fftMagnitudeLoss(toHq.bottleneck, toLq.bottleneck);
            total = total + mOptions.lambdaFft * fft;
            out.fft = fft.item<double>();
        }
        if (mOptions.lambdaCf > 0) {
            const torch::Tensor cf = (*mCfLoss)(toHq.bottleneck.to(torch::kFloat), toLq.bottleneck.to(torch::kFloat));
            total = total + mOptions.lambdaCf * cf;
            out.cf = cf.item<double>();
        }
        total.backward();
        out.generatorAdversarial = adversarial.item<double>();
        out.cycle = cycle.item<double>();
        out.generatorTotal = total.item<double>();
    }
    mGeneratorOptimizer->step();

    // Discriminators: real against pooled fakes, each loss halved (CycleGAN).
    setRequiresGrad(*mDiscHq, true);
    setRequiresGrad(*mDiscLq, true);
    mDiscriminatorOptimizer->zero_grad();
    {
        AutocastGuard autocast(mDevice, mOptions.bf16);
        const torch::Tensor pooledHq = mPoolHq.query(fakeHq.detach().to(torch::kFloat));
        const torch::Tensor pooledLq = mPoolLq.query(fakeLq.detach().to(torch::kFloat));
        const torch::Tensor lossHq = 0.5 * (lsganLoss(mDiscHq->forward(hq), true) + lsganLoss(mDiscHq->forward(pooledHq), false));
        const torch::Tensor lossLq = 0.5 * (lsganLoss(mDiscLq->forward(lq), true) + lsganLoss(mDiscLq->forward(pooledLq), false));
        (lossHq + lossLq).backward();
        out.discriminatorHq = lossHq.item<double>();
        out.discriminatorLq = lossLq.item<double>();
    }
    mDiscriminatorOptimizer->step();
    ++mStep;
    return out;
}

void CycleGanTrainer::saveCheckpoint(const std::string& path) const
{
    TensorFile file;
    addModuleWeights(file, *mLqToHq, std::string(kGenLqToHq) + ".");
    addModuleWeights(file, *mHqToLq, std::string(kGenHqToLq) + ".");
    addModuleWeights(file, *mDiscHq, std::string(kDiscHq) + ".");
    addModuleWeights(file, *mDiscLq, std::string(kDiscLq) + ".");
    if (mSegmenter)
        addModuleWeights(file, *mSegmenter, std::string(kSegmenter) + ".");
    addAdamState(file, *mGeneratorOptimizer, generatorParameters(), "opt_gen");
    addAdamState(file, *mDiscriminatorOptimizer, discriminatorParameters(), "opt_disc");
    file.metadata["format"] = "hrtem-gan-checkpoint";
    file.metadata["step"] = std::to_string(mStep);
    file.metadata["training_options"] = toJson(mOptions).dump();
    writeSafetensors(path, file);
}

void CycleGanTrainer::loadCheckpoint(const std::string& path)
{
    const TensorFile file = readSafetensors(path);
    const auto format = file.metadata.find("format");
    if (format == file.metadata.end() || format->second != "hrtem-gan-checkpoint")
        throw std::runtime_error(path + ": not an HRTEM-GAN training checkpoint");
    const auto saved = file.metadata.find("training_options");
    if (saved == file.metadata.end())
        throw std::runtime_error(path + ": checkpoint has no training options");
    const GanTrainingOptions savedOptions = ganTrainingOptionsFromJson(nlohmann::json::parse(saved->second));
    if (toJson(savedOptions.generator) != toJson(mOptions.generator)
        || toJson(savedOptions.discriminator) != toJson(mOptions.discriminator))
        throw std::runtime_error(path + ": checkpoint networks differ from the requested ones: saved generator "
                                 + toJson(savedOptions.generator).dump() + ", discriminator "
                                 + toJson(savedOptions.discriminator).dump());
    const bool savedGuided = savedOptions.lambdaSegmentation > 0, guided = mOptions.lambdaSegmentation > 0;
    if (savedGuided != guided || (guided && toJson(savedOptions.segmenter) != toJson(mOptions.segmenter)))
        throw std::runtime_error(path + (savedGuided ? ": checkpoint trains a guided segmenter " + toJson(savedOptions.segmenter).dump() +
                                                           ": resume it with the same lambda_segmentation and segmenter (hrtem train joint)"
                                                     : ": checkpoint has no guided segmenter: resume it without lambda_segmentation"));
    applyModuleWeights(file, *mLqToHq, path, std::string(kGenLqToHq) + ".");
    applyModuleWeights(file, *mHqToLq, path, std::string(kGenHqToLq) + ".");
    applyModuleWeights(file, *mDiscHq, path, std::string(kDiscHq) + ".");
    applyModuleWeights(file, *mDiscLq, path, std::string(kDiscLq) + ".");
    if (mSegmenter)
        applyModuleWeights(file, *mSegmenter, path, std::string(kSegmenter) + ".");
    restoreAdamState(file, *mGeneratorOptimizer, generatorParameters(), "opt_gen", path);
    restoreAdamState(file, *mDiscriminatorOptimizer, discriminatorParameters(), "opt_disc", path);
    mStep = std::stoi(file.metadata.at("step"));
}

void CycleGanTrainer::exportRestorationWeights(const std::string& path, std::map<std::string, std::string> metadata) const
{
    metadata["format"] = "hrtem-gan-generator";
    metadata["direction"] = "lq_to_hq";
    metadata["generator_config"] = toJson(mOptions.generator).dump();
    metadata["training_options"] = toJson(mOptions).dump();
    metadata["training_steps"] = std::to_string(mStep);
    saveModuleWeights(path, *mLqToHq, metadata);
}

void CycleGanTrainer::exportSegmenterWeights(const std::string& path, std::map<std::string, std::string> metadata) const
{
    if (!mSegmenter)
        throw std::logic_error("exportSegmenterWeights: this training has no segmenter (lambda_segmentation is 0)");
    metadata["format"] = "hrtem-guided-segmenter";
    metadata["segmenter_config"] = toJson(mSegmenter->config).dump();
    metadata["generator_config"] = toJson(mOptions.generator).dump();
    metadata["training_steps"] = std::to_string(mStep);
    saveModuleWeights(path, *mSegmenter, metadata);
}

} // namespace hrtem::models
