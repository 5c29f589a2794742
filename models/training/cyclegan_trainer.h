#pragma once
// HRTEM-GAN training: the unpaired CycleGAN of the paper (two generators LQ->HQ and HQ->LQ, two
// PatchGAN discriminators, least-squares GAN, cycle and identity losses, an image pool of 50)
// plus the paper's two feature-level constraints on the generators' fused bottlenecks: FFT
// magnitude alignment (L_FFT) and the characteristic-function loss (L_CF). Optionally the thesis'
// mask-weighted cycle consistency. Checkpoints (all four networks and both optimisers) are
// safetensors files, so a run can stop and resume on another LibTorch version.
#include "models/networks/hrtem_gan_generator.h"
#include "models/networks/network_config.h"
#include "models/networks/patch_discriminator.h"
#include "models/networks/segmentation_unet.h"
#include "models/training/image_pool.h"
#include "models/training/losses.h"
#include "models/training/lr_schedule.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

namespace hrtem::models {

struct GanTrainingOptions {
    GeneratorConfig generator;
    DiscriminatorConfig discriminator;
    int patchSize = 128;      ///< training patches are patchSize x patchSize
    int batchSize = 4;
    double lambdaCycle = 10.0;    ///< CycleGAN's lambda_A = lambda_B
    double lambdaIdentity = 5.0;  ///< CycleGAN's 0.5 x lambda_cycle
    double lambdaFft = 1.0;       ///< weight of L_FFT (the paper gives no value)
    double lambdaCf = 1.0;        ///< weight of L_CF (the paper gives no value)
    double cfPhaseWeight = 1.0;   ///< lambda_phi inside L_CF
    int cfProbes = 64;
    /// Thesis ch. 4: the cycle loss weighs pixels by 1 + maskWeight x (atom-column mask). The
    /// mask comes with the batch (LQ/HQ batches carry it); 0 switches the variant off.
    double maskWeight = 0.0;
    /// Thesis ch. 4's generation-guided segmentation: weight of the segmenter's loss (on the
    /// LQ->HQ restoration and features, against the LQ batch's masks) in the generators' total;
    /// the segmenter is optimised with the generators. 0 switches it off.
    double lambdaSegmentation = 0.0;
    SegmenterConfig segmenter; ///< its guideChannels are set to the generator's base channels
    int poolSize = 50;
    double beta1 = 0.5, beta2 = 0.999;
    LinearDecaySchedule schedule;  ///< in epochs of `stepsPerEpoch` steps
    int stepsPerEpoch = 100;
    uint64_t seed = 1;
    bool bf16 = false;             ///< bf16 autocast on CUDA (FFTs stay in float32)
};
nlohmann::json toJson(const GanTrainingOptions& options);
/// Rejects unknown keys with std::invalid_argument naming them.
GanTrainingOptions ganTrainingOptionsFromJson(const nlohmann::json& json);

/// One batch of both domains: images (N,1,P,P) scaled to about [-1, 1]; masks (N,1,P,P) in
/// [0, 1] or undefined (only used when maskWeight > 0).
struct GanBatch {
    torch::Tensor lq, hq;
    torch::Tensor lqMask, hqMask;
};

/// The loss terms of one step (for logs and plots).
struct GanStepLosses {
    double generatorAdversarial = 0, cycle = 0, identity = 0, fft = 0, cf = 0, generatorTotal = 0;
    double segmentation = 0; ///< the guided segmenter's BCE + Dice (0 when off)
    double discriminatorHq = 0, discriminatorLq = 0;
};

class CycleGanTrainer {
public:
    CycleGanTrainer(const GanTrainingOptions& options, torch::Device device);

    /// One CycleGAN iteration: the generators' step, then the discriminators' (one optimiser
    /// each, as upstream CycleGAN). Sets the learning rate from the schedule first.
    GanStepLosses step(const GanBatch& batch);

    int stepsDone() const { return mStep; }
    int epoch() const; ///< 1-based epoch of the next step
    const GanTrainingOptions& options() const { return mOptions; }
    torch::Device device() const { return mDevice; }

    /// Everything needed to resume: four networks, two Adam states, the step and the options.
    void saveCheckpoint(const std::string& path) const;
    /// Restores a checkpoint written by saveCheckpoint; the options in it must describe the
    /// same networks (throws std::runtime_error naming the difference otherwise).
    void loadCheckpoint(const std::string& path);
    /// The LQ->HQ generator alone, with its configuration and `metadata` in the file's header:
    /// what restoration loads.
    void exportRestorationWeights(const std::string& path, std::map<std::string, std::string> metadata) const;

    /// The generation-guided segmenter (with lambdaSegmentation > 0), its configuration and
    /// `metadata` in the header; std::logic_error when there is none.
    void exportSegmenterWeights(const std::string& path, std::map<std::string, std::string> metadata) const;

    HrtemGanGenerator lqToHq() const { return mLqToHq; }
    HrtemGanGenerator hqToLq() const { return mHqToLq; }

private:
    std::vector<std::pair<std::string, torch::Tensor>> generatorParameters() const;
    std::vector<std::pair<std::string, torch::Tensor>> discriminatorParameters() const;

    GanTrainingOptions mOptions;
    torch::Device mDevice;
    HrtemGanGenerator mLqToHq{nullptr}, mHqToLq{nullptr};
    PatchDiscriminator mDiscHq{nullptr}, mDiscLq{nullptr};
    SegmentationUnet mSegmenter{nullptr}; ///< null unless lambdaSegmentation > 0
    std::unique_ptr<torch::optim::Adam> mGeneratorOptimizer, mDiscriminatorOptimizer;
    std::unique_ptr<CharacteristicFunctionLoss> mCfLoss;
    ImagePool mPoolHq, mPoolLq;
    int mStep = 0;
};

} // namespace hrtem::models
