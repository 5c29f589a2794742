#pragma once
// The per-frame half of the analysis as one ordered list of stages, each saying what it needs
// and what it gives (ITK's process objects reduced to what one frame needs): read -> restore ->
// patches -> localize -> relations -> trust. analyzeFrame (analysis_pipeline.cpp) is a loop over
// frameStages(), timing each under its name; a new per-frame stage is one more class in
// frame_stages.cpp and one more entry in the list.
#include "core/classify/network_patch_classifier.h"
#include "core/io/stack.h"
#include "core/locate/localization.h"
#include "core/locate/noise_model.h"
#include "core/restore/frame_restorer.h"
#include "core/result/analysis_result.h"
#include "core/segment/segmenter.h"

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hrtem {

/// What is decided once per movie, from its first frame, so that every frame is analysed with
/// the same scale, noise model and contrast polarity (and does not pay for estimating them).
struct MovieContext {
    double period_px = 0.0;
    NoiseModel noise;
    LocalizationSettings localization;
    std::shared_ptr<restore::FrameRestorer> restorer; ///< the settings' method, loaded once
    /// The segmentation networks the settings ask for (locate "seg", particle "net"), loaded
    /// once; null when not asked for.
    std::shared_ptr<const segment::Segmenter> columnSegmenter, particleSegmenter;
    /// The multi-task patch classifier (patch_classifier "network", or "auto" where its weights
    /// are found); null: the voting decides the crystal patches.
    std::shared_ptr<const NetworkPatchClassifier> patchNetwork;
    double latticePeriod_px = 0.0; ///< the first frame's fringe period, which the networks' resampling reads
    AnalysisSettings settings;
    RelationSettings relations; ///< the settings' bond cut and structure with the frame's size and calibration
    bool noLattice = false; ///< no resolved lattice in the movie: no columns to locate
    int poolFrames = 1;     ///< neighbouring frames pooled to find the crystal and its columns
    int first = 0, end = 0; ///< the frames analysed
};

/// One frame on its way through the stages.
struct FrameWork {
    StackReader* stack = nullptr;
    int index = 0;        ///< stack frame
    cv::Mat raw;          ///< as read
    cv::Mat frame;        ///< what columns are located on: restored, or the raw frame
    FrameAnalysis analysis;
    const std::atomic<bool>* cancel = nullptr;
};

class FrameStage {
public:
    virtual ~FrameStage() = default;
    /// Its key in AnalysisResult::stageSeconds.
    virtual const char* name() const = 0;
    /// What it reads and what it writes of the FrameWork, in words.
    virtual const char* needs() const = 0;
    virtual const char* gives() const = 0;
    /// False: the frame is finished and the later stages do not run (no lattice to locate in).
    virtual bool run(FrameWork& work, const MovieContext& context) const = 0;
};

/// The stages, in the order they run.
const std::vector<std::unique_ptr<FrameStage>>& frameStages();

/// Frame `index` of `stack` through every stage; the seconds each took are added to `seconds`
/// by stage name.
FrameAnalysis analyzeFrame(StackReader& stack, int index, const MovieContext& context, std::map<std::string, double>& seconds,
                           const std::atomic<bool>* cancel);

} // namespace hrtem
