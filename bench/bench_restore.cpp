// Benchmark (analysis bar 7, restoration part): milliseconds per 512 x 512 frame for each
// classical restoration method (median of a few runs) and its PSNR gain against the noise-free
// simulation, on fresh seeds (not the development seeds 1-20). Prints JSON.
//   bench_restore [--seed N] [--runs N] [--preset medium|low|high ...]
#include "core/restore/image_quality.h"
#include "core/restore/restore.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

double loadAverage()
{
    double load = -1.0;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1)
            load = -1.0;
        std::fclose(f);
    }
    return load;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

} // namespace

int main(int argc, char** argv)
{
    using namespace hrtem;
    std::uint64_t seed = 101;
    int runs = 3;
    std::vector<std::string> presets;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        if (key == "--seed")
            seed = std::strtoull(argv[i + 1], nullptr, 10);
        else if (key == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (key == "--preset")
            presets.emplace_back(argv[i + 1]);
        else {
            std::cerr << "unknown option " << key << "\n";
            return 2;
        }
    }
    if (presets.empty())
        presets = {"medium", "low"};

    nlohmann::json result = {{"benchmark", "restore"},
                             {"frame_size", {512, 512}},
                             {"threads", cv::getNumThreads()},
                             {"hardware_threads", std::thread::hardware_concurrency()},
                             {"runs", runs},
                             {"seed", seed}};
    const std::vector<restore::RestoreMethod> methods{restore::RestoreMethod::Wiener, restore::RestoreMethod::Absf,
                                                      restore::RestoreMethod::Nlm, restore::RestoreMethod::Bm3d};
    nlohmann::json perPreset = nlohmann::json::object();
    std::vector<std::vector<double>> timings(methods.size());
    // Process CPU time (all threads) too: on a shared machine it says more than the wall time
    // about what the method costs; wall ~ cpu / threads on an idle machine.
    std::vector<std::vector<double>> cpuTimes(methods.size());
    for (const auto& name : presets) {
        auto settings = sim::preset(name);
        settings.seed = seed;
        settings.frames = 1;
        settings.width = 512;
        settings.height = 512;
        const sim::Simulation simulation(settings);
        const cv::Mat clean = simulation.cleanFrame(0);
        const cv::Mat noisy = simulation.noisyFrame(0, clean);
        const double before = restore::meanSquaredError(noisy, clean);
        nlohmann::json entry = {{"counts_per_pixel", settings.countsPerPixel()},
                                {"noisy_rmse", std::sqrt(before)}};
        for (std::size_t m = 0; m < methods.size(); ++m) {
            cv::Mat out;
            for (int r = 0; r < runs; ++r) {
                const auto start = std::chrono::steady_clock::now();
                const std::clock_t cpuStart = std::clock();
                out = restore::restoreFrame(noisy, methods[m]);
                timings[m].push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
                cpuTimes[m].push_back(1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);
            }
            const double after = restore::meanSquaredError(out, clean);
            entry[restore::toString(methods[m])] = {{"rmse", std::sqrt(after)},
                                                    {"psnr_gain_db", 10.0 * std::log10(before / after)}};
        }
        perPreset[name] = entry;
    }
    nlohmann::json ms = nlohmann::json::object();
    nlohmann::json cpu = nlohmann::json::object();
    for (std::size_t m = 0; m < methods.size(); ++m) {
        ms[restore::toString(methods[m])] = median(timings[m]);
        cpu[restore::toString(methods[m])] = median(cpuTimes[m]);
    }
    result["ms_per_frame_median"] = ms;
    result["cpu_ms_per_frame_median"] = cpu;
    result["load_average_1min"] = loadAverage();
    result["quality"] = perPreset;
    std::cout << result.dump(2) << std::endl;
    return 0;
}
