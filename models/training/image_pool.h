#pragma once
// CycleGAN's history of generated images: the discriminator sees a mix of current and older fakes,
// which damps oscillation between generator and discriminator (Shrivastava et al. 2017).
#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <vector>

namespace hrtem::models {

/// Buffer of previously generated images with the exact semantics of CycleGAN's ImagePool
/// (REFERENCE-models.md §2.5). Per image of the batch:
/// - while fewer than `capacity` images are stored, a detached copy is stored and the current
///   image is returned;
/// - otherwise, with probability 0.5 a random stored image is returned and the current one takes
///   its slot, else the current image is returned.
/// The images are concatenated along the batch again. Results are detached copies, as upstream:
/// the pool only feeds the discriminator update. Capacity 0 returns the input unchanged.
/// The coin and the slot come straight from std::mt19937_64 bits (no std distribution, whose
/// output differs between standard libraries), so a seed gives the same sequence everywhere.
class ImagePool {
public:
    explicit ImagePool(int capacity = 50, uint64_t seed = 7);

    /// images: (B, ...) -> (B, ...)
    torch::Tensor query(const torch::Tensor& images);

    /// Number of images stored now (at most capacity).
    int size() const { return static_cast<int>(mImages.size()); }
    int capacity() const { return mCapacity; }

private:
    int mCapacity;
    std::mt19937_64 mGenerator;
    std::vector<torch::Tensor> mImages; ///< each (1, ...)
};

} // namespace hrtem::models
