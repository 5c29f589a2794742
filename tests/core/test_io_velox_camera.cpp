// A Velox camera stack (a TEM camera such as a BM-Ceta: no Scan frame time, the detector's
// exposure in its JSON metadata) gets its frame interval from the exposure, as HyperSpy's Velox
// reader gives it (issue 35). The file is written here with libhdf5's C API in Velox's layout:
// /Data/Image/<id>/Data (rows, columns, frames) and /Data/Image/<id>/Metadata, the JSON's bytes
// down column 0 of a (bytes, frames) uint8 array.
#include "core/io/stack.h"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace hrtem;

namespace {

namespace fs = std::filesystem;

void writeDataset(hid_t group, const char* name, hid_t type, const std::vector<hsize_t>& dims, const void* data)
{
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t set = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(set >= 0);
    H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    H5Dclose(set);
    H5Sclose(space);
}

/// A two-frame 8 x 6 uint16 camera stack with `metadata` as its Velox JSON.
void writeVeloxCameraStack(const std::string& path, const std::string& metadata)
{
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t data = H5Gcreate2(file, "/Data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t images = H5Gcreate2(file, "/Data/Image", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t image = H5Gcreate2(file, "/Data/Image/5f0c", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const int rows = 6, cols = 8, frames = 2;
    std::vector<std::uint16_t> pixels(std::size_t(rows) * cols * frames);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = static_cast<std::uint16_t>(i);
    writeDataset(image, "Data", H5T_NATIVE_UINT16, {hsize_t(rows), hsize_t(cols), hsize_t(frames)}, pixels.data());
    std::vector<std::uint8_t> bytes((metadata.size() + 1) * frames, 0);
    for (std::size_t i = 0; i < metadata.size(); ++i)
        for (int f = 0; f < frames; ++f)
            bytes[i * frames + f] = static_cast<std::uint8_t>(metadata[i]);
    writeDataset(image, "Metadata", H5T_NATIVE_UINT8, {hsize_t(metadata.size() + 1), hsize_t(frames)}, bytes.data());
    H5Gclose(image);
    H5Gclose(images);
    H5Gclose(data);
    H5Fclose(file);
}

std::string temporaryPath(const std::string& name)
{
    return (fs::temp_directory_path() / ("hrtem_velox_" + name + "_" + std::to_string(::getpid()) + ".emd")).string();
}

} // namespace

TEST_CASE("a Velox camera stack's frame interval is its detector's exposure time", "[io][emd]")
{
    const std::string path = temporaryPath("camera");
    // As a BM-Ceta stack records it: numbers as strings, no Scan section, the detector by index.
    writeVeloxCameraStack(path, R"({"BinaryResult": {"Detector": "BM-Ceta", "DetectorIndex": "1",
        "PixelSize": {"width": "2.5e-11", "height": "2.5e-11"}, "PixelUnitX": "m", "PixelUnitY": "m"},
        "Detectors": {"Detector-0": {"DetectorName": "HAADF", "ExposureTime": "0.000002"},
                      "Detector-1": {"DetectorName": "BM-Ceta", "ExposureTime": "0.8"}}})");
    auto stack = openStack(path);
    CHECK(stack->info().frameCount == 2);
    REQUIRE(stack->info().frameInterval_s);
    CHECK(*stack->info().frameInterval_s == Approx(0.8).epsilon(1e-12));
    CHECK(stack->info().x.scale == Approx(0.025).epsilon(1e-9));
    CHECK(stack->info().x.units == "nm");
    fs::remove(path);

    // A scan's frame time wins over the exposure (STEM: the exposure is the dwell per pixel).
    writeVeloxCameraStack(path, R"({"BinaryResult": {"DetectorIndex": "0"}, "Scan": {"FrameTime": "1.5"},
        "Detectors": {"Detector-0": {"ExposureTime": "0.000002"}}})");
    REQUIRE(openStack(path)->info().frameInterval_s);
    CHECK(*openStack(path)->info().frameInterval_s == Approx(1.5));
    fs::remove(path);

    // Neither stated: no frame interval, not a made-up one.
    writeVeloxCameraStack(path, R"({"BinaryResult": {"DetectorIndex": "3"}, "Detectors": {"Detector-0": {"ExposureTime": "0.8"}}})");
    CHECK_FALSE(openStack(path)->info().frameInterval_s);
    fs::remove(path);
}
