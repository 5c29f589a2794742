// Benchmark (issue 33, bar 3): live mode. A simulated camera writes the demo's 512 x 512 frames
// into a folder at 20 frames/s while hrtem watch's engine (watchFolder) analyses them; the lag of
// each frame is the time from its file being in place to its analysis being complete, in frame
// periods. Then the live result is compared with the offline analysis of the finished folder.
// Prints JSON.
//   bench_live [FRAMES=40] [SIZE=512] [FPS=20] [THREADS=0 (all cores)]
#include "core/export/result_files.h"
#include "core/io/readers.h"
#include "core/pipeline/live_analysis.h"
#include "core/sim/camera_writer.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

int main(int argc, char** argv)
{
    using namespace hrtem;
    const int frames = argc > 1 ? std::atoi(argv[1]) : 40;
    const int size = argc > 2 ? std::atoi(argv[2]) : 512;
    const double fps = argc > 3 ? std::atof(argv[3]) : 20.0;
    AnalysisSettings settings;
    settings.threads = argc > 4 ? std::atoi(argv[4]) : 0;

    sim::SimulationSettings movie = sim::preset("demo");
    movie.frames = frames;
    movie.width = movie.height = size; // the demo's particle: sized for 512 px
    const std::unique_ptr<StackReader> source = sim::makeSimulatedStack(movie);
    for (int i = 0; i < frames; ++i)
        source->readRaw(i); // rendered before the clock starts
    const std::string folder = (std::filesystem::temp_directory_path() / ("hrtem_bench_live_" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(folder);

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto now = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    std::mutex mutex;
    std::vector<double> written(std::size_t(frames), -1.0), done(std::size_t(frames), -1.0);
    std::thread camera([&] {
        sim::writeFramesLikeACamera(*source, frames, folder, fps, [&](int i, double) {
            std::lock_guard<std::mutex> lock(mutex);
            written[std::size_t(i)] = now();
        });
    });
    LiveOptions options;
    options.idleSeconds = 1.0;
    const AnalysisResult live = watchFolder(folder, settings, options, {}, [&](const LiveFrame& f) {
        std::lock_guard<std::mutex> lock(mutex);
        done[std::size_t(f.frame)] = now();
    });
    camera.join();

    std::vector<double> lag;
    for (int i = 0; i < frames; ++i)
        lag.push_back((done[std::size_t(i)] - written[std::size_t(i)]) * fps);
    std::vector<double> sorted = lag;
    std::sort(sorted.begin(), sorted.end());
    const auto offlineStack = openImageSequence(folder, {});
    const AnalysisResult offline = analyzeStack(*offlineStack, settings);
    const bool equal = atomsCsv(live) == atomsCsv(offline) && trajectoriesCsv(live) == trajectoriesCsv(offline) &&
                       framesCsv(live) == framesCsv(offline) && eventsCsv(live) == eventsCsv(offline) &&
                       tracksCsv(live) == tracksCsv(offline);
    std::filesystem::remove_all(folder);
    const nlohmann::json out = {{"benchmark", "live"}, {"frames", frames}, {"size", size}, {"frames_per_second", fps},
                                {"threads", settings.threads > 0 ? settings.threads : int(std::thread::hardware_concurrency())},
                                {"lag_frames_median", sorted[sorted.size() / 2]}, {"lag_frames_p95", sorted[std::size_t(0.95 * (sorted.size() - 1))]},
                                {"lag_frames_max", sorted.back()}, {"lag_frames", lag}, {"equal_to_offline", equal},
                                {"tracks", live.tracking.tracks.size()}, {"atoms_first_frame", live.frames.empty() ? 0 : live.frames[0].atoms.size()}};
    std::cout << out.dump(1) << "\n";
    return equal ? 0 : 1;
}
