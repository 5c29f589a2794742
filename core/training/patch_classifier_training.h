#pragma once
// Training the multi-task patch classifier (classify/network_patch_classifier.h) on simulated
// movies (`hrtem train patches`): each folder's movie.tif with truth/particle_mask.tif for the
// crystal head and the movie's dose for the quality head (parameters.json's counts_per_pixel from
// `hrtem simulate`, truth/structure.json's for its phase-contrast structure images, or meta.json's
// dose_counts_per_px from ../shared/eval/simmovie.py).
#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace hrtem {

/// Movies at or below this dose (counts per pixel) are low quality, at or above the next high;
/// those between teach neither (the voting's absolute rule, kHighQualityDb, falls between too).
inline constexpr double kLowQualityMaxCounts = 40.0;
inline constexpr double kHighQualityMinCounts = 100.0;

/// The dose (mean counts per vacuum pixel) a simulation folder states; NaN when it states none.
double simulationDose(const std::string& folder);

struct PatchClassifierTrainingSettings {
    std::vector<std::string> simulations; ///< folders with movie.tif and truth/particle_mask.tif
    std::string outWeights;
    int steps = 3000;
    int saveEvery = 500;                  ///< the weights are written this often (and at the end)
    int logEvery = 10;
    int maxFramesPerMovie = 8;
    double referencePeriod = 8.0;         ///< px the frames' lattice period is resampled to
    std::string device = "auto";
    nlohmann::json options = nlohmann::json::object(); ///< models::PatchClassifierTrainingOptions keys
};

struct PatchClassifierTrainingSummary {
    int steps = 0, frames = 0, highQualityFrames = 0;
    double seconds = 0.0, finalLoss = 0.0;
    std::string device, weights, lossLog;
    bool cancelled = false;
};

/// Throws IoError / std::invalid_argument naming the file and the problem.
PatchClassifierTrainingSummary trainPatchClassifier(const PatchClassifierTrainingSettings& settings,
                                                    const std::function<void(int step, int steps, double loss)>& progress = {},
                                                    const std::function<void(const std::string&)>& message = {},
                                                    const std::atomic<bool>* cancel = nullptr);

} // namespace hrtem
