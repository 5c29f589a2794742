#include "core/training/patch_classifier_training.h"

#include "core/classify/network_patch_classifier.h"
#include "core/classify/patch_windows.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/io/stack.h"
#include "core/runtime/torch_runtime.h"
#include "core/segment/segmentation_input.h"
#include "core/training/patch_batch.h"
#include "core/training/segmentation_training.h"
#include "core/training/square_symmetry.h"
#include "core/util/stopwatch.h"
#include "core/version.h"
#include "models/device.h"
#include "models/training/patch_classifier_trainer.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>

namespace hrtem {

namespace {

namespace fs = std::filesystem;

/// A training frame prepared for the network, with its particle mask at the same scale.
struct LabelledFrame {
    cv::Mat image, particle;
    float dose = 0.0f; ///< doseFeature of the raw frame
    bool highQuality = false;
};

std::vector<LabelledFrame> readFrames(const PatchClassifierTrainingSettings& s, int window,
                                      const std::function<void(const std::string&)>& say)
{
    std::vector<LabelledFrame> out;
    for (const std::string& folder : s.simulations) {
        const double dose = simulationDose(folder);
        if (!(dose <= kLowQualityMaxCounts || dose >= kHighQualityMinCounts)) {
            say("left out " + folder + " (dose " + std::to_string(dose) + " counts/px: neither low nor high quality)");
            continue;
        }
        auto movie = openStack((fs::path(folder) / "movie.tif").string());
        auto particles = openStack((fs::path(folder) / "truth" / "particle_mask.tif").string());
        const double period = simulationPeriod(*movie, folder);
        if (!(period > 2.0) || std::min(movie->info().width, movie->info().height) * s.referencePeriod / period < window) {
            say("left out " + folder + " (no usable lattice period: " + std::to_string(period) + " px)");
            continue;
        }
        const int frames = std::min(movie->info().frameCount, particles->info().frameCount);
        const int count = std::min(frames, std::max(1, s.maxFramesPerMovie));
        for (int i = 0; i < count; ++i) {
            const int f = static_cast<int>((long(i) * frames) / count);
            const cv::Mat raw = movie->readFrame(f);
            const segment::SegmentationInput input = segment::segmentationInput(raw, period, s.referencePeriod);
            out.push_back({input.image, segment::resampleMask(particles->readFrame(f), input),
                           static_cast<float>(doseFeature(raw)), dose >= kHighQualityMinCounts});
        }
    }
    if (out.empty())
        throw std::invalid_argument("no training frames (each folder needs movie.tif, truth/particle_mask.tif and a stated dose)");
    return out;
}

/// A batch of windows at random places: the crystal label is the particle's share of the
/// window's middle `labelSide` px (a grid patch's extent: about three lattice periods), the
/// quality label the frame's. A window larger than the middle gives the network context.
struct Batch {
    torch::Tensor patches, dose, foreground, highQuality;
};

Batch sampleBatch(const std::vector<LabelledFrame>& frames, int size, int window, int labelSide, std::mt19937_64& rng)
{
    std::vector<cv::Mat> patches;
    std::vector<float> foreground, quality, dose;
    std::uniform_real_distribution<double> unit(0.0, 1.0), gain(0.8, 1.25), offset(-0.1, 0.1);
    const int middle = std::min(window, labelSide);
    for (int i = 0; i < size; ++i) {
        const LabelledFrame& f = frames[rng() % frames.size()];
        segment::SegmentationInput input;
        input.image = f.image;
        const double x = unit(rng) * f.image.cols, y = unit(rng) * f.image.rows;
        cv::Mat patch = patchWindow(input, x, y, window);
        input.image = f.particle;
        const cv::Mat mask = patchWindow(input, x, y, window);
        const int m0 = (window - middle) / 2;
        foreground.push_back(static_cast<float>(cv::mean(mask(cv::Rect(m0, m0, middle, middle)))[0]));
        quality.push_back(f.highQuality ? 1.0f : 0.0f);
        dose.push_back(f.dose);
        applySquareSymmetry(patch, static_cast<int>(rng() % 8));
        // Another microscope's contrast; no added noise: noise is what the quality head reads.
        patch.convertTo(patch, CV_32F, gain(rng), offset(rng));
        patches.push_back(patch);
    }
    return {toBatch(patches), torch::tensor(dose), torch::tensor(foreground), torch::tensor(quality)};
}

} // namespace

double simulationDose(const std::string& folder)
{
    const fs::path parameters = fs::path(folder) / "parameters.json", meta = fs::path(folder) / "meta.json";
    if (fs::exists(parameters)) {
        const nlohmann::json p = readJsonFile(parameters.string());
        if (p.contains("counts_per_pixel"))
            return p["counts_per_pixel"].get<double>();
    }
    const fs::path structure = fs::path(folder) / "truth" / "structure.json";
    if (fs::exists(structure)) {
        const nlohmann::json st = readJsonFile(structure.string());
        if (st.contains("counts_per_pixel"))
            return st["counts_per_pixel"].get<double>();
    }
    if (fs::exists(meta)) {
        const nlohmann::json m = readJsonFile(meta.string());
        if (m.contains("dose_counts_per_px"))
            return m["dose_counts_per_px"].get<double>();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

PatchClassifierTrainingSummary trainPatchClassifier(const PatchClassifierTrainingSettings& s,
                                                    const std::function<void(int, int, double)>& progress,
                                                    const std::function<void(const std::string&)>& message,
                                                    const std::atomic<bool>* cancel)
{
    const models::PatchClassifierTrainingOptions options = models::patchClassifierTrainingOptionsFromJson(s.options);
    if (s.simulations.empty())
        throw std::invalid_argument("training the patch classifier needs at least one simulation folder");
    if (s.outWeights.empty())
        throw std::invalid_argument("training the patch classifier needs an output weights path");
    auto say = [&](const std::string& m) {
        if (message)
            message(m);
    };
    const int window = static_cast<int>(options.network.patchSize);
    const std::vector<LabelledFrame> frames = readFrames(s, window, say);
    PatchClassifierTrainingSummary summary;
    summary.frames = static_cast<int>(frames.size());
    for (const LabelledFrame& f : frames)
        summary.highQualityFrames += f.highQuality ? 1 : 0;
    say("training frames: " + std::to_string(summary.frames) + " (" + std::to_string(summary.highQualityFrames) +
        " high quality)");
    computeRuntime();
    const torch::Device device = models::deviceFromName(s.device);
    models::PatchClassifierTrainer trainer(options, device);
    summary.device = device.is_cuda() ? "CUDA" : "CPU";
    summary.weights = s.outWeights;
    summary.lossLog = s.outWeights + ".losses.csv";
    std::ofstream log(summary.lossLog);
    log << "step,loss\n";
    std::mt19937_64 rng(options.seed);
    std::map<std::string, std::string> metadata = {
        {"reference_period_px", std::to_string(s.referencePeriod)},
        {"software", std::string("HRTEM Studio ") + kVersion},
        {"training_frames", std::to_string(summary.frames)},
        {"low_quality_max_counts", std::to_string(kLowQualityMaxCounts)},
        {"high_quality_min_counts", std::to_string(kHighQualityMinCounts)}};
    const auto start = SteadyClock::now();
    double mean = 0.0;
    for (int step = 1; step <= s.steps; ++step) {
        if (cancel && cancel->load()) {
            summary.cancelled = true;
            break;
        }
        const Batch b = sampleBatch(frames, options.batchSize, window, static_cast<int>(std::lround(3.0 * s.referencePeriod)), rng);
        const double loss = trainer.step(b.patches, b.dose, b.foreground, b.highQuality);
        mean += loss;
        summary.finalLoss = loss;
        if (step % s.logEvery == 0) {
            log << step << ',' << mean / s.logEvery << '\n' << std::flush;
            mean = 0.0;
        }
        if (progress)
            progress(step, s.steps, loss);
        if (step % s.saveEvery == 0)
            trainer.exportWeights(s.outWeights, metadata);
    }
    summary.steps = trainer.stepsDone();
    summary.seconds = secondsSince(start);
    trainer.exportWeights(s.outWeights, metadata);
    return summary;
}

} // namespace hrtem
