// hrtem analyze: the whole pipeline over a stack, result files into a folder.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"
#include "app/cli/progress_bar.h"

#include "core/export/overlay_image.h"
#include "core/export/result_files.h"
#include "core/io/io_error.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/result/corrections.h"
#include "core/pipeline/session.h"
#include "core/result/setting_descriptions.h"
#include "core/relate/crystal_models.h"

#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <optional>
#include <iostream>
#include <set>
#include <sstream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kOptions = {
    {"out", "DIR", "the result folder (required)", "none"},
    {"session", "FILE.hrtems", "replay a session saved by HRTEM Studio: its input, settings and corrections, giving "
                               "the files the window exports", "none"},
    {"config", "FILE.json", "analysis settings, or the summary.json of any run (its 'settings' hold every key); the "
                            "settings' flags below override it", "none: the defaults"},
    {"frames", "A:B", "frames A to B-1 (0-based; A: or :B leave that end open), the same as --first-frame and "
                      "--end-frame", "all"},
    {"image", "N", "which image of a DM file, as hrtem info lists them", "the first real image"},
    {"overlay", "N", "also write overlay_N.png: frame N with atoms, bonds, tracks, twins", "none"},
    {"shard", "K/N", "analyse part K of N of the frame range (for a cluster); the folder also gets shard.json, which "
                     "hrtem merge joins into the analysis of the whole range", "the whole range"},
    {"quiet", "", "no progress bar", "a progress bar on standard error"},
};

std::string usage()
{
    return "usage: hrtem analyze INPUT --out DIR [options]\n"
           "       hrtem analyze --session FILE.hrtems --out DIR [--threads N] [--device D] [--quiet]\n" +
           optionsUsage(kOptions) + "analysis settings (the keys of a --config file; the window's Analysis panel shows the same):\n" +
           analysisSettingsUsage() +
           "writes atoms.csv, trajectories.csv, frames.csv, events.csv, tracks.csv, twin_boundaries.csv,\n"
           "tracks.trackmate.xml and summary.json into DIR\n";
}

/// The options `hrtem analyze` takes a value for: its own and one per analysis setting.
std::set<std::string> valueOptions()
{
    std::set<std::string> options = valueOptionNames(kOptions);
    for (const SettingDescription& d : analysisSettingDescriptions())
        options.insert(d.flag);
    return options;
}

std::atomic<bool> gInterrupted{false};

extern "C" void onInterrupt(int)
{
    gInterrupted = true;
}

void parseFrameRange(const std::string& text, AnalysisSettings& s)
{
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos)
        throw UsageError("--frames takes A:B (e.g. 0:100, 10: or :50), not '" + text + "'");
    auto part = [&](const std::string& p, int fallback) {
        if (p.empty())
            return fallback;
        try {
            std::size_t used = 0;
            const int v = std::stoi(p, &used);
            if (used != p.size() || v < 0)
                throw std::invalid_argument(p);
            return v;
        } catch (const std::exception&) {
            throw UsageError("--frames: '" + p + "' is not a frame number");
        }
    };
    s.firstFrame = part(text.substr(0, colon), 0);
    s.endFrame = part(text.substr(colon + 1), -1);
}

/// Settings, input and corrections from the command line, or from --session.
struct AnalyzeJob {
    std::string input;
    AnalysisSettings settings;
    OpenOptions open;
    std::optional<Session> session;
};

/// The settings given as flags (of `keys` only, when given) into `settings`, checked as a
/// settings file is.
void applySettingFlags(const Arguments& a, AnalysisSettings& settings, const std::vector<std::string>& keys = {})
{
    for (const SettingDescription& d : analysisSettingDescriptions()) {
        const auto text = a.value(d.flag);
        if (!text || (!keys.empty() && std::find(keys.begin(), keys.end(), d.key) == keys.end()))
            continue;
        try {
            d.set(settings, settingValueFromText(d, *text));
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
    }
}

AnalyzeJob jobFromSession(const Arguments& a)
{
    std::vector<std::string> held = {"config", "frames", "image"};
    for (const SettingDescription& d : analysisSettingDescriptions())
        if (d.key != "device" && d.key != "threads")
            held.push_back(d.flag);
    for (const std::string& option : held)
        if (a.value(option))
            throw UsageError("--" + option + " cannot be combined with --session (the session holds the settings)");
    if (!a.positionals().empty())
        throw UsageError("--session names its own input: give no INPUT with it");
    const std::string path = *a.value("session");
    AnalyzeJob job;
    job.session = loadSession(path);
    requireSessionFiles(*job.session, path);
    job.input = job.session->inputPath;
    job.settings = job.session->settings;
    job.open.imageIndex = job.session->imageIndex;
    applySettingFlags(a, job.settings, {"device", "threads"});
    return job;
}

AnalyzeJob jobFromArguments(const Arguments& a)
{
    if (a.positionals().size() != 1)
        throw UsageError(usage());
    AnalyzeJob job;
    job.input = a.positionals()[0];
    AnalysisSettings& settings = job.settings;
    if (const auto config = a.value("config"))
        settings = readAnalysisSettingsFile(*config); // a summary.json's settings too
    if (const auto frames = a.value("frames"))
        parseFrameRange(*frames, settings);
    applySettingFlags(a, settings);
    job.open.imageIndex = a.intValue("image", -1);
    return job;
}

/// K/N of --shard as (K-1, N).
std::pair<int, int> parseShard(const std::string& text)
{
    const std::size_t slash = text.find('/');
    try {
        std::size_t used = 0;
        const int k = std::stoi(text.substr(0, slash), &used);
        const std::string rest = slash == std::string::npos ? std::string() : text.substr(slash + 1);
        std::size_t usedN = 0;
        const int n = std::stoi(rest, &usedN);
        if (used != slash || usedN != rest.size() || k < 1 || n < 1 || k > n)
            throw std::invalid_argument(text);
        return {k - 1, n};
    } catch (const std::exception&) {
        throw UsageError("--shard takes K/N with 1 <= K <= N (e.g. 2/4), not '" + text + "'");
    }
}

/// The session's corrections on the fresh analysis; a network that now differs is said.
void applySession(const Session& session, AnalysisResult& result)
{
    for (const std::string& line : modelMismatches(session, result))
        result.notes.push_back("session: " + line);
    try {
        result = applyCorrections(result, session.corrections);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("the session's corrections do not apply: ") + e.what());
    }
}

} // namespace

int runAnalyze(const std::vector<std::string>& args)
{
    const Arguments a(args, valueOptions(), switchNames(kOptions));
    if (!a.value("out"))
        throw UsageError(usage());
    const AnalyzeJob job = a.value("session") ? jobFromSession(a) : jobFromArguments(a);
    const std::string& input = job.input;
    const AnalysisSettings& settings = job.settings;
    std::unique_ptr<StackReader> stack = openStack(input, job.open);

    ProgressBar bar(!a.flag("quiet"));
    AnalysisObserver observer;
    observer.progress = Progress([&](const std::string& stage, double f) { bar.update(stage, f); }, &gInterrupted);
    std::signal(SIGINT, onInterrupt); // Ctrl-C: stop, and still write what was finished
    AnalysisResult result;
    std::optional<ShardArchive> shard;
    try {
        if (const auto part = a.value("shard")) {
            if (job.session)
                throw UsageError("--shard cannot be combined with --session");
            const auto [index, count] = parseShard(*part);
            ShardAnalysis analysed = analyzeShard(*stack, settings, index, count, observer);
            result = std::move(analysed.result);
            shard = std::move(analysed.archive);
            std::error_code ec;
            const auto bytes = std::filesystem::file_size(input, ec);
            shard->inputBytes = ec ? -1 : static_cast<long long>(bytes);
        } else {
            result = analyzeStack(*stack, settings, observer);
        }
    } catch (const std::invalid_argument& e) {
        bar.finish();
        throw UsageError(e.what());
    }
    bar.finish();
    std::signal(SIGINT, SIG_DFL);
    if (job.session)
        applySession(*job.session, result);

    nlohmann::json extra = {{"command_line", args}};
    std::vector<std::string> files = writeResults(result, *a.value("out"), &extra);
    if (shard && !result.cancelled) {
        const std::string path = (std::filesystem::path(*a.value("out")) / "shard.json").string();
        writeShardArchive(*shard, path);
        files.push_back(path);
    }
    long atoms = 0;
    for (const FrameAnalysis& f : result.frames)
        atoms += static_cast<long>(f.atoms.size());
    std::cout << "analysed " << result.frames.size() << " frame(s) of " << input << " in " << result.totalSeconds
              << " s: " << atoms << " atom positions, " << result.tracking.tracks.size() << " tracks, "
              << result.behaviours.events.size() << " events\n";
    for (const std::string& note : result.notes)
        std::cout << "note: " << note << "\n";
    std::cout << "wrote " << files.size() << " files to " << *a.value("out") << "\n";
    if (const auto overlay = a.value("overlay")) {
        const int frame = a.intValue("overlay", 0);
        const int listIndex = result.listIndexOf(frame);
        if (listIndex < 0)
            throw UsageError("--overlay " + *overlay + ": that frame was not analysed");
        const std::string path = *a.value("out") + "/overlay_" + std::to_string(frame) + ".png";
        if (!cv::imwrite(path, renderOverlay(stack->readFrame(frame), result, listIndex)))
            throw IoError(path, "cannot write the overlay image");
        std::cout << "overlay: " << path << "\n";
    }
    if (result.cancelled) {
        std::cerr << "hrtem: cancelled: the files hold the frames finished before the interruption\n";
        return 130;
    }
    return 0;
}

} // namespace hrtem::cli
