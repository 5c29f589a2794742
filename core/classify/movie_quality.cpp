#include "core/classify/movie_quality.h"

#include "core/classify/patch_classifier.h"
#include "core/io/stack.h"
#include "core/locate/lattice_scale.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

MovieQuality scoreMovieQuality(StackReader& stack, int patchSize, const Progress& progress)
{
    MovieQuality out;
    const int frames = stack.info().frameCount;
    out.quality_dB.assign(frames, 0.0);
    out.suggestedThreshold_dB = kHighQualityDb;
    if (frames == 0)
        return out;
    out.period_px = estimateLatticePeriod(stack.readFrame(0)).period_px;
    // The patch size the analysis uses for this period (frame_stages.cpp).
    PatchSettings settings;
    settings.patchSize = std::max(patchSize, 8 * static_cast<int>(std::ceil(2.2 * out.period_px / 8.0)));
    settings.period_px = out.period_px;
    if (!(out.period_px > 2.0) || stack.info().width < settings.patchSize || stack.info().height < settings.patchSize)
        return out;
    for (int f = 0; f < frames; ++f) {
        throwIfCancelled(progress);
        out.quality_dB[f] = classifyPatches(stack.readFrame(f), settings).frameQuality;
        progress.report("quality", double(f + 1) / frames);
    }
    // The threshold between the groups splitHighQuality finds, when it finds two.
    const std::vector<bool> high = splitHighQuality(out.quality_dB);
    double lowestHigh = HUGE_VAL, highestLow = -HUGE_VAL;
    for (int f = 0; f < frames; ++f) {
        if (high[f])
            lowestHigh = std::min(lowestHigh, out.quality_dB[f]);
        else
            highestLow = std::max(highestLow, out.quality_dB[f]);
    }
    if (std::isfinite(lowestHigh) && std::isfinite(highestLow))
        out.suggestedThreshold_dB = 0.5 * (lowestHigh + highestLow);
    return out;
}

} // namespace hrtem
