#pragma once
// Mathematical constants used across the engine, in one place (std::numbers needs C++20).

namespace hrtem {

inline constexpr double kPi = 3.14159265358979323846;

} // namespace hrtem
