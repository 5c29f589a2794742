// Benchmark (simulator bar 3): the 40-frame 512 x 512 demo movie with all its ground truth,
// written to a temporary folder. Prints JSON.
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    const fs::path out = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "hrtem-bench-simulate";
    fs::remove_all(out);
    const auto start = std::chrono::steady_clock::now();
    const hrtem::sim::Simulation simulation(hrtem::sim::preset("demo"));
    const auto built = std::chrono::steady_clock::now();
    hrtem::sim::writeSimulation(simulation, out.string());
    const auto done = std::chrono::steady_clock::now();
    const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    const auto& s = simulation.settings();
    nlohmann::json result = {
        {"benchmark", "simulate_demo"},
        {"frames", s.frames},
        {"frame_size", {s.width, s.height}},
        {"multislice_slices", simulation.renderer().sliceCount()},
        {"threads", std::thread::hardware_concurrency()},
        {"setup_s", seconds(start, built)},
        {"render_and_write_s", seconds(built, done)},
        {"total_s", seconds(start, done)},
        {"per_frame_ms", 1000.0 * seconds(start, done) / s.frames},
        {"target_total_s", 10.0},
        {"pass", seconds(start, done) < 10.0},
    };
    std::cout << result.dump(2) << std::endl;
    fs::remove_all(out);
    return 0;
}
