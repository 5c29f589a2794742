#include "app/cli/batch_plan.h"

#include "app/cli/arguments.h"
#include "core/io/atomic_file.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/util/sha256.h"
#include "core/util/text.h"

#include <glob.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace hrtem::cli {

namespace fs = std::filesystem;

std::vector<std::string> expandInputs(const std::string& spec)
{
    std::vector<std::string> inputs;
    const bool pattern = spec.find_first_of("*?[") != std::string::npos;
    if (!pattern && fs::is_regular_file(spec) && fs::path(spec).extension() == ".txt") {
        std::ifstream list(spec);
        for (std::string line; std::getline(list, line);) {
            line = trim(line);
            if (line.empty() || line[0] == '#')
                continue;
            // Relative paths in a list are relative to the list.
            const fs::path p(line);
            inputs.push_back(p.is_absolute() ? line : (fs::path(spec).parent_path() / p).string());
        }
    } else if (pattern) {
        glob_t found{};
        if (glob(spec.c_str(), 0, nullptr, &found) == 0)
            for (std::size_t i = 0; i < found.gl_pathc; ++i)
                inputs.emplace_back(found.gl_pathv[i]);
        globfree(&found);
    } else {
        std::stringstream parts(spec);
        for (std::string part; std::getline(parts, part, ',');)
            if (!trim(part).empty())
                inputs.push_back(trim(part));
    }
    if (inputs.empty())
        throw UsageError("--inputs " + spec + " names no file (a list file ending in .txt, a quoted glob, or paths separated by commas)");
    for (std::string& input : inputs)
        input = fs::absolute(input).lexically_normal().string();
    return inputs;
}

std::string movieKey(const std::string& input, const nlohmann::json& settings, int shards)
{
    std::string fingerprint = input;
    struct stat info {};
    if (stat(input.c_str(), &info) == 0) {
        fingerprint += "|" + std::to_string(info.st_size) + "|" + std::to_string(info.st_mtim.tv_sec) + "." +
                       std::to_string(info.st_mtim.tv_nsec);
        std::ifstream in(input, std::ios::binary);
        constexpr std::streamoff kMiB = 1 << 20;
        std::string head(std::size_t(std::min<std::streamoff>(kMiB, info.st_size)), '\0');
        in.read(head.data(), std::streamsize(head.size()));
        std::string tail(std::size_t(std::min<std::streamoff>(kMiB, info.st_size)), '\0');
        in.seekg(std::max<std::streamoff>(0, info.st_size - kMiB));
        in.read(tail.data(), std::streamsize(tail.size()));
        fingerprint += "|" + sha256(head) + "|" + sha256(tail);
    }
    nlohmann::json s = settings;
    s.erase("threads");
    return sha256(fingerprint + "|" + s.dump() + "|" + std::to_string(shards));
}

BatchPlan makePlan(const std::string& folder, const std::string& program, const std::vector<std::string>& inputs,
                   const nlohmann::json& settings, const std::function<int(const std::string& input)>& shardsOf, bool force)
{
    BatchPlan plan;
    plan.folder = fs::absolute(folder).lexically_normal().string();
    plan.program = program;
    std::map<std::string, int> names;
    for (const std::string& input : inputs) {
        BatchMovie m;
        m.input = input;
        const std::string stem = fs::path(input).stem().string();
        const int n = ++names[stem];
        m.name = n == 1 ? stem : stem + "_" + std::to_string(n);
        m.shards = std::max(1, shardsOf(input));
        m.key = movieKey(input, settings, m.shards);
        const nlohmann::json before = readState(plan.folder + "/" + m.name + "/batch.json");
        m.skip = !force && before.value("state", "") == "done" && before.value("key", "") == m.key;
        plan.movies.push_back(m);
    }
    for (int i = 0; i < int(plan.movies.size()); ++i) {
        const BatchMovie& m = plan.movies[std::size_t(i)];
        if (m.skip)
            continue;
        if (m.shards <= 1)
            plan.tasks.push_back({i, -1, plan.movieFolder(i)});
        else
            for (int k = 0; k < m.shards; ++k)
                plan.tasks.push_back({i, k, plan.movieFolder(i) + "/shards/" + std::to_string(k + 1)});
    }
    return plan;
}

void writePlan(const BatchPlan& plan)
{
    nlohmann::json movies = nlohmann::json::array(), tasks = nlohmann::json::array();
    for (const BatchMovie& m : plan.movies)
        movies.push_back({{"input", m.input}, {"name", m.name}, {"key", m.key}, {"shards", m.shards}, {"skip", m.skip}});
    for (const BatchTask& t : plan.tasks)
        tasks.push_back({{"movie", t.movie}, {"shard", t.shard}, {"out", t.out}});
    const nlohmann::json j = {{"format", "hrtem-batch-1"}, {"folder", plan.folder}, {"program", plan.program},
                              {"movies", movies}, {"tasks", tasks}};
    writeFileAtomically(plan.planPath(), j.dump(1) + "\n");
}

BatchPlan readPlan(const std::string& folder)
{
    const std::string path = (fs::path(folder) / "batch_plan.json").string();
    if (!fs::exists(path))
        throw IoError(folder, "holds no batch (no batch_plan.json): give the --out folder of hrtem batch");
    const nlohmann::json j = readJsonFile(path);
    try {
        BatchPlan plan;
        plan.folder = j.at("folder").get<std::string>();
        plan.program = j.at("program").get<std::string>();
        for (const nlohmann::json& m : j.at("movies"))
            plan.movies.push_back({m.at("input").get<std::string>(), m.at("name").get<std::string>(), m.at("key").get<std::string>(),
                                   m.at("shards").get<int>(), m.at("skip").get<bool>()});
        for (const nlohmann::json& t : j.at("tasks"))
            plan.tasks.push_back({t.at("movie").get<int>(), t.at("shard").get<int>(), t.at("out").get<std::string>()});
        return plan;
    } catch (const nlohmann::json::exception& e) {
        throw IoError(path, std::string("not a batch plan: ") + e.what());
    }
}

nlohmann::json readState(const std::string& path)
{
    if (!fs::exists(path))
        return nlohmann::json::object();
    try {
        return readJsonFile(path);
    } catch (const IoError&) {
        return nlohmann::json::object(); // half written by a task that died: no state
    }
}

void writeState(const std::string& path, const nlohmann::json& state) { writeFileAtomically(path, state.dump(1) + "\n"); }

} // namespace hrtem::cli
