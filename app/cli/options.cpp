#include "app/cli/options.h"

#include "core/util/text.h"

namespace hrtem::cli {

std::string optionsUsage(const std::vector<OptionHelp>& options)
{
    std::string out;
    for (const OptionHelp& o : options)
        out += hangingIndent("  --" + o.name + (o.value.empty() ? "" : " " + o.value), o.help + " (default: " + o.byDefault + ")");
    return out;
}

std::set<std::string> valueOptionNames(const std::vector<OptionHelp>& options)
{
    std::set<std::string> names;
    for (const OptionHelp& o : options)
        if (!o.value.empty())
            names.insert(o.name);
    return names;
}

std::set<std::string> switchNames(const std::vector<OptionHelp>& options)
{
    std::set<std::string> names;
    for (const OptionHelp& o : options)
        if (o.value.empty())
            names.insert(o.name);
    return names;
}

Arguments parseOptions(const std::vector<std::string>& args, const std::vector<OptionHelp>& options)
{
    return Arguments(args, valueOptionNames(options), switchNames(options));
}

} // namespace hrtem::cli
