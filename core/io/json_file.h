#pragma once
// Reading a JSON file with errors that name it (settings, training options, simulation parameters).
#include <nlohmann/json_fwd.hpp>

#include <string>

namespace hrtem {

/// Throws hrtem::IoError naming `path` when it cannot be read ("cannot be read" + `hint`) or is
/// not JSON.
nlohmann::json readJsonFile(const std::string& path, const std::string& hint = {});

} // namespace hrtem
