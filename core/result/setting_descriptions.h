#pragma once
// Every setting of an analysis run described once: its key in the settings JSON, the stage it
// belongs to, its type, default, range, unit and what it does. The settings file reader and
// writer (analysis_settings.h), `hrtem analyze`'s flags and its --help, the window's analysis
// panel (its editors, labels and tooltips) and the equivalent command line all come from this
// list (TrackMate's settings that own their defaults, validation and marshalling). A new
// setting is one more entry in setting_descriptions.cpp and a field in AnalysisSettings.
#include "core/result/analysis_settings.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace hrtem {

struct SettingDescription {
    /// Structure: a crystal model name with optional lattice constants ("fcc:0.4078", relate/crystal_models.h).
    enum class Type { Integer, Real, Flag, Choice, Text, Path, Structure };
    struct Choice {
        std::string value, label;
    };

    std::string key;      ///< path in the settings JSON: "bond_cut", "localization.threshold"
    std::string stage;    ///< the panel's group: "Frames", "Restoration", "Localization", ...
    Type type = Type::Text;
    std::string flag;     ///< `hrtem analyze --flag VALUE`, without the dashes
    std::string title;    ///< the panel's label ("Detection threshold")
    std::string help;     ///< what it does: the panel's tooltip and the CLI's --help
    std::string unit;     ///< "px", "σ", "frames", ... ("" for none)
    double minimum = 0.0, maximum = 0.0; ///< Integer and Real: the accepted range
    double step = 1.0;
    int decimals = 0;     ///< Real: digits shown
    /// Integer and Real: what the minimum means when it is special ("automatic", "all ...").
    std::string specialValueText;
    std::vector<Choice> choices; ///< Choice: the values accepted, with their labels
    std::string emptyMeaning;    ///< Text and Path: what an empty value stands for ("the shipped weights")
    std::string fileFilter;      ///< Path: the file types offered ("Safetensors weights (*.safetensors)")
    /// "key=value": the setting only acts when that other setting has that value (the panel greys it).
    std::string enabledWhen;

    /// The setting's value in `settings`, as the JSON holds it.
    std::function<nlohmann::json(const AnalysisSettings&)> get;
    /// Stores `value` (of the JSON type get() gives) into `settings`; no range check.
    std::function<void(AnalysisSettings&, const nlohmann::json&)> set;

    nlohmann::json defaultValue() const { return get(AnalysisSettings{}); }
};

/// The analysis settings, in the order the panel shows them.
const std::vector<SettingDescription>& analysisSettingDescriptions();
/// The description of `key` (JSON path), or null.
const SettingDescription* findSettingDescription(const std::string& key);

/// Throws std::invalid_argument naming the key when `value` has the wrong JSON type, lies
/// outside the range, is not one of the choices or is not a structure parseStructure reads.
void validateSetting(const SettingDescription& setting, const nlohmann::json& value);
/// `text` (a command-line argument) as the setting's JSON value: numbers, yes/no/true/false/on/off/1/0
/// for flags, text otherwise; validated. Throws std::invalid_argument naming the flag.
nlohmann::json settingValueFromText(const SettingDescription& setting, const std::string& text);
/// The value as a command line writes it ("1.35", "yes", "gan").
std::string settingValueText(const nlohmann::json& value);

/// `hrtem analyze`'s help for every setting: flag, value, what it does, default and unit.
std::string analysisSettingsUsage();

} // namespace hrtem
