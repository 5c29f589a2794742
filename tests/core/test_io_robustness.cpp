// Bar: for every test file, 30 truncations at spread offsets and 30 random byte corruptions
// each give either a correct read or a clear error (an IoError naming the file), never a crash,
// a hang (> 5 s) or another exception type. Built a second time with ASan + UBSan.
#include "core/io/stack.h"
#include "tests/support/testdata.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <random>

using namespace hrtem;
namespace fs = std::filesystem;

namespace {

constexpr int kTrials = 30;
constexpr double kHangSeconds = 5.0;

struct Outcome {
    bool opened = false;
    std::string error;             ///< IoError text when not opened
    std::vector<RawImage> frames;
    std::vector<std::string> notes;
    double seconds = 0.0;
};

/// Opens and reads every frame; only IoError is an acceptable failure.
Outcome attempt(const fs::path& path)
{
    Outcome o;
    const auto start = std::chrono::steady_clock::now();
    try {
        auto stack = openStack(path.string());
        for (int f = 0; f < stack->info().frameCount; ++f)
            o.frames.push_back(stack->readRaw(f));
        o.notes = stack->info().notes;
        o.opened = true;
    } catch (const IoError& e) {
        o.error = e.what();
    } catch (const std::exception& e) {
        FAIL("unexpected exception type for " << path << ": " << e.what());
    }
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return o;
}

std::vector<fs::path> allTestFiles()
{
    std::vector<fs::path> files;
    for (const char* sub : {"dm", "tiff", "mrc", "tia", "emd"})
        for (const auto& e : fs::directory_iterator(*test::testDataDir() / sub))
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

void requireClearError(const Outcome& o, const fs::path& damaged)
{
    // "Clear": starts with the file's path and says something after it.
    const std::string prefix = damaged.string() + ": ";
    CHECK(o.error.rfind(prefix, 0) == 0);
    INFO("error: " << o.error);
    CHECK(o.error.size() > prefix.size() + 5);
}

} // namespace

TEST_CASE("truncated and corrupted files give a correct read or a clear error", "[io][robustness]")
{
    const test::TempDir temp("robust");
    std::mt19937_64 rng(20261122);
    int truncations = 0, corruptions = 0, errors = 0, reads = 0, childEnded = 0;
    for (const fs::path& original : allTestFiles()) {
        INFO("file: " << original.filename());
        const std::vector<char> bytes = test::readBytes(original);
        const Outcome intact = attempt(original);
        const fs::path damaged = temp / ("damaged" + original.extension().string());

        for (int k = 0; k < kTrials; ++k) {
            // Spread over the file, jittered so offsets are not all round numbers.
            const std::size_t cut = std::min(bytes.size() - 1,
                                             static_cast<std::size_t>((k + std::uniform_real_distribution<double>(0, 1)(rng))
                                                                      * static_cast<double>(bytes.size()) / kTrials));
            INFO("truncated to " << cut << " of " << bytes.size() << " bytes");
            test::writeBytes(damaged, bytes.data(), cut);
            const Outcome o = attempt(damaged);
            CHECK(o.seconds < kHangSeconds);
            ++truncations;
            if (!o.opened) {
                requireClearError(o, damaged);
                ++errors;
                continue;
            }
            ++reads;
            // A truncated file that still opens must give the original frames, and say so if
            // some are missing.
            REQUIRE(intact.opened);
            REQUIRE(o.frames.size() <= intact.frames.size());
            for (std::size_t f = 0; f < o.frames.size(); ++f)
                CHECK(o.frames[f] == intact.frames[f]);
            if (o.frames.size() < intact.frames.size())
                CHECK(o.notes.size() > intact.notes.size());
        }

        for (int k = 0; k < kTrials; ++k) {
            std::vector<char> copy = bytes;
            // Half the trials hit the first and last 4 KiB, where headers, tag trees and IFDs
            // live; the rest anywhere.
            const int count = std::uniform_int_distribution<int>(1, 8)(rng);
            for (int c = 0; c < count; ++c) {
                std::size_t at = std::uniform_int_distribution<std::size_t>(0, copy.size() - 1)(rng);
                if (k % 2 == 0) {
                    const std::size_t window = std::min<std::size_t>(4096, copy.size());
                    const std::size_t offset = std::uniform_int_distribution<std::size_t>(0, window - 1)(rng);
                    at = (c % 2 == 0) ? offset : copy.size() - 1 - offset;
                }
                copy[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
            }
            test::writeBytes(damaged, copy.data(), copy.size());
            const Outcome o = attempt(damaged);
            CHECK(o.seconds < kHangSeconds);
            ++corruptions;
            if (!o.opened) {
                requireClearError(o, damaged);
                ++errors;
                childEnded += o.error.find("ended the reader process") != std::string::npos;
            } else {
                ++reads;
                for (const RawImage& f : o.frames)
                    CHECK((f.width() > 0 && f.height() > 0));
            }
        }
    }
    const int files = static_cast<int>(allTestFiles().size());
    CHECK(files == 42); // 23 DM and TIFF files, 5 MRC, 8 TIA (.ser and .emi), 6 EMD
    CHECK(truncations == files * kTrials);
    CHECK(corruptions == files * kTrials);
#ifdef HRTEM_ROBUSTNESS_SANITIZED
    // One corrupted EMD header makes libhdf5 read freed memory, which AddressSanitizer stops:
    // in the child process that reads the structure, so the file is reported as damaged.
    CHECK(childEnded >= 1);
#endif
    WARN("robustness: " << childEnded << " EMD structure reader process(es) ended by the damage; " << truncations << " truncations, " << corruptions << " corruptions; " << reads
                        << " read, " << errors << " clear errors");
}
