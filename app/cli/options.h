#pragma once
// A command's options described once: the parser accepts exactly these (Arguments), and the
// usage lists each with its value, what it does and its default, so `hrtem COMMAND --help`
// never misses an option or a default.
#include "app/cli/arguments.h"

#include <set>
#include <string>
#include <vector>

namespace hrtem::cli {

struct OptionHelp {
    std::string name;      ///< without the dashes
    std::string value;     ///< "N", "FILE", ...; empty for a switch
    std::string help;
    std::string byDefault; ///< what holds without the option ("off" for a switch)
};

/// One line per option, wrapped at 100 columns: "  --name VALUE   help (default: ...)".
std::string optionsUsage(const std::vector<OptionHelp>& options);
/// The option names that take a value, and the switches, for Arguments.
std::set<std::string> valueOptionNames(const std::vector<OptionHelp>& options);
std::set<std::string> switchNames(const std::vector<OptionHelp>& options);
/// Arguments parsed with exactly `options`.
Arguments parseOptions(const std::vector<std::string>& args, const std::vector<OptionHelp>& options);

} // namespace hrtem::cli
