// hrtem merge: the shards of one analysis (hrtem analyze --shard K/N) joined into the analysis of
// the whole frame range, as one hrtem analyze over it would write it.
#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/options.h"

#include "core/export/result_files.h"
#include "core/pipeline/analysis_pipeline.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kOptions = {
    {"out", "DIR", "the merged result folder (required)", "none"},
};

std::string usage()
{
    return "usage: hrtem merge SHARD_DIR... --out DIR\n" + optionsUsage(kOptions) +
           "SHARD_DIR: result folders of hrtem analyze --shard K/N over one input with one set of settings\n"
           "(each holds shard.json); every shard of the split must be given. Tracks, behaviours and events are\n"
           "found over all frames, so the files equal those of the unsharded analysis (timings aside).\n";
}

} // namespace

int runMerge(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kOptions);
    if (!a.value("out") || a.positionals().empty())
        throw UsageError(usage());
    std::vector<ShardArchive> shards;
    for (const std::string& folder : a.positionals())
        shards.push_back(readShardArchive((std::filesystem::path(folder) / "shard.json").string()));
    AnalysisResult merged;
    try {
        merged = mergeShards(std::move(shards));
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("cannot merge: ") + e.what());
    }
    nlohmann::json extra = {{"command_line", args}, {"merged_from", a.positionals()}};
    const std::vector<std::string> files = writeResults(merged, *a.value("out"), &extra);
    std::cout << "merged " << a.positionals().size() << " shard(s): " << merged.frames.size() << " frame(s), "
              << merged.tracking.tracks.size() << " tracks, " << merged.behaviours.events.size() << " events\n"
              << "wrote " << files.size() << " files to " << *a.value("out") << "\n";
    return 0;
}

} // namespace hrtem::cli
