#pragma once
// hrtem batch's plan: the movies of a batch, the tasks that analyse them (one per movie, or one
// per shard of a movie), and what each task and movie reached, all as files in the batch folder
// so that local child processes, SLURM array tasks and a later `hrtem batch --status` read the
// same state:
//   DIR/batch_plan.json       the plan (movies, tasks, settings file, program)
//   DIR/batch_settings.json   the analysis settings every movie gets
//   DIR/status/task_I.json    a task's state: running, done or failed (with the error)
//   DIR/logs/task_I.log       its output
//   DIR/NAME/                 a movie's result folder; NAME/shards/K/ its shards; NAME/batch.json its key and state
//   DIR/batch.csv             one row per movie
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace hrtem::cli {

struct BatchMovie {
    std::string input;  ///< absolute path
    std::string name;   ///< its folder's name in the batch folder (unique)
    std::string key;    ///< input fingerprint + settings + shards: equal keys mean "already done"
    int shards = 1;
    bool skip = false;  ///< done before with the same key (re-runs skip it unless --force)
};

struct BatchTask {
    int movie = 0;
    int shard = -1;     ///< 0-based, or -1: the whole movie
    std::string out;    ///< its result folder
};

struct BatchPlan {
    std::string folder;   ///< absolute
    std::string program;  ///< the hrtem executable the tasks run
    std::vector<BatchMovie> movies;
    std::vector<BatchTask> tasks;

    std::string settingsPath() const { return folder + "/batch_settings.json"; }
    std::string planPath() const { return folder + "/batch_plan.json"; }
    std::string statusPath(int task) const { return folder + "/status/task_" + std::to_string(task) + ".json"; }
    std::string logPath(int task) const { return folder + "/logs/task_" + std::to_string(task) + ".log"; }
    std::string movieFolder(int movie) const { return folder + "/" + movies[std::size_t(movie)].name; }
};

/// The inputs of --inputs: a text file listing one path per line (# comments), a glob pattern
/// (quote it), or paths separated by commas. Throws UsageError when it names no file.
std::vector<std::string> expandInputs(const std::string& spec);

/// SHA-256 of the input's size, modification time and first and last MiB, and of the settings
/// (without the thread count, which does not change results) and shard count: cheap for
/// multi-GB movies, and changed by any rewrite of the file in practice.
std::string movieKey(const std::string& input, const nlohmann::json& settings, int shards);

/// Movies named after their files (suffixed _2, _3 ... when two share a name), tasks for those
/// not done before under the same key (all with `force`).
BatchPlan makePlan(const std::string& folder, const std::string& program, const std::vector<std::string>& inputs,
                   const nlohmann::json& settings, const std::function<int(const std::string& input)>& shardsOf, bool force);

void writePlan(const BatchPlan& plan);
/// Throws IoError naming the file when the folder holds no plan.
BatchPlan readPlan(const std::string& folder);

/// A task's or movie's state file: {"state": ..., "error": ..., "seconds": ...}; an empty object
/// when there is none.
nlohmann::json readState(const std::string& path);
void writeState(const std::string& path, const nlohmann::json& state);

} // namespace hrtem::cli
