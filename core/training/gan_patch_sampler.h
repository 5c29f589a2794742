#pragma once
// Training patches for HRTEM-GAN from a movie (any stack HRTEM Studio reads): random crops of
// a fixed set of frames, mostly from where the crystal is (the paper trains on foreground
// patches; Supplementary Note I), scaled the way restoration scales frames (IntensityScaling).
#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hrtem {

struct PatchSamplerSettings {
    int patchSize = 128;
    /// Share of patches whose centre must lie in the crystal (the rest anywhere): vacuum and
    /// support still appear, so the generator learns to leave them alone.
    double foregroundShare = 0.8;
    int maxFrames = 64;     ///< frames held in memory, spread evenly over the movie
    uint64_t seed = 1;
};

class GanPatchSampler {
public:
    /// Reads the frames now. `path` is one stack or several, comma-separated (maxFrames is
    /// shared among them). Throws hrtem::IoError (file problems) or std::invalid_argument
    /// (frames smaller than a patch) naming the stack.
    GanPatchSampler(const std::string& path, const PatchSamplerSettings& settings);

    /// `count` patches (CV_32F, patchSize^2, network scale) with random flips and 90° turns;
    /// with `masks` (and hasMasks()), each patch's atom-column mask (CV_32F, 0 or 1) as well,
    /// cut and turned alike. The patches drawn do not depend on whether masks are asked for.
    std::vector<cv::Mat> sample(int count, std::vector<cv::Mat>* masks = nullptr);

    /// Whether every stack came with atom-column masks: a simulated movie's
    /// truth/column_mask.tif beside its movie.tif (thesis ch. 4's mask-weighted cycle loss).
    bool hasMasks() const { return mUnmasked.empty() && !mMasks.empty(); }
    /// The first stack without masks ("" when all have them).
    const std::string& unmaskedStack() const { return mUnmasked; }

    int frames() const { return static_cast<int>(mFrames.size()); }
    const std::string& path() const { return mPath; }
    double period_px() const { return mPeriod; } ///< of the first stack

private:
    void readStack(const std::string& path, int maxFrames);

    std::string mPath;
    PatchSamplerSettings mSettings;
    std::vector<cv::Mat> mFrames;               ///< network scale
    std::vector<cv::Mat> mMasks;                ///< per frame, 0/1 (CV_32F); empty for a stack without
    std::string mUnmasked;
    std::vector<std::vector<cv::Point>> mCrystal; ///< admissible patch corners inside the crystal, per frame
    double mPeriod = 0.0;
    std::mt19937_64 mRng;
};

} // namespace hrtem
