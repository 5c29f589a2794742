#include "core/training/segmentation_training.h"

#include "core/locate/lattice_scale.h"
#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/restore/gan_restorer.h"
#include "core/runtime/torch_runtime.h"
#include "core/training/patch_batch.h"
#include "core/training/square_symmetry.h"
#include "core/version.h"
#include "models/device.h"
#include "models/training/segmentation_trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

namespace hrtem {

namespace {

namespace fs = std::filesystem;

/// Frames (network scale) and their column masks (0/1 float) from simulation folders.
struct LabelledFrames {
    std::vector<cv::Mat> images, masks;
    std::vector<std::vector<cv::Point>> crystalCorners; ///< patch corners centred in the crystal
};

LabelledFrames readLabelledFrames(const std::vector<std::string>& folders, int maxFrames, int patch)
{
    LabelledFrames out;
    for (const std::string& folder : folders) {
        auto movie = openStack((fs::path(folder) / "movie.tif").string());
        auto masks = openStack((fs::path(folder) / "truth" / "column_mask.tif").string());
        const int frames = std::min(movie->info().frameCount, masks->info().frameCount);
        if (movie->info().width < patch || movie->info().height < patch)
            throw std::invalid_argument(folder + ": frames are smaller than the " + std::to_string(patch) + " px patches");
        const int count = std::min(frames, std::max(1, maxFrames));
        double period = 0.0;
        for (int i = 0; i < count; ++i) {
            const int f = static_cast<int>((long(i) * frames) / count);
            const cv::Mat counts = movie->readFrame(f);
            cv::Mat mask;
            cv::Mat(masks->readFrame(f) > 0).convertTo(mask, CV_32F, 1.0 / 255.0);
            if (period <= 0.0)
                period = estimateLatticePeriod(counts).period_px;
            std::vector<cv::Point> corners;
            if (period > 2.0) {
                const cv::Mat crystal = crystalMask(counts, period, period);
                for (int y = 0; y + patch <= counts.rows; y += patch / 4)
                    for (int x = 0; x + patch <= counts.cols; x += patch / 4)
                        if (crystal.at<std::uint8_t>(y + patch / 2, x + patch / 2))
                            corners.emplace_back(x, y);
            }
            out.images.push_back(restore::IntensityScaling::of(counts).toNetwork(counts));
            out.masks.push_back(mask);
            out.crystalCorners.push_back(std::move(corners));
        }
    }
    if (out.images.empty())
        throw std::invalid_argument("no training frames");
    return out;
}

} // namespace

SegmentationTrainingSummary trainSegmenter(const SegmentationTrainingSettings& settings,
                                           const std::function<void(int, int, double)>& progress,
                                           const std::function<void(const std::string&)>& message,
                                           const std::atomic<bool>* cancel)
{
    const models::SegmentationTrainingOptions options = models::segmentationTrainingOptionsFromJson(settings.options);
    if (settings.simulations.empty())
        throw std::invalid_argument("training the segmenter needs at least one simulation folder");
    auto say = [&](const std::string& m) {
        if (message)
            message(m);
    };
    const int p = options.patchSize;
    const LabelledFrames data = readLabelledFrames(settings.simulations, settings.maxFramesPerMovie, p);
    say("training frames: " + std::to_string(data.images.size()));
    computeRuntime();
    const torch::Device device = models::deviceFromName(settings.device);
    models::SegmentationTrainer trainer(options, device);
    SegmentationTrainingSummary summary;
    summary.device = device.is_cuda() ? "CUDA" : "CPU";
    summary.weights = settings.outWeights;
    summary.checkpoint = settings.outWeights + ".checkpoint";
    summary.lossLog = settings.outWeights + ".losses.csv";
    if (!settings.resume.empty()) {
        trainer.loadCheckpoint(settings.resume);
        say("resumed from " + settings.resume + " at step " + std::to_string(trainer.stepsDone()));
    }
    std::ofstream log(summary.lossLog, settings.resume.empty() ? std::ios::trunc : std::ios::app);
    if (!log)
        throw IoError(summary.lossLog, "cannot be written");
    if (settings.resume.empty())
        log << "step,loss,seconds\n";
    std::mt19937_64 rng(options.seed * 31 + 5);
    std::uniform_int_distribution<std::size_t> pickFrame(0, data.images.size() - 1);
    std::uniform_int_distribution<int> pickTurn(0, 7);
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    auto exportWeights = [&] {
        trainer.exportWeights(settings.outWeights, {{"program", std::string("HRTEM Studio ") + kVersion},
                                                    {"device", summary.device},
                                                    {"seconds", std::to_string(elapsed())}});
    };
    while (trainer.stepsDone() < settings.steps) {
        if (cancel != nullptr && cancel->load()) {
            summary.cancelled = true;
            break;
        }
        std::vector<cv::Mat> images, masks;
        for (int b = 0; b < options.batchSize; ++b) {
            const std::size_t f = pickFrame(rng);
            const cv::Mat& image = data.images[f];
            const std::vector<cv::Point>& corners = data.crystalCorners[f];
            cv::Point c;
            if (!corners.empty() && rng() % 5 != 0) { // 80% in the crystal, as for HRTEM-GAN
                c = corners[std::uniform_int_distribution<std::size_t>(0, corners.size() - 1)(rng)];
            } else {
                c.x = std::uniform_int_distribution<int>(0, image.cols - p)(rng);
                c.y = std::uniform_int_distribution<int>(0, image.rows - p)(rng);
            }
            cv::Mat ip = image(cv::Rect(c.x, c.y, p, p)).clone(), mp = data.masks[f](cv::Rect(c.x, c.y, p, p)).clone();
            const int turn = pickTurn(rng);
            applySquareSymmetry(ip, turn);
            applySquareSymmetry(mp, turn);
            images.push_back(ip);
            masks.push_back(mp);
        }
        summary.finalLoss = trainer.step(toBatch(images), toBatch(masks));
        const int step = trainer.stepsDone();
        if (step % settings.logEvery == 0 || step == settings.steps) {
            log << step << ',' << summary.finalLoss << ',' << elapsed() << '\n';
            log.flush();
            if (progress)
                progress(step, settings.steps, summary.finalLoss);
        }
        if (step % settings.checkpointEvery == 0) {
            trainer.saveCheckpoint(summary.checkpoint);
            exportWeights();
        }
    }
    trainer.saveCheckpoint(summary.checkpoint);
    exportWeights();
    summary.steps = trainer.stepsDone();
    summary.seconds = elapsed();
    return summary;
}

MaskScores evaluateSegmenter(const std::string& weights, const std::string& simulation, int frames, const std::string& device)
{
    computeRuntime();
    models::SegmentationModel model(weights, models::deviceFromName(device));
    auto movie = openStack((fs::path(simulation) / "movie.tif").string());
    auto masks = openStack((fs::path(simulation) / "truth" / "column_mask.tif").string());
    const int count = std::min({frames > 0 ? frames : movie->info().frameCount, movie->info().frameCount,
                                masks->info().frameCount});
    MaskScores total;
    for (int f = 0; f < count; ++f) {
        const cv::Mat counts = movie->readFrame(f);
        cv::Mat scaled = restore::IntensityScaling::of(counts).toNetwork(counts);
        const torch::Tensor image = torch::from_blob(scaled.data, {scaled.rows, scaled.cols}, torch::kFloat);
        const torch::Tensor probability = model.probabilities(image).contiguous();
        const cv::Mat p(counts.rows, counts.cols, CV_32F, probability.data_ptr<float>());
        cv::Mat truth;
        masks->readFrame(f).convertTo(truth, CV_8U);
        total.add(scoreMasks(p > 0.5f, truth));
    }
    return total;
}

} // namespace hrtem
