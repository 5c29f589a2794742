// hrtem evaluate-segmentation: a segmentation network against a simulation's masks of its target.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"

#include "core/training/segmentation_training.h"

#include <cstdio>
#include <iostream>

namespace hrtem::cli {

int runEvaluateSegmentation(const std::vector<std::string>& args)
{
    static const std::vector<OptionHelp> commandOptions = {
        {"truth", "SIMULATION_DIR", "a folder written by 'hrtem simulate' (movie.tif, truth/column_mask.tif, particle_mask.tif) (required)", "none"},
        {"target", "columns|particle", "what the weights segment", "columns"},
        {"gan", "WEIGHTS", "the weights are a generation-guided segmenter (hrtem train joint's WEIGHTS.segmenter.safetensors) "
                           "reading this HRTEM-GAN generator's restoration and features", "none: a plain segmenter"},
        {"weights", "FILE", "the segmenter's weights (required)", "none"},
        {"frames", "N", "frames of the movie scored", "10"},
        {"pool", "N", "score each frame on N neighbouring frames aligned and averaged, as the analysis pools low-dose frames",
         "1: each frame alone"},
        {"device", "auto|cpu|cuda", "where the network runs", "auto: CUDA if present"},
    };
    const Arguments a = parseOptions(args, commandOptions);
    if (!a.positionals().empty() || !a.value("truth") || !a.value("weights"))
        throw UsageError("usage: hrtem evaluate-segmentation --truth SIMULATION_DIR --weights FILE [options]\n" +
                         optionsUsage(commandOptions));
    const MaskScores s = a.value("gan") ? evaluateGuidedSegmenter(*a.value("gan"), *a.value("weights"), *a.value("truth"),
                                                                  a.intValue("frames", 10), a.valueOr("device", "auto"))
                                        : evaluateSegmenter(*a.value("weights"), *a.value("truth"), a.intValue("frames", 10),
                                           a.valueOr("target", "columns"), a.valueOr("device", "auto"),
                                           a.intValue("pool", 1));
    char line[200];
    std::snprintf(line, sizeof line, "%s: Dice %.4f  IoU %.4f  precision %.4f  recall %.4f  (pixels TP %ld FP %ld FN %ld)\n",
                  a.valueOr("target", "columns") == "particle" ? "particle" : "atom columns", s.dice, s.iou, s.precision, s.recall, s.truePositives, s.falsePositives, s.falseNegatives);
    std::cout << line;
    return 0;
}

} // namespace hrtem::cli
