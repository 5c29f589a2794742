#include "core/training/gan_patch_sampler.h"

#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/locate/lattice_scale.h"
#include "core/restore/gan_restorer.h"
#include "core/training/square_symmetry.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace hrtem {

GanPatchSampler::GanPatchSampler(const std::string& path, const PatchSamplerSettings& settings)
    : mPath(path), mSettings(settings), mRng(settings.seed)
{
    // Several stacks, comma-separated (one movie per microscope condition), share the frames held.
    std::vector<std::string> paths;
    std::stringstream list(path);
    for (std::string item; std::getline(list, item, ',');)
        if (!item.empty())
            paths.push_back(item);
    if (paths.empty())
        throw std::invalid_argument("no training stack given");
    const int perStack = std::max(1, settings.maxFrames / int(paths.size()));
    for (const std::string& p : paths)
        readStack(p, perStack);
}

void GanPatchSampler::readStack(const std::string& path, int maxFrames)
{
    auto stack = openStack(path);
    const StackInfo& info = stack->info();
    const int p = mSettings.patchSize;
    if (info.width < p || info.height < p)
        throw std::invalid_argument(path + ": frames of " + std::to_string(info.width) + " x " + std::to_string(info.height)
                                    + " px are smaller than the " + std::to_string(p) + " px training patches");
    const int count = std::min(info.frameCount, std::max(1, maxFrames));
    // A simulated movie's atom-column masks, frame for frame (sim/simulation.h writes them).
    std::unique_ptr<StackReader> masks;
    const std::filesystem::path maskPath = std::filesystem::path(path).parent_path() / "truth" / "column_mask.tif";
    std::error_code missing;
    if (std::filesystem::is_regular_file(maskPath, missing)) {
        masks = openStack(maskPath.string());
        if (masks->info().frameCount != info.frameCount || masks->info().width != info.width || masks->info().height != info.height)
            throw IoError(maskPath.string(), "does not match the frames of " + path);
    } else if (mUnmasked.empty()) {
        mUnmasked = path;
    }
    double period = 0.0; // each stack its own: pixel sizes differ between conditions
    for (int i = 0; i < count; ++i) {
        const int index = static_cast<int>((static_cast<long>(i) * info.frameCount) / count);
        const cv::Mat counts = stack->readFrame(index);
        if (period <= 0.0)
            period = estimateLatticePeriod(counts).period_px;
        if (mPeriod <= 0.0)
            mPeriod = period;
        // Patch corners whose patch centre lies in the crystal, on a grid of a quarter patch.
        std::vector<cv::Point> corners;
        if (period > 2.0) {
            const cv::Mat mask = crystalMask(counts, period, 0.0);
            const int step = std::max(1, p / 4);
            for (int y = 0; y + p <= counts.rows; y += step)
                for (int x = 0; x + p <= counts.cols; x += step)
                    if (mask.at<std::uint8_t>(y + p / 2, x + p / 2) != 0)
                        corners.emplace_back(x, y);
        }
        mFrames.push_back(restore::IntensityScaling::of(counts).toNetwork(counts));
        cv::Mat mask;
        if (masks) {
            const cv::Mat raw = masks->readFrame(index);
            cv::compare(raw, 0.5f, mask, cv::CMP_GT);
            mask.convertTo(mask, CV_32F, 1.0 / 255.0);
        }
        mMasks.push_back(mask);
        mCrystal.push_back(std::move(corners));
    }
}

std::vector<cv::Mat> GanPatchSampler::sample(int count, std::vector<cv::Mat>* masks)
{
    if (masks != nullptr)
        masks->clear();
    const int p = mSettings.patchSize;
    std::uniform_int_distribution<std::size_t> pickFrame(0, mFrames.size() - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> pickTurn(0, 7);
    std::vector<cv::Mat> out;
    for (int n = 0; n < count; ++n) {
        const std::size_t f = pickFrame(mRng);
        const cv::Mat& frame = mFrames[f];
        cv::Point corner;
        const std::vector<cv::Point>& crystal = mCrystal[f];
        if (!crystal.empty() && unit(mRng) < mSettings.foregroundShare) {
            corner = crystal[std::uniform_int_distribution<std::size_t>(0, crystal.size() - 1)(mRng)];
        } else {
            corner.x = std::uniform_int_distribution<int>(0, frame.cols - p)(mRng);
            corner.y = std::uniform_int_distribution<int>(0, frame.rows - p)(mRng);
        }
        const cv::Rect where(corner.x, corner.y, p, p);
        cv::Mat patch = frame(where).clone();
        const int turn = pickTurn(mRng);
        applySquareSymmetry(patch, turn);
        out.push_back(patch);
        if (masks != nullptr && hasMasks()) {
            cv::Mat mask = mMasks[f](where).clone();
            applySquareSymmetry(mask, turn);
            masks->push_back(mask);
        }
    }
    return out;
}

} // namespace hrtem
