#include "app/cli/arguments.h"
#include "app/cli/commands.h"

#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"

#include <iostream>

namespace hrtem::cli {

int runConvert(const std::vector<std::string>& args)
{
    const Arguments a(args, {"out", "image"}, {"bigtiff", "big-endian", "deflate"});
    if (a.positionals().size() != 1 || !a.value("out"))
        throw UsageError("usage: hrtem convert INPUT --out FILE.tif [--image N] [--bigtiff] [--big-endian] [--deflate]");
    OpenOptions open;
    open.imageIndex = a.intValue("image", -1);
    auto stack = openStack(a.positionals()[0], open);
    TiffWriteOptions options;
    if (a.flag("bigtiff"))
        options.container = TiffWriteOptions::Container::BigTiff;
    options.bigEndian = a.flag("big-endian");
    options.deflate = a.flag("deflate");
    writeTiffStack(*a.value("out"), *stack, options);
    std::cout << "Wrote " << stack->info().frameCount << " frame(s) to " << *a.value("out") << "\n";
    return 0;
}

} // namespace hrtem::cli
