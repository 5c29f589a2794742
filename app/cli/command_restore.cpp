// hrtem restore: restores every frame of a stack (HRTEM-GAN or a classical filter) into a
// calibrated float TIFF that Fiji and HRTEM Studio open.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"
#include "app/cli/frame_range.h"
#include "app/cli/progress_bar.h"

#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/restore/frame_restorer.h"
#include "core/restore/stack_restoration.h"

#include <iostream>
#include <memory>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kOptions = {
    {"out", "FILE.tif", "the restored stack, calibrated as the input (required)", "none"},
    {"method", "M", "gan, wiener, absf, nlm or bm3d", "gan"},
    {"weights", "FILE", "HRTEM-GAN weights", "the shipped ones"},
    {"device", "auto|cpu|cuda", "where HRTEM-GAN runs", "auto: CUDA if present"},
    {"tile", "N", "HRTEM-GAN tile side in px", "128"},
    {"overlap", "N", "overlap of neighbouring tiles in px", "32"},
    {"batch", "N", "tiles per forward pass (halved on GPU out-of-memory)", "8"},
    {"frames", "A:B", "frames A to B-1", "all"},
    {"image", "N", "which image of a DM file", "the first real image"},
    {"quiet", "", "no progress bar", "a progress bar on standard error"},
};

std::string usage()
{
    return "usage: hrtem restore INPUT --out FILE.tif [options]\n" + optionsUsage(kOptions);
}

} // namespace

int runRestore(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kOptions);
    if (a.positionals().size() != 1 || !a.value("out"))
        throw UsageError(usage());
    const std::string input = a.positionals()[0];
    const std::string out = *a.value("out");
    OpenOptions open;
    open.imageIndex = a.intValue("image", -1);
    std::unique_ptr<StackReader> stack = openStack(input, open);
    const StackInfo& info = stack->info();

    const auto [first, end] = frameRange(a.value("frames"), info.frameCount);

    const std::string method = a.valueOr("method", "gan");
    restore::RestorerOptions restorerOptions;
    restore::GanRestoreSettings& gan = restorerOptions.gan;
    gan.weights = a.valueOr("weights", "");
    gan.device = a.valueOr("device", "auto");
    gan.tile = a.intValue("tile", gan.tile);
    gan.overlap = a.intValue("overlap", gan.overlap);
    gan.batch = a.intValue("batch", gan.batch);
    if (gan.tile < 16 || gan.overlap < 0 || gan.overlap >= gan.tile || gan.batch < 1)
        throw UsageError("--tile must be >= 16, --overlap in [0, tile), --batch >= 1");
    const std::unique_ptr<restore::FrameRestorer> restorer = restore::makeFrameRestorer(method, restorerOptions);
    if (const restore::RestorerModel model = restorer->model(); !model.path.empty())
        std::cout << "restoring with " << model.description << "\n  weights " << model.path << " (sha256 " << model.sha256
                  << ")\n";
    ProgressBar bar(!a.flag("quiet"));
    restore::StackRestorationObserver observer;
    observer.progress = [&bar](double fraction) { bar.update("restore", fraction); };
    observer.note = [](const std::string& m) { std::cerr << "\nnote: " << m << "\n"; };
    restore::writeRestoredStack(*stack, *restorer, first, end, out, observer);
    bar.finish();
    std::cout << "restored " << (end - first) << " frame(s) of " << input << " into " << out << "\n";
    return 0;
}

} // namespace hrtem::cli
