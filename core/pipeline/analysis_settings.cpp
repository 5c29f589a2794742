#include "core/pipeline/analysis_settings.h"

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

void rejectUnknownKeys(const nlohmann::json& j, const std::set<std::string>& known, const std::string& where)
{
    for (auto it = j.begin(); it != j.end(); ++it)
        if (known.count(it.key()) == 0)
            throw std::invalid_argument("unknown setting '" + where + it.key() + "'");
}

template <typename T>
void readIfPresent(const nlohmann::json& j, const char* key, T& value)
{
    if (j.contains(key))
        value = j.at(key).get<T>();
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
    };
}

AnalysisSettings analysisSettingsFromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("analysis settings must be a JSON object");
    rejectUnknownKeys(j, {"restore", "gan_weights", "device", "first_frame", "end_frame", "threads", "classify_patches", "patch_size",
                          "localization", "bond_cut", "max_gap", "require_lattice"}, "");
    AnalysisSettings s;
    readIfPresent(j, "restore", s.restore);
    readIfPresent(j, "gan_weights", s.ganWeights);
    readIfPresent(j, "device", s.device);
    readIfPresent(j, "first_frame", s.firstFrame);
    readIfPresent(j, "end_frame", s.endFrame);
    readIfPresent(j, "threads", s.threads);
    readIfPresent(j, "classify_patches", s.classifyPatches);
    readIfPresent(j, "patch_size", s.patchSize);
    readIfPresent(j, "bond_cut", s.bondCut);
    readIfPresent(j, "require_lattice", s.requireLattice);
    readIfPresent(j, "max_gap", s.maxGap);
    if (j.contains("localization")) {
        const nlohmann::json& l = j.at("localization");
        rejectUnknownKeys(l, {"polarity", "period_px", "threshold", "crystal_only", "fit_passes", "lattice_fill",
                              "fill_threshold", "reversed_contrast"}, "localization.");
        LocalizationSettings& o = s.localization;
        if (l.contains("polarity"))
            o.polarity = polarityFromName(l.at("polarity").get<std::string>());
        readIfPresent(l, "period_px", o.period_px);
        readIfPresent(l, "threshold", o.threshold);
        readIfPresent(l, "crystal_only", o.crystalOnly);
        readIfPresent(l, "fit_passes", o.fitPasses);
        readIfPresent(l, "lattice_fill", o.latticeFill);
        readIfPresent(l, "reversed_contrast", o.reversedContrast);
        readIfPresent(l, "fill_threshold", o.fillThreshold);
    }
    if (s.patchSize < 8)
        throw std::invalid_argument("patch_size must be at least 8 px");
    if (s.bondCut < 1.0 || s.bondCut > 2.0)
        throw std::invalid_argument("bond_cut must be between 1 and 2 nearest-neighbour spacings");
    if (s.maxGap < 0 || s.maxGap > 50)
        throw std::invalid_argument("max_gap must be between 0 and 50 frames");
    return s;
}

} // namespace hrtem
