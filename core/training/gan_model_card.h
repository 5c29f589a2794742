#pragma once
// The model card written beside weights trained in HRTEM Studio (WEIGHTS.md next to
// WEIGHTS.safetensors), in the form of the shipped cards (models/weights/*.md): what the network
// is, what it learnt from, how long on what, how it ended, the last losses, and the files' SHA-256.
// Whoever picks the weights up later (a colleague, a reviewer, the user a year on) reads there
// what they are without opening the program.
#include "core/training/gan_training.h"

#include <string>

namespace hrtem {

/// WEIGHTS.md beside WEIGHTS.safetensors (or WEIGHTS + ".md" for another name).
std::string ganModelCardPath(const std::string& weights);

/// Writes the card of a finished (or stopped) run; `firstStep` is where this run began (a
/// resumed run's checkpoint step). Returns the card's path. Throws hrtem::IoError when it
/// cannot be written.
std::string writeGanModelCard(const GanTrainingSettings& settings, const GanTrainingSummary& summary, int hqFrames, int lqFrames,
                              int firstStep);

} // namespace hrtem
