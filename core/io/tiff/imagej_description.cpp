#include "core/io/tiff/imagej_description.h"

#include "core/util/text.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace hrtem {

std::string decodeImageJText(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 5 < s.size() && (s[i + 1] == 'u' || s[i + 1] == 'U')) {
            char* end = nullptr;
            const std::string hex = s.substr(i + 2, 4);
            const long cp = std::strtol(hex.c_str(), &end, 16);
            if (end == hex.c_str() + 4) {
                out += utf16ToUtf8(std::u16string(1, static_cast<char16_t>(cp)));
                i += 5;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

namespace {

std::optional<double> number(const std::map<std::string, std::string>& m, const char* key)
{
    const auto it = m.find(key);
    if (it == m.end())
        return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str())
        return std::nullopt;
    return v;
}

} // namespace

std::string normaliseImageJUnit(const std::string& unit)
{
    const std::string u = decodeImageJText(trim(unit));
    if (u == "micron" || u == "microns" || u == "um" || u == "\u03bcm" || u == "µm")
        return "µm";
    if (u == "A" || u == "Angstrom" || u == "angstrom")
        return "Å";
    if (u == "pixel" || u == "pixels")
        return "";
    return u;
}

std::string encodeImageJText(const std::string& utf8)
{
    std::string out;
    for (char32_t cp : utf8ToCodePoints(utf8)) {
        if (cp < 0x80 && cp != '\n' && cp != '\r') {
            out += static_cast<char>(cp);
        } else {
            char buffer[12];
            std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(cp & 0xFFFF));
            out += buffer;
        }
    }
    return out;
}

std::string imageJUnitText(const std::string& unit)
{
    if (unit == "µm" || unit == "\u03bcm")
        return "micron";
    return encodeImageJText(unit);
}

ImageJDescription parseImageJDescription(const std::string& text)
{
    ImageJDescription d;
    if (text.rfind("ImageJ=", 0) != 0)
        return d;
    d.present = true;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        d.entries[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    auto count = [&](const char* key, int fallback) {
        const auto v = number(d.entries, key);
        return v && *v >= 1 && *v < 2.0e9 ? static_cast<int>(*v) : fallback;
    };
    d.images = count("images", 0);
    d.channels = count("channels", 1);
    d.slices = count("slices", 1);
    d.frames = count("frames", 1);
    if (auto it = d.entries.find("unit"); it != d.entries.end())
        d.unit = normaliseImageJUnit(it->second);
    d.spacing = number(d.entries, "spacing");
    d.finterval = number(d.entries, "finterval");
    if (auto it = d.entries.find("tunit"); it != d.entries.end())
        d.timeUnit = decodeImageJText(it->second) == "sec" ? "s" : decodeImageJText(it->second);
    d.xOrigin = number(d.entries, "xorigin");
    d.yOrigin = number(d.entries, "yorigin");
    return d;
}

} // namespace hrtem
