#include "core/behave/behaviour_kind.h"

namespace hrtem {

const char* behaviourName(Behaviour b)
{
    switch (b) {
    case Behaviour::Stable: return "stable";
    case Behaviour::Hopping: return "hopping";
    case Behaviour::Adsorbed: return "adsorbed";
    case Behaviour::Desorbed: return "desorbed";
    }
    return "stable";
}

} // namespace hrtem
