#include "app/cli/options.h"

#include <sstream>

namespace hrtem::cli {

std::string optionLine(const std::string& head, const std::string& text)
{
    constexpr std::size_t kIndent = 30, kWidth = 100;
    std::string line = head.size() + 1 < kIndent ? head + std::string(kIndent - head.size(), ' ') : head + "\n" + std::string(kIndent, ' ');
    std::size_t column = kIndent;
    std::istringstream words(text);
    std::string word;
    bool first = true;
    while (words >> word) {
        if (!first && column + 1 + word.size() > kWidth) {
            line += "\n" + std::string(kIndent, ' ');
            column = kIndent;
        } else if (!first) {
            line += ' ';
            ++column;
        }
        line += word;
        column += word.size();
        first = false;
    }
    return line + "\n";
}

std::string optionsUsage(const std::vector<OptionHelp>& options)
{
    std::string out;
    for (const OptionHelp& o : options)
        out += optionLine("  --" + o.name + (o.value.empty() ? "" : " " + o.value), o.help + " (default: " + o.byDefault + ")");
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
