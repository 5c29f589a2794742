// hrtem train gan: HRTEM-GAN on two unpaired sets of frames (high and low quality), with
// checkpoints, resume and a loss log; the result restores with `hrtem restore --weights`.
#include "app/cli/arguments.h"
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

const char* const kUsage =
    "usage: hrtem train gan --hq PATH --lq PATH --out WEIGHTS.safetensors [options]\n"
    "  PATH: a stack (.tif/.dm3/.dm4/video) or a folder of frames of each domain (unpaired)\n"
    "  --steps N             training steps (default 2000)\n"
    "  --patch N             patch side in px (default 64)   --batch N (default 4)\n"
    "  --config FILE.json    training options (networks, loss weights; see the weights' header)\n"
    "  --resume CHECKPOINT   continue a run (same networks); the loss log is appended to\n"
    "  --checkpoint FILE     where to keep the resumable state (default WEIGHTS.checkpoint)\n"
    "  --checkpoint-every N  steps between checkpoints (default 250)\n"
    "  --device D            auto (CUDA if present, default), cpu, cuda\n"
    "  --bf16                bf16 autocast on CUDA\n"
    "  --seed N              random seed (default 1)\n"
    "  --quiet               no progress bar\n"
    "Ctrl-C stops after the current step and still writes the weights and a checkpoint.\n";

const char* const kSegmentationUsage =
    "usage: hrtem train seg --sim DIR[,DIR...] --out WEIGHTS.safetensors [options]\n"
    "  DIR: folders written by hrtem simulate (movie.tif and truth/column_mask.tif)\n"
    "  --steps N (default 1500)  --patch N (default 64)  --batch N (default 8)  --frames N per movie (default 32)\n"
    "  --config FILE.json  --resume CHECKPOINT  --device auto|cpu|cuda  --quiet\n";

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
    const Arguments a(args, {"sim", "out", "steps", "patch", "batch", "frames", "config", "resume", "device"}, {"quiet"});
    if (!a.positionals().empty() || !a.value("sim") || !a.value("out"))
        throw UsageError(kSegmentationUsage);
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
    if (args.empty() || args[0] != "gan")
        throw UsageError(std::string("hrtem train: 'gan' or 'seg'\n") + kUsage + kSegmentationUsage);
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    const Arguments a(rest, {"hq", "lq", "out", "steps", "patch", "batch", "config", "resume", "checkpoint",
                             "checkpoint-every", "device", "seed"},
                      {"bf16", "quiet"});
    if (!a.positionals().empty() || !a.value("hq") || !a.value("lq") || !a.value("out"))
        throw UsageError(kUsage);
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
    return summary.cancelled ? 130 : 0;
}

} // namespace hrtem::cli
