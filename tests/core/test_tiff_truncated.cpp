// A truncated TIFF opens the pages it still holds whole (issue 35). The file is laid out as
// tifffile writes ImageJ stacks: the first page's header (IFD) and description at the start, the
// frames back to back, every later page's header after them at the end, so that cutting the file
// loses the whole chain of headers while most frames are still there.
#include "core/io/io_error.h"
#include "core/io/stack.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace hrtem;

namespace {

namespace fs = std::filesystem;

void put16(std::vector<char>& b, std::size_t at, std::uint16_t v) { std::memcpy(&b[at], &v, 2); }
void put32(std::vector<char>& b, std::size_t at, std::uint32_t v) { std::memcpy(&b[at], &v, 4); }

constexpr int kWidth = 16, kHeight = 12, kFrames = 5;
constexpr std::uint32_t kFrameBytes = kWidth * kHeight * 4, kDataStart = 512;

/// One little-endian IFD of a float32 page at `at`, its strip at `strip`, chained to `next`.
void writeIfd(std::vector<char>& b, std::uint32_t at, std::uint32_t strip, std::uint32_t next, std::uint32_t description,
              std::uint32_t descriptionBytes)
{
    struct Entry {
        std::uint16_t tag, type;
        std::uint32_t count, value;
    };
    std::vector<Entry> entries = {{256, 4, 1, kWidth}, {257, 4, 1, kHeight}, {258, 3, 1, 32}, {259, 3, 1, 1},
                                  {262, 3, 1, 1}};
    if (descriptionBytes > 0)
        entries.push_back({270, 2, descriptionBytes, description});
    entries.insert(entries.end(), {{273, 4, 1, strip}, {277, 3, 1, 1}, {278, 4, 1, kHeight}, {279, 4, 1, kFrameBytes},
                                   {339, 3, 1, 3}});
    put16(b, at, static_cast<std::uint16_t>(entries.size()));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::size_t e = at + 2 + 12 * i;
        put16(b, e, entries[i].tag);
        put16(b, e + 2, entries[i].type);
        put32(b, e + 4, entries[i].count);
        put32(b, e + 8, entries[i].value); // SHORT values sit in the first two bytes (little-endian)
    }
    put32(b, at + 2 + 12 * entries.size(), next);
}

/// The whole file; frame k's pixel i holds 1000 k + i.
std::vector<char> imageJStack()
{
    const std::string description = "ImageJ=1.11a\nimages=5\nframes=5\nhyperstack=true\n";
    const std::uint32_t trailer = kDataStart + kFrames * kFrameBytes, ifdBytes = 2 + 12 * 11 + 4;
    std::vector<char> b(trailer + (kFrames - 1) * ifdBytes, 0);
    b[0] = 'I';
    b[1] = 'I';
    put16(b, 2, 42);
    put32(b, 4, 8);
    const std::uint32_t descriptionAt = 8 + 2 + 12 * 11 + 4;
    std::memcpy(&b[descriptionAt], description.c_str(), description.size() + 1);
    writeIfd(b, 8, kDataStart, trailer, descriptionAt, static_cast<std::uint32_t>(description.size() + 1));
    for (int k = 0; k < kFrames; ++k) {
        for (int i = 0; i < kWidth * kHeight; ++i) {
            const float v = 1000.0f * k + i;
            std::memcpy(&b[kDataStart + k * kFrameBytes + 4 * i], &v, 4);
        }
        if (k > 0) {
            const std::uint32_t at = trailer + (k - 1) * ifdBytes;
            writeIfd(b, at, kDataStart + k * kFrameBytes, k + 1 < kFrames ? at + ifdBytes : 0, 0, 0);
        }
    }
    return b;
}

std::string writeFile(const std::vector<char>& bytes, std::size_t length, const std::string& name)
{
    const fs::path path = fs::temp_directory_path() / ("hrtem_trunc_" + name + "_" + std::to_string(::getpid()) + ".tif");
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(length));
    return path.string();
}

} // namespace

TEST_CASE("a truncated ImageJ stack whose page headers trail the frames opens its whole frames", "[io][tiff][robustness]")
{
    const std::vector<char> file = imageJStack();
    const std::string whole = writeFile(file, file.size(), "whole");
    auto complete = openStack(whole);
    REQUIRE(complete->info().frameCount == kFrames);
    CHECK(complete->readFrame(4).at<float>(0, 3) == 4003.0f);

    // Cut in the middle of frame 3: frames 0, 1 and 2 are whole.
    const std::string cut = writeFile(file, kDataStart + 3 * kFrameBytes + kFrameBytes / 2, "cut");
    auto truncated = openStack(cut);
    REQUIRE(truncated->info().frameCount == 3);
    for (int k = 0; k < 3; ++k)
        CHECK(truncated->readFrame(k).at<float>(11, 15) == 1000.0f * k + 11 * kWidth + 15);
    bool said = false;
    for (const std::string& note : truncated->info().notes)
        said = said || (note.find("truncated") != std::string::npos && note.find("3") != std::string::npos);
    CHECK(said);
    fs::remove(whole);
    fs::remove(cut);

    // Cut inside the first frame: nothing whole to show, and the error says so by name.
    const std::string early = writeFile(file, kDataStart + kFrameBytes / 2, "early");
    CHECK_THROWS_WITH(openStack(early)->readFrame(0), Catch::Contains(early));
    fs::remove(early);
}
