#include "core/io/json_file.h"

#include "core/io/io_error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace hrtem {

nlohmann::json readJsonFile(const std::string& path, const std::string& hint)
{
    std::ifstream in(path);
    if (!in)
        throw IoError(path, "cannot be read" + hint);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw IoError(path, std::string("is not valid JSON: ") + e.what());
    }
}

} // namespace hrtem
