#pragma once
// Where the networks shipped with HRTEM Studio are: $HRTEM_WEIGHTS_DIR, the installed share
// folder next to the executable, then the source tree (when the program runs uninstalled).
#include <string>

namespace hrtem {

/// The path of the shipped weights file `fileName` (e.g. "hrtem_gan_cpu.safetensors"), or empty
/// when it is in none of the places looked in.
std::string findShippedWeights(const std::string& fileName);

/// The weights file a network loads: `given`, or when it is empty `shipped` (a findShippedWeights
/// result). Throws std::runtime_error when neither is there ("no <what> weights given and the
/// shipped ones were not found") and IoError naming a given file that does not exist.
std::string requireWeightsFile(const std::string& given, const std::string& shipped, const std::string& what);

} // namespace hrtem
