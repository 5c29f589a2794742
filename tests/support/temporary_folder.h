#pragma once
// A fresh folder under the system's temporary directory for one test, removed with the object.
// The process id in its name keeps parallel test processes apart.
#include <filesystem>
#include <string>
#include <unistd.h>

namespace hrtem::test {

struct TemporaryFolder {
    std::filesystem::path path;
    explicit TemporaryFolder(const std::string& name)
        : path(std::filesystem::temp_directory_path() / ("hrtem_" + name + "_" + std::to_string(::getpid())))
    {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TemporaryFolder() { std::filesystem::remove_all(path); }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
};

} // namespace hrtem::test
