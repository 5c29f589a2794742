#pragma once
// The one way settings are read from JSON (analysis, simulation, patch classification): keys
// present are read into their fields, keys missing keep the defaults, and a key that no field
// asked for is an error naming it with its path ("unknown setting 'localization.treshold'"), so
// a typo in a settings file never passes silently.
#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>
#include <string>

namespace hrtem {

class SettingsReader {
public:
    /// `where`: the path of `object` for messages ("" at the top, "specimen." inside one).
    /// Throws std::invalid_argument when `object` is not a JSON object.
    explicit SettingsReader(const nlohmann::json& object, std::string where = {}) : mObject(object), mWhere(std::move(where))
    {
        if (!mObject.is_object())
            throw std::invalid_argument((mWhere.empty() ? std::string("settings") : "'" + mWhere.substr(0, mWhere.size() - 1) + "'")
                                        + " must be a JSON object");
    }
    ~SettingsReader() = default;
    SettingsReader(const SettingsReader&) = delete;
    SettingsReader& operator=(const SettingsReader&) = delete;

    /// Reads `key` into `value` if present (nlohmann's type checks apply).
    template <typename T>
    SettingsReader& read(const char* key, T& value)
    {
        mKnown.insert(key);
        if (mObject.contains(key))
            value = mObject.at(key).template get<T>();
        return *this;
    }
    /// Whether `key` is present; marks it known (for values read by hand, e.g. names).
    bool has(const char* key)
    {
        mKnown.insert(key);
        return mObject.contains(key);
    }
    const nlohmann::json& at(const char* key) const { return mObject.at(key); }
    /// The path of a nested object, for its own reader.
    std::string pathOf(const char* key) const { return mWhere + key + "."; }

    /// Throws std::invalid_argument naming the first key no read() or has() asked for.
    void finish() const
    {
        for (auto it = mObject.begin(); it != mObject.end(); ++it)
            if (mKnown.count(it.key()) == 0)
                throw std::invalid_argument("unknown setting '" + mWhere + it.key() + "'");
    }

private:
    const nlohmann::json& mObject;
    std::string mWhere;
    std::set<std::string> mKnown;
};

} // namespace hrtem
