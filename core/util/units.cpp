#include "core/util/units.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace hrtem {

std::optional<double> metresPerUnit(const std::string& unit)
{
    if (unit == "m")
        return 1.0;
    if (unit == "mm")
        return 1e-3;
    if (unit == "µm" || unit == "\u03bcm" || unit == "um" || unit == "micron" || unit == "microns")
        return 1e-6;
    if (unit == "nm")
        return 1e-9;
    if (unit == "Å" || unit == "A" || unit == "Ang" || unit == "angstrom")
        return 1e-10;
    if (unit == "pm")
        return 1e-12;
    return std::nullopt;
}

std::optional<double> secondsPerUnit(const std::string& unit)
{
    if (unit == "s" || unit == "sec" || unit == "second" || unit == "seconds")
        return 1.0;
    if (unit == "ms" || unit == "msec")
        return 1e-3;
    if (unit == "µs" || unit == "\u03bcs" || unit == "us")
        return 1e-6;
    if (unit == "ns")
        return 1e-9;
    if (unit == "min")
        return 60.0;
    return std::nullopt;
}

double readableLength(double metres, std::string& unitOut)
{
    const double a = std::fabs(metres);
    if (a >= 1e-3) {
        unitOut = "mm";
        return metres / 1e-3;
    }
    if (a >= 1e-6) {
        unitOut = "µm";
        return metres / 1e-6;
    }
    if (a >= 1e-10 || a == 0.0) {
        unitOut = "nm";
        return metres / 1e-9;
    }
    unitOut = "pm";
    return metres / 1e-12;
}

double niceNumberBelow(double limit)
{
    if (!(limit > 0.0) || !std::isfinite(limit))
        return 0.0;
    const double decade = std::pow(10.0, std::floor(std::log10(limit)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * decade <= limit * (1.0 + 1e-12))
            return m * decade;
    return decade;
}

std::string formatNumber(double value, int significant)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", significant, value);
    return buffer;
}

} // namespace hrtem
