#pragma once
#include <optional>
#include <string>

namespace hrtem {

/// Metres per unit for a length unit as files write it ("nm", "Å", "A", "um", "µm", "micron",
/// "pm", "mm", "m"); nullopt when the text is not a length unit.
std::optional<double> metresPerUnit(const std::string& unit);

/// Seconds per unit for a time unit ("s", "sec", "ms", "µs", "us", "ns", "min"); nullopt otherwise.
std::optional<double> secondsPerUnit(const std::string& unit);

/// Expresses a length in the unit that reads best for microscopy (pm, nm, µm, mm).
/// Returns the value in that unit and sets `unitOut`.
double readableLength(double metres, std::string& unitOut);

/// Largest "nice" number (1, 2 or 5 times a power of ten) not above `limit` (> 0).
double niceNumberBelow(double limit);

/// Formats a number with `significant` significant digits, without trailing zeros.
std::string formatNumber(double value, int significant = 6);

} // namespace hrtem
