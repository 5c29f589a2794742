// Issue 35: what the EMD reader runs in a child process can end that child only. The helper's
// answers (a result, the reader's own error, a crash, a hang) and the parent's check of the
// layout the child sends back.
#include "core/io/child_process.h"
#include "core/io/emd_layout.h"
#include "core/io/io_error.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <thread>

using namespace hrtem;

namespace {

std::string problemOf(const std::function<void()>& call)
{
    try {
        call();
    } catch (const IoError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a child process's answer, error, crash and hang come back as text or a named error", "[io][child]")
{
    CHECK(runInChildProcess("a.emd", "its structure", [] { return std::string(100000, 'x'); }) == std::string(100000, 'x'));

    const std::string error = problemOf([] {
        runInChildProcess("a.emd", "its structure", []() -> std::string { throw IoError("a.emd", "has no /Data group"); });
    });
    CHECK(error == "a.emd: has no /Data group");

    const std::string crash = problemOf([] {
        runInChildProcess("b.emd", "its HDF5 structure", []() -> std::string {
            std::raise(SIGSEGV);
            return "never";
        });
    });
    CHECK(crash.rfind("b.emd: the file is damaged: reading its HDF5 structure ended the reader process (signal 11", 0) == 0);

    const std::string hang = problemOf([] {
        runInChildProcess(
            "c.emd", "its HDF5 structure",
            []() -> std::string {
                std::this_thread::sleep_for(std::chrono::minutes(10));
                return "late";
            },
            std::chrono::milliseconds(300));
    });
    CHECK(hang.find("c.emd: reading its HDF5 structure took longer than") == 0);
    // The parent goes on: the helper works again after a crash and a kill.
    CHECK(runInChildProcess("d.emd", "x", [] { return std::string("fine"); }) == "fine");
}

TEST_CASE("the parent refuses an EMD layout that does not hold together", "[io][emd][child]")
{
    EmdLayout layout;
    layout.velox = true;
    EmdImage image;
    image.dataset = "/Data/Image/1/Data";
    image.name = "HAADF";
    image.width = 64;
    image.height = 32;
    image.frames = 3;
    image.type = PixelType::UInt16;
    image.element = {h5::ElementType::Kind::Integer, 2, false, "uint16"};
    image.frameTime_s = 0.5;
    image.metadata = {{"Optics.SpotIndex", "5"}};
    layout.images.push_back(image);
    ImageEntry entry;
    entry.name = "HAADF";
    entry.dimensions = {64, 32, 3};
    entry.pixelType = "uint16";
    layout.entries.push_back(entry);

    const nlohmann::json json = toJson(layout);
    const EmdLayout back = emdLayoutFromJson(json, "f.emd");
    REQUIRE(back.images.size() == 1);
    CHECK(back.images[0].width == 64);
    CHECK(back.images[0].frames == 3);
    CHECK(back.images[0].frameTime_s == Approx(0.5));
    CHECK(back.images[0].metadata == image.metadata);
    CHECK(back.entries[0].dimensions == entry.dimensions);

    auto refused = [](nlohmann::json j) { return problemOf([&] { emdLayoutFromJson(j, "f.emd"); }); };
    nlohmann::json zeroWidth = json;
    zeroWidth["images"][0]["width"] = 0;
    CHECK(refused(zeroWidth) == "f.emd: the EMD structure reader answered \"width\" out of range: 0");
    nlohmann::json wrongElement = json;
    wrongElement["images"][0]["element"]["bytes"] = 4; // 4-byte elements into 2-byte pixels
    CHECK(refused(wrongElement).find("does not fill its pixel type") != std::string::npos);
    nlohmann::json extraImage = json;
    extraImage["images"].push_back(extraImage["images"][0]);
    CHECK(refused(extraImage) == "f.emd: the EMD structure reader answered 1 image entries for 2 images");
    nlohmann::json noDataset = json;
    noDataset["images"][0].erase("dataset");
    CHECK(refused(noDataset) == "f.emd: the EMD structure reader answered without \"dataset\"");
}
