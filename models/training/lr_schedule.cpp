#include "models/training/lr_schedule.h"

#include <torch/torch.h>

namespace hrtem::models {

double LinearDecaySchedule::learningRate(int epoch) const
{
    if (epoch <= constantEpochs)
        return baseLearningRate;
    const int k = epoch - constantEpochs;
    if (k >= decayEpochs)
        return 0.0;
    return baseLearningRate * (1.0 - static_cast<double>(k) / static_cast<double>(decayEpochs));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double learningRate)
{
    for (auto& group : optimizer.param_groups())
        group.options().set_lr(learningRate);
}

} // namespace hrtem::models
