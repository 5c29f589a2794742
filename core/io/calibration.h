#pragma once
#include <string>
#include <utility>

namespace hrtem {

/// Calibration of one axis: physical = offset + index * scale.
/// Index 0 is the centre of the first pixel (ARCHITECTURE.md: pixel (0,0) is the top-left
/// pixel's centre). DigitalMicrograph stores an origin in pixels instead; originPixels() gives it.
struct AxisCalibration {
    AxisCalibration() = default;
    explicit AxisCalibration(std::string axisName, double axisScale = 1.0, double axisOffset = 0.0,
                             std::string axisUnits = {})
        : name(std::move(axisName)), scale(axisScale), offset(axisOffset), units(std::move(axisUnits))
    {
    }

    std::string name;   ///< "x", "y", "t", "z" or a name the file gives
    double scale = 1.0; ///< physical units per pixel (per frame for the frame axis)
    double offset = 0.0;
    std::string units;  ///< UTF-8 ("nm", "µm", "1/nm", "s"); empty when the file has none

    bool hasUnits() const { return !units.empty(); }
    double toPhysical(double index) const { return offset + index * scale; }
    double originPixels() const { return scale != 0.0 ? -offset / scale : 0.0; }
};

} // namespace hrtem
