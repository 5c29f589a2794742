// The analysed movie with overlays written as a TIFF stack and as videos (issue 18): read back
// with the project's reader and with OpenCV, the right frame count and size; refusals name the
// file; a cancelled write leaves nothing behind.
#include "core/export/overlay_movie.h"
#include "core/io/io_error.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/simulation.h"
#include "tests/support/small_movie.h"

#include <catch2/catch.hpp>

#include <opencv2/videoio.hpp>

#include <filesystem>

#include <unistd.h>

using namespace hrtem;
namespace fs = std::filesystem;

namespace {

struct Analysed {
    std::unique_ptr<StackReader> stack;
    AnalysisResult result;
};

Analysed& analysed()
{
    static Analysed a = [] {
        Analysed out;
        out.stack = sim::makeSimulatedStack(test::smallMovie("demo", 21, 6));
        AnalysisSettings settings;
        settings.threads = 2;
        out.result = analyzeStack(*out.stack, settings);
        return out;
    }();
    return a;
}

fs::path scratch(const std::string& name)
{
    const fs::path dir = fs::temp_directory_path() / ("hrtem_overlay_movie_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
}

} // namespace

TEST_CASE("the overlay movie as a TIFF stack: every analysed frame, RGB, twice the size", "[export][movie]")
{
    Analysed& a = analysed();
    const fs::path path = scratch("movie.tif");
    int reports = 0;
    writeOverlayMovie(*a.stack, a.result, path.string(), {}, Progress::fractions([&](double) { ++reports; }));
    CHECK(reports == int(a.result.frames.size()));
    std::unique_ptr<StackReader> back = openStack(path.string());
    CHECK(back->info().frameCount == int(a.result.frames.size()));
    CHECK(back->info().width == 2 * a.result.width);
    CHECK(back->info().height == 2 * a.result.height);
    CHECK(back->info().pixelType == PixelType::RGB8);
    CHECK(back->info().x.scale == Approx(a.result.pixel_nm / 2));
}

TEST_CASE("the overlay movie as videos that OpenCV reads back", "[export][movie]")
{
    Analysed& a = analysed();
    for (const char* name : {"movie.avi", "movie.mp4"}) {
        INFO(name);
        const fs::path path = scratch(name);
        writeOverlayMovie(*a.stack, a.result, path.string());
        REQUIRE(fs::exists(path));
        cv::VideoCapture video(path.string());
        REQUIRE(video.isOpened());
        int frames = 0;
        cv::Mat image;
        while (video.read(image)) {
            CHECK(image.cols == 2 * a.result.width);
            CHECK(image.rows == 2 * a.result.height);
            ++frames;
        }
        CHECK(frames == int(a.result.frames.size()));
    }
}

TEST_CASE("the overlay movie refuses what it cannot write, naming the file, and a cancel leaves nothing", "[export][movie]")
{
    Analysed& a = analysed();
    const fs::path gif = scratch("movie.gif");
    try {
        writeOverlayMovie(*a.stack, a.result, gif.string());
        FAIL("a .gif was accepted");
    } catch (const IoError& e) {
        CHECK(std::string(e.what()).find(gif.string()) != std::string::npos);
    }
    std::atomic<bool> cancel{false};
    for (const char* name : {"cancelled.tif", "cancelled.avi"}) {
        const fs::path path = scratch(name);
        cancel = false;
        CHECK_THROWS_AS(writeOverlayMovie(*a.stack, a.result, path.string(), {}, Progress::fractions([&](double f) { cancel = f > 0.3; }, &cancel)),
                        Cancelled);
        CHECK_FALSE(fs::exists(path));
        for (const auto& entry : fs::directory_iterator(path.parent_path()))
            CHECK(entry.path().filename().string().rfind(name, 0) != 0); // no partial file either
    }
    AnalysisResult empty = a.result;
    empty.frames.clear();
    CHECK_THROWS_AS(writeOverlayMovie(*a.stack, empty, scratch("empty.tif").string()), IoError);
}
