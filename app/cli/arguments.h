#pragma once
// Minimal command-line parsing for `hrtem`: a command, positionals, `--name value` options and
// `--flag` switches. Unknown options are errors, so typos never pass silently.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace hrtem::cli {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Arguments {
public:
    /// `valueOptions` take a value, `flags` do not; anything else starting with -- is an error.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
              const std::set<std::string>& flags);

    const std::vector<std::string>& positionals() const { return mPositionals; }
    bool flag(const std::string& name) const { return mFlags.count(name) > 0; }
    /// The last value given for `name` (an option given twice: the second wins).
    std::optional<std::string> value(const std::string& name) const;
    /// Every value given for `name`, in order: an option that may be repeated.
    std::vector<std::string> values(const std::string& name) const;
    std::string valueOr(const std::string& name, const std::string& fallback) const;
    int intValue(const std::string& name, int fallback) const;
    double doubleValue(const std::string& name, double fallback) const;

private:
    std::vector<std::string> mPositionals;
    std::set<std::string> mFlags;
    std::map<std::string, std::string> mValues;
    std::multimap<std::string, std::string> mAllValues;
};

} // namespace hrtem::cli
