#include "app/cli/arguments.h"
#include "app/cli/commands.h"

#include "core/demo/demo_stack.h"
#include "core/io/tiff/tiff_writer.h"

#include <filesystem>
#include <iostream>

namespace hrtem::cli {

int runDemo(const std::vector<std::string>& args)
{
    const Arguments a(args, {"out", "frames", "seed"}, {});
    if (!a.positionals().empty() || !a.value("out"))
        throw UsageError("usage: hrtem demo --out DIR [--frames N] [--seed S]");
    DemoSettings settings;
    settings.frames = a.intValue("frames", settings.frames);
    settings.seed = static_cast<std::uint64_t>(a.intValue("seed", static_cast<int>(settings.seed)));
    if (settings.frames < 1 || settings.frames > 10000)
        throw UsageError("--frames must be between 1 and 10000");
    const std::filesystem::path out(*a.value("out"));
    std::filesystem::create_directories(out);
    const std::string file = (out / "demo.tif").string();
    auto demo = makeDemoStack(settings);
    writeTiffStack(file, *demo);
    std::cout << "Wrote the demo movie (" << settings.frames << " frames, " << settings.width << " x " << settings.height
              << " px, " << settings.pixelSize_nm << " nm/px) to " << file << "\n";
    return 0;
}

} // namespace hrtem::cli
