// Benchmark (issue 4 bar 7): localization + relations + tracking + behaviours on 512 x 512
// frames of a particle with ~1000 columns, restoration excluded, all cores. Frames are rendered
// into memory first so that neither simulation nor file reading is timed. Prints JSON.
#include "core/io/raw_image.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <iostream>
#include <thread>

namespace {

/// Frames held in memory: reading costs a copy.
class MemoryStack : public hrtem::StackReader {
public:
    MemoryStack(std::vector<cv::Mat> frames, double pixel_nm, double interval_s) : mFrames(std::move(frames))
    {
        mInfo.path = "memory";
        mInfo.format = "Memory";
        mInfo.width = mFrames.front().cols;
        mInfo.height = mFrames.front().rows;
        mInfo.frameCount = static_cast<int>(mFrames.size());
        mInfo.x = hrtem::AxisCalibration("x", pixel_nm, 0.0, "nm");
        mInfo.y = hrtem::AxisCalibration("y", pixel_nm, 0.0, "nm");
        mInfo.frameInterval_s = interval_s;
    }

protected:
    hrtem::RawImage readRawUnlocked(int frame) override
    {
        const cv::Mat& m = mFrames[static_cast<std::size_t>(frame)];
        hrtem::RawImage raw(hrtem::PixelType::Float32, m.cols, m.rows);
        std::memcpy(raw.data(), m.data, m.total() * sizeof(float));
        return raw;
    }

private:
    std::vector<cv::Mat> mFrames;
};

} // namespace

int main(int argc, char** argv)
{
    using namespace hrtem;
    const int frames = argc > 1 ? std::atoi(argv[1]) : 40;
    sim::SimulationSettings s = sim::preset("medium");
    s.seed = 777;
    s.width = s.height = 512;
    s.frames = frames;
    // A particle large enough for ~1000 columns in the 10 nm field.
    s.specimen.radius111_nm = 4.6;
    s.specimen.radius100_nm = 5.1;
    s.specimen.base_nm = 3.5;
    s.specimen.centreY = 0.5;
    const sim::Simulation simulation(s);
    std::vector<cv::Mat> rendered;
    double trueColumns = 0;
    for (int f = 0; f < frames; ++f)
        trueColumns += static_cast<double>(simulation.state(f).columns.size()) / frames;
    for (int f = 0; f < frames; ++f)
        rendered.push_back(simulation.noisyFrame(f, simulation.cleanFrame(f)));
    MemoryStack stack(std::move(rendered), s.pixel_nm, s.frameInterval_s);

    nlohmann::json runs = nlohmann::json::array();
    for (const bool patches : {false, true}) {
        AnalysisSettings settings;
        settings.classifyPatches = patches;
        const auto start = std::chrono::steady_clock::now();
        const AnalysisResult r = analyzeStack(stack, settings);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        long atoms = 0;
        for (const FrameAnalysis& f : r.frames)
            atoms += static_cast<long>(f.atoms.size());
        nlohmann::json stages = nlohmann::json::object();
        for (const auto& [name, t] : r.stageSeconds)
            stages[name + "_ms_per_frame"] = 1000.0 * t / frames;
        runs.push_back({{"patch_classification", patches},
                        {"frames_per_second", frames / seconds},
                        {"atoms_per_frame", double(atoms) / frames},
                        {"tracks", r.tracking.tracks.size()},
                        {"cpu_time_per_stage", stages},
                        {"target_fps", 20.0},
                        {"pass", frames / seconds >= 20.0}});
    }
    const nlohmann::json result = {{"benchmark", "analysis_512_1000_columns"},
                                   {"frames", frames},
                                   {"frame_size", {s.width, s.height}},
                                   {"true_columns_per_frame", trueColumns},
                                   {"hardware_threads", std::thread::hardware_concurrency()},
                                   {"runs", runs}};
    std::cout << result.dump(2) << std::endl;
    return 0;
}
