#include "models/training/image_pool.h"

#include <torch/torch.h>

namespace hrtem::models {

ImagePool::ImagePool(int capacity, uint64_t seed) : mCapacity(capacity), mGenerator(seed)
{
    TORCH_CHECK(capacity >= 0, "ImagePool: capacity must not be negative");
    mImages.reserve(static_cast<size_t>(capacity));
}

torch::Tensor ImagePool::query(const torch::Tensor& images)
{
    if (mCapacity == 0)
        return images;
    TORCH_CHECK(images.dim() >= 1 && images.size(0) > 0, "ImagePool::query: need a non-empty batch");

    std::vector<torch::Tensor> result;
    result.reserve(static_cast<size_t>(images.size(0)));
    for (int64_t i = 0; i < images.size(0); ++i) {
        auto image = images.slice(0, i, i + 1).detach().clone();
        if (static_cast<int>(mImages.size()) < mCapacity) {
            mImages.push_back(image);
            result.push_back(image);
            continue;
        }
        const bool fromPool = (mGenerator() >> 63) != 0;
        if (!fromPool) {
            result.push_back(image);
            continue;
        }
        // The modulo bias of 2^64 mod capacity is far below anything measurable.
        const auto slot = static_cast<size_t>(mGenerator() % static_cast<uint64_t>(mCapacity));
        // The old image leaves the pool, so it can be handed out without another copy.
        result.push_back(std::move(mImages[slot]));
        mImages[slot] = image;
    }
    // cat copies: the caller never shares storage with a stored image.
    return torch::cat(result, 0);
}

} // namespace hrtem::models
