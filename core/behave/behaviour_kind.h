#pragma once
// What a column does in a frame: the one vocabulary shared by the simulator's ground truth
// (core/sim/dynamics) and the analysis (behaviours.h), so truth and result name things alike.

namespace hrtem {

enum class Behaviour { Stable, Hopping, Adsorbed, Desorbed };
const char* behaviourName(Behaviour b); ///< "stable", "hopping", "adsorbed", "desorbed"

} // namespace hrtem
