#include "core/training/segmentation_training.h"

#include "core/locate/lattice_scale.h"
#include "core/locate/temporal_pool.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/io/stack.h"
#include "core/segment/segmentation_input.h"
#include "core/segment/segmenter.h"
#include "core/runtime/torch_runtime.h"
#include "core/training/patch_batch.h"
#include "core/training/square_symmetry.h"
#include "core/version.h"
#include "core/restore/gan_restorer.h"
#include "models/device.h"
#include "models/inference/restoration_model.h"
#include "models/training/joint_segmentation.h"
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

/// Frames prepared for the network (segment/segmentation_input.h) and their masks (0/1 float).
struct LabelledFrames {
    std::vector<cv::Mat> images, masks;
    std::vector<std::vector<cv::Point>> centredCorners; ///< patch corners whose centre is on the particle
    std::vector<std::string> skipped;                   ///< folders left out, with the reason
};

/// The truth mask file of a target in a simulation folder.
fs::path maskFile(const std::string& folder, segment::SegmentationTarget target)
{
    return fs::path(folder) / "truth" /
           (target == segment::SegmentationTarget::Particle ? "particle_mask.tif" : "column_mask.tif");
}

} // namespace

double simulationPeriod(StackReader& movie, const std::string& folder)
{
    const fs::path parameters = fs::path(folder) / "parameters.json";
    if (fs::exists(parameters)) {
        const nlohmann::json p = readJsonFile(parameters.string());
        if (p.contains("derived") && p["derived"].contains("d111_nm") && p.value("pixel_nm", 0.0) > 0)
            return p["derived"]["d111_nm"].get<double>() / p["pixel_nm"].get<double>();
    }
    return estimateLatticePeriod(movie.readFrame(0)).period_px;
}

namespace {

LabelledFrames readLabelledFrames(const std::vector<std::string>& folders, int maxFrames, int patch,
                                  segment::SegmentationTarget target, double referencePeriod)
{
    LabelledFrames out;
    for (const std::string& folder : folders) {
        auto movie = openStack((fs::path(folder) / "movie.tif").string());
        auto masks = openStack(maskFile(folder, target).string());
        auto particles = openStack(maskFile(folder, segment::SegmentationTarget::Particle).string());
        const int frames = std::min(movie->info().frameCount, masks->info().frameCount);
        // The network learns what the analysis will show it: a movie whose period the analysis
        // cannot measure (or measures as absurdly long) would teach it at a wrong scale.
        const double period = simulationPeriod(*movie, folder);
        if (!(period > 2.0) || std::min(movie->info().width, movie->info().height) * referencePeriod / period < patch) {
            out.skipped.push_back(folder + " (no usable lattice period: " + std::to_string(period) + " px)");
            continue;
        }
        const int count = std::min(frames, std::max(1, maxFrames));
        for (int i = 0; i < count; ++i) {
            const int f = static_cast<int>((long(i) * frames) / count);
            const segment::SegmentationInput input = segment::segmentationInput(movie->readFrame(f), period, referencePeriod);
            const cv::Mat particle = segment::resampleMask(particles->readFrame(f), input);
            std::vector<cv::Point> corners;
            for (int y = 0; y + patch <= particle.rows; y += patch / 8)
                for (int x = 0; x + patch <= particle.cols; x += patch / 8)
                    if (particle.at<float>(y + patch / 2, x + patch / 2) > 0.5f)
                        corners.emplace_back(x, y);
            out.images.push_back(input.image);
            out.masks.push_back(segment::resampleMask(masks->readFrame(f), input));
            out.centredCorners.push_back(std::move(corners));
        }
    }
    if (out.images.empty())
        throw std::invalid_argument("no training frames");
    return out;
}

/// What another microscope would change in a patch the labels do not depend on: its contrast
/// (gain 0.7-1.3, offset +-0.2 of the stretched range) and, half the time, extra white noise
/// (sigma up to 0.3): so the networks read the lattice, not one simulator's noise and texture.
void varyContrast(cv::Mat& patch, std::mt19937_64& rng)
{
    std::uniform_real_distribution<double> gain(0.7, 1.3), offset(-0.2, 0.2), sigma(0.0, 0.3);
    patch.convertTo(patch, CV_32F, gain(rng), offset(rng));
    if (rng() % 2 == 0) {
        std::normal_distribution<float> noise(0.0f, static_cast<float>(sigma(rng)));
        for (int y = 0; y < patch.rows; ++y)
            for (float& v : cv::Mat_<float>(patch.row(y)))
                v += noise(rng);
    }
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
    const segment::SegmentationTarget target = segment::targetFromName(settings.target);
    const double referencePeriod =
        settings.referencePeriod > 0 ? settings.referencePeriod : segment::defaultReferencePeriod(target);
    const LabelledFrames data = readLabelledFrames(settings.simulations, settings.maxFramesPerMovie, p, target, referencePeriod);
    for (const std::string& folder : data.skipped)
        say("left out " + folder);
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
                                                    {"target", segment::targetName(target)},
                                                    {"reference_period_px", std::to_string(referencePeriod)},
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
            const std::vector<cv::Point>& corners = data.centredCorners[f];
            cv::Point c;
            // Columns: 80% of the patches on the particle, as for HRTEM-GAN; the particle's
            // region: half, so that its edges and the support are seen as often.
            const bool onParticle = target == segment::SegmentationTarget::Particle ? rng() % 2 == 0 : rng() % 5 != 0;
            if (!corners.empty() && onParticle) {
                c = corners[std::uniform_int_distribution<std::size_t>(0, corners.size() - 1)(rng)];
            } else {
                c.x = std::uniform_int_distribution<int>(0, image.cols - p)(rng);
                c.y = std::uniform_int_distribution<int>(0, image.rows - p)(rng);
            }
            cv::Mat ip = image(cv::Rect(c.x, c.y, p, p)).clone(), mp = data.masks[f](cv::Rect(c.x, c.y, p, p)).clone();
            const int turn = pickTurn(rng);
            applySquareSymmetry(ip, turn);
            applySquareSymmetry(mp, turn);
            varyContrast(ip, rng);
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

MaskScores evaluateSegmenter(const std::string& weights, const std::string& simulation, int frames, const std::string& target,
                             const std::string& device, int pool)
{
    const segment::SegmentationTarget which = segment::targetFromName(target);
    const segment::Segmenter segmenter(weights, which, device);
    auto movie = openStack((fs::path(simulation) / "movie.tif").string());
    auto masks = openStack(maskFile(simulation, which).string());
    const int count = std::min({frames > 0 ? frames : movie->info().frameCount, movie->info().frameCount,
                                masks->info().frameCount});
    // What the analysis would read: the estimate, never the simulator's truth.
    const double period = estimateLatticePeriod(movie->readFrame(0)).period_px;
    if (!(period > 2.0))
        throw IoError(simulation + "/movie.tif", "no lattice period found in the first frame: the network cannot be applied");
    MaskScores total;
    for (int f = 0; f < count; ++f) {
        cv::Mat truth;
        masks->readFrame(f).convertTo(truth, CV_8U);
        cv::Mat input = movie->readFrame(f);
        if (pool > 1) {
            const auto [begin, end] = poolWindow(f, pool, 0, movie->info().frameCount);
            std::vector<cv::Mat> window;
            for (int k = begin; k < end; ++k)
                window.push_back(k == f ? input : movie->readFrame(k));
            input = poolFrames(window, static_cast<std::size_t>(f - begin)).mean;
        }
        total.add(scoreMasks(segmenter.probability(input, period) > 0.5f, truth));
    }
    return total;
}

MaskScores evaluateGuidedSegmenter(const std::string& ganWeights, const std::string& segmenterWeights,
                                   const std::string& simulation, int frames, const std::string& device)
{
    computeRuntime();
    const torch::Device where = models::deviceFromName(device);
    models::RestorationModel gan(ganWeights, where);
    models::SegmentationModel segmenter(segmenterWeights, where);
    if (segmenter.config().guideChannels != gan.config().baseChannels)
        throw IoError(segmenterWeights, "is not a segmenter guided by " + ganWeights + "'s features (guide channels " +
                                            std::to_string(segmenter.config().guideChannels) + ", generator base " +
                                            std::to_string(gan.config().baseChannels) + ")");
    models::HrtemGanGenerator generator = gan.generator();
    models::SegmentationUnet network = segmenter.network();
    auto movie = openStack((fs::path(simulation) / "movie.tif").string());
    auto masks = openStack(maskFile(simulation, segment::SegmentationTarget::Columns).string());
    const int count = std::min({frames > 0 ? frames : movie->info().frameCount, movie->info().frameCount,
                                masks->info().frameCount});
    MaskScores total;
    for (int f = 0; f < count; ++f) {
        const cv::Mat counts = movie->readFrame(f);
        cv::Mat scaled = restore::IntensityScaling::of(counts).toNetwork(counts);
        const torch::Tensor image = torch::from_blob(scaled.data, {scaled.rows, scaled.cols}, torch::kFloat).to(where);
        const torch::Tensor p = models::guidedProbabilities(generator, network, image).to(torch::kCPU).contiguous();
        const cv::Mat probability(counts.rows, counts.cols, CV_32F, p.data_ptr<float>());
        cv::Mat truth;
        masks->readFrame(f).convertTo(truth, CV_8U);
        total.add(scoreMasks(probability > 0.5f, truth));
    }
    return total;
}

} // namespace hrtem
