// hrtem batch: many movies with one set of settings, one result folder per movie and batch.csv;
// resumable; on local processes or as a SLURM array job (batch_plan.h, batch_run.h, batch_slurm.h).
#include "app/cli/arguments.h"
#include "app/cli/batch_plan.h"
#include "app/cli/batch_run.h"
#include "app/cli/batch_slurm.h"
#include "app/cli/commands.h"
#include "app/cli/options.h"

#include "core/io/stack.h"
#include "core/result/analysis_settings.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

namespace hrtem::cli {

namespace fs = std::filesystem;

namespace {

const std::vector<OptionHelp> kOptions = {
    {"inputs", "LIST_OR_GLOB", "the movies: a .txt file with one path per line, a quoted glob ('runs/*.dm4'), or paths "
                               "separated by commas", "none"},
    {"out", "DIR", "the batch folder: a result folder per movie, batch.csv, logs", "none"},
    {"config", "FILE.json", "analysis settings for every movie (as hrtem analyze --config)", "the defaults"},
    {"jobs", "N", "movies (or shards) analysed at once on this machine, each in its own process", "1"},
    {"shard-frames", "F", "split movies longer than F frames into shards of about F frames, merged at the end", "0: no shards"},
    {"force", "", "analyse again the movies an earlier run finished with the same input and settings", "off: skip them"},
    {"slurm", "", "submit the analyses as a SLURM array job and a merge job after it, instead of running them here", "off"},
    {"partition", "P", "SLURM partition", "the cluster's default"},
    {"time", "T", "SLURM time limit per task (e.g. 02:00:00)", "the partition's"},
    {"cpus", "C", "SLURM CPUs per task (the analysis' threads)", "2"},
    {"gpus", "G", "SLURM GPUs per task (--gres=gpu:G), for restoration on CUDA", "0"},
    {"status", "DIR", "summarize a batch folder: each movie done, failed (and why), running or waiting", "none"},
    {"task", "DIR", "(internal) run one task of DIR's plan, with --index", "none"},
    {"index", "I", "(internal) the task of --task", "none"},
    {"threads", "N", "(internal) threads of a --task's analysis", "the settings'"},
    {"finish", "DIR", "(internal) merge the shards and write batch.csv of DIR's plan", "none"},
};

std::string usage()
{
    return "usage: hrtem batch --inputs LIST_OR_GLOB --out DIR [--config FILE] [--jobs N] [--shard-frames F] [--force]\n"
           "       hrtem batch --inputs LIST_OR_GLOB --out DIR --slurm [--partition P --time T --cpus C --gpus G]\n"
           "       hrtem batch --status DIR\n" +
           optionsUsage(kOptions) +
           "A movie that fails (a corrupt file, a crash) is reported in batch.csv and never stops the others; a\n"
           "re-run skips the movies already done with the same input and settings. Exit status 1 when any failed.\n";
}

/// The program the tasks run: this one.
std::string thisProgram()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("hrtem") : self.string();
}

/// Shards per movie for --shard-frames: about F frames each (a file that does not open gets one
/// task, which reports why).
int shardsFor(const std::string& input, const AnalysisSettings& settings, int shardFrames)
{
    if (shardFrames <= 0)
        return 1;
    try {
        const int count = openStack(input)->info().frameCount;
        const int first = std::max(0, settings.firstFrame);
        const int end = settings.endFrame < 0 ? count : std::min(settings.endFrame, count);
        return std::max(1, (end - first + shardFrames / 2) / shardFrames);
    } catch (const std::exception&) {
        return 1;
    }
}

BatchPlan planBatch(const Arguments& a)
{
    const std::vector<std::string> inputs = expandInputs(*a.value("inputs"));
    const AnalysisSettings settings = a.value("config") ? readAnalysisSettingsFile(*a.value("config")) : AnalysisSettings{};
    const std::string folder = *a.value("out");
    fs::create_directories(folder);
    const int shardFrames = a.intValue("shard-frames", 0);
    const BatchPlan plan = makePlan(folder, thisProgram(), inputs, toJson(settings),
                                    [&](const std::string& input) { return shardsFor(input, settings, shardFrames); }, a.flag("force"));
    for (int i = 0; i < int(plan.movies.size()); ++i)
        if (!plan.movies[std::size_t(i)].skip)
            fs::remove(plan.movieFolder(i) + "/batch.json"); // its state will be this run's
    fs::remove_all(plan.folder + "/status"); // task numbers are this run's
    fs::create_directories(plan.folder + "/status");
    fs::create_directories(plan.folder + "/logs");
    writeAnalysisSettingsFile(settings, plan.settingsPath());
    writePlan(plan);
    return plan;
}

int report(const BatchPlan& plan, int failed)
{
    int skipped = 0;
    for (const BatchMovie& m : plan.movies)
        skipped += m.skip ? 1 : 0;
    std::cout << plan.movies.size() << " movie(s): " << plan.movies.size() - failed - skipped << " analysed, " << skipped
              << " done before, " << failed << " failed; " << plan.folder << "/batch.csv\n";
    return failed > 0 ? 1 : 0;
}

} // namespace

int runBatch(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kOptions);
    if (const auto folder = a.value("task"))
        return runBatchTask(readPlan(*folder), a.intValue("index", -1), a.intValue("threads", 0));
    if (const auto folder = a.value("finish"))
        return finishBatch(readPlan(*folder)) > 0 ? 1 : 0;
    if (const auto folder = a.value("status")) {
        printBatchStatus(readPlan(*folder));
        return 0;
    }
    if (!a.value("inputs") || !a.value("out"))
        throw UsageError(usage());
    const BatchPlan plan = planBatch(a);
    if (a.flag("slurm")) {
        SlurmOptions options;
        options.partition = a.valueOr("partition", "");
        options.time = a.valueOr("time", "");
        options.cpus = std::max(1, a.intValue("cpus", 2));
        options.gpus = std::max(0, a.intValue("gpus", 0));
        const SlurmSubmission jobs = submitToSlurm(plan, options);
        std::cout << "submitted " << plan.tasks.size() << " task(s)" << (jobs.arrayJob.empty() ? "" : " as array job " + jobs.arrayJob)
                  << " and the merge job " << jobs.finishJob << "; follow with: hrtem batch --status " << plan.folder << "\n";
        return 0;
    }
    const int jobs = std::max(1, a.intValue("jobs", 1));
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    runTasksLocally(plan, jobs, jobs > 1 ? std::max(1, cores / jobs) : 0);
    return report(plan, finishBatch(plan));
}

} // namespace hrtem::cli
