// libFuzzer harness: a folder of numbered images (openStack on a folder). The input is a list
// of file names, one per line, up to a NUL byte; every file gets the bytes after the NUL, so
// the names' ordering, the extension filter and the per-file readers are all reached.
#include "fuzz/harness/fuzz_input.h"

#include <cstring>
#include <fstream>
#include <set>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const char* text = reinterpret_cast<const char*>(data);
    const void* nul = std::memchr(data, 0, size);
    const std::size_t namesEnd = nul ? std::size_t(static_cast<const std::uint8_t*>(nul) - data) : size;
    const std::string folder = hrtem::fuzz::emptyScratchFolder();
    const std::string content(nul ? text + namesEnd + 1 : text + size, nul ? size - namesEnd - 1 : 0);
    std::set<std::string> names;
    std::size_t start = 0;
    while (start <= namesEnd && names.size() < 16) {
        std::size_t end = std::string(text, namesEnd).find('\n', start);
        if (end == std::string::npos)
            end = namesEnd;
        const std::string name(text + start, end - start);
        start = end + 1;
        // Names a file system takes: no separators, not "." or "..", not too long.
        if (name.empty() || name.size() > 64 || name == "." || name == ".." || name.find('/') != std::string::npos)
            continue;
        if (names.insert(name).second)
            std::ofstream(folder + "/" + name, std::ios::binary) << content;
    }
    hrtem::fuzz::openAndReadStack(folder);
    return 0;
}
