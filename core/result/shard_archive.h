#pragma once
// A shard's per-frame results, kept exactly (shard.json beside the shard's result files), so
// that `hrtem merge` can join shards into the analysis of the whole range: the movie's header
// (input, calibration, settings, the movie-wide scale, noise, lattice evidence, models, notes)
// and each frame's state after the per-frame stages, before the movie stages. Relations and twin
// boundaries are not kept: they follow from the atoms (relate_frame.h) and merge recomputes them.
// Doubles are written with round-trip precision; NaN as null.
#include "core/result/analysis_result.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace hrtem {

struct ShardArchive {
    static constexpr const char* kFormat = "hrtem-shard-1";
    int index = 0, count = 1;  ///< this shard of `count` (0-based)
    int first = 0, end = 0;    ///< the movie's range the shards split: frames [first, end)
    long long inputBytes = -1; ///< the input file's size when written (-1: not a file)
    /// The header and the frames (FrameAnalysis without relations and twins); no tracks.
    AnalysisResult result;
};

nlohmann::json toJson(const ShardArchive& archive);
/// Throws std::invalid_argument naming what is missing or of the wrong kind.
ShardArchive shardArchiveFromJson(const nlohmann::json& json);

void writeShardArchive(const ShardArchive& archive, const std::string& path);
/// Throws IoError naming `path` and the problem (missing, not JSON, not a shard).
ShardArchive readShardArchive(const std::string& path);

} // namespace hrtem
