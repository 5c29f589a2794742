#pragma once
// The result files of `hrtem analyze` (ARCHITECTURE.md, "the CSV contract"): atoms.csv,
// trajectories.csv, frames.csv, events.csv, tracks.csv, twin_boundaries.csv, summary.json and a
// TrackMate XML. Contract columns come first in the documented order; extras follow, and new
// ones are only ever appended. Numbers are written with fixed precision so that the same
// analysis gives byte-identical files.
#include "core/result/analysis_result.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace hrtem {

std::string atomsCsv(const AnalysisResult& result);
std::string trajectoriesCsv(const AnalysisResult& result);
std::string framesCsv(const AnalysisResult& result);
std::string eventsCsv(const AnalysisResult& result);
std::string tracksCsv(const AnalysisResult& result);
std::string twinBoundariesCsv(const AnalysisResult& result);
/// Inputs, parameters, versions, timings and totals. `extra` is merged in at the top level
/// (the CLI adds its command line).
nlohmann::json summaryJson(const AnalysisResult& result);

/// Writes every file into `folder` (created if missing), each atomically. Returns the paths.
std::vector<std::string> writeResults(const AnalysisResult& result, const std::string& folder,
                                      const nlohmann::json* extraSummary = nullptr);

} // namespace hrtem
