#pragma once
// Reading a JSON file with errors that name it (settings, training options, simulation parameters).
#include <nlohmann/json_fwd.hpp>

#include <string>

namespace hrtem {

/// Throws hrtem::IoError naming `path` when it cannot be read ("cannot be read" + `hint`) or is
/// not JSON.
nlohmann::json readJsonFile(const std::string& path, const std::string& hint = {});

/// `value` as an int: a whole number within int's range, else std::invalid_argument naming
/// `what` (nlohmann's get<int> truncates 2.5 and is undefined for 3e24).
int checkedInt(const nlohmann::json& value, const std::string& what);

} // namespace hrtem
