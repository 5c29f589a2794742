#include "app/cli/arguments.h"


#include <cstdlib>

namespace hrtem::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                     const std::set<std::string>& flags)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0 || a == "--") {
            mPositionals.push_back(a);
            continue;
        }
        std::string name = a.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (valueOptions.count(name)) {
            if (!inlineValue && i + 1 >= args.size())
                throw UsageError("option --" + name + " needs a value");
            const std::string& v = inlineValue ? *inlineValue : args[++i];
            mValues[name] = v;
            mAllValues.emplace(name, v);
        } else if (flags.count(name) && !inlineValue) {
            mFlags.insert(name);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    const auto it = mValues.find(name);
    return it == mValues.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::vector<std::string> Arguments::values(const std::string& name) const
{
    std::vector<std::string> out;
    const auto [begin, end] = mAllValues.equal_range(name);
    for (auto it = begin; it != end; ++it)
        out.push_back(it->second);
    return out;
}

std::string Arguments::valueOr(const std::string& name, const std::string& fallback) const
{
    return value(name).value_or(fallback);
}

int Arguments::intValue(const std::string& name, int fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    char* end = nullptr;
    const long n = std::strtol(v->c_str(), &end, 10);
    if (end == v->c_str() || *end != '\0')
        throw UsageError("option --" + name + " expects a whole number, got '" + *v + "'");
    return static_cast<int>(n);
}

double Arguments::doubleValue(const std::string& name, double fallback) const
{
    const auto v = value(name);
    if (!v)
        return fallback;
    char* end = nullptr;
    const double d = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0')
        throw UsageError("option --" + name + " expects a number, got '" + *v + "'");
    return d;
}

} // namespace hrtem::cli
