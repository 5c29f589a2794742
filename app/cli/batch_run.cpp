#include "app/cli/batch_run.h"

#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "core/export/csv_writer.h"
#include "core/export/result_files.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_table.h"
#include "core/io/json_file.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/util/stopwatch.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

extern char** environ;

namespace hrtem::cli {

namespace fs = std::filesystem;

namespace {

/// `value` with `decimals` decimals; empty for NaN.
std::string fixed(double value, int decimals)
{
    if (std::isnan(value))
        return {};
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

/// The task's state, or "waiting" when it has not started.
std::string taskState(const BatchPlan& plan, int task) { return readState(plan.statusPath(task)).value("state", "waiting"); }

pid_t spawnTask(const BatchPlan& plan, int index, int threads)
{
    std::vector<std::string> words = {plan.program, "batch", "--task", plan.folder, "--index", std::to_string(index)};
    if (threads > 0)
        words.insert(words.end(), {"--threads", std::to_string(threads)});
    std::vector<char*> argv;
    for (std::string& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, plan.logPath(index).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int error = posix_spawn(&pid, plan.program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw std::runtime_error("cannot start " + plan.program + ": " + std::strerror(error));
    return pid;
}

/// The movie's row of batch.csv from its result folder.
std::vector<std::string> movieRow(const BatchPlan& plan, int movie, const std::string& state, const std::string& error, double seconds)
{
    const BatchMovie& m = plan.movies[std::size_t(movie)];
    const std::string folder = plan.movieFolder(movie);
    std::vector<std::string> row = {m.input, folder, state, "", "", "", "", "", "", "", "", fixed(seconds, 1), error};
    if (state.rfind("done", 0) != 0)
        return row;
    try {
        const nlohmann::json s = readJsonFile(folder + "/summary.json");
        const nlohmann::json& totals = s.at("totals");
        row[3] = std::to_string(totals.at("frames").get<int>());
        row[4] = std::to_string(totals.at("atoms").get<long>());
        row[5] = std::to_string(totals.at("tracks").get<int>());
        int events = 0;
        for (const auto& [kind, n] : totals.at("events").items())
            events += n.get<int>();
        row[6] = std::to_string(events);
        const double pixel = s.at("input").value("pixel_nm", 0.0);
        const double nn = s.at("movie").value("nearest_neighbour_px", 0.0);
        std::ostringstream text;
        if (pixel > 0) {
            text << nn * pixel;
            row[7] = text.str();
        }
        if (s.contains("crystal") && s["crystal"].is_object()) {
            row[8] = s["crystal"].value("note", "");
            std::set<std::string> seen;
            std::string spacings;
            for (const nlohmann::json& p : s["crystal"].value("planes", nlohmann::json::array())) {
                const std::string plane = p.value("plane", "");
                if (!seen.insert(plane).second)
                    continue;
                std::ostringstream d;
                d << plane << " " << (pixel > 0 ? p.value("d_px", 0.0) * pixel : p.value("d_px", 0.0)) << (pixel > 0 ? " nm" : " px");
                spacings += (spacings.empty() ? "" : "; ") + d.str();
            }
            row[9] = spacings;
        }
        const CsvTable frames = CsvTable::read(folder + "/frames.csv");
        double sum = 0;
        int n = 0;
        for (int r = 0; r < frames.rows(); ++r)
            if (const double q = frames.number(r, frames.column("quality_db")); !std::isnan(q)) {
                sum += q;
                ++n;
            }
        if (n > 0)
            row[10] = fixed(sum / n, 2);
    } catch (const std::exception& e) {
        row[12] = std::string("the result folder cannot be read: ") + e.what();
    }
    return row;
}

/// The state of movie `movie` from its tasks: merged (shards), or its one task's.
nlohmann::json finishMovie(const BatchPlan& plan, int movie)
{
    std::vector<int> tasks;
    for (int t = 0; t < int(plan.tasks.size()); ++t)
        if (plan.tasks[std::size_t(t)].movie == movie)
            tasks.push_back(t);
    double seconds = 0;
    for (int t : tasks) {
        const nlohmann::json state = readState(plan.statusPath(t));
        seconds += state.value("seconds", 0.0);
        const std::string s = state.value("state", "waiting");
        if (s != "done") {
            const std::string what = plan.tasks[std::size_t(t)].shard >= 0
                                         ? "shard " + std::to_string(plan.tasks[std::size_t(t)].shard + 1) + ": "
                                         : std::string();
            return {{"state", "failed"}, {"seconds", seconds},
                    {"error", what + (s == "failed" ? state.value("error", "failed") : "the task ended without finishing (" + s + "); see " + plan.logPath(t))}};
        }
    }
    if (plan.movies[std::size_t(movie)].shards > 1) {
        try {
            std::vector<ShardArchive> shards;
            for (int t : tasks)
                shards.push_back(readShardArchive(plan.tasks[std::size_t(t)].out + "/shard.json"));
            const AnalysisResult merged = mergeShards(std::move(shards));
            nlohmann::json extra = {{"merged_from", nlohmann::json::array()}};
            for (int t : tasks)
                extra["merged_from"].push_back(plan.tasks[std::size_t(t)].out);
            writeResults(merged, plan.movieFolder(movie), &extra);
        } catch (const std::exception& e) {
            return {{"state", "failed"}, {"seconds", seconds}, {"error", std::string("merging the shards: ") + e.what()}};
        }
    }
    return {{"state", "done"}, {"seconds", seconds}};
}

} // namespace

int runBatchTask(const BatchPlan& plan, int index, int threads)
{
    if (index < 0 || index >= int(plan.tasks.size()))
        throw UsageError("--index " + std::to_string(index) + ": the batch has tasks 0 to " + std::to_string(int(plan.tasks.size()) - 1));
    const BatchTask& t = plan.tasks[std::size_t(index)];
    const BatchMovie& m = plan.movies[std::size_t(t.movie)];
    writeState(plan.statusPath(index), {{"state", "running"}});
    std::vector<std::string> args = {m.input, "--out", t.out, "--config", plan.settingsPath(), "--quiet"};
    if (t.shard >= 0)
        args.insert(args.end(), {"--shard", std::to_string(t.shard + 1) + "/" + std::to_string(m.shards)});
    if (threads > 0)
        args.insert(args.end(), {"--threads", std::to_string(threads)});
    const auto start = SteadyClock::now();
    int code = 1;
    std::string error;
    try {
        code = runAnalyze(args);
        if (code != 0)
            error = code == 130 ? "cancelled" : "hrtem analyze ended with status " + std::to_string(code);
    } catch (const std::exception& e) {
        error = e.what();
        code = dynamic_cast<const UsageError*>(&e) != nullptr ? 2 : 1;
    }
    writeState(plan.statusPath(index), {{"state", code == 0 ? "done" : "failed"}, {"error", error}, {"seconds", secondsSince(start)}});
    if (!error.empty())
        std::cerr << "hrtem: " << m.input << ": " << error << "\n";
    return code;
}

void runTasksLocally(const BatchPlan& plan, int jobs, int threads)
{
    std::map<pid_t, int> running;
    int next = 0, finished = 0;
    const int total = int(plan.tasks.size());
    while (next < total || !running.empty()) {
        while (int(running.size()) < std::max(1, jobs) && next < total) {
            running[spawnTask(plan, next, threads)] = next;
            ++next;
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0)
            break;
        const auto it = running.find(pid);
        if (it == running.end())
            continue;
        const int task = it->second;
        running.erase(it);
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok && taskState(plan, task) != "failed")
            writeState(plan.statusPath(task), {{"state", "failed"},
                                               {"error", WIFSIGNALED(status) ? "the analysis crashed (signal " + std::to_string(WTERMSIG(status)) + ")"
                                                                             : "ended with status " + std::to_string(WEXITSTATUS(status))}});
        const BatchTask& t = plan.tasks[std::size_t(task)];
        std::cout << "[" << ++finished << "/" << total << "] " << plan.movies[std::size_t(t.movie)].name
                  << (t.shard >= 0 ? " shard " + std::to_string(t.shard + 1) : std::string()) << ": " << taskState(plan, task) << "\n"
                  << std::flush;
    }
}

int finishBatch(const BatchPlan& plan)
{
    CsvWriter csv({"input", "folder", "status", "frames", "atoms", "tracks", "events", "nearest_neighbour_nm", "lattice",
                   "spacings", "quality_dB", "seconds", "error"});
    int failed = 0;
    for (int i = 0; i < int(plan.movies.size()); ++i) {
        const BatchMovie& m = plan.movies[std::size_t(i)];
        const std::string statePath = plan.movieFolder(i) + "/batch.json";
        nlohmann::json state;
        if (m.skip) {
            state = readState(statePath);
        } else {
            state = finishMovie(plan, i);
            state["key"] = m.key;
            state["input"] = m.input;
            fs::create_directories(plan.movieFolder(i));
            writeState(statePath, state);
        }
        const std::string s = state.value("state", "failed");
        failed += s == "done" ? 0 : 1;
        std::vector<std::string> row = movieRow(plan, i, m.skip ? "done (earlier run)" : s, state.value("error", ""),
                                                state.value("seconds", std::nan("")));
        for (const std::string& cell : row)
            csv.add(cell);
        csv.endRow();
    }
    writeFileAtomically(plan.folder + "/batch.csv", csv.text());
    return failed;
}

void printBatchStatus(const BatchPlan& plan)
{
    std::map<std::string, int> counts;
    for (int i = 0; i < int(plan.movies.size()); ++i) {
        const BatchMovie& m = plan.movies[std::size_t(i)];
        const nlohmann::json movieState = readState(plan.movieFolder(i) + "/batch.json");
        std::string state;
        std::string detail;
        if (m.skip) {
            state = "done";
            detail = " (earlier run)";
        } else if (movieState.value("key", "") == m.key && movieState.contains("state")) {
            state = movieState.value("state", "");
            detail = state == "failed" ? ": " + movieState.value("error", "") : "";
        } else {
            std::map<std::string, int> tasks;
            int total = 0;
            for (int t = 0; t < int(plan.tasks.size()); ++t)
                if (plan.tasks[std::size_t(t)].movie == i) {
                    ++tasks[taskState(plan, t)];
                    ++total;
                }
            state = tasks["failed"] > 0 ? "failed" : tasks["running"] > 0 ? "running" : tasks["done"] == total ? "merging" : "waiting";
            detail = " (" + std::to_string(tasks["done"]) + " of " + std::to_string(total) + " task(s) done)";
        }
        ++counts[state];
        std::cout << m.name << ": " << state << detail << "\n";
    }
    std::cout << plan.movies.size() << " movie(s):";
    for (const auto& [state, n] : counts)
        std::cout << " " << n << " " << state;
    std::cout << (fs::exists(plan.folder + "/batch.csv") ? "; batch.csv written" : "") << "\n";
}

} // namespace hrtem::cli
