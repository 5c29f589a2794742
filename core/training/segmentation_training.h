#pragma once
// Training and scoring the segmentation networks on simulated movies: the atom segmenter against
// truth/column_mask.tif, the particle network against truth/particle_mask.tif (`hrtem train seg
// --target columns|particle` and `hrtem evaluate-segmentation`). Frames are prepared as the
// analysis prepares them (segment/segmentation_input.h): resampled to the reference period.
#include "core/training/mask_scores.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace hrtem {

class StackReader;

/// A simulation folder's lattice period: the {111} spacing the simulator's parameters.json states,
/// or else as the analysis measures it on the first frame of `movie` (0: none found). The truth
/// where there is one, so that a movie whose fringes the estimate misreads still teaches the
/// right scale.
double simulationPeriod(StackReader& movie, const std::string& folder);

struct SegmentationTrainingSettings {
    std::vector<std::string> simulations; ///< folders written by `hrtem simulate`
    std::string outWeights;
    std::string resume;                   ///< a checkpoint (outWeights + ".checkpoint") to continue from
    int steps = 1500;
    int checkpointEvery = 250;
    int logEvery = 10;
    int maxFramesPerMovie = 32;
    std::string device = "auto";
    std::string target = "columns";       ///< columns or particle (segment/segmenter.h)
    double referencePeriod = 0.0;         ///< px the frames' lattice period is resampled to; 0: the target's default
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

/// Dice, IoU, precision and recall of the network's region (probability > 0.5) against the
/// simulation's masks of its target (column_mask.tif or particle_mask.tif), pooled over the first
/// `frames` frames. With `pool` > 1 each frame is scored on the mean of that many neighbouring
/// frames aligned onto it, as the analysis pools low-dose frames (temporal_pool.h). Throws
/// IoError / std::runtime_error naming the file and the problem.
MaskScores evaluateSegmenter(const std::string& weights, const std::string& simulation, int frames,
                             const std::string& target = "columns", const std::string& device = "auto", int pool = 1);

/// The same for thesis ch. 4's generation-guided segmenter (`hrtem train joint` writes it as
/// WEIGHTS.segmenter.safetensors): it reads the LQ->HQ generator `ganWeights`' restoration and
/// features of each whole frame (in the GAN's intensity scale), against the column masks.
MaskScores evaluateGuidedSegmenter(const std::string& ganWeights, const std::string& segmenterWeights,
                                   const std::string& simulation, int frames, const std::string& device = "auto");

} // namespace hrtem
