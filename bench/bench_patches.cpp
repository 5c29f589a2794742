// Benchmark (issue 4, item 1): patch classification of 512 x 512 medium-dose frames, with the
// lattice period estimated per frame and given once per movie. Prints JSON.
#include "core/locate/lattice_scale.h"
#include "core/classify/patch_classifier.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <vector>

int main()
{
    using namespace hrtem;
    sim::SimulationSettings s = sim::preset("medium");
    s.frames = 4;
    const sim::Simulation simulation(s);
    std::vector<cv::Mat> frames;
    for (int f = 0; f < s.frames; ++f)
        frames.push_back(simulation.noisyFrame(f, simulation.cleanFrame(f)));
    const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    constexpr int kRepeats = 10;

    auto time = [&](const PatchSettings& settings) {
        classifyPatches(frames.front(), settings); // warm-up: first-call allocations
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < kRepeats; ++r)
            for (const cv::Mat& frame : frames)
                classifyPatches(frame, settings);
        return 1000.0 * seconds(start, std::chrono::steady_clock::now()) / (kRepeats * double(frames.size()));
    };
    const double estimated = time(PatchSettings{});
    PatchSettings known;
    known.period_px = estimateLatticePeriod(frames.front()).period_px;
    const double given = time(known);
    nlohmann::json result = {
        {"benchmark", "patch_classification"},
        {"frame_size", {s.width, s.height}},
        {"patch_size", known.patchSize},
        {"frames", frames.size()},
        {"repeats", kRepeats},
        {"ms_per_frame_period_estimated", estimated},
        {"ms_per_frame_period_given", given},
        {"target_ms", 30.0},
        {"pass", estimated < 30.0},
    };
    std::cout << result.dump(2) << std::endl;
    return 0;
}
