#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"

#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"

#include <iostream>

namespace hrtem::cli {

int runConvert(const std::vector<std::string>& args)
{
    static const std::vector<OptionHelp> commandOptions = {
        {"out", "FILE.tif", "the TIFF stack written, with the input's calibration (required)", "none"},
        {"image", "N", "which image of a DM file", "the first real image"},
        {"bigtiff", "", "write BigTIFF (files over 4 GB)", "off: classic TIFF, BigTIFF only when needed"},
        {"big-endian", "", "write big-endian (Motorola) byte order", "off: little-endian"},
        {"deflate", "", "compress the frames with Deflate", "off: uncompressed"},
    };
    const Arguments a = parseOptions(args, commandOptions);
    if (a.positionals().size() != 1 || !a.value("out"))
        throw UsageError("usage: hrtem convert INPUT --out FILE.tif [options]\n" + optionsUsage(commandOptions));
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
