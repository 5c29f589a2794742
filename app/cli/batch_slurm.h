#pragma once
// hrtem batch --slurm: the plan's tasks as one SLURM array job (a task per movie or per shard,
// each `hrtem batch --task DIR --index $SLURM_ARRAY_TASK_ID`, its log in DIR/logs) and a merge
// job that runs after all of them (`hrtem batch --finish DIR`, afterany: it also reports the
// tasks that failed). SLURM's own sbatch submits them; the scripts stay in DIR/slurm.
#include "app/cli/batch_plan.h"

#include <string>

namespace hrtem::cli {

struct SlurmOptions {
    std::string partition; ///< empty: the cluster's default
    std::string time;      ///< per task, sbatch's format (e.g. 02:00:00); empty: the partition's
    int cpus = 2;          ///< per task; the analysis runs this many threads
    int gpus = 0;          ///< per task (--gres=gpu:N)
};

struct SlurmSubmission {
    std::string arrayJob, finishJob; ///< job ids; arrayJob empty when there was nothing to analyse
};

/// Writes DIR/slurm/analyze.sbatch and finish.sbatch and submits them with sbatch (found on
/// PATH). Throws std::runtime_error with sbatch's own message when a submission fails.
SlurmSubmission submitToSlurm(const BatchPlan& plan, const SlurmOptions& options);

} // namespace hrtem::cli
