// Benchmark (analysis bar 7, the relations share): neighbour graph, lattice fit, strain, outline
// and twin boundaries for one 512 x 512 frame with ~1000 columns. The columns are the
// simulator's (a larger twinned gold particle than the presets') with 0.4 px of position
// noise, as localization would give them; no rendering is needed. Prints JSON.
#include "core/relate/relations.h"
#include "core/relate/twin_boundaries.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <ctime>
#include <random>

namespace {
/// CPU time of this thread: the machine this runs on is often shared, and wall time then
/// measures the neighbours too.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return 1e3 * double(t.tv_sec) + 1e-6 * double(t.tv_nsec);
}
} // namespace

int main(int argc, char** argv)
{
    using namespace hrtem;
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    sim::SimulationSettings s = sim::preset("medium");
    s.frames = 1;
    s.specimen.radius111_nm = 4.1;
    s.specimen.radius100_nm = 4.6;
    s.specimen.base_nm = 3.0;
    s.specimen.centreY = 0.5;
    const sim::Simulation simulation(s);
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0.0, 0.4);
    std::vector<Atom> columns;
    for (const sim::ColumnState& c : simulation.state(0).columns) {
        const sim::Vec2 p = simulation.columnPosition(0, c);
        Atom a;
        a.x = p.x + noise(rng);
        a.y = p.y + noise(rng);
        columns.push_back(a);
    }

    std::vector<double> times, cpu;
    std::size_t bonds = 0, boundaries = 0;
    double spacing = 0.0;
    for (int r = 0; r < repetitions; ++r) {
        std::vector<Atom> atoms = columns;
        const double cpuStart = threadCpuMs();
        const auto start = std::chrono::steady_clock::now();
        const FrameRelations relations = computeRelations(atoms);
        const std::vector<TwinBoundary> twins = findTwinBoundaries(atoms, relations);
        const auto done = std::chrono::steady_clock::now();
        cpu.push_back(threadCpuMs() - cpuStart);
        times.push_back(std::chrono::duration<double, std::milli>(done - start).count());
        bonds = relations.bonds.size();
        boundaries = twins.size();
        spacing = relations.lattice.spacing111_px;
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    const double median = times[times.size() / 2];
    const double cpuMedian = cpu[cpu.size() / 2];
    nlohmann::json result = {
        {"benchmark", "relations_and_twins"},
        {"columns", columns.size()},
        {"bonds", bonds},
        {"twin_boundaries", boundaries},
        {"d111_px", spacing},
        {"d111_truth_px", simulation.specimen().lattice().d111() / s.pixel_nm},
        {"repetitions", repetitions},
        {"median_ms", median},
        {"min_ms", times.front()},
        {"p90_ms", times[times.size() * 9 / 10]},
        {"cpu_median_ms", cpuMedian},
        {"target_ms", 5.0},
        {"pass", cpuMedian < 5.0},
    };
    std::cout << result.dump(2) << std::endl;
    return 0;
}
