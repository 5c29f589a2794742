// Benchmark (issue 30, bar 4): the CPU cost of `--locate seg` on 512 x 512 frames: the atom
// segmenter's map, the particle network's map, and the localization from them, next to the
// classical localization of the same frames. Prints JSON. Set the thread count as a user's
// machine would have it (the CI and the development machines have 2 cores).
#include "bench/bench_support.h"
#include "core/locate/lattice_scale.h"
#include "core/locate/localization.h"
#include "core/runtime/torch_runtime.h"
#include "core/segment/segmenter.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

int main()
{
    using namespace hrtem;
    using Clock = std::chrono::steady_clock;
    sim::SimulationSettings s = sim::preset("medium");
    s.setCountsPerPixel(10.0);
    s.frames = 4;
    const sim::Simulation simulation(s);
    std::vector<cv::Mat> frames;
    for (int f = 0; f < s.frames; ++f)
        frames.push_back(simulation.noisyFrame(f, simulation.cleanFrame(f)));
    const double period = estimateLatticePeriod(frames.front()).period_px;
    const segment::Segmenter columns("", segment::SegmentationTarget::Columns, "cpu");
    const segment::Segmenter particle("", segment::SegmentationTarget::Particle, "cpu");
    LocalizationSettings settings;
    settings.period_px = period;
    const NoiseModel noise = estimateNoiseModel(frames.front());
    columns.probability(frames.front(), period); // warm-up: first-call allocations
    particle.probability(frames.front(), period);

    double columnMap = 0, particleMap = 0, fromMaps = 0, classical = 0;
    std::size_t atomsSeg = 0, atomsClassical = 0;
    for (const cv::Mat& frame : frames) {
        auto t = Clock::now();
        SegmentationMaps maps;
        maps.columns = columns.probability(frame, period);
        columnMap += bench::secondsSince(t);
        t = Clock::now();
        maps.particle = particle.probability(frame, period);
        particleMap += bench::secondsSince(t);
        t = Clock::now();
        atomsSeg += localizeColumns(frame, settings, nullptr, &noise, nullptr, &maps).size();
        fromMaps += bench::secondsSince(t);
        t = Clock::now();
        atomsClassical += localizeColumns(frame, settings, nullptr, &noise).size();
        classical += bench::secondsSince(t);
    }
    const double n = static_cast<double>(frames.size());
    const double locateSeg = (columnMap + fromMaps) / n;
    const nlohmann::json result = {
        {"benchmark", "locate_seg_cpu"},
        {"frame_size", {s.width, s.height}},
        {"frames", frames.size()},
        {"hardware_threads", std::thread::hardware_concurrency()},
        {"runtime", computeRuntime().description},
        {"s_per_frame_column_map", columnMap / n},
        {"s_per_frame_particle_map", particleMap / n},
        {"s_per_frame_localization_from_maps", fromMaps / n},
        {"s_per_frame_locate_seg", locateSeg},
        {"s_per_frame_locate_seg_with_particle_net", locateSeg + particleMap / n},
        {"s_per_frame_classical", classical / n},
        {"atoms_per_frame_seg", atomsSeg / n},
        {"atoms_per_frame_classical", atomsClassical / n},
        {"target_s", 1.0},
        {"pass", locateSeg <= 1.0},
    };
    std::cout << result.dump(2) << std::endl;
    return 0;
}
