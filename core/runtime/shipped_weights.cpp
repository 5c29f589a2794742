#include "core/runtime/shipped_weights.h"

#include <cstdlib>
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

} // namespace hrtem
