#include "core/runtime/shipped_weights.h"

#include "core/io/io_error.h"

#include <cstdlib>
#include <stdexcept>
#include <filesystem>
#include <vector>

namespace hrtem {

std::string findShippedWeights(const std::string& fileName)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* dir = std::getenv("HRTEM_WEIGHTS_DIR"))
        candidates.push_back(fs::path(dir) / fileName);
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error)
        candidates.push_back(exe.parent_path().parent_path() / "share" / "hrtem-studio" / "weights" / fileName);
#ifdef HRTEM_SOURCE_DIR
    candidates.push_back(fs::path(HRTEM_SOURCE_DIR) / "models" / "weights" / fileName);
#endif
    for (const fs::path& p : candidates)
        if (fs::exists(p, error))
            return p.string();
    return {};
}

std::string requireWeightsFile(const std::string& given, const std::string& shipped, const std::string& what)
{
    const std::string path = given.empty() ? shipped : given;
    if (path.empty())
        throw std::runtime_error("no " + what + " weights given and the shipped ones were not found");
    if (!std::filesystem::exists(path))
        throw IoError(path, "no such weights file");
    return path;
}

} // namespace hrtem
