// hrtem segment: a segmentation network's probability map of every frame (the atom columns or
// the particle's region), as a calibrated float TIFF to look at beside the frames or to threshold.
#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/frame_range.h"
#include "app/cli/options.h"
#include "app/cli/progress_bar.h"

#include "core/io/float_raw_image.h"
#include "core/io/raw_image.h"
#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"
#include "core/locate/lattice_scale.h"
#include "core/segment/segmenter.h"

#include <cstring>
#include <iostream>

namespace hrtem::cli {

int runSegment(const std::vector<std::string>& args)
{
    static const std::vector<OptionHelp> commandOptions = {
        {"out", "FILE.tif", "the probability maps (0..1), calibrated as the input (required)", "none"},
        {"target", "columns|particle", "the atom columns or the particle's region", "columns"},
        {"weights", "FILE", "the network's weights", "the shipped network for the target"},
        {"period", "PX", "the lattice period the network's resampling reads", "measured on the first frame"},
        {"device", "auto|cpu|cuda", "where the network runs", "auto: CUDA if present"},
        {"frames", "A:B", "frames A to B-1", "all"},
        {"image", "N", "which image of a DM file", "the first real image"},
        {"quiet", "", "no progress bar", "a progress bar on standard error"},
    };
    const Arguments a = parseOptions(args, commandOptions);
    if (a.positionals().size() != 1 || !a.value("out"))
        throw UsageError("usage: hrtem segment INPUT --out FILE.tif [options]\n" + optionsUsage(commandOptions));
    const std::string input = a.positionals()[0], out = *a.value("out");
    segment::SegmentationTarget target;
    try {
        target = segment::targetFromName(a.valueOr("target", "columns"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    OpenOptions open;
    open.imageIndex = a.intValue("image", -1);
    const std::unique_ptr<StackReader> stack = openStack(input, open);
    const StackInfo& info = stack->info();
    const auto [first, end] = frameRange(a.value("frames"), info.frameCount);
    const double period = a.value("period") ? a.doubleValue("period", 0.0) : estimateLatticePeriod(stack->readFrame(first)).period_px;
    if (!(period > 2.0))
        throw UsageError(input + ": no lattice period found in frame " + std::to_string(first) + "; give it with --period");
    const segment::Segmenter segmenter(a.valueOr("weights", ""), target, a.valueOr("device", "auto"));
    std::cout << "segmenting with " << segmenter.description() << "\n  weights " << segmenter.weightsPath() << " (sha256 "
              << segmenter.weightsSha256() << ")\n  lattice period " << period << " px\n";
    TiffWriteOptions options;
    options.x = info.x;
    options.y = info.y;
    options.imageName = std::string(segment::targetName(target)) + " probability";
    TiffStackWriter writer(out, info.width, info.height, PixelType::Float32, end - first, options);
    ProgressBar bar(!a.flag("quiet"));
    for (int f = first; f < end; ++f) {
        const cv::Mat map = segmenter.probability(stack->readFrame(f), period);
        writer.append(float32RawImage(map));
        bar.update("segment", double(f - first + 1) / (end - first));
    }
    writer.finish();
    bar.finish();
    std::cout << "wrote " << (end - first) << " map(s) of " << input << " to " << out << "\n";
    return 0;
}

} // namespace hrtem::cli
