#include "app/cli/arguments.h"
#include "app/cli/commands.h"

#include "core/io/stack.h"
#include "core/io/stack_report.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace hrtem::cli {

int runInfo(const std::vector<std::string>& args)
{
    const Arguments a(args, {"image"}, {"json", "all"});
    if (a.positionals().size() != 1)
        throw UsageError("usage: hrtem info FILE [--json] [--all] [--image N]");
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
