#pragma once
// The robustness matrix of issue 16, shared by the benchmarks that run it (bench_robustness:
// detection and tracking against a generic peer; bench_uncertainty: calibration of the
// reported sigma, issue 22). Cells: column contrast strong (defocus +4 nm) and weak (+1.5 nm)
// at 5, 20 and 200 counts/px, then one condition changed at a time at 20 counts/px.
#include "core/sim/simulation.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hrtem::bench {

struct Cell {
    std::string name;
    double counts = 20.0;
    double defocus_nm = 4.0;
    double blur_px = 0.3;
    double pixel_nm = 0.02;
    double diameter_nm = 4.6;
    double drift_px = 0.25;
};

/// Every cell, in the order of the published table.
std::vector<Cell> matrix();

/// The simulation of one cell: the demo preset with the cell's conditions, a field of the
/// particle and 3 nm of support around it.
sim::SimulationSettings settingsFor(const Cell& cell, std::uint64_t seed, int frames);

/// The options both benchmarks take: --seeds N, --frames N, --markdown FILE, --cells a,b,...
/// (a cell runs when any item is part of its name: "weak" runs every weak-contrast cell), and
/// the benchmark's own keys listed in `more` (e.g. "--config"), kept by key.
struct MatrixOptions {
    int seeds = 3, frames = 20;
    std::string markdown, cells;
    std::map<std::string, std::string> more;

    bool selected(const std::string& cellName) const;
    std::string value(const std::string& key, const std::string& fallback = {}) const;
};

MatrixOptions parseMatrixOptions(int argc, char** argv, const std::vector<std::string>& more = {});

} // namespace hrtem::bench
