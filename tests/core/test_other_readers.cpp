// Videos through OpenCV, folders of numbered images, single images, and format detection.
#include "core/io/stack.h"
#include "tests/support/testdata.h"

#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

using namespace hrtem;

TEST_CASE("a folder of numbered images opens in natural order", "[io][sequence]")
{
    const test::TempDir temp("seq");
    // Written out of order, with numbers that sort wrongly as text (10 before 2).
    for (int i : {10, 2, 1, 33}) {
        cv::Mat img(12, 16, CV_16U, cv::Scalar(i * 100));
        cv::imwrite((temp / ("frame_" + std::to_string(i) + ".png")).string(), img);
    }
    std::ofstream(temp / "notes.txt") << "not an image";
    auto stack = openStack(temp.path().string());
    const StackInfo& info = stack->info();
    CHECK(info.format == "Image sequence");
    REQUIRE(info.frameCount == 4);
    CHECK(info.width == 16);
    CHECK(info.height == 12);
    CHECK(info.pixelType == PixelType::UInt16);
    const int expected[] = {1, 2, 10, 33};
    for (int f = 0; f < 4; ++f)
        CHECK(stack->readRaw(f).component(3, 3) == expected[f] * 100);
}

TEST_CASE("a sequence with a frame of another size names that file", "[io][sequence]")
{
    const test::TempDir temp("seqbad");
    cv::imwrite((temp / "a1.png").string(), cv::Mat(8, 8, CV_8U, cv::Scalar(1)));
    cv::imwrite((temp / "a2.png").string(), cv::Mat(9, 8, CV_8U, cv::Scalar(1)));
    auto stack = openStack(temp.path().string());
    try {
        stack->readRaw(1);
        FAIL("mismatched frame accepted");
    } catch (const IoError& e) {
        CHECK(std::string(e.what()).find("a2.png") != std::string::npos);
    }
}

TEST_CASE("a video opens with its frame rate as the frame interval", "[io][video]")
{
    const test::TempDir temp("video");
    const std::string path = (temp / "movie.avi").string();
    {
        cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0, cv::Size(64, 48), true);
        REQUIRE(writer.isOpened());
        for (int f = 0; f < 12; ++f)
            writer.write(cv::Mat(48, 64, CV_8UC3, cv::Scalar(20 * f, 20 * f, 20 * f)));
    }
    auto stack = openStack(path);
    const StackInfo& info = stack->info();
    CHECK(info.format == "Video");
    CHECK(info.frameCount == 12);
    CHECK(info.width == 64);
    CHECK(info.height == 48);
    REQUIRE(info.frameInterval_s.has_value());
    CHECK(*info.frameInterval_s == Approx(0.04));
    // Grey levels survive MJPEG within a few counts; out-of-order access seeks.
    CHECK(stack->readRaw(5).component(10, 10) == Approx(100).margin(4));
    CHECK(stack->readRaw(2).component(10, 10) == Approx(40).margin(4));
    CHECK(stack->readRaw(3).component(10, 10) == Approx(60).margin(4));
}

TEST_CASE("bad input gets an error that names the file and the problem", "[io][errors]")
{
    const test::TempDir temp("errors");
    auto messageFor = [](const std::string& path) -> std::string {
        try {
            openStack(path);
        } catch (const IoError& e) {
            return e.what();
        }
        return "opened";
    };
    CHECK(messageFor((temp / "missing.dm4").string()) == (temp / "missing.dm4").string() + ": no such file or folder");
    std::ofstream(temp / "empty.tif").close();
    CHECK(messageFor((temp / "empty.tif").string()).find("the file is empty") != std::string::npos);
    std::ofstream(temp / "text.dm3") << "hello, this is not a DM file at all";
    CHECK(messageFor((temp / "text.dm3").string()).find("does not start like a DM3/DM4 file") != std::string::npos);
    std::ofstream(temp / "data.xyz") << "\x01\x02\x03\x04 whatever";
    const std::string unknown = messageFor((temp / "data.xyz").string());
    CHECK(unknown.find("not a recognised format") != std::string::npos);
    CHECK(unknown.find("01 02 03 04") != std::string::npos);
    std::filesystem::create_directories(temp / "nothing");
    CHECK(messageFor((temp / "nothing").string()).find("holds no TIFF, DM3/DM4 or image files") != std::string::npos);
}
