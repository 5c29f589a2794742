// Benchmark (issue 16): the robustness matrix. Movies from the project's simulator under
// conditions the engine was not tuned on, each analysed by the engine (default settings) and
// by a generic peer (generic_baseline.h), both scored against the simulator's truth with the
// scorer of `hrtem evaluate` (detections and CLEAR MOT within 0.3 nearest-neighbour spacings).
//
// Cells: column contrast strong (defocus +4 nm) and weak (+1.5 nm) at 5, 20 and 200 counts/px,
// then one condition changed at a time at 20 counts/px: detector blur 0 and 1 px, pixel size
// 0.01 and 0.04 nm, particle diameter 3 and 10 nm, drift 0 and 1 px per frame. Fresh seeds
// (from 9001 up) that no parameter was chosen on.
//
// Prints JSON; --markdown FILE also writes the table. Usage:
//   bench_robustness [--seeds N] [--frames N] [--markdown FILE] [--cells name,name,...] [--config SETTINGS.json]
// The peer's one free parameter, its detection threshold, is chosen per movie for its best F1
// against the truth: the engine is compared with the best any user of the peer could do.
#include "bench/generic_baseline.h"
#include "bench/robustness_matrix.h"
#include "core/evaluate/evaluation.h"
#include "core/locate/lattice_scale.h"
#include "core/evaluate/track_evaluation.h"
#include "core/evaluate/truth.h"
#include "core/io/json_file.h"
#include "core/io/stack.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace hrtem;
using bench::Cell;
using bench::matrix;
using bench::settingsFor;
namespace fs = std::filesystem;

namespace {

struct Scores {
    double f1 = 0, precision = 0, recall = 0, mota = 0, adatomRecall = -1;
    long adatoms = 0;
};

Scores score(const TruthMovie& truth, const std::vector<std::vector<Atom>>& found,
             const std::vector<std::vector<TrackedPoint>>& tracked)
{
    const double gate = 0.3 * truth.nearestNeighbour_px();
    Scores s;
    const DetectionScore d = scoreDetections(truth, found, gate);
    s.f1 = d.f1;
    s.precision = d.precision;
    s.recall = d.recall;
    s.mota = scoreTracking(truth, {}, tracked, {}, gate, gate).mota;
    // Adatoms: columns outside the particle's lattice sites.
    TruthMovie adatoms = truth;
    for (auto& frame : adatoms.columns) {
        std::vector<TruthColumn> kept;
        for (const TruthColumn& c : frame)
            if (c.adatom)
                kept.push_back(c);
        s.adatoms += static_cast<long>(kept.size());
        frame = kept;
    }
    if (s.adatoms > 0)
        s.adatomRecall = scoreDetections(adatoms, found, gate).recall;
    return s;
}

nlohmann::json toJson(const Scores& s)
{
    return {{"f1", s.f1}, {"precision", s.precision}, {"recall", s.recall}, {"mota", s.mota},
            {"adatom_recall", s.adatomRecall}, {"adatom_instances", s.adatoms}};
}

/// Mean of the per-seed scores (adatom recall pooled by instances).
Scores mean(const std::vector<Scores>& all)
{
    Scores m;
    double adatomHits = 0;
    for (const Scores& s : all) {
        m.f1 += s.f1 / all.size();
        m.precision += s.precision / all.size();
        m.recall += s.recall / all.size();
        m.mota += s.mota / all.size();
        if (s.adatoms > 0) {
            adatomHits += s.adatomRecall * s.adatoms;
            m.adatoms += s.adatoms;
        }
    }
    m.adatomRecall = m.adatoms > 0 ? adatomHits / m.adatoms : -1;
    return m;
}

} // namespace

int main(int argc, char** argv)
{
    const bench::MatrixOptions options = bench::parseMatrixOptions(argc, argv, {"--config"});
    const int seeds = options.seeds, frames = options.frames;
    const std::string markdown = options.markdown, config = options.value("--config");
    const fs::path work = fs::temp_directory_path() / ("hrtem_robustness_" + std::to_string(::getpid()));
    nlohmann::json out = {{"benchmark", "robustness_matrix"}, {"seeds", seeds}, {"frames", frames}, {"cells", nlohmann::json::array()}};
    std::ostringstream table;
    table << "| cell | engine F1 | engine MOTA | engine adatom recall | baseline F1 | baseline MOTA | baseline adatom recall | engine ≥ baseline |\n"
          << "|---|---|---|---|---|---|---|---|\n";
    const auto start = std::chrono::steady_clock::now();
    for (const Cell& cell : matrix()) {
        if (!options.selected(cell.name))
            continue;
        std::vector<Scores> engine, baseline;
        std::vector<double> thresholds;
        for (int k = 0; k < seeds; ++k) {
            const sim::SimulationSettings s = settingsFor(cell, 9001 + static_cast<std::uint64_t>(k), frames);
            const fs::path folder = work / "movie";
            fs::remove_all(folder);
            sim::writeSimulation(sim::Simulation(s), folder.string());
            const TruthMovie truth = readTruth(folder.string());
            std::unique_ptr<StackReader> stack = openStack((folder / "movie.tif").string());

            const AnalysisSettings settings = config.empty() ? AnalysisSettings{} : analysisSettingsFromJson(readJsonFile(config));
            const AnalysisResult r = analyzeStack(*stack, settings);
            std::vector<std::vector<Atom>> found;
            for (const FrameAnalysis& f : r.frames)
                found.push_back(f.atoms);
            engine.push_back(score(truth, found, trackedPointsPerFrame(r.tracking, r.behaviours)));

            // The peer at its best: its one free parameter (the detection threshold) chosen per
            // movie by the truth itself, as a user tuning trackpy's minmass by eye would at best.
            bench::BaselineSettings b;
            b.period_px = estimateLatticePeriod(stack->readFrame(0)).period_px;
            b.threshold = 1.5;
            std::vector<std::vector<Atom>> candidates;
            for (int f = 0; f < stack->info().frameCount; ++f)
                candidates.push_back(bench::baselineDetect(stack->readFrame(f), b));
            const double gate = 0.3 * truth.nearestNeighbour_px();
            double bestF1 = -1.0, bestThreshold = b.threshold;
            for (double t : {1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0, 25.0, 32.0}) {
                std::vector<std::vector<Atom>> kept(candidates.size());
                for (std::size_t f = 0; f < candidates.size(); ++f)
                    for (const Atom& a : candidates[f])
                        if (a.significance >= t)
                            kept[f].push_back(a);
                const double f1 = scoreDetections(truth, kept, gate).f1;
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestThreshold = t;
                }
            }
            std::vector<std::vector<Atom>> peerFound(candidates.size());
            for (std::size_t f = 0; f < candidates.size(); ++f)
                for (const Atom& a : candidates[f])
                    if (a.significance >= bestThreshold)
                        peerFound[f].push_back(a);
            thresholds.push_back(bestThreshold);
            baseline.push_back(score(truth, peerFound, bench::baselineLink(peerFound, 0.5 * truth.nearestNeighbour_px())));
        }
        const Scores e = mean(engine), p = mean(baseline);
        const bool holds = e.f1 >= p.f1 && e.mota >= p.mota;
        out["cells"].push_back({{"cell", cell.name},
                                {"counts", cell.counts},
                                {"defocus_nm", cell.defocus_nm},
                                {"blur_px", cell.blur_px},
                                {"pixel_nm", cell.pixel_nm},
                                {"diameter_nm", cell.diameter_nm},
                                {"drift_px", cell.drift_px},
                                {"engine", toJson(e)},
                                {"baseline", toJson(p)},
                                {"baseline_thresholds_sigma", thresholds},
                                {"engine_at_least_baseline", holds}});
        auto fmt = [](double v) {
            char buffer[32];
            if (v < 0)
                return std::string("–");
            std::snprintf(buffer, sizeof buffer, "%.3f", v);
            return std::string(buffer);
        };
        table << "| " << cell.name << " | " << fmt(e.f1) << " | " << fmt(e.mota) << " | " << fmt(e.adatomRecall) << " | "
              << fmt(p.f1) << " | " << fmt(p.mota) << " | " << fmt(p.adatomRecall) << " | " << (holds ? "yes" : "**no**")
              << " |\n";
        std::cerr << cell.name << ": engine F1 " << e.f1 << " MOTA " << e.mota << "; baseline F1 " << p.f1 << " MOTA "
                  << p.mota << std::endl;
    }
    fs::remove_all(work);
    out["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out["markdown"] = table.str();
    std::cout << out.dump(2) << std::endl;
    if (!markdown.empty())
        std::ofstream(markdown) << table.str();
    return 0;
}
