#include "core/training/gan_training.h"

#include "core/io/io_error.h"
#include "core/runtime/torch_runtime.h"
#include "core/training/patch_batch.h"
#include "core/version.h"
#include "models/device.h"
#include "models/training/cyclegan_trainer.h"

#include <torch/torch.h>

#include "core/training/gan_model_card.h"

#include <chrono>
#include <thread>
#include <cstring>
#include <fstream>
#include <functional>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace hrtem {

namespace {

cv::Mat toMat(const torch::Tensor& image)
{
    const torch::Tensor t = image.detach().to(torch::kCPU, torch::kFloat).contiguous();
    return cv::Mat(static_cast<int>(t.size(-2)), static_cast<int>(t.size(-1)), CV_32F, t.data_ptr<float>()).clone();
}

} // namespace

nlohmann::json defaultGanOptions()
{
    models::GanTrainingOptions o;
    o.generator.baseChannels = 16;
    o.generator.levels = 3;
    o.generator.vitLayers = 2;
    o.generator.vitHeads = 4;
    o.discriminator.baseChannels = 32;
    o.patchSize = 64;
    o.batchSize = 4;
    return models::toJson(o);
}

namespace {

/// Whether the batches carry atom-column masks: thesis ch. 4's mask-weighted cycle loss needs
/// them in both domains, the generation-guided segmenter in the LQ one. An option that is set
/// but cannot act is refused, by name.
bool requireMasks(const models::GanTrainingOptions& options, const GanPatchSampler& hq, const GanPatchSampler& lq,
                  const std::function<void(const std::string&)>& say)
{
    const bool guided = options.lambdaSegmentation > 0.0;
    for (const GanPatchSampler* sampler : {&hq, &lq})
        if (options.maskWeight > 0.0 && !sampler->hasMasks())
            throw std::invalid_argument("mask_weight " + std::to_string(options.maskWeight) +
                                        " weighs the cycle loss by atom-column masks, but " + sampler->unmaskedStack() +
                                        " has none (a simulated movie's truth/column_mask.tif): train on simulated movies "
                                        "or set mask_weight to 0");
    if (guided && !lq.hasMasks())
        throw std::invalid_argument("lambda_segmentation " + std::to_string(options.lambdaSegmentation) +
                                    " trains a segmenter on the LQ frames' atom-column masks, but " + lq.unmaskedStack() +
                                    " has none (a simulated movie's truth/column_mask.tif): train on simulated movies or "
                                    "set lambda_segmentation to 0");
    if (options.maskWeight > 0.0)
        say("cycle loss weighted by the simulator's atom-column masks (mask_weight " + std::to_string(options.maskWeight) + ")");
    if (guided)
        say("generation-guided segmenter trained with the generators (lambda_segmentation " +
            std::to_string(options.lambdaSegmentation) + ")");
    return options.maskWeight > 0.0 || guided;
}

} // namespace

std::string guidedSegmenterPath(const std::string& weights)
{
    const std::string suffix = ".safetensors";
    const bool named = weights.size() > suffix.size() && weights.compare(weights.size() - suffix.size(), suffix.size(), suffix) == 0;
    return (named ? weights.substr(0, weights.size() - suffix.size()) : weights) + ".segmenter.safetensors";
}

namespace {

/// Wall time of a run less the time it spent paused.
class RunClock {
public:
    double elapsed() const { return seconds(std::chrono::steady_clock::now() - mStart) - mPaused; }
    /// Waits while `pause` is set (and `cancel` is not), keeping the wait off the clock.
    void waitWhilePaused(const std::atomic<bool>* pause, const std::atomic<bool>* cancel)
    {
        if (pause == nullptr || !pause->load())
            return;
        const auto since = std::chrono::steady_clock::now();
        while (pause->load() && (cancel == nullptr || !cancel->load()))
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        mPaused += seconds(std::chrono::steady_clock::now() - since);
    }

private:
    static double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }
    std::chrono::steady_clock::time_point mStart = std::chrono::steady_clock::now();
    double mPaused = 0.0;
};

GanTrainingProgress progressOf(int step, int steps, double seconds, double lr, const models::GanStepLosses& l)
{
    GanTrainingProgress p;
    p.step = step;
    p.steps = steps;
    p.seconds = seconds;
    p.learningRate = lr;
    p.generatorTotal = l.generatorTotal;
    p.generatorAdversarial = l.generatorAdversarial;
    p.cycle = l.cycle;
    p.identity = l.identity;
    p.fft = l.fft;
    p.cf = l.cf;
    p.discriminatorHq = l.discriminatorHq;
    p.discriminatorLq = l.discriminatorLq;
    return p;
}

/// The loss log's row for one step (its header is kLossLogHeader).
void logLosses(std::ostream& log, const GanTrainingProgress& p, int epoch)
{
    log << p.step << ',' << epoch << ',' << p.learningRate << ',' << p.generatorTotal << ',' << p.generatorAdversarial << ','
        << p.cycle << ',' << p.identity << ',' << p.fft << ',' << p.cf << ',' << p.discriminatorHq << ',' << p.discriminatorLq << ','
        << p.seconds << '\n';
    log.flush();
}

const char* const kLossLogHeader =
    "step,epoch,learning_rate,generator_total,generator_adversarial,cycle,identity,fft,cf,discriminator_hq,discriminator_lq,seconds\n";

/// A batch of each domain, with the masks the options need.
models::GanBatch sampleBatch(GanPatchSampler& hq, GanPatchSampler& lq, int batchSize, bool masked)
{
    models::GanBatch batch;
    std::vector<cv::Mat> lqMasks, hqMasks;
    batch.lq = toBatch(lq.sample(batchSize, masked ? &lqMasks : nullptr));
    batch.hq = toBatch(hq.sample(batchSize, masked ? &hqMasks : nullptr));
    if (!lqMasks.empty())
        batch.lqMask = toBatch(lqMasks);
    if (!hqMasks.empty())
        batch.hqMask = toBatch(hqMasks);
    return batch;
}

void sendPreview(const GanTrainingObserver& observer, models::CycleGanTrainer& trainer, const models::GanBatch& batch,
                 const torch::Device& device)
{
    torch::NoGradGuard noGrad;
    auto generator = trainer.lqToHq();
    generator->eval();
    const torch::Tensor input = batch.lq.slice(0, 0, 1).to(device);
    observer.preview(toMat(input[0][0]), toMat(generator->forward(input).image[0][0]));
    generator->train();
}

} // namespace

GanTrainingSummary trainGan(const GanTrainingSettings& settings, const GanTrainingObserver& observer)
{
    nlohmann::json optionsJson = defaultGanOptions();
    optionsJson.merge_patch(settings.options);
    models::GanTrainingOptions options = models::ganTrainingOptionsFromJson(optionsJson);
    // The paper's schedule (150 epochs constant, 20 decaying to zero) stretched over the run.
    // Rounded down, so that the decay is complete by the last step (rounding up would end the
    // run part-way down the ramp); the last few steps may then run at a learning rate of 0.
    options.stepsPerEpoch = std::max(1, settings.steps / (options.schedule.constantEpochs + options.schedule.decayEpochs));
    if (settings.steps < 1)
        throw std::invalid_argument("training needs at least one step");

    auto say = [&](const std::string& text) {
        if (observer.message)
            observer.message(text);
    };
    PatchSamplerSettings samplerSettings = settings.sampler;
    samplerSettings.patchSize = options.patchSize;
    samplerSettings.seed = options.seed * 7 + 1;
    GanPatchSampler hq(settings.hq, samplerSettings);
    samplerSettings.seed = options.seed * 7 + 2;
    GanPatchSampler lq(settings.lq, samplerSettings);
    const std::string hqData = settings.hqDescription.empty() ? settings.hq : settings.hqDescription;
    const std::string lqData = settings.lqDescription.empty() ? settings.lq : settings.lqDescription;
    say("training patches: " + std::to_string(hq.frames()) + " HQ frames from " + hqData + ", " + std::to_string(lq.frames())
        + " LQ frames from " + lqData);
    // Thesis ch. 4's variants need the simulator's atom-column masks; refused by name without.
    const bool guided = options.lambdaSegmentation > 0.0;
    const bool masked = requireMasks(options, hq, lq, say);

    computeRuntime(); // LibTorch starts with one CPU thread here: use every core
    const torch::Device device = models::deviceFromName(settings.device);
    models::CycleGanTrainer trainer(options, device);
    if (!settings.resume.empty()) {
        trainer.loadCheckpoint(settings.resume);
        say("resumed from " + settings.resume + " at step " + std::to_string(trainer.stepsDone()));
    }
    GanTrainingSummary summary;
    summary.device = device.is_cuda() ? "CUDA" : "CPU";
    summary.weights = settings.outWeights;
    summary.checkpoint = settings.checkpoint.empty() ? settings.outWeights + ".checkpoint" : settings.checkpoint;
    summary.lossLog = settings.lossLog.empty() ? settings.outWeights + ".losses.csv" : settings.lossLog;
    summary.options = models::toJson(options);
    if (guided)
        summary.segmenterWeights = guidedSegmenterPath(settings.outWeights);

    // The loss log is appended to on resume, so one file holds the whole run.
    const bool appending = !settings.resume.empty();
    std::ofstream log(summary.lossLog, appending ? std::ios::app : std::ios::trunc);
    if (!log)
        throw IoError(summary.lossLog, "cannot be written");
    if (!appending)
        log << kLossLogHeader;

    RunClock clock;
    auto exportWeights = [&] {
        trainer.exportRestorationWeights(settings.outWeights, {{"program", std::string("HRTEM Studio ") + kVersion},
                                                               {"hq_data", hqData},
                                                               {"lq_data", lqData},
                                                               {"device", summary.device},
                                                               {"seconds", std::to_string(clock.elapsed())}});
        if (guided)
            trainer.exportSegmenterWeights(summary.segmenterWeights, {{"program", std::string("HRTEM Studio ") + kVersion},
                                                                      {"lq_data", lqData},
                                                                      {"device", summary.device}});
    };
    const int firstStep = trainer.stepsDone();
    while (trainer.stepsDone() < settings.steps) {
        clock.waitWhilePaused(observer.pause, observer.cancel);
        if (observer.cancel != nullptr && observer.cancel->load()) {
            summary.cancelled = true;
            say("cancelled at step " + std::to_string(trainer.stepsDone()));
            break;
        }
        const models::GanBatch batch = sampleBatch(hq, lq, options.batchSize, masked);
        const models::GanStepLosses l = trainer.step(batch);
        const int step = trainer.stepsDone();
        const int epoch = 1 + (step - 1) / options.stepsPerEpoch;
        summary.last = progressOf(step, settings.steps, clock.elapsed(), options.schedule.learningRate(epoch), l);
        const bool timeUp = settings.maxSeconds > 0.0 && summary.last.seconds >= settings.maxSeconds;
        if (step % settings.logEvery == 0 || step == settings.steps || timeUp) {
            logLosses(log, summary.last, epoch);
            if (observer.progress)
                observer.progress(summary.last);
        }
        // The first step's preview too: the user sees at once what the patches look like.
        if (observer.preview && (step % std::max(1, observer.previewEvery) == 0 || step == firstStep + 1))
            sendPreview(observer, trainer, batch, device);
        if (step % settings.checkpointEvery == 0 && !timeUp) {
            // The weights too: a run stopped by a crash or a power cut still leaves usable ones.
            trainer.saveCheckpoint(summary.checkpoint);
            exportWeights();
            say("checkpoint at step " + std::to_string(step) + ": " + summary.checkpoint);
        }
        if (timeUp) {
            summary.timeUp = true;
            say("time budget of " + std::to_string(settings.maxSeconds) + " s reached at step " + std::to_string(step));
            break;
        }
    }
    trainer.saveCheckpoint(summary.checkpoint);
    exportWeights();
    summary.steps = trainer.stepsDone();
    summary.seconds = clock.elapsed();
    summary.modelCard = writeGanModelCard(settings, summary, hq.frames(), lq.frames(), firstStep);
    say("trained " + std::to_string(summary.steps - firstStep) + " steps in " + std::to_string(summary.seconds) + " s on "
        + summary.device + "; weights: " + settings.outWeights + "; model card: " + summary.modelCard);
    return summary;
}

} // namespace hrtem
