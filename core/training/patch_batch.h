#pragma once
// Between OpenCV patches and LibTorch batches, for the two trainers (gan_training.cpp,
// segmentation_training.cpp). Includes torch: not for core's public headers.
#include <opencv2/core/mat.hpp>
#include <torch/torch.h>

#include <cstring>
#include <vector>

namespace hrtem {

/// Square CV_32F patches of one size as an (N, 1, P, P) float tensor (a copy).
inline torch::Tensor toBatch(const std::vector<cv::Mat>& patches)
{
    const int p = patches.front().rows;
    torch::Tensor batch = torch::empty({static_cast<int64_t>(patches.size()), 1, p, p}, torch::kFloat);
    for (std::size_t i = 0; i < patches.size(); ++i) {
        CV_Assert(patches[i].type() == CV_32F && patches[i].rows == p && patches[i].cols == p);
        const cv::Mat m = patches[i].isContinuous() ? patches[i] : patches[i].clone();
        std::memcpy(batch[static_cast<int64_t>(i)].data_ptr<float>(), m.data, sizeof(float) * p * p);
    }
    return batch;
}

} // namespace hrtem
