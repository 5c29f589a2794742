#pragma once
// Every frame's quality score as the analysis computes it (the lattice signal of the crystal
// patches over the shot-noise floor, dB; patch_classifier.h), without running the analysis: what
// the window plots to mark frames high or low quality for training (issue 31).
#include "core/util/progress.h"

#include <vector>

namespace hrtem {

class StackReader;

struct MovieQuality {
    double period_px = 0.0;        ///< lattice period of the first frame (0: none found)
    std::vector<double> quality_dB; ///< per frame; all 0 when there is no lattice
    double suggestedThreshold_dB = 0.0; ///< between the two groups (splitHighQuality), or the absolute rule
};

/// Scores every frame of `stack` (the period from its first frame, patches of at least
/// `patchSize` px and 2.2 periods). Throws hrtem::Cancelled when `progress` says so.
MovieQuality scoreMovieQuality(StackReader& stack, int patchSize = 32, const Progress& progress = {});

} // namespace hrtem
