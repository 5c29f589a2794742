#include "core/io/json_file.h"

#include "core/io/io_error.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>
#include <fstream>
#include <stdexcept>

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

int checkedInt(const nlohmann::json& value, const std::string& what)
{
    if (value.is_number_integer()) {
        if (value.is_number_unsigned() ? value.get<std::uint64_t>() <= std::uint64_t(INT_MAX)
                                       : value.get<std::int64_t>() >= INT_MIN && value.get<std::int64_t>() <= INT_MAX)
            return int(value.get<std::int64_t>());
    } else if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && d >= double(INT_MIN) && d <= double(INT_MAX))
            return int(d);
    }
    throw std::invalid_argument("\"" + what + "\" must be a whole number that fits an int, found " + value.dump());
}

} // namespace hrtem
