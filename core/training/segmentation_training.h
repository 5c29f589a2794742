#pragma once
// Training and scoring the atom-column segmenter on simulated movies (their truth/column_mask.tif
// is the label): `hrtem train seg` and `hrtem evaluate-segmentation`.
#include "core/training/mask_scores.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace hrtem {

struct SegmentationTrainingSettings {
    std::vector<std::string> simulations; ///< folders written by `hrtem simulate`
    std::string outWeights;
    std::string resume;                   ///< a checkpoint (outWeights + ".checkpoint") to continue from
    int steps = 1500;
    int checkpointEvery = 250;
    int logEvery = 10;
    int maxFramesPerMovie = 32;
    std::string device = "auto";
    nlohmann::json options = nlohmann::json::object(); ///< models::SegmentationTrainingOptions keys
};

struct SegmentationTrainingSummary {
    int steps = 0;
    double seconds = 0.0, finalLoss = 0.0;
    std::string device, weights, checkpoint, lossLog;
    bool cancelled = false;
};

/// Throws IoError / std::invalid_argument naming the file and the problem.
SegmentationTrainingSummary trainSegmenter(const SegmentationTrainingSettings& settings,
                                           const std::function<void(int step, int steps, double loss)>& progress = {},
                                           const std::function<void(const std::string&)>& message = {},
                                           const std::atomic<bool>* cancel = nullptr);

/// Dice, IoU, precision and recall of the segmenter's columns (probability > 0.5) against the
/// simulation's column masks, pooled over the first `frames` frames.
MaskScores evaluateSegmenter(const std::string& weights, const std::string& simulation, int frames,
                             const std::string& device = "auto");

} // namespace hrtem
