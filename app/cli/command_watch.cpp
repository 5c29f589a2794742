// hrtem watch: live acquisition. Frames are analysed as the camera writes them into a folder of
// numbered images; when no frame has come for --idle seconds (or on Ctrl-C) the tracks,
// behaviours and events are found and the result files written, equal to hrtem analyze on the
// finished folder (core/pipeline/live_analysis.h).
#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/options.h"

#include "core/export/result_files.h"
#include "core/io/atomic_file.h"
#include "core/pipeline/live_analysis.h"
#include "core/result/analysis_settings.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kOptions = {
    {"out", "DIR", "the result folder: live.csv while frames come, the result files when the acquisition stops", "none"},
    {"config", "FILE.json", "analysis settings (as hrtem analyze --config)", "the defaults"},
    {"idle", "S", "the acquisition has stopped when no new frame came for S seconds", "3"},
    {"quiet", "", "no line per frame", "a line per frame on standard output"},
};

std::string usage()
{
    return "usage: hrtem watch FOLDER --out DIR [--config FILE] [--idle S]\n" + optionsUsage(kOptions) +
           "FOLDER: where the camera writes numbered frames (frame_0001.tif ...; TIFF, DM3/DM4, PNG). A file\n"
           "counts once it reads whole. live.csv gets a row per frame as it is analysed (atoms, quality, lag).\n";
}

std::atomic<bool> gStop{false};
extern "C" void onWatchStop(int) { gStop = true; }

} // namespace

int runWatch(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kOptions);
    if (!a.value("out") || a.positionals().size() != 1)
        throw UsageError(usage());
    const AnalysisSettings settings = a.value("config") ? readAnalysisSettingsFile(*a.value("config")) : AnalysisSettings{};
    LiveOptions options;
    options.idleSeconds = a.doubleValue("idle", 3.0);
    const std::string out = *a.value("out");
    std::filesystem::create_directories(out);
    std::ofstream live(std::filesystem::path(out) / "live.csv");
    live << "frame,atoms,quality_db,seen_s,done_s,lag_s\n" << std::flush;
    const bool quiet = a.flag("quiet");
    options.stop = &gStop;
    AnalysisObserver observer;
    std::signal(SIGINT, onWatchStop); // Ctrl-C: the acquisition is over
    const AnalysisResult result = watchFolder(a.positionals()[0], settings, options, observer, [&](const LiveFrame& f) {
        live << f.frame << "," << f.atoms << "," << f.quality_dB << "," << f.seenSeconds << "," << f.doneSeconds << ","
             << f.doneSeconds - f.seenSeconds << "\n"
             << std::flush;
        if (!quiet)
            std::cout << "frame " << f.frame << ": " << f.atoms << " atoms, analysed " << f.doneSeconds - f.seenSeconds
                      << " s after it arrived\n"
                      << std::flush;
    });
    std::signal(SIGINT, SIG_DFL);
    nlohmann::json extra = {{"command_line", args}};
    const std::vector<std::string> files = writeResults(result, out, &extra);
    std::cout << "acquisition over: " << result.frames.size() << " frame(s), " << result.tracking.tracks.size() << " tracks, "
              << result.behaviours.events.size() << " events; wrote " << files.size() << " files to " << out << "\n";
    return 0;
}

} // namespace hrtem::cli
