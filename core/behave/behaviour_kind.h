#pragma once
// What a column does in a frame: the one vocabulary shared by the simulator's ground truth
// (core/sim/dynamics) and the analysis (behaviours.h), so truth and result name things alike.

namespace hrtem {

enum class Behaviour { Stable, Hopping, Adsorbed, Desorbed };
const char* behaviourName(Behaviour b); ///< "stable", "hopping", "adsorbed", "desorbed"

/// One label for a whole track from its per-frame labels, consistent with its events: adsorbed
/// if it arrived on the surface during the movie, else desorbed if it left, else hopping if it
/// changed site at least once, else stable. (The label of most frames would call a column that
/// hopped 8 times "stable": a hop lasts one frame.)
template <class Labels>
Behaviour trackBehaviour(const Labels& perFrame)
{
    bool hopped = false, desorbed = false;
    for (Behaviour b : perFrame) {
        if (b == Behaviour::Adsorbed)
            return Behaviour::Adsorbed;
        desorbed = desorbed || b == Behaviour::Desorbed;
        hopped = hopped || b == Behaviour::Hopping;
    }
    return desorbed ? Behaviour::Desorbed : hopped ? Behaviour::Hopping : Behaviour::Stable;
}

} // namespace hrtem
