// hrtem evaluate-patches: the multi-task patch classifier and the voting against simulations'
// particle masks and doses (issue 34): crystal/background agreement per patch, high/low quality
// per frame.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"

#include "core/evaluate/patch_classification_evaluation.h"
#include "core/io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

namespace {

nlohmann::json scoresToJson(const PatchMethodScores& s)
{
    return {{"patches", s.patches}, {"patches_agreeing", s.patchesAgreeing}, {"patch_agreement", s.patchAgreement()},
            {"frames", s.frames}, {"frames_quality_right", s.framesQualityRight}, {"quality_accuracy", s.qualityAccuracy()}};
}

} // namespace

int runEvaluatePatches(const std::vector<std::string>& args)
{
    static const std::vector<OptionHelp> commandOptions = {
        {"truth", "DIR[,DIR...]", "folders with movie.tif, truth/particle_mask.tif and a stated dose (required)", "none"},
        {"weights", "FILE", "the patch classifier's weights", "the shipped network"},
        {"frames", "N", "frames of each movie scored", "10"},
        {"device", "auto|cpu|cuda", "where the network runs", "auto: CUDA if present"},
        {"json", "FILE", "also write the scores as JSON", "none"},
    };
    const Arguments a = parseOptions(args, commandOptions);
    if (!a.positionals().empty() || !a.value("truth"))
        throw UsageError("usage: hrtem evaluate-patches --truth DIR[,DIR...] [options]\n" + optionsUsage(commandOptions));
    std::vector<std::string> folders;
    std::stringstream list(*a.value("truth"));
    for (std::string folder; std::getline(list, folder, ',');)
        if (!folder.empty())
            folders.push_back(folder);
    PatchMethodScores voting, network;
    nlohmann::json rows = nlohmann::json::array();
    char line[400];
    std::printf("%-40s %8s %4s | %-20s | %-20s\n", "movie", "counts", "HQ", "voting: patches, HQ", "network: patches, HQ");
    for (const std::string& folder : folders) {
        const PatchClassificationScores s = evaluatePatchClassification(folder, a.intValue("frames", 10), a.valueOr("weights", ""),
                                                                        a.valueOr("device", "auto"));
        voting.add(s.voting);
        network.add(s.network);
        std::snprintf(line, sizeof line, "%-40s %8.1f %4s | %8.4f %4d/%-4d | %8.4f %4d/%-4d\n", folder.c_str(), s.dose,
                      s.highQuality ? "yes" : "no", s.voting.patchAgreement(), s.voting.framesQualityRight, s.voting.frames,
                      s.network.patchAgreement(), s.network.framesQualityRight, s.network.frames);
        std::cout << line;
        rows.push_back({{"folder", folder}, {"dose_counts_per_px", s.dose}, {"high_quality", s.highQuality},
                        {"period_px", s.period_px}, {"voting", scoresToJson(s.voting)}, {"network", scoresToJson(s.network)},
                        {"voting_quality_dB", s.votingQuality_dB}, {"network_high_quality_probability", s.networkHighQuality}});
    }
    std::snprintf(line, sizeof line, "%-40s %8s %4s | %8.4f %4d/%-4d | %8.4f %4d/%-4d\n", "all", "", "", voting.patchAgreement(),
                  voting.framesQualityRight, voting.frames, network.patchAgreement(), network.framesQualityRight, network.frames);
    std::cout << line;
    if (const auto json = a.value("json"))
        writeFileAtomically(*json, nlohmann::json{{"movies", rows}, {"voting", scoresToJson(voting)}, {"network", scoresToJson(network)}}
                                       .dump(1) + "\n");
    return 0;
}

} // namespace hrtem::cli
