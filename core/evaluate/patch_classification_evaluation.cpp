#include "core/evaluate/patch_classification_evaluation.h"

#include "core/classify/network_patch_classifier.h"
#include "core/classify/patch_classifier.h"
#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/locate/lattice_scale.h"
#include "core/training/patch_classifier_training.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <filesystem>

namespace hrtem {

namespace {

/// Crystal by the truth: the mask covers at least half of the patch.
bool truthCrystal(const cv::Mat& mask, const PatchMap& map, int r, int c)
{
    const cv::Rect area(c * map.patchSize, r * map.patchSize, map.patchSize, map.patchSize);
    return cv::countNonZero(mask(area)) * 2 >= area.area();
}

long agreeing(const PatchMap& map, const cv::Mat& mask)
{
    long n = 0;
    for (int r = 0; r < map.rows; ++r)
        for (int c = 0; c < map.cols; ++c)
            n += (map.foreground[std::size_t(map.index(r, c))] != 0) == truthCrystal(mask, map, r, c) ? 1 : 0;
    return n;
}

} // namespace

void PatchMethodScores::add(const PatchMethodScores& o)
{
    patches += o.patches;
    patchesAgreeing += o.patchesAgreeing;
    frames += o.frames;
    framesQualityRight += o.framesQualityRight;
}

PatchClassificationScores evaluatePatchClassification(const std::string& folder, int frames, const std::string& weights,
                                                      const std::string& device)
{
    namespace fs = std::filesystem;
    PatchClassificationScores out;
    out.folder = folder;
    out.dose = simulationDose(folder);
    if (!(out.dose <= kLowQualityMaxCounts || out.dose >= kHighQualityMinCounts))
        throw IoError(folder, "states no dose, or one between low and high quality");
    out.highQuality = out.dose >= kHighQualityMinCounts;
    auto movie = openStack((fs::path(folder) / "movie.tif").string());
    auto masks = openStack((fs::path(folder) / "truth" / "particle_mask.tif").string());
    out.period_px = estimateLatticePeriod(movie->readFrame(0)).period_px;
    if (!(out.period_px > 2.0))
        throw IoError(folder, "the analysis finds no lattice period in its first frame");
    const NetworkPatchClassifier network(weights, device);
    PatchSettings settings;
    // The analysis' patch size (pipeline/frame_stages.cpp): at least 32 px and 2.2 periods.
    settings.patchSize = std::max(settings.patchSize, 8 * static_cast<int>(std::ceil(2.2 * out.period_px / 8.0)));
    settings.period_px = out.period_px;
    const int count = std::min(frames, std::min(movie->info().frameCount, masks->info().frameCount));
    for (int f = 0; f < count; ++f) {
        const cv::Mat frame = movie->readFrame(f), mask = masks->readFrame(f);
        PatchMap voted = classifyPatches(frame, settings);
        PatchMap learnt = voted;
        network.classify(frame, out.period_px, learnt);
        const long patches = long(voted.rows) * voted.cols;
        out.voting.patches += patches;
        out.network.patches += patches;
        out.voting.patchesAgreeing += agreeing(voted, mask);
        out.network.patchesAgreeing += agreeing(learnt, mask);
        out.votingQuality_dB.push_back(voted.frameQuality);
        out.networkHighQuality.push_back(learnt.frameHighQualityProbability);
        out.network.frames += 1;
        out.network.framesQualityRight +=
            (learnt.frameHighQualityProbability >= kNetworkHighQualityProbability) == out.highQuality ? 1 : 0;
    }
    const std::vector<bool> split = splitHighQuality(out.votingQuality_dB);
    for (bool high : split) {
        out.voting.frames += 1;
        out.voting.framesQualityRight += high == out.highQuality ? 1 : 0;
    }
    return out;
}

} // namespace hrtem
