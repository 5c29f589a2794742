// hrtem evaluate-restoration: every restoration method on a simulated movie, scored against its
// noise-free frames and by the localization it allows (the paper's comparison, issue 5).
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"
#include "app/cli/progress_bar.h"

#include "core/io/io_error.h"
#include "core/evaluate/restoration_evaluation.h"
#include "core/segment/segmenter.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

int runEvaluateRestoration(const std::vector<std::string>& args)
{
    restore::RestorationEvaluationSettings s;
    std::string methods;
    for (const std::string& m : s.methods)
        methods += (methods.empty() ? "" : ",") + m;
    const std::vector<OptionHelp> commandOptions = {
        {"truth", "SIMULATION_DIR", "a folder written by 'hrtem simulate' (required)", "none"},
        {"methods", "M,M,...", "the restorations compared: none, wiener, absf, nlm, bm3d, gan", methods},
        {"weights", "FILE", "HRTEM-GAN weights", "the shipped ones"},
        {"variant", "LABEL=FILE", "other HRTEM-GAN weights scored as method LABEL, e.g. the thesis' chapter-4 variants "
                                  "(hrtem train gan with mask_weight, hrtem train joint, whose guided segmenter beside the "
                                  "weights is scored too); may be repeated", "none"},
        {"device", "auto|cpu|cuda", "where HRTEM-GAN runs", "auto: CUDA if present"},
        {"frames", "N", "frames of the movie scored", std::to_string(s.frames)},
        {"features", "FILE|none", "the atom-column network whose bottleneck features FID and KL compare (none: no FID/KL)",
         "the shipped atom segmenter"},
        {"json", "FILE", "also write the scores as JSON", "none"},
        {"figures", "DIR", "also write the t-SNE map of the patches (tsne.csv), each method's mean Hann-windowed log "
                           "spectrum (spectra.tif) and the scores (evaluation.json) there: the window's "
                           "View > Restoration > Restoration evaluation opens that folder", "none"},
        {"quiet", "", "no progress bar", "a progress bar on standard error"},
    };
    const Arguments a = parseOptions(args, commandOptions);
    if (!a.positionals().empty() || !a.value("truth"))
        throw UsageError("usage: hrtem evaluate-restoration --truth SIMULATION_DIR [options]\n" + optionsUsage(commandOptions));
    s.simulation = *a.value("truth");
    if (const auto chosen = a.value("methods")) {
        s.methods.clear();
        std::stringstream list(*chosen);
        for (std::string m; std::getline(list, m, ',');)
            if (!m.empty())
                s.methods.push_back(m);
    }
    s.gan.weights = a.valueOr("weights", "");
    s.gan.device = a.valueOr("device", "auto");
    for (const std::string& variant : a.values("variant")) {
        const auto eq = variant.find('=');
        if (eq == std::string::npos)
            throw UsageError("--variant expects LABEL=WEIGHTS, got '" + variant + "'");
        s.ganVariants.push_back({variant.substr(0, eq), variant.substr(eq + 1)});
    }
    s.frames = a.intValue("frames", s.frames);
    const std::string features = a.valueOr("features", "");
    s.featureWeights = features == "none" ? std::string() : features.empty() ? segment::defaultSegmenterWeights(segment::SegmentationTarget::Columns) : features;
    ProgressBar bar(!a.flag("quiet"));
    restore::RestorationEvaluation e;
    try {
        e = restore::evaluateRestoration(s, Progress([&](const std::string& m, double f) { bar.update(m, f); }));
    } catch (const std::invalid_argument& error) {
        bar.finish();
        throw UsageError(error.what());
    }
    bar.finish();
    std::cout << s.simulation << ": " << e.frames << " frame(s) at " << e.countsPerPixel << " counts/px\n";
    if (!e.ganWeights.empty())
        std::cout << "gan: " << e.ganDescription << ", " << e.ganWeights << " (sha256 " << e.ganSha256 << ")\n";
    if (!e.featureNetwork.empty())
        std::cout << "FID and KL: " << e.featureNetwork << "; against " << e.hqReference << "\n";
    std::cout << restore::formatTable(e);
    if (const auto figures = a.value("figures")) {
        restore::writeDistributionFigures(e, *figures);
        std::cout << "figures: " << *figures << "/tsne.csv, spectra.tif, spectra.csv, evaluation.json\n";
    }
    if (const auto json = a.value("json")) {
        std::ofstream out(*json);
        if (!(out << restore::toJson(e).dump(2) << "\n"))
            throw IoError(*json, "cannot be written");
    }
    return 0;
}

} // namespace hrtem::cli
