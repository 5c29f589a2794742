#include "fuzz/harness/fuzz_input.h"

#include "core/io/io_error.h"
#include "core/io/stack.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <unistd.h>

namespace hrtem::fuzz {
namespace {

const std::filesystem::path& processFolder()
{
    static const std::filesystem::path folder = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::filesystem::path p = std::filesystem::path(tmp && *tmp ? tmp : "/tmp")
                                  / ("hrtem-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(p);
        return p;
    }();
    return folder;
}

} // namespace

std::string writeInput(const std::uint8_t* data, std::size_t size, const std::string& extension)
{
    const std::string path = (processFolder() / ("input" + extension)).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        throw std::runtime_error("cannot write the fuzz input " + path);
    if (size > 0 && std::fwrite(data, 1, size, f) != size) {
        std::fclose(f);
        throw std::runtime_error("cannot write the fuzz input " + path);
    }
    std::fclose(f);
    return path;
}

std::string emptyScratchFolder()
{
    const std::filesystem::path folder = processFolder() / "folder";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder.string();
}

void openAndReadStack(const std::string& path)
{
    try {
        std::unique_ptr<StackReader> reader = openStack(path);
        const StackInfo& info = reader->info();
        const int last = info.frameCount - 1;
        for (int frame : {0, last / 2, last}) {
            if (frame < 0)
                continue;
            reader->readRaw(frame);
            reader->readFrame(frame);
        }
    } catch (const IoError&) {
        // A damaged file, reported with its name: what the readers promise.
    }
}

} // namespace hrtem::fuzz
