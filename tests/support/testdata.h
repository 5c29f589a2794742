#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace hrtem::test {

inline const char* const kDefaultTestDataDir = HRTEM_TESTDATA_DIR;

/// ../shared/testdata (or $HRTEM_TESTDATA_DIR) if it exists.
inline std::optional<std::filesystem::path> testDataDir()
{
    const char* env = std::getenv("HRTEM_TESTDATA_DIR");
    const std::filesystem::path dir = env != nullptr && *env != '\0' ? env : kDefaultTestDataDir;
    if (std::filesystem::is_regular_file(dir / "reference.json"))
        return dir;
    return std::nullopt;
}

inline std::vector<char> readBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeBytes(const std::filesystem::path& path, const char* data, std::size_t size)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data, static_cast<std::streamsize>(size));
}

/// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
public:
    explicit TempDir(const std::string& tag)
    {
        static int counter = 0;
        mPath = std::filesystem::temp_directory_path()
            / ("hrtem-test-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(mPath);
        std::filesystem::create_directories(mPath);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(mPath, ec);
    }
    const std::filesystem::path& path() const { return mPath; }
    std::filesystem::path operator/(const std::string& name) const { return mPath / name; }

private:
    std::filesystem::path mPath;
};

} // namespace hrtem::test
