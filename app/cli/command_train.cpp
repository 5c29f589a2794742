// hrtem train gan: HRTEM-GAN on two unpaired sets of frames (high and low quality), with
// checkpoints, resume and a loss log; the result restores with `hrtem restore --weights`.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"
#include "app/cli/progress_bar.h"

#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/training/gan_training.h"
#include "core/training/segmentation_training.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kGanOptions = {
    {"hq", "PATH", "high-quality frames: a stack (.tif/.dm3/.dm4/video) or a folder of frames (required)", "none"},
    {"lq", "PATH", "low-quality frames, unpaired with the high-quality ones (required)", "none"},
    {"out", "WEIGHTS.safetensors", "the restoration weights written (required)", "none"},
    {"steps", "N", "training steps", "2000"},
    {"patch", "N", "patch side in px", "64"},
    {"batch", "N", "patches per step", "4"},
    {"config", "FILE.json", "training options (networks, loss weights; see the weights' header)", "the built-in ones"},
    {"resume", "CHECKPOINT", "continue a run (same networks); the loss log is appended to", "none: a fresh run"},
    {"checkpoint", "FILE", "where to keep the resumable state", "WEIGHTS.checkpoint"},
    {"checkpoint-every", "N", "steps between checkpoints", "250"},
    {"device", "auto|cpu|cuda", "where the networks train", "auto: CUDA if present"},
    {"bf16", "", "bf16 autocast on CUDA", "off: float32"},
    {"seed", "N", "random seed", "1"},
    {"quiet", "", "no progress bar", "a progress bar on standard error"},
};

const std::vector<OptionHelp> kSegmentationOptions = {
    {"sim", "DIR[,DIR...]", "folders written by hrtem simulate (movie.tif and truth/column_mask.tif, particle_mask.tif) (required)", "none"},
    {"out", "WEIGHTS.safetensors", "the segmenter's weights written (required)", "none"},
    {"target", "columns|particle", "what it learns: the atom columns' discs or the particle's region", "columns"},
    {"reference-period", "PX", "the lattice period frames are resampled to", "10 for columns, 4 for the particle"},
    {"steps", "N", "training steps", "1500"},
    {"patch", "N", "patch side in px", "64"},
    {"batch", "N", "patches per step", "8"},
    {"frames", "N", "frames used per movie", "32"},
    {"config", "FILE.json", "training options (network, loss weights)", "the built-in ones"},
    {"resume", "CHECKPOINT", "continue a run", "none: a fresh run"},
    {"device", "auto|cpu|cuda", "where the network trains", "auto: CUDA if present"},
    {"quiet", "", "no progress bar", "a progress bar on standard error"},
};

std::string ganUsage()
{
    return "usage: hrtem train gan --hq PATH --lq PATH --out WEIGHTS.safetensors [options]\n" + optionsUsage(kGanOptions) +
           "Ctrl-C stops after the current step and still writes the weights and a checkpoint.\n";
}

std::string jointUsage()
{
    return "usage: hrtem train joint --hq PATH --lq PATH --out WEIGHTS.safetensors [options]\n"
           "  HRTEM-GAN and the generation-guided atom-column segmenter trained together (thesis ch. 4):\n"
           "  the same options as train gan, with lambda_segmentation 1 unless --config sets it; --lq must\n"
           "  be simulated movies (their truth/column_mask.tif); the segmenter goes to WEIGHTS.segmenter.safetensors\n" +
           optionsUsage(kGanOptions);
}

std::string segmentationUsage()
{
    return "usage: hrtem train seg --sim DIR[,DIR...] --out WEIGHTS.safetensors [options]\n" + optionsUsage(kSegmentationOptions);
}

std::atomic<bool> gStop{false};

/// The trainer's options from --config, with --patch and --batch on top.
nlohmann::json trainingOptions(const Arguments& a, int defaultBatch)
{
    nlohmann::json options = nlohmann::json::object();
    if (const auto config = a.value("config"))
        options = readJsonFile(*config);
    if (a.value("patch"))
        options["patch_size"] = a.intValue("patch", 64);
    if (a.value("batch"))
        options["batch_size"] = a.intValue("batch", defaultBatch);
    return options;
}

extern "C" void onStop(int)
{
    gStop = true;
}

int runTrainSegmenter(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kSegmentationOptions);
    if (!a.positionals().empty() || !a.value("sim") || !a.value("out"))
        throw UsageError(segmentationUsage());
    SegmentationTrainingSettings s;
    std::stringstream list(*a.value("sim"));
    for (std::string folder; std::getline(list, folder, ',');)
        if (!folder.empty())
            s.simulations.push_back(folder);
    s.outWeights = *a.value("out");
    s.steps = a.intValue("steps", s.steps);
    s.maxFramesPerMovie = a.intValue("frames", s.maxFramesPerMovie);
    s.resume = a.valueOr("resume", "");
    s.device = a.valueOr("device", s.device);
    s.target = a.valueOr("target", s.target);
    s.referencePeriod = a.doubleValue("reference-period", 0.0);
    s.options = trainingOptions(a, 8);
    ProgressBar bar(!a.flag("quiet"));
    std::signal(SIGINT, onStop);
    SegmentationTrainingSummary summary;
    try {
        summary = trainSegmenter(
            s,
            [&](int step, int steps, double loss) {
                bar.update("train", double(step) / steps, "step " + std::to_string(step) + ", loss " + std::to_string(loss));
            },
            [&](const std::string& m) {
                bar.finish();
                std::cout << m << "\n";
            },
            &gStop);
    } catch (const std::invalid_argument& e) {
        bar.finish();
        throw UsageError(e.what());
    }
    std::signal(SIGINT, SIG_DFL);
    bar.finish();
    std::cout << "trained " << summary.steps << " steps in " << summary.seconds << " s on " << summary.device
              << ", last loss " << summary.finalLoss << "\nweights: " << summary.weights << "\ncheckpoint: " << summary.checkpoint
              << "\nloss log: " << summary.lossLog << "\n";
    return summary.cancelled ? 130 : 0;
}

} // namespace

int runTrain(const std::vector<std::string>& args)
{
    if (!args.empty() && args[0] == "seg")
        return runTrainSegmenter(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "patches")
        return runTrainPatches(std::vector<std::string>(args.begin() + 1, args.end()));
    if (args.empty() || (args[0] != "gan" && args[0] != "joint"))
        throw UsageError("hrtem train: 'gan', 'joint', 'seg' or 'patches'\n" + ganUsage() + jointUsage() + segmentationUsage() +
                         patchTrainingUsage());
    const bool joint = args[0] == "joint";
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    const Arguments a = parseOptions(rest, kGanOptions);
    if (!a.positionals().empty() || !a.value("hq") || !a.value("lq") || !a.value("out"))
        throw UsageError(joint ? jointUsage() : ganUsage());
    GanTrainingSettings s;
    s.hq = *a.value("hq");
    s.lq = *a.value("lq");
    s.outWeights = *a.value("out");
    s.steps = a.intValue("steps", s.steps);
    s.checkpointEvery = std::max(1, a.intValue("checkpoint-every", s.checkpointEvery));
    s.checkpoint = a.valueOr("checkpoint", "");
    s.resume = a.valueOr("resume", "");
    s.device = a.valueOr("device", s.device);
    s.options = trainingOptions(a, 4);
    if (a.value("seed"))
        s.options["seed"] = a.intValue("seed", 1);
    if (a.flag("bf16"))
        s.options["bf16"] = true;
    if (joint && !s.options.contains("lambda_segmentation"))
        s.options["lambda_segmentation"] = 1.0;

    ProgressBar bar(!a.flag("quiet"));
    GanTrainingObserver observer;
    observer.cancel = &gStop;
    observer.message = [&](const std::string& m) {
        bar.finish();
        std::cout << m << "\n";
    };
    observer.progress = [&](const GanTrainingProgress& p) {
        std::ostringstream detail;
        detail.precision(3);
        detail << "step " << p.step << ", G " << p.generatorTotal << ", cycle " << p.cycle << ", D " << p.discriminatorHq
               << "/" << p.discriminatorLq;
        bar.update("train", double(p.step) / p.steps, detail.str());
    };
    std::signal(SIGINT, onStop);
    GanTrainingSummary summary;
    try {
        summary = trainGan(s, observer);
    } catch (const std::invalid_argument& e) {
        bar.finish();
        throw UsageError(e.what());
    }
    std::signal(SIGINT, SIG_DFL);
    bar.finish();
    std::cout << "weights: " << summary.weights << "\ncheckpoint: " << summary.checkpoint << "\nloss log: " << summary.lossLog
              << "\n";
    if (!summary.segmenterWeights.empty())
        std::cout << "segmenter: " << summary.segmenterWeights << "\n";
    return summary.cancelled ? 130 : 0;
}

} // namespace hrtem::cli
