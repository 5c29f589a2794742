#pragma once
#include "core/io/stack.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace hrtem {

/// What `hrtem info` prints: format, frames, size, pixel type, calibration per axis, frame
/// interval, notes, images in the file and metadata.
std::string stackReportText(const StackInfo& info, bool allMetadata = false);
nlohmann::json stackReportJson(const StackInfo& info);

} // namespace hrtem
