#pragma once
// Running a batch's plan (batch_plan.h): one task in this process, every task as local child
// processes (a crash or a corrupt file stops only its own movie), the finishing step that merges
// shards and writes each movie's state and batch.csv, and the summary of `hrtem batch --status`.
#include "app/cli/batch_plan.h"

namespace hrtem::cli {

/// Runs task `index` (hrtem analyze on its movie or shard), recording its state; returns
/// hrtem analyze's exit code (1 for an error, whose message goes to standard error).
int runBatchTask(const BatchPlan& plan, int index, int threads);

/// Every task as a child process `PROGRAM batch --task DIR --index I`, at most `jobs` at a time,
/// each writing DIR/logs/task_I.log; a child that dies without a state is recorded failed.
void runTasksLocally(const BatchPlan& plan, int jobs, int threads);

/// Merges the shards of each sharded movie whose shards all finished, writes NAME/batch.json
/// (its key and state) and batch.csv. Returns the number of movies that failed.
int finishBatch(const BatchPlan& plan);

/// hrtem batch --status: one line per movie (done, failed with why, running, waiting) and totals.
void printBatchStatus(const BatchPlan& plan);

} // namespace hrtem::cli
