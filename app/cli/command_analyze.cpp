// hrtem analyze: the whole pipeline over a stack, result files into a folder.
#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/progress_bar.h"

#include "core/export/overlay_image.h"
#include "core/export/result_files.h"
#include "core/io/io_error.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/result/corrections.h"
#include "core/pipeline/session.h"
#include "core/relate/crystal_models.h"

#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <optional>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

namespace {

const char* const kUsage =
    "usage: hrtem analyze INPUT --out DIR [options]\n"
    "       hrtem analyze --session FILE.hrtems --out DIR [--threads N] [--quiet]\n"
    "  --session FILE         replay a session saved by HRTEM Studio: its input, settings and\n"
    "                         corrections, giving the files the window exports\n"
    "  --config FILE.json     analysis settings, or the summary.json of any run (its 'settings' hold every key)\n"
    "  --restore METHOD       none, wiener, absf, nlm, bm3d, gan (default: none)\n"
    "  --weights FILE         HRTEM-GAN weights for --restore gan (default: the shipped ones)\n"
    "  --device D             where HRTEM-GAN runs: auto (CUDA if present), cpu, cuda\n"
    "  --frames A:B           frames A to B-1 (0-based; A: or :B leave that end open)\n"
    "  --image N              which image of a DM file (hrtem info lists them)\n"
    "  --structure S          crystal model to index the lattice: auto (default), fcc, bcc, hcp,\n"
    "                         rock-salt, fluorite, perovskite, graphene, optionally with the lattice\n"
    "                         constant(s) in nm: fcc:0.4078, hcp:0.2507:0.4069\n"
    "  --threads N            frames analysed at once (default: one per core)\n"
    "  --overlay N            also write overlay_N.png: frame N with atoms, bonds, tracks, twins\n"
    "  --quiet                no progress bar\n"
    "writes atoms.csv, trajectories.csv, frames.csv, events.csv, tracks.csv, twin_boundaries.csv,\n"
    "tracks.trackmate.xml and summary.json into DIR\n";

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

AnalyzeJob jobFromSession(const Arguments& a)
{
    for (const char* option : {"config", "restore", "weights", "frames", "image", "structure"})
        if (a.value(option))
            throw UsageError(std::string("--") + option + " cannot be combined with --session (the session holds the settings)");
    if (!a.positionals().empty())
        throw UsageError("--session names its own input: give no INPUT with it");
    const std::string path = *a.value("session");
    AnalyzeJob job;
    job.session = loadSession(path);
    requireSessionFiles(*job.session, path);
    job.input = job.session->inputPath;
    job.settings = job.session->settings;
    job.open.imageIndex = job.session->imageIndex;
    if (const auto device = a.value("device"))
        job.settings.device = *device;
    job.settings.threads = a.intValue("threads", job.settings.threads);
    return job;
}

AnalyzeJob jobFromArguments(const Arguments& a)
{
    if (a.positionals().size() != 1)
        throw UsageError(kUsage);
    AnalyzeJob job;
    job.input = a.positionals()[0];
    AnalysisSettings& settings = job.settings;
    if (const auto config = a.value("config"))
        settings = readAnalysisSettingsFile(*config); // a summary.json's settings too
    if (const auto restore = a.value("restore"))
        settings.restore = *restore;
    if (const auto weights = a.value("weights"))
        settings.ganWeights = *weights;
    if (const auto device = a.value("device"))
        settings.device = *device;
    if (const auto frames = a.value("frames"))
        parseFrameRange(*frames, settings);
    if (const auto structure = a.value("structure")) {
        try {
            parseStructure(*structure);
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--structure: ") + e.what());
        }
        settings.structure = *structure;
    }
    settings.threads = a.intValue("threads", settings.threads);
    job.open.imageIndex = a.intValue("image", -1);
    return job;
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
    const Arguments a(args, {"out", "config", "restore", "weights", "device", "frames", "image", "threads", "overlay", "session", "structure"},
                      {"quiet"});
    if (!a.value("out"))
        throw UsageError(kUsage);
    const AnalyzeJob job = a.value("session") ? jobFromSession(a) : jobFromArguments(a);
    const std::string& input = job.input;
    const AnalysisSettings& settings = job.settings;
    std::unique_ptr<StackReader> stack = openStack(input, job.open);

    ProgressBar bar(!a.flag("quiet"));
    AnalysisObserver observer;
    observer.progress = [&](const std::string& stage, double f) { bar.update(stage, f); };
    observer.cancel = &gInterrupted;
    std::signal(SIGINT, onInterrupt); // Ctrl-C: stop, and still write what was finished
    AnalysisResult result;
    try {
        result = analyzeStack(*stack, settings, observer);
    } catch (const std::invalid_argument& e) {
        bar.finish();
        throw UsageError(e.what());
    }
    bar.finish();
    std::signal(SIGINT, SIG_DFL);
    if (job.session)
        applySession(*job.session, result);

    nlohmann::json extra = {{"command_line", args}};
    const std::vector<std::string> files = writeResults(result, *a.value("out"), &extra);
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
        int listIndex = -1;
        for (std::size_t i = 0; i < result.frames.size(); ++i)
            if (result.frames[i].frame == frame)
                listIndex = static_cast<int>(i);
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
