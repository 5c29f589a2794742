// Benchmark (issue 21, bar 3): a 2 GB MRC stack and a 2 GB Velox EMD stack open in under 1 s,
// and scrubbing through 100 of their frames keeps resident memory under 300 MB. The files are
// written here (1000 frames of 1024 x 1024 uint16 each; the EMD as Velox writes images:
// /Data/Image/<id>/Data of rows x columns x frames, chunked one frame per chunk, with its JSON
// metadata), kept in DIR for later runs. Prints JSON. Usage: bench_open_new_formats [DIR] [--remove]
#include "bench/bench_support.h"
#include "core/io/stack.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <vector>

using namespace hrtem;
using hrtem::bench::residentMiB;
using hrtem::bench::secondsSince;
namespace fs = std::filesystem;

namespace {

constexpr int kSide = 1024, kFrames = 1000;

/// Frame f: a ramp plus the frame number, so every frame differs.
void fillFrame(std::vector<std::uint16_t>& frame, int f)
{
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x)
            frame[std::size_t(y) * kSide + x] = std::uint16_t((x + 3 * y + 7 * f) & 0xFFFF);
}

void writeMrc(const fs::path& path)
{
    std::ofstream out(path, std::ios::binary);
    std::vector<std::uint8_t> header(1024, 0);
    auto put = [&](int word, std::int32_t v) { std::memcpy(header.data() + 4 * word, &v, 4); };
    auto putFloat = [&](int word, float v) { std::memcpy(header.data() + 4 * word, &v, 4); };
    put(0, kSide), put(1, kSide), put(2, kFrames), put(3, 6); // uint16
    put(7, kSide), put(8, kSide), put(9, kFrames);
    putFloat(10, kSide * 0.5f), putFloat(11, kSide * 0.5f), putFloat(12, kFrames * 0.5f); // 0.05 nm/px
    put(16, 1), put(17, 2), put(18, 3), put(27, 20140);
    std::memcpy(header.data() + 208, "MAP ", 4);
    header[212] = 0x44, header[213] = 0x44;
    out.write(reinterpret_cast<const char*>(header.data()), 1024);
    std::vector<std::uint16_t> frame(std::size_t(kSide) * kSide);
    for (int f = 0; f < kFrames; ++f) {
        fillFrame(frame, f);
        out.write(reinterpret_cast<const char*>(frame.data()), std::streamsize(frame.size() * 2));
    }
}

void writeVelox(const fs::path& path)
{
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    const hsize_t dims[3] = {kSide, kSide, kFrames}, chunk[3] = {kSide, kSide, 1};
    const hid_t space = H5Screate_simple(3, dims, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 3, chunk);
    const hid_t data = H5Dcreate2(file, "/Data/Image/0123456789abcdef/Data", H5T_STD_U16LE, space, lcpl, dcpl, H5P_DEFAULT);
    std::vector<std::uint16_t> frame(std::size_t(kSide) * kSide);
    const hsize_t count[3] = {kSide, kSide, 1};
    const hid_t memory = H5Screate_simple(3, count, nullptr);
    for (int f = 0; f < kFrames; ++f) {
        fillFrame(frame, f);
        const hsize_t start[3] = {0, 0, hsize_t(f)};
        H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, count, nullptr);
        H5Dwrite(data, H5T_NATIVE_USHORT, memory, space, H5P_DEFAULT, frame.data());
    }
    const std::string meta = R"({"BinaryResult":{"Detector":"HAADF","PixelSize":{"width":"5e-11","height":"5e-11"},)"
                             R"("PixelUnitX":"m","PixelUnitY":"m","Offset":{"x":"0","y":"0"}},"Scan":{"FrameTime":"0.05"}})";
    const hsize_t metaDims[2] = {meta.size() + 1, 1};
    const hid_t metaSpace = H5Screate_simple(2, metaDims, nullptr);
    const hid_t metaSet = H5Dcreate2(file, "/Data/Image/0123456789abcdef/Metadata", H5T_STD_U8LE, metaSpace, lcpl,
                                     H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(metaSet, H5T_NATIVE_UCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, meta.c_str());
    for (hid_t id : {metaSet, data})
        H5Dclose(id);
    for (hid_t id : {metaSpace, memory, space})
        H5Sclose(id);
    H5Pclose(dcpl);
    H5Pclose(lcpl);
    H5Fclose(file);
}

nlohmann::json measure(const fs::path& path)
{
    const auto start = std::chrono::steady_clock::now();
    auto stack = openStack(path.string());
    const double open = secondsSince(start);
    const double afterOpen = residentMiB("VmRSS:");
    std::mt19937 rng(7);
    double peak = afterOpen, slowest = 0.0;
    for (int k = 0; k < 100; ++k) {
        const int f = std::uniform_int_distribution<int>(0, stack->info().frameCount - 1)(rng);
        const auto t = std::chrono::steady_clock::now();
        const cv::Mat frame = stack->readFrame(f);
        slowest = std::max(slowest, secondsSince(t));
        peak = std::max(peak, residentMiB("VmRSS:"));
    }
    return {{"file", path.string()},
            {"bytes", fs::file_size(path)},
            {"format", stack->info().format + " " + stack->info().formatDetail},
            {"frames", stack->info().frameCount},
            {"open_s", open},
            {"slowest_frame_s", slowest},
            {"rss_after_open_mib", afterOpen},
            {"rss_peak_scrubbing_mib", peak},
            {"pass", open < 1.0 && peak < 300.0}};
}

} // namespace

int main(int argc, char** argv)
{
    fs::path dir = fs::temp_directory_path();
    bool remove = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--remove")
            remove = true;
        else
            dir = argv[i];
    }
    const fs::path mrc = dir / "hrtem_bench_2gb.mrc", emd = dir / "hrtem_bench_2gb.emd";
    if (!fs::exists(mrc))
        writeMrc(mrc);
    if (!fs::exists(emd))
        writeVelox(emd);
    const nlohmann::json report = {{"benchmark", "open_new_formats"}, {"mrc", measure(mrc)}, {"velox_emd", measure(emd)}};
    std::cout << report.dump(2) << std::endl;
    if (remove) {
        fs::remove(mrc);
        fs::remove(emd);
    }
    return 0;
}
