#include "core/result/analysis_settings.h"

#include "core/behave/behaviours.h"
#include "core/track/tracking.h"
#include "core/relate/relations.h"

#include "core/io/atomic_file.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/result/setting_descriptions.h"

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>

namespace hrtem {

namespace {

/// The JSON value at `path` ("localization.threshold") in `object`, created when absent.
nlohmann::json& at(nlohmann::json& object, const std::string& path)
{
    nlohmann::json* node = &object;
    std::size_t begin = 0;
    for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', begin = dot + 1))
        node = &(*node)[path.substr(begin, dot - begin)];
    return (*node)[path.substr(begin)];
}

} // namespace

nlohmann::json toJson(const AnalysisSettings& s)
{
    nlohmann::json j = nlohmann::json::object();
    for (const SettingDescription& d : analysisSettingDescriptions())
        at(j, d.key) = d.get(s);
    return j;
}

AnalysisSettings analysisSettingsFromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw std::invalid_argument("analysis settings must be a JSON object");
    // Every key must be a described setting, so that a typo never passes silently.
    std::function<void(const nlohmann::json&, const std::string&)> checkKnown = [&](const nlohmann::json& object,
                                                                                    const std::string& where) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const std::string key = where + it.key();
            if (findSettingDescription(key) != nullptr)
                continue;
            bool group = false;
            for (const SettingDescription& d : analysisSettingDescriptions())
                group = group || d.key.rfind(key + ".", 0) == 0;
            if (!group)
                throw std::invalid_argument("unknown setting '" + key + "'");
            if (!it.value().is_object())
                throw std::invalid_argument("'" + key + "' must be a JSON object");
            checkKnown(it.value(), key + ".");
        }
    };
    checkKnown(j, "");
    AnalysisSettings s;
    for (const SettingDescription& d : analysisSettingDescriptions()) {
        const nlohmann::json::json_pointer pointer("/" + [&] {
            std::string path = d.key;
            for (char& c : path)
                c = c == '.' ? '/' : c;
            return path;
        }());
        if (!j.contains(pointer))
            continue;
        const nlohmann::json& value = j.at(pointer);
        validateSetting(d, value);
        d.set(s, value);
    }
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
