// hrtem evaluate-segmentation: the atom-column segmenter against a simulation's column masks.
#include "app/cli/arguments.h"
#include "app/cli/commands.h"

#include "core/training/segmentation_training.h"

#include <cstdio>
#include <iostream>

namespace hrtem::cli {

int runEvaluateSegmentation(const std::vector<std::string>& args)
{
    const Arguments a(args, {"truth", "weights", "frames", "device"}, {});
    if (!a.positionals().empty() || !a.value("truth") || !a.value("weights"))
        throw UsageError("usage: hrtem evaluate-segmentation --truth SIMULATION_DIR --weights FILE [--frames N] [--device D]");
    const MaskScores s = evaluateSegmenter(*a.value("weights"), *a.value("truth"), a.intValue("frames", 10),
                                           a.valueOr("device", "auto"));
    char line[200];
    std::snprintf(line, sizeof line, "atom columns: Dice %.4f  IoU %.4f  precision %.4f  recall %.4f  (pixels TP %ld FP %ld FN %ld)\n",
                  s.dice, s.iou, s.precision, s.recall, s.truePositives, s.falsePositives, s.falseNegatives);
    std::cout << line;
    return 0;
}

} // namespace hrtem::cli
