#pragma once
// Training HRTEM-GAN on two movies (or folders of frames) of unpaired high- and low-quality
// frames: what `hrtem train gan` and the window's training dialog run. Plain C++ (no torch
// types): the trainer lives in models/, behind this.
#include "core/training/gan_patch_sampler.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <string>

namespace hrtem {

struct GanTrainingSettings {
    std::string hq, lq;           ///< stacks (files or folders of frames) of each domain
    std::string outWeights;       ///< the LQ->HQ generator for restoration (safetensors)
    std::string checkpoint;       ///< resumable state; empty: outWeights + ".checkpoint"
    std::string resume;           ///< a checkpoint to continue from (same networks)
    std::string lossLog;          ///< CSV of the loss terms; empty: outWeights + ".losses.csv"
    int steps = 2000;
    /// A time budget: training stops at the first step that ends past it (0: none), with the
    /// weights and checkpoint written as at the end. The schedule still spans `steps`.
    double maxSeconds = 0.0;
    int checkpointEvery = 250;
    int logEvery = 10;
    std::string device = "auto";  ///< auto, cpu or cuda
    /// The trainer's options (models::GanTrainingOptions as JSON: networks, loss weights,
    /// patch and batch size...). Keys left out keep their defaults; see defaultGanOptions().
    nlohmann::json options = nlohmann::json::object();
    PatchSamplerSettings sampler; ///< patchSize and seed are taken from the options
    /// What the frames are, for the weights' metadata and the model card (e.g. "frames 0-9 of
    /// movie.tif"); empty: the paths hq and lq.
    std::string hqDescription, lqDescription;
};

/// The options `hrtem train gan` starts from: the generator at the shipped CPU-friendly size.
nlohmann::json defaultGanOptions();

struct GanTrainingProgress {
    int step = 0, steps = 0;
    double seconds = 0.0;
    double learningRate = 0.0;
    double generatorTotal = 0, cycle = 0, discriminatorHq = 0, discriminatorLq = 0, fft = 0, cf = 0;
    double generatorAdversarial = 0, identity = 0;
};

struct GanTrainingObserver {
    std::function<void(const GanTrainingProgress&)> progress;  ///< after every logged step
    std::function<void(const std::string&)> message;           ///< checkpoints, device, warnings
    /// A low-quality patch and its restoration (counts-free network scale), every preview step.
    std::function<void(const cv::Mat& lq, const cv::Mat& restored)> preview;
    int previewEvery = 50;
    const std::atomic<bool>* cancel = nullptr;
    /// While set, training waits between steps (its time does not count); cancel still ends it.
    const std::atomic<bool>* pause = nullptr;
};

struct GanTrainingSummary {
    int steps = 0;             ///< steps done in total (including resumed ones)
    double seconds = 0.0;      ///< this run's wall time
    std::string device;
    std::string weights, checkpoint, lossLog;
    bool cancelled = false;    ///< stopped early: weights and checkpoint hold the last step
    bool timeUp = false;       ///< stopped by maxSeconds: weights and checkpoint hold the last step
    GanTrainingProgress last;  ///< the losses of the last step
    std::string modelCard;     ///< WEIGHTS.md beside the weights (gan_model_card.h)
    /// With lambda_segmentation > 0: the generation-guided segmenter, beside the weights
    /// (WEIGHTS.segmenter.safetensors); empty otherwise.
    std::string segmenterWeights;
    nlohmann::json options;
};

/// Where `hrtem train joint` writes the generation-guided segmenter of WEIGHTS.safetensors:
/// WEIGHTS.segmenter.safetensors beside it.
std::string guidedSegmenterPath(const std::string& weights);

/// Trains, writing the loss log as it goes, a checkpoint every checkpointEvery steps and the
/// restoration weights at the end (also when cancelled). Throws hrtem::IoError / std::invalid_argument
/// / std::runtime_error with the file and the problem for bad inputs.
GanTrainingSummary trainGan(const GanTrainingSettings& settings, const GanTrainingObserver& observer = {});

} // namespace hrtem
