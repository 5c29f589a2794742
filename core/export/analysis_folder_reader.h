#pragma once
// Reads a result folder of `hrtem analyze` back into an AnalysisResult, for viewing without
// running anything again (File → Open analysis… in the window): every atom column with its
// fit, errors, site and track, the tracks with their behaviours, events, twin boundaries and
// the per-frame lattice and quality. Bonds and the particle outline are not stored in the
// files; they are recomputed from the columns with the run's bond cut (a Delaunay graph,
// milliseconds per frame), leaving the columns as read.
#include "core/result/analysis_result.h"

#include <string>

namespace hrtem {

/// Throws IoError naming the file and the problem (missing file or column, a row that names
/// a frame or track outside the run, settings that do not parse).
AnalysisResult readAnalysisFolder(const std::string& folder);

} // namespace hrtem
