#pragma once
// Training data that covers what a user's microscope varies (issue 20): every movie of the
// `train-mix-hq` / `train-mix-lq` presets draws its own conditions from its seed, so a set of
// seeds is a set of microscopes. Unpaired as in the paper: HQ and LQ movies share no specimen.
#include "core/sim/settings.h"

#include <cstdint>

namespace hrtem::sim {

/// The conditions of one training movie, drawn from `seed`:
///  - column polarity: dark (underfocus, +3 to +6 nm) or bright (overfocus under negative Cs,
///    -7 to -4.5 nm), half each; Cs -0.016 to -0.010 mm;
///  - pixel size 0.015-0.030 nm; detector blur 0.2-0.6 px;
///  - particle size x0.7-1.4, in-plane rotation ±30°, twin or not, 0-2 steps, placement;
///  - carbon support 1.5-6 nm thick;
///  - LQ: 3-30 counts/px (log-uniform) and motion blur 0-1.2 px; HQ: 150-400 counts/px, no blur.
SimulationSettings trainingMixture(bool lowQuality, std::uint64_t seed);

/// Whether `presetName` is one of the mixture's presets, and which half.
bool isTrainingMixture(const std::string& presetName, bool* lowQuality = nullptr);

} // namespace hrtem::sim
