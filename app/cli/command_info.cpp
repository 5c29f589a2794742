#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"

#include "core/io/stack.h"
#include "core/io/stack_report.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace hrtem::cli {

int runInfo(const std::vector<std::string>& args)
{
    static const std::vector<OptionHelp> commandOptions = {
        {"json", "", "the report as JSON", "off: text"},
        {"all", "", "every metadata entry", "off: the top-level entries and the first 12 nested ones"},
        {"image", "N", "which image of a DM file", "the first real image"},
    };
    const Arguments a = parseOptions(args, commandOptions);
    if (a.positionals().size() != 1)
        throw UsageError("usage: hrtem info FILE [options]\n" + optionsUsage(commandOptions));
    OpenOptions options;
    options.imageIndex = a.intValue("image", -1);
    const auto stack = openStack(a.positionals()[0], options);
    if (a.flag("json"))
        std::cout << stackReportJson(stack->info()).dump(2) << "\n";
    else
        std::cout << stackReportText(stack->info(), a.flag("all"));
    return 0;
}

} // namespace hrtem::cli
