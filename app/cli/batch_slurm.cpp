#include "app/cli/batch_slurm.h"

#include "core/io/atomic_file.h"

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace hrtem::cli {

namespace {

/// A path or word quoted for bash.
std::string quoted(const std::string& text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string header(const std::string& name, const std::string& output, const SlurmOptions& o, int cpus)
{
    std::string h = "#!/bin/bash\n#SBATCH --job-name=" + name + "\n#SBATCH --output=" + output + "\n#SBATCH --cpus-per-task=" +
                    std::to_string(cpus) + "\n";
    if (!o.partition.empty())
        h += "#SBATCH --partition=" + o.partition + "\n";
    if (!o.time.empty())
        h += "#SBATCH --time=" + o.time + "\n";
    return h;
}

/// Runs `command`, returning its standard output and error; throws with them on failure.
std::string run(const std::string& command)
{
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    std::string output;
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), int(buffer.size()), pipe.get()) != nullptr)
        output += buffer.data();
    const int status = pclose(pipe.release());
    while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
        output.pop_back();
    if (status != 0)
        throw std::runtime_error(command + " failed: " + output);
    return output;
}

void writeScript(const std::string& path, const std::string& text)
{
    writeFileAtomically(path, text);
    chmod(path.c_str(), 0755);
}

} // namespace

SlurmSubmission submitToSlurm(const BatchPlan& plan, const SlurmOptions& options)
{
    const std::string slurm = plan.folder + "/slurm";
    const int tasks = int(plan.tasks.size());
    SlurmSubmission submitted;
    if (tasks > 0) {
        std::string analyze = header("hrtem-analyze", plan.folder + "/logs/task_%a.log", options, options.cpus);
        analyze += "#SBATCH --array=0-" + std::to_string(tasks - 1) + "\n";
        if (options.gpus > 0)
            analyze += "#SBATCH --gres=gpu:" + std::to_string(options.gpus) + "\n";
        analyze += "# One movie, or one shard of a movie, per array task (" + plan.folder + "/batch_plan.json).\n";
        analyze += "exec " + quoted(plan.program) + " batch --task " + quoted(plan.folder) +
                   " --index \"$SLURM_ARRAY_TASK_ID\" --threads " + std::to_string(options.cpus) + "\n";
        writeScript(slurm + "/analyze.sbatch", analyze);
        // --parsable prints "jobid" or "jobid;cluster".
        submitted.arrayJob = run("sbatch --parsable " + quoted(slurm + "/analyze.sbatch"));
        submitted.arrayJob = submitted.arrayJob.substr(0, submitted.arrayJob.find(';'));
    }
    std::string finish = header("hrtem-merge", plan.folder + "/logs/finish.log", options, 1);
    if (!submitted.arrayJob.empty())
        finish += "#SBATCH --dependency=afterany:" + submitted.arrayJob + "\n";
    finish += "# Merges the shards, records each movie's state and writes batch.csv, failed tasks included.\n";
    finish += "exec " + quoted(plan.program) + " batch --finish " + quoted(plan.folder) + "\n";
    writeScript(slurm + "/finish.sbatch", finish);
    submitted.finishJob = run("sbatch --parsable " + quoted(slurm + "/finish.sbatch"));
    submitted.finishJob = submitted.finishJob.substr(0, submitted.finishJob.find(';'));
    writeFileAtomically(slurm + "/jobs.txt", "analyze " + submitted.arrayJob + "\nfinish " + submitted.finishJob + "\n");
    return submitted;
}

} // namespace hrtem::cli
