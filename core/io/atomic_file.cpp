#include "core/io/atomic_file.h"

#include "core/io/io_error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>

namespace hrtem {

namespace fs = std::filesystem;

namespace {

/// A name no other writer of the same target will pick (two exports into one folder at once).
fs::path temporaryBeside(const fs::path& target)
{
    static thread_local std::mt19937_64 rng(std::random_device{}());
    return target.parent_path() / (target.filename().string() + ".tmp-" + std::to_string(rng() % 1000000000ULL));
}

} // namespace

void writeFileAtomically(const std::string& path, const std::string& content)
{
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) {
        fs::create_directories(target.parent_path(), ec);
        if (ec)
            throw IoError(path, "cannot create the folder " + target.parent_path().string() + ": " + ec.message());
    }
    const fs::path temporary = temporaryBeside(target);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw IoError(path, std::string("cannot create a file in its folder: ") + std::strerror(errno));
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            out.close();
            fs::remove(temporary, ec);
            throw IoError(path, "writing failed (disk full?)");
        }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw IoError(path, "cannot replace the file: " + ec.message());
    }
}

} // namespace hrtem
