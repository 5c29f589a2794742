#include "models/training/joint_segmentation.h"

#include "models/training/losses.h"

#include <stdexcept>
#include <string>

namespace hrtem::models {

JointSegmentation jointSegmentation(HrtemGanGenerator& generator, SegmentationUnet& segmenter, const torch::Tensor& lq,
                                    const torch::Tensor& mask)
{
    const int guide = segmenter->config.guideChannels;
    if (guide != generator->config.baseChannels)
        throw std::invalid_argument("generation-guided segmentation: the segmenter reads " + std::to_string(guide) +
                                    " guide channels, the generator gives " + std::to_string(generator->config.baseChannels));
    return segmentRestoration(segmenter, generator->forward(lq), mask);
}

JointSegmentation segmentRestoration(SegmentationUnet& segmenter, const GeneratorOutput& restoration, const torch::Tensor& mask)
{
    JointSegmentation j;
    j.restored = restoration.image;
    // Neither input is detached: the segmentation loss flows back into the generator through
    // both the restored image and its features.
    j.logits = segmenter->forward(restoration.image, restoration.features);
    j.loss = bceDiceLoss(j.logits.to(torch::kFloat), mask.to(j.logits.device()));
    return j;
}

torch::Tensor guidedProbabilities(HrtemGanGenerator& generator, SegmentationUnet& segmenter, const torch::Tensor& frame)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor x = frame.reshape({1, 1, frame.size(0), frame.size(1)}).to(torch::kFloat);
    const GeneratorOutput restoration = generator->forward(x);
    return torch::sigmoid(segmenter->forward(restoration.image, restoration.features)).reshape({frame.size(0), frame.size(1)});
}

} // namespace hrtem::models
