#pragma once
// The paper's learning-rate schedule: constant, then linear decay to zero.
#include <torch/torch.h>

namespace hrtem::models {

/// Learning rate per 1-based epoch: epochs 1..constantEpochs run at baseLearningRate; epoch
/// constantEpochs + k (k = 1..decayEpochs) runs at base * (1 - k/decayEpochs), so the last epoch
/// runs at exactly 0, as the paper's "linearly decayed to zero" says; later epochs give 0.
/// Epochs below 1 count as constant-phase epochs.
///
/// Upstream CycleGAN differs by one (REFERENCE-models.md §2.5): its rule
/// 1 - max(0, e + 1 - n_epochs) / (n_epochs_decay + 1) ends at base/(D+1) when stepped at the
/// end of an epoch (2017 train.py), and starts the decay one epoch early and ends at 0 when
/// stepped at the start (current train.py). Here the table is explicit: with the defaults,
/// epoch 150 is the last at 2e-4, epoch 151 runs at 1.9e-4, epoch 170 at 0.
struct LinearDecaySchedule {
    double baseLearningRate = 2e-4;
    int constantEpochs = 150;
    int decayEpochs = 20;

    double learningRate(int epoch) const;
};

/// Sets the learning rate of every parameter group of any LibTorch optimizer (through the
/// virtual OptimizerOptions::set_lr, present in 1.13 and 2.x, so no cast to the options type).
void setLearningRate(torch::optim::Optimizer& optimizer, double learningRate);

} // namespace hrtem::models
