// Benchmark (issue 22): are the reported position uncertainties calibrated? Over the
// robustness matrix (robustness_matrix.h), fresh seeds, for raw and restored frames: per cell,
// the fraction of true coordinate errors within 1 sigma and 2 sigma of the reported one, and
// rms(error/sigma), for single-frame positions (err_x_px, err_y_px) and for time-averaged
// sites (site_err_px, scored against the truth's own time-averaged sites). A calibrated sigma
// gives 0.683, 0.954 and 1.
//
// Prints JSON; --markdown FILE writes the table, --reliability PREFIX writes PREFIX.csv and
// PREFIX.png (expected against observed coverage, pooled over the cells). Usage:
//   bench_uncertainty [--seeds N] [--frames N] [--restore none,wiener] [--cells name,...]
//                     [--markdown FILE] [--reliability PREFIX]
#include "bench/robustness_matrix.h"
#include "core/evaluate/evaluation.h"
#include "core/track/temporal_refinement.h"
#include "core/evaluate/truth.h"
#include "core/evaluate/uncertainty_calibration.h"
#include "core/io/stack.h"
#include "core/pipeline/analysis_pipeline.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace hrtem;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            out.push_back(item);
    return out;
}

nlohmann::json toJson(const UncertaintyCalibration& c)
{
    return {{"coordinates", c.coordinates},
            {"within_1_sigma", c.withinOneSigma},
            {"within_2_sigma", c.withinTwoSigma},
            {"rms_error_over_sigma", c.rmsNormalizedError},
            {"median_sigma_px", c.medianSigma_px},
            {"median_abs_error_px", c.medianAbsError_px}};
}

/// The bars of issue 22: 68% ± 10%, 95% ± 4%, rms 0.8-1.25.
bool calibrated(const UncertaintyCalibration& c)
{
    return c.coordinates > 0 && std::abs(c.withinOneSigma - 0.683) <= 0.10 && std::abs(c.withinTwoSigma - 0.954) <= 0.04 &&
           c.rmsNormalizedError >= 0.8 && c.rmsNormalizedError <= 1.25;
}

UncertaintyCalibration pooled(const std::vector<UncertaintyCalibration>& parts)
{
    UncertaintyCalibration all;
    for (const UncertaintyCalibration& p : parts) {
        all.normalizedErrors.insert(all.normalizedErrors.end(), p.normalizedErrors.begin(), p.normalizedErrors.end());
        // Medians are not poolable from medians: the mean of the per-movie ones.
        all.medianSigma_px += p.medianSigma_px / double(parts.size());
        all.medianAbsError_px += p.medianAbsError_px / double(parts.size());
    }
    all.coordinates = static_cast<long>(all.normalizedErrors.size());
    double squared = 0;
    long one = 0, two = 0;
    for (double z : all.normalizedErrors) {
        squared += z * z;
        one += z <= 1.0;
        two += z <= 2.0;
    }
    if (all.coordinates > 0) {
        all.withinOneSigma = double(one) / all.coordinates;
        all.withinTwoSigma = double(two) / all.coordinates;
        all.rmsNormalizedError = std::sqrt(squared / all.coordinates);
    }
    return all;
}

/// Expected against observed coverage, one polyline per curve, the ideal diagonal in grey.
void drawReliability(const std::string& path, const std::vector<double>& expected,
                     const std::vector<std::pair<std::string, std::vector<double>>>& curves)
{
    const int size = 520, margin = 60, plot = size - 2 * margin;
    cv::Mat image(size, size, CV_8UC3, cv::Scalar(255, 255, 255));
    auto at = [&](double e, double o) { return cv::Point(margin + int(e * plot), size - margin - int(o * plot)); };
    cv::rectangle(image, at(0, 0), at(1, 1), cv::Scalar(0, 0, 0), 1);
    cv::line(image, at(0, 0), at(1, 1), cv::Scalar(170, 170, 170), 1, cv::LINE_AA);
    for (int k = 0; k <= 10; k += 2) {
        char label[8];
        std::snprintf(label, sizeof label, "%.1f", k / 10.0);
        cv::putText(image, label, at(k / 10.0, 0) + cv::Point(-12, 20), cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(0, 0, 0));
        cv::putText(image, label, at(0, k / 10.0) + cv::Point(-40, 4), cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(0, 0, 0));
    }
    cv::putText(image, "expected coverage", cv::Point(size / 2 - 70, size - 15), cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0));
    cv::putText(image, "observed", cv::Point(5, margin - 20), cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0));
    const cv::Scalar colours[] = {{200, 80, 0}, {0, 120, 230}, {40, 160, 40}, {160, 0, 160}, {0, 0, 200}, {120, 120, 0}};
    for (std::size_t c = 0; c < curves.size(); ++c) {
        const cv::Scalar colour = colours[c % 6];
        for (std::size_t i = 1; i < expected.size(); ++i)
            cv::line(image, at(expected[i - 1], curves[c].second[i - 1]), at(expected[i], curves[c].second[i]), colour, 2,
                     cv::LINE_AA);
        cv::putText(image, curves[c].first, cv::Point(margin + 10, margin + 18 + 18 * int(c)), cv::FONT_HERSHEY_SIMPLEX, 0.45,
                    colour, 1, cv::LINE_AA);
    }
    cv::imwrite(path, image);
}

} // namespace

int main(int argc, char** argv)
{
    const bench::MatrixOptions options = bench::parseMatrixOptions(argc, argv, {"--reliability", "--restore"});
    const int seeds = options.seeds, frames = options.frames;
    const std::string markdown = options.markdown, reliability = options.value("--reliability");
    const std::string restoreList = options.value("--restore", "none,wiener");
    const std::vector<std::string> restores = splitList(restoreList);
    const fs::path work = fs::temp_directory_path() / ("hrtem_uncertainty_" + std::to_string(::getpid()));
    nlohmann::json out = {{"benchmark", "uncertainty_calibration"}, {"seeds", seeds}, {"frames", frames}, {"cells", nlohmann::json::array()}};
    std::ostringstream table;
    table << "| cell | restore | frame: within 1σ | within 2σ | rms err/σ | site: within 1σ | within 2σ | rms err/σ | calibrated |\n"
          << "|---|---|---|---|---|---|---|---|---|\n";
    std::map<std::string, std::vector<UncertaintyCalibration>> pools; // "restore, frame|site" -> per cell
    const auto start = std::chrono::steady_clock::now();
    for (const bench::Cell& cell : bench::matrix()) {
        if (!options.selected(cell.name))
            continue;
        std::map<std::string, std::vector<UncertaintyCalibration>> perRestoreFrame, perRestoreSite;
        for (int k = 0; k < seeds; ++k) {
            const sim::SimulationSettings s = bench::settingsFor(cell, 9001 + static_cast<std::uint64_t>(k), frames);
            const fs::path folder = work / "movie";
            fs::remove_all(folder);
            sim::writeSimulation(sim::Simulation(s), folder.string());
            const TruthMovie truth = readTruth(folder.string());
            const double gate = 0.3 * truth.nearestNeighbour_px();
            // As temporal_refinement's defaults: the same window, the same largest step.
            const TemporalSettings temporal;
            const TruthMovie sites = timeAveragedTruth(truth, temporal.halfWindow, temporal.maxStep * truth.nearestNeighbour_px());
            for (const std::string& restore : restores) {
                std::unique_ptr<StackReader> stack = openStack((folder / "movie.tif").string());
                AnalysisSettings settings;
                settings.restore = restore;
                const AnalysisResult r = analyzeStack(*stack, settings);
                std::vector<std::vector<Atom>> found;
                for (const FrameAnalysis& f : r.frames)
                    found.push_back(f.atoms);
                perRestoreFrame[restore].push_back(calibrateUncertainty(truth, found, gate, PositionKind::SingleFrame));
                perRestoreSite[restore].push_back(calibrateUncertainty(sites, found, gate, PositionKind::TimeAveraged));
            }
        }
        for (const std::string& restore : restores) {
            const UncertaintyCalibration f = pooled(perRestoreFrame[restore]), st = pooled(perRestoreSite[restore]);
            pools[restore + ", frame"].push_back(f);
            pools[restore + ", site"].push_back(st);
            const bool holds = calibrated(f) && calibrated(st);
            out["cells"].push_back({{"cell", cell.name}, {"restore", restore}, {"frame", toJson(f)}, {"site", toJson(st)},
                                    {"calibrated", holds}});
            char row[256];
            std::snprintf(row, sizeof row, "| %s | %s | %.3f | %.3f | %.2f | %.3f | %.3f | %.2f | %s |\n", cell.name.c_str(),
                          restore.c_str(), f.withinOneSigma, f.withinTwoSigma, f.rmsNormalizedError, st.withinOneSigma,
                          st.withinTwoSigma, st.rmsNormalizedError, holds ? "yes" : "**no**");
            table << row;
            std::cerr << row << "    median sigma / |error| (px): frame " << f.medianSigma_px << " / " << f.medianAbsError_px
                      << ", site " << st.medianSigma_px << " / " << st.medianAbsError_px << "\n";
        }
    }
    fs::remove_all(work);
    if (!reliability.empty()) {
        std::vector<double> expected;
        for (int k = 1; k <= 19; ++k)
            expected.push_back(k * 0.05);
        expected.push_back(0.99);
        std::vector<std::pair<std::string, std::vector<double>>> curves;
        std::ofstream csv(reliability + ".csv");
        csv << "curve,expected,observed\n";
        for (const auto& [name, parts] : pools) {
            const std::vector<double> observed = observedCoverage(pooled(parts).normalizedErrors, expected);
            curves.emplace_back(name, observed);
            for (std::size_t i = 0; i < expected.size(); ++i)
                csv << '"' << name << "\"," << expected[i] << ',' << observed[i] << '\n';
        }
        drawReliability(reliability + ".png", expected, curves);
    }
    out["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out["markdown"] = table.str();
    std::cout << out.dump(2) << std::endl;
    if (!markdown.empty())
        std::ofstream(markdown) << table.str();
    return 0;
}
