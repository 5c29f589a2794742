#pragma once
// Geometry of a face-centred cubic crystal seen along [110], the projection the method is
// built around (and the simulator renders): each column has four short bonds and two long
// [1-10] bonds.

namespace hrtem::fcc110 {

/// Half the angle between the two short-bond directions: atan(√2) = 54.7356°, the angle of
/// each short bond from the long [1-10] bond.
constexpr double kShortFromLong_deg = 54.735610317245346;
/// The long bond over the short one: 2/√3.
constexpr double kLongOverShort = 1.1547005383792515;

} // namespace hrtem::fcc110
