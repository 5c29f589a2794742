// hrtem train patches: the multi-task patch classifier (crystal / background, high / low quality,
// reconstruction) on simulated movies with their particle masks and doses.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"
#include "app/cli/progress_bar.h"

#include "core/io/json_file.h"
#include "core/training/patch_classifier_training.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kPatchOptions = {
    {"sim", "DIR[,DIR...]", "folders with movie.tif, truth/particle_mask.tif and their dose (hrtem simulate's "
                            "parameters.json or ../shared/eval's meta.json) (required)", "none"},
    {"out", "WEIGHTS.safetensors", "the classifier's weights written (required)", "none"},
    {"steps", "N", "training steps", "3000"},
    {"batch", "N", "patches per step", "64"},
    {"frames", "N", "frames used per movie", "8"},
    {"config", "FILE.json", "training options (network, learning rate, seed)", "the built-in ones"},
    {"device", "auto|cpu|cuda", "where the network trains", "auto: CUDA if present"},
    {"quiet", "", "no progress bar", "a progress bar on standard error"},
};

std::atomic<bool> gStopPatches{false};

extern "C" void onStopPatches(int)
{
    gStopPatches = true;
}

} // namespace

std::string patchTrainingUsage()
{
    return "usage: hrtem train patches --sim DIR[,DIR...] --out WEIGHTS.safetensors [options]\n" + optionsUsage(kPatchOptions);
}

int runTrainPatches(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kPatchOptions);
    if (!a.positionals().empty() || !a.value("sim") || !a.value("out"))
        throw UsageError(patchTrainingUsage());
    PatchClassifierTrainingSettings s;
    std::stringstream list(*a.value("sim"));
    for (std::string folder; std::getline(list, folder, ',');)
        if (!folder.empty())
            s.simulations.push_back(folder);
    s.outWeights = *a.value("out");
    s.steps = a.intValue("steps", s.steps);
    s.maxFramesPerMovie = a.intValue("frames", s.maxFramesPerMovie);
    s.device = a.valueOr("device", s.device);
    if (const auto config = a.value("config"))
        s.options = readJsonFile(*config);
    if (a.value("batch"))
        s.options["batch_size"] = a.intValue("batch", 64);
    ProgressBar bar(!a.flag("quiet"));
    std::signal(SIGINT, onStopPatches);
    PatchClassifierTrainingSummary summary;
    try {
        summary = trainPatchClassifier(
            s,
            [&](int step, int steps, double loss) {
                bar.update("train", double(step) / steps, "step " + std::to_string(step) + ", loss " + std::to_string(loss));
            },
            [&](const std::string& m) {
                bar.finish();
                std::cout << m << "\n";
            },
            &gStopPatches);
    } catch (const std::invalid_argument& e) {
        bar.finish();
        throw UsageError(e.what());
    }
    std::signal(SIGINT, SIG_DFL);
    bar.finish();
    std::cout << "trained " << summary.steps << " steps on " << summary.frames << " frames in " << summary.seconds << " s on "
              << summary.device << ", last loss " << summary.finalLoss << "\nweights: " << summary.weights
              << "\nloss log: " << summary.lossLog << "\n";
    return summary.cancelled ? 130 : 0;
}

} // namespace hrtem::cli
