// Bar: a stack written by the TIFF writer reads back identical, calibration included, for every
// pixel type, both byte orders, classic and BigTIFF, uncompressed and deflate.
#include "core/io/stack.h"
#include "core/io/tiff/imagej_description.h"
#include "core/io/tiff/tiff_writer.h"
#include "tests/support/testdata.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <random>

using namespace hrtem;

namespace {

RawImage randomFrame(PixelType type, int w, int h, std::mt19937& rng)
{
    RawImage img(type, w, h);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::size_t i = 0; i < img.byteSize(); ++i)
        img.data()[i] = static_cast<std::uint8_t>(byte(rng));
    // Floating point: finite values only (NaN payloads compare unequal to themselves).
    if (type == PixelType::Float32 || type == PixelType::Complex64) {
        auto* f = reinterpret_cast<float*>(img.data());
        std::uniform_real_distribution<float> v(-1e6F, 1e6F);
        for (std::size_t i = 0; i < img.byteSize() / 4; ++i)
            f[i] = v(rng);
    } else if (type == PixelType::Float64 || type == PixelType::Complex128) {
        auto* d = reinterpret_cast<double*>(img.data());
        std::uniform_real_distribution<double> v(-1e9, 1e9);
        for (std::size_t i = 0; i < img.byteSize() / 8; ++i)
            d[i] = v(rng);
    } else if (type == PixelType::Bool) {
        for (std::size_t i = 0; i < img.byteSize(); ++i)
            img.data()[i] &= 1;
    }
    return img;
}

} // namespace

TEST_CASE("TIFF stacks round-trip exactly, calibration included", "[io][tiff]")
{
    const test::TempDir temp("tiff");
    std::mt19937 rng(7);
    const PixelType types[] = {PixelType::UInt8, PixelType::Int8, PixelType::UInt16, PixelType::Int16,
                               PixelType::UInt32, PixelType::Int32, PixelType::UInt64, PixelType::Int64,
                               PixelType::Float32, PixelType::Float64, PixelType::Complex64, PixelType::Complex128,
                               PixelType::RGB8, PixelType::RGBA8};
    int variants = 0;
    for (PixelType type : types)
        for (bool bigEndian : {false, true})
            for (auto container : {TiffWriteOptions::Container::Classic, TiffWriteOptions::Container::BigTiff})
                for (bool deflate : {false, true}) {
                    INFO(pixelTypeName(type) << (bigEndian ? " BE" : " LE")
                                             << (container == TiffWriteOptions::Container::BigTiff ? " BigTIFF" : " classic")
                                             << (deflate ? " deflate" : ""));
                    TiffWriteOptions o;
                    o.container = container;
                    o.bigEndian = bigEndian;
                    o.deflate = deflate;
                    o.x = AxisCalibration("x", 0.0213456789012345, -1.2345678901234567, "nm");
                    o.y = AxisCalibration("y", 0.0198765432109876, 0.5, "nm");
                    o.frames = AxisCalibration("t", 0.0375, 0.0, "s");
                    o.imageName = "Au [110] – run 3 (µ-reactor)";
                    const std::string path = (temp / "stack.tif").string();
                    std::vector<RawImage> frames;
                    for (int f = 0; f < 3; ++f)
                        frames.push_back(randomFrame(type, 37, 23, rng));
                    {
                        TiffStackWriter writer(path, 37, 23, type, 3, o);
                        for (const RawImage& f : frames)
                            writer.append(f);
                        writer.finish();
                    }
                    auto stack = openStack(path);
                    const StackInfo& info = stack->info();
                    CHECK(info.format == (container == TiffWriteOptions::Container::BigTiff ? "BigTIFF" : "TIFF"));
                    CHECK(info.pixelType == type);
                    REQUIRE(info.frameCount == 3);
                    for (int f = 0; f < 3; ++f)
                        CHECK(stack->readRaw(f) == frames[static_cast<std::size_t>(f)]);
                    // Calibration: every digit back (exact keys), names and units too.
                    CHECK(info.x.scale == o.x.scale);
                    CHECK(info.x.offset == o.x.offset);
                    CHECK(info.y.scale == o.y.scale);
                    CHECK(info.y.offset == o.y.offset);
                    CHECK(info.x.units == "nm");
                    CHECK(info.y.units == "nm");
                    CHECK(info.frames.scale == o.frames.scale);
                    CHECK(info.frames.units == "s");
                    CHECK(info.frames.name == "t");
                    REQUIRE(info.frameInterval_s.has_value());
                    CHECK(*info.frameInterval_s == 0.0375);
                    CHECK(info.imageName == o.imageName);
                    ++variants;
                }
    CHECK(variants == 14 * 8);
}

TEST_CASE("the ImageJ description carries what ImageJ reads: unit, pixel size, frame interval", "[io][tiff]")
{
    const test::TempDir temp("imagej");
    const std::string path = (temp / "ij.tif").string();
    TiffWriteOptions o;
    o.x = AxisCalibration("x", 0.25, 0.0, "µm");
    o.y = AxisCalibration("y", 0.25, 0.0, "µm");
    o.frames = AxisCalibration("t", 40.0, 0.0, "ms");
    TiffStackWriter writer(path, 4, 4, PixelType::Float32, 2, o);
    writer.append(RawImage(PixelType::Float32, 4, 4));
    writer.append(RawImage(PixelType::Float32, 4, 4));
    writer.finish();
    auto stack = openStack(path);
    const auto* unit = stack->info().metadataValue("ImageJ.unit");
    const auto* finterval = stack->info().metadataValue("ImageJ.finterval");
    const auto* frames = stack->info().metadataValue("ImageJ.frames");
    REQUIRE(unit != nullptr);
    REQUIRE(finterval != nullptr);
    REQUIRE(frames != nullptr);
    CHECK(*unit == "micron");         // ImageJ's own spelling of µm
    CHECK(std::stod(*finterval) == Approx(0.04)); // ImageJ's frame interval is in seconds
    CHECK(*frames == "2");
    // Resolution tags are what ImageJ uses for the pixel size: 1 / 0.25 = 4 pixels per unit.
    const ImageJDescription parsed = parseImageJDescription(
        "ImageJ=1.53t\nimages=2\nframes=2\nunit=\\u00B5m\nfinterval=0.5\nspacing=0.3\nxorigin=10\n");
    CHECK(parsed.unit == "µm");
    CHECK(parsed.frames == 2);
    CHECK(*parsed.finterval == 0.5);
    CHECK(*parsed.xOrigin == 10.0);
    CHECK(normaliseImageJUnit("micron") == "µm");
    CHECK(decodeImageJText(encodeImageJText("Å ängström µ")) == "Å ängström µ");
}

TEST_CASE("an unfinished writer leaves no file under the real name", "[io][tiff]")
{
    const test::TempDir temp("partial");
    const auto path = temp / "movie.tif";
    {
        TiffStackWriter writer(path.string(), 8, 8, PixelType::UInt16, 3, {});
        writer.append(RawImage(PixelType::UInt16, 8, 8));
    } // destroyed without finish(): a cancelled export
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_FALSE(std::filesystem::exists(path.string() + ".part"));
}

namespace {
std::uint64_t bytesReadByThisProcess()
{
    std::ifstream io("/proc/self/io");
    std::string key;
    std::uint64_t value = 0;
    while (io >> key >> value)
        if (key == "rchar:")
            return value;
    return 0;
}
} // namespace

TEST_CASE("opening a stack reads its headers, not its frames", "[io][lazy]")
{
    const test::TempDir temp("lazy");
    const std::string path = (temp / "big.tif").string();
    constexpr int kFrames = 64, kSize = 512; // 64 MiB of pixels
    {
        TiffWriteOptions o;
        o.x = o.y = AxisCalibration("x", 0.02, 0.0, "nm");
        TiffStackWriter writer(path, kSize, kSize, PixelType::Float32, kFrames, o);
        const RawImage frame(PixelType::Float32, kSize, kSize);
        for (int f = 0; f < kFrames; ++f)
            writer.append(frame);
        writer.finish();
    }
    const std::uint64_t before = bytesReadByThisProcess();
    auto stack = openStack(path);
    const std::uint64_t opened = bytesReadByThisProcess();
    CHECK(stack->info().frameCount == kFrames);
    CHECK(opened - before < 1u << 20); // headers only: well under one frame (1 MiB)
    stack->readRaw(40);
    const std::uint64_t afterOne = bytesReadByThisProcess();
    CHECK(afterOne - opened >= static_cast<std::uint64_t>(kSize) * kSize * 4);
    CHECK(afterOne - opened < 2u * kSize * kSize * 4); // one frame, not the stack
}

TEST_CASE("big-endian files store each component big-endian (complex: per float)", "[io][tiff]")
{
    // A round trip alone cannot catch a symmetric swap error; look at the bytes.
    const test::TempDir temp("endian");
    const std::string path = (temp / "be.tif").string();
    TiffWriteOptions o;
    o.bigEndian = true;
    RawImage pixel(PixelType::Complex64, 1, 1);
    const float values[2] = {1.0F, 2.0F};
    std::memcpy(pixel.data(), values, sizeof values);
    TiffStackWriter writer(path, 1, 1, PixelType::Complex64, 1, o);
    writer.append(pixel);
    writer.finish();
    const std::vector<char> bytes = test::readBytes(path);
    const std::string expected("\x3F\x80\x00\x00\x40\x00\x00\x00", 8); // 1.0f, 2.0f big-endian
    CHECK(std::string(bytes.begin(), bytes.end()).find(expected) != std::string::npos);
    CHECK(bytes[0] == 'M');
    CHECK(openStack(path)->readRaw(0).complexValue(0, 0) == std::complex<double>(1.0, 2.0));
}
