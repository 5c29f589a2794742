#pragma once
// Thesis ch. 4's generation-guided, semantically consistent segmentation: the segmenter reads
// the LQ->HQ generator's restored image together with the generator's last decoder features
// (SegmenterConfig::guideChannels = the generator's base channels), and its loss is computed on
// that graph, so the segmentation gradient reaches the generator: optimizing the sum trains the
// generator to restore what the segmentation needs.
#include "models/networks/hrtem_gan_generator.h"
#include "models/networks/segmentation_unet.h"

#include <torch/torch.h>

namespace hrtem::models {

struct JointSegmentation {
    torch::Tensor restored; ///< the generator's restoration of the LQ batch
    torch::Tensor logits;   ///< the segmenter's atom-column logits (B,1,H,W)
    torch::Tensor loss;     ///< BCE + Dice against the mask (losses.h, bceDiceLoss)
};

/// The joint forward pass and segmentation loss for an LQ batch `lq` (B,1,H,W) and its atom-column
/// `mask` (B,1,H,W) in [0, 1]. The segmenter must take the generator's features as its guide
/// (guideChannels == the generator's baseChannels): std::invalid_argument otherwise.
JointSegmentation jointSegmentation(HrtemGanGenerator& generator, SegmentationUnet& segmenter, const torch::Tensor& lq,
                                    const torch::Tensor& mask);
/// The same on a generator output already computed (the CycleGAN step's LQ->HQ pass).
JointSegmentation segmentRestoration(SegmentationUnet& segmenter, const GeneratorOutput& restoration, const torch::Tensor& mask);

/// The guided segmenter's column probability (H, W) of a whole LQ frame (H, W), in the GAN's
/// network scale, on the CPU: the generator's restoration and features, then the segmenter.
torch::Tensor guidedProbabilities(HrtemGanGenerator& generator, SegmentationUnet& segmenter, const torch::Tensor& frame);

} // namespace hrtem::models
