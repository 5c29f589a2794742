#include "core/io/stack_report.h"

#include "core/util/units.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace hrtem {

namespace {

std::string axisText(const AxisCalibration& a)
{
    if (!a.hasUnits() && a.scale == 1.0 && a.offset == 0.0)
        return "uncalibrated";
    std::string s = formatNumber(a.scale, 8) + " " + (a.hasUnits() ? a.units : "(no unit)") + " per step";
    if (a.offset != 0.0)
        s += ", offset " + formatNumber(a.offset, 8) + " (origin " + formatNumber(a.originPixels(), 8) + " px)";
    return s;
}

nlohmann::json axisJson(const AxisCalibration& a)
{
    return {{"name", a.name}, {"scale", a.scale}, {"offset", a.offset}, {"origin_px", a.originPixels()}, {"units", a.units}};
}

std::string dims(const std::vector<std::uint64_t>& d)
{
    std::string s;
    for (std::size_t i = 0; i < d.size(); ++i)
        s += (i ? " x " : "") + std::to_string(d[i]);
    return s;
}

} // namespace

std::string stackReportText(const StackInfo& info, bool allMetadata)
{
    std::ostringstream out;
    out << "File:           " << info.path << "\n";
    out << "Format:         " << info.format << (info.formatDetail.empty() ? "" : " (" + info.formatDetail + ")") << "\n";
    if (!info.imageName.empty())
        out << "Image:          " << info.imageName << " (entry " << info.imageIndex << ")\n";
    out << "Frames:         " << info.frameCount << "\n";
    out << "Size:           " << info.width << " x " << info.height << " px\n";
    out << "Pixel type:     " << pixelTypeName(info.pixelType) << "\n";
    out << "Calibration x:  " << axisText(info.x) << "\n";
    out << "Calibration y:  " << axisText(info.y) << "\n";
    out << "Frame axis:     " << info.frames.name << ", " << axisText(info.frames) << "\n";
    out << "Frame interval: "
        << (info.frameInterval_s ? formatNumber(*info.frameInterval_s) + " s" : std::string("unknown")) << "\n";
    if (info.intensity.hasUnits() || info.intensity.scale != 1.0 || info.intensity.offset != 0.0)
        out << "Intensity:      " << axisText(info.intensity) << "\n";
    if (info.imagesInFile.size() > 1) {
        out << "Images in file:\n";
        for (const ImageEntry& e : info.imagesInFile)
            out << "  [" << e.index << "] " << kindName(e.kind) << ", " << dims(e.dimensions) << " " << e.pixelType
                << (e.name.empty() ? "" : ", \"" + e.name + "\"") << (e.note.empty() ? "" : " - " + e.note)
                << (e.index == info.imageIndex ? "  <- opened" : "") << "\n";
    }
    for (const std::string& note : info.notes)
        out << "Note:           " << note << "\n";
    if (!info.metadata.empty()) {
        out << "Metadata:\n";
        std::size_t shown = 0;
        for (const auto& [key, value] : info.metadata) {
            // Without --all, the summary keys (no dotted path) and a few more are enough.
            if (!allMetadata && key.find('.') != std::string::npos && shown >= 12)
                continue;
            out << "  " << key << " = " << value << "\n";
            ++shown;
        }
        if (!allMetadata && shown < info.metadata.size())
            out << "  ... " << info.metadata.size() - shown << " more (use --all)\n";
    }
    return out.str();
}

nlohmann::json stackReportJson(const StackInfo& info)
{
    nlohmann::json j;
    j["path"] = info.path;
    j["format"] = info.format;
    j["format_detail"] = info.formatDetail;
    j["image_name"] = info.imageName;
    j["image_index"] = info.imageIndex;
    j["frames"] = info.frameCount;
    j["width"] = info.width;
    j["height"] = info.height;
    j["pixel_type"] = pixelTypeName(info.pixelType);
    j["axes"] = {axisJson(info.x), axisJson(info.y), axisJson(info.frames)};
    j["frame_interval_s"] = info.frameInterval_s ? nlohmann::json(*info.frameInterval_s) : nlohmann::json(nullptr);
    j["intensity"] = axisJson(info.intensity);
    nlohmann::json images = nlohmann::json::array();
    for (const ImageEntry& e : info.imagesInFile)
        images.push_back({{"index", e.index}, {"name", e.name}, {"kind", kindName(e.kind)}, {"dimensions", e.dimensions},
                          {"pixel_type", e.pixelType}, {"note", e.note}});
    j["images_in_file"] = images;
    j["notes"] = info.notes;
    nlohmann::json meta = nlohmann::json::object();
    for (const auto& [key, value] : info.metadata)
        meta[key] = value;
    j["metadata"] = meta;
    return j;
}

} // namespace hrtem
