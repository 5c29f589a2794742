#include "core/result/analysis_settings.h"

#include "core/behave/behaviours.h"
#include "core/track/tracking.h"
#include "core/relate/relations.h"

#include "core/export/atomic_file.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/util/settings_reader.h"

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>

namespace hrtem {

namespace {

const char* polarityName(LocalizationSettings::Polarity p)
{
    switch (p) {
    case LocalizationSettings::Polarity::Dark: return "dark";
    case LocalizationSettings::Polarity::Bright: return "bright";
    default: return "auto";
    }
}

LocalizationSettings::Polarity polarityFromName(const std::string& name)
{
    if (name == "auto")
        return LocalizationSettings::Polarity::Auto;
    if (name == "dark")
        return LocalizationSettings::Polarity::Dark;
    if (name == "bright")
        return LocalizationSettings::Polarity::Bright;
    throw std::invalid_argument("localization.polarity must be auto, dark or bright, not '" + name + "'");
}

} // namespace

nlohmann::json toJson(const AnalysisSettings& s)
{
    const LocalizationSettings& l = s.localization;
    return {
        {"restore", s.restore},
        {"gan_weights", s.ganWeights},
        {"device", s.device},
        {"first_frame", s.firstFrame},
        {"end_frame", s.endFrame},
        {"threads", s.threads},
        {"classify_patches", s.classifyPatches},
        {"patch_size", s.patchSize},
        {"localization",
         {{"polarity", polarityName(l.polarity)},
          {"period_px", l.period_px},
          {"threshold", l.threshold},
          {"crystal_only", l.crystalOnly},
          {"fit_passes", l.fitPasses},
          {"lattice_fill", l.latticeFill},
          {"reversed_contrast", l.reversedContrast},
          {"fill_threshold", l.fillThreshold}}},
        {"bond_cut", s.bondCut},
        {"max_gap", s.maxGap},
        {"require_lattice", s.requireLattice},
        {"structure", s.structure},
    };
}

AnalysisSettings analysisSettingsFromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("analysis settings must be a JSON object");
    AnalysisSettings s;
    SettingsReader in(j);
    in.read("restore", s.restore).read("gan_weights", s.ganWeights).read("device", s.device);
    in.read("first_frame", s.firstFrame).read("end_frame", s.endFrame).read("threads", s.threads);
    in.read("classify_patches", s.classifyPatches).read("patch_size", s.patchSize);
    in.read("bond_cut", s.bondCut).read("require_lattice", s.requireLattice).read("max_gap", s.maxGap);
    in.read("structure", s.structure);
    if (in.has("localization")) {
        SettingsReader l(in.at("localization"), in.pathOf("localization"));
        LocalizationSettings& o = s.localization;
        if (l.has("polarity"))
            o.polarity = polarityFromName(l.at("polarity").get<std::string>());
        l.read("period_px", o.period_px).read("threshold", o.threshold).read("crystal_only", o.crystalOnly);
        l.read("fit_passes", o.fitPasses).read("lattice_fill", o.latticeFill);
        l.read("reversed_contrast", o.reversedContrast).read("fill_threshold", o.fillThreshold);
        l.finish();
    }
    in.finish();
    if (s.patchSize < 8)
        throw std::invalid_argument("patch_size must be at least 8 px");
    if (s.bondCut < 1.0 || s.bondCut > 2.0)
        throw std::invalid_argument("bond_cut must be between 1 and 2 nearest-neighbour spacings");
    if (s.maxGap < 0 || s.maxGap > 50)
        throw std::invalid_argument("max_gap must be between 0 and 50 frames");
    parseStructure(s.structure); // throws std::invalid_argument naming the problem
    return s;
}

AnalysisSettings readAnalysisSettingsFile(const std::string& path)
{
    nlohmann::json json = readJsonFile(path);
    // A summary.json of an earlier run holds its settings under "settings".
    if (json.is_object() && json.contains("settings") && json["settings"].is_object())
        json = json["settings"];
    try {
        return analysisSettingsFromJson(json);
    } catch (const nlohmann::json::exception& e) {
        throw IoError(path, std::string("has a setting of the wrong type: ") + e.what());
    } catch (const std::invalid_argument& e) {
        throw IoError(path, e.what());
    }
}

void writeAnalysisSettingsFile(const AnalysisSettings& settings, const std::string& path)
{
    writeFileAtomically(path, toJson(settings).dump(2) + "\n");
}

TrackingSettings trackingSettings(const AnalysisSettings& settings, double nearestNeighbour_px)
{
    TrackingSettings ts;
    ts.nearestNeighbour_px = nearestNeighbour_px;
    ts.maxGap = settings.maxGap;
    return ts;
}

BehaviourSettings behaviourSettings(const AnalysisSettings&)
{
    return {};
}

RelationSettings relationSettings(const AnalysisSettings& settings, int width, int height, double pixel_nm)
{
    RelationSettings rs;
    rs.bondCut = settings.bondCut;
    rs.frameWidth = width;
    rs.frameHeight = height;
    rs.pixel_nm = pixel_nm;
    rs.structure = parseStructure(settings.structure);
    return rs;
}

} // namespace hrtem
