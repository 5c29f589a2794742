// Benchmark (bar 5 of the foundation issue): open a 4 GiB stack and scrub through 100 frames.
// Prints JSON. Usage: bench_open_large_stack [DIR] — the stack is generated in DIR (default:
// the system temp dir) on first use and kept for later runs; pass --remove to delete it after.
#include "bench/bench_support.h"
#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

using namespace hrtem;
using hrtem::bench::residentMiB;
using hrtem::bench::secondsSince;
namespace fs = std::filesystem;

int main(int argc, char** argv)
{
    fs::path dir = fs::temp_directory_path();
    bool remove = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--remove") == 0)
            remove = true;
        else
            dir = argv[i];
    }
    constexpr int kWidth = 512, kHeight = 512, kFrames = 4096; // 4 GiB of float32 pixels
    const fs::path path = dir / "hrtem-bench-4GiB.tif";
    nlohmann::json result;
    result["benchmark"] = "open_large_stack";
    result["frames"] = kFrames;
    result["frame_size"] = {kWidth, kHeight};

    if (!fs::exists(path)) {
        const auto start = std::chrono::steady_clock::now();
        TiffWriteOptions options;
        options.x = options.y = AxisCalibration("x", 0.02, 0.0, "nm");
        options.frames = AxisCalibration("t", 0.01, 0.0, "s");
        TiffStackWriter writer(path.string(), kWidth, kHeight, PixelType::Float32, kFrames, options);
        RawImage frame(PixelType::Float32, kWidth, kHeight);
        auto* pixels = reinterpret_cast<float*>(frame.data());
        for (int f = 0; f < kFrames; ++f) {
            for (int i = 0; i < kWidth * kHeight; ++i)
                pixels[i] = static_cast<float>(f + (i % kWidth) * 1e-3);
            writer.append(frame);
        }
        writer.finish();
        result["generate_s"] = secondsSince(start);
    }
    result["file_bytes"] = fs::file_size(path);
    result["rss_before_open_mib"] = residentMiB("VmRSS:");

    const auto openStart = std::chrono::steady_clock::now();
    auto stack = openStack(path.string());
    result["open_s"] = secondsSince(openStart);
    result["format"] = stack->info().format;
    result["rss_after_open_mib"] = residentMiB("VmRSS:");

    // Scrub: 100 frames spread over the stack in random order, as a user drags the slider.
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> pick(0, kFrames - 1);
    double peak = 0.0;
    bool correct = true;
    const auto scrubStart = std::chrono::steady_clock::now();
    for (int k = 0; k < 100; ++k) {
        const int f = pick(rng);
        const cv::Mat frame = stack->readFrame(f);
        correct = correct && frame.at<float>(0, 7) == static_cast<float>(f + 7e-3);
        peak = std::max(peak, residentMiB("VmRSS:"));
    }
    result["scrub_frames"] = 100;
    result["scrub_s"] = secondsSince(scrubStart);
    result["scrub_peak_rss_mib"] = peak;
    result["vm_hwm_mib"] = residentMiB("VmHWM:");
    result["frames_correct"] = correct;
    result["targets"] = {{"open_s", 1.0}, {"scrub_peak_rss_mib", 300.0}};
    result["pass"] = result["open_s"].get<double>() < 1.0 && peak < 300.0 && correct;
    std::cout << result.dump(2) << std::endl;
    stack.reset();
    if (remove)
        fs::remove(path);
    return 0;
}
