// hrtem evaluate-restoration: every restoration method on a simulated movie, scored against its
// noise-free frames and by the localization it allows (the paper's comparison, issue 5).
#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/progress_bar.h"

#include "core/io/io_error.h"
#include "core/evaluate/restoration_evaluation.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

int runEvaluateRestoration(const std::vector<std::string>& args)
{
    const Arguments a(args, {"truth", "methods", "weights", "device", "frames", "json"}, {"quiet"});
    if (!a.positionals().empty() || !a.value("truth"))
        throw UsageError("usage: hrtem evaluate-restoration --truth SIMULATION_DIR [--methods none,wiener,absf,nlm,bm3d,gan]\n"
                         "       [--weights FILE] [--device auto|cpu|cuda] [--frames N] [--json FILE] [--quiet]");
    restore::RestorationEvaluationSettings s;
    s.simulation = *a.value("truth");
    if (const auto methods = a.value("methods")) {
        s.methods.clear();
        std::stringstream list(*methods);
        for (std::string m; std::getline(list, m, ',');)
            if (!m.empty())
                s.methods.push_back(m);
    }
    s.gan.weights = a.valueOr("weights", "");
    s.gan.device = a.valueOr("device", "auto");
    s.frames = a.intValue("frames", s.frames);
    ProgressBar bar(!a.flag("quiet"));
    restore::RestorationEvaluation e;
    try {
        e = restore::evaluateRestoration(s, [&](const std::string& m, double f) { bar.update(m, f); });
    } catch (const std::invalid_argument& error) {
        bar.finish();
        throw UsageError(error.what());
    }
    bar.finish();
    std::cout << s.simulation << ": " << e.frames << " frame(s) at " << e.countsPerPixel << " counts/px\n";
    if (!e.ganWeights.empty())
        std::cout << "gan: " << e.ganDescription << ", " << e.ganWeights << " (sha256 " << e.ganSha256 << ")\n";
    std::cout << restore::formatTable(e);
    if (const auto json = a.value("json")) {
        std::ofstream out(*json);
        if (!(out << restore::toJson(e).dump(2) << "\n"))
            throw IoError(*json, "cannot be written");
    }
    return 0;
}

} // namespace hrtem::cli
