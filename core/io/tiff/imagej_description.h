#pragma once
// The ImageJ "ImageDescription" block: `key=value` lines that carry the stack layout and the
// calibration unit (pixel sizes themselves are in XResolution/YResolution as pixels per unit).
#include <map>
#include <optional>
#include <string>

namespace hrtem {

struct ImageJDescription {
    bool present = false;  ///< the text starts with "ImageJ="
    int images = 0;
    int channels = 1;
    int slices = 1;
    int frames = 1;
    std::string unit;      ///< normalised: "micron"/"um"/"\u00B5m" -> "µm"
    std::optional<double> spacing;   ///< z step, in `unit`
    std::optional<double> finterval; ///< frame interval, in `timeUnit`
    std::string timeUnit = "s";
    std::optional<double> xOrigin;   ///< pixels
    std::optional<double> yOrigin;
    std::map<std::string, std::string> entries; ///< every key as written
};

ImageJDescription parseImageJDescription(const std::string& text);

/// ImageJ descriptions are ASCII: other characters are written as \uXXXX escapes.
std::string encodeImageJText(const std::string& utf8);
std::string decodeImageJText(const std::string& ascii);
/// ImageJ writes non-ASCII as \uXXXX; it also has its own names for µm.
std::string normaliseImageJUnit(const std::string& unit);
/// The inverse, for writing: ASCII that ImageJ reads back as the same unit.
std::string imageJUnitText(const std::string& unit);

} // namespace hrtem
