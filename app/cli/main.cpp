// hrtem: the command-line face of HRTEM Studio. Everything the GUI runs, this runs too,
// with the same parameters and the same output files.
#include "app/cli/arguments.h"
#include "app/cli/commands.h"

#include "core/io/io_error.h"
#include "core/runtime/torch_runtime.h"
#include "core/version.h"

#include <algorithm>
#include <exception>
#include <iostream>
#include <map>

namespace {

const char* const kHelp = R"(HRTEM Studio command line

usage: hrtem COMMAND [ARGS]

commands:
  info FILE [--json] [--all] [--image N]   describe a TIFF/DM3/DM4/video/folder stack
  convert INPUT --out FILE.tif [--image N] [--bigtiff] [--big-endian] [--deflate]
                                            write any readable stack as a calibrated TIFF (Fiji/ImageJ)
  simulate --preset demo --out DIR [...]    simulate an in-situ HRTEM movie with ground truth
                                            (hrtem simulate for all options)
  simulate --structure NAME --zone [UVW] --out DIR
                                            a Z-contrast image of fcc, bcc, hcp, rock-salt, fluorite,
                                            perovskite or graphene along a zone axis, with truth
  analyze INPUT --out DIR [--config FILE] [--restore none|wiener|absf|nlm|bm3d|gan] [--frames A:B]
                                            atoms, lattice, tracks, behaviours and events as CSV
                                            (hrtem analyze for all options)
  analyze --session FILE.hrtems --out DIR   the same, replaying a session saved by HRTEM Studio
  analyze INPUT --shard K/N --out DIR       part K of N of the frames (for a cluster), with shard.json
  merge SHARD_DIR... --out DIR              join the shards into the analysis of all the frames
  batch --inputs LIST_OR_GLOB --out DIR [--jobs N] [--shard-frames F] [--slurm]
                                            many movies, one result folder each and batch.csv; resumable;
                                            here or as a SLURM array job (hrtem batch for all options)
  watch FOLDER --out DIR [--idle S]         analyse frames as the camera writes them; tracks when it stops
  evaluate --truth DIR --result DIR [--json FILE]
                                            score an analysis against a simulation's ground truth
  restore INPUT --out FILE.tif [--method gan|wiener|absf|nlm|bm3d] [--weights FILE] [--device D]
                                            restore every frame (HRTEM-GAN on CUDA or the CPU)
  train gan --hq PATH --lq PATH --out WEIGHTS.safetensors [--steps N] [--resume CKPT] [...]
                                            train HRTEM-GAN on unpaired high/low-quality frames
  evaluate-restoration --truth DIR [--methods none,wiener,absf,nlm,bm3d,gan] [--weights FILE]
                                            PSNR/SSIM and localization F1 of each restoration method
  train joint --hq PATH --lq SIMULATED --out WEIGHTS.safetensors [...]
                                            HRTEM-GAN and the guided atom-column segmenter together
  train seg --sim DIR[,DIR] --out WEIGHTS.safetensors [--target columns|particle] [--steps N]
                                            train a segmentation network on simulated movies
  evaluate-segmentation --truth DIR --weights FILE [--target columns|particle] [--frames N]
                                            Dice/IoU/precision of a segmentation network against the masks
  train patches --sim DIR[,DIR] --out WEIGHTS.safetensors [--steps N]
                                            train the multi-task patch classifier on simulated movies
  evaluate-patches --truth DIR[,DIR] [--weights FILE] [--frames N]
                                            the patch classifier and the voting against masks and doses
  segment INPUT --out FILE.tif [--target columns|particle] [--weights FILE]
                                            a segmentation network's probability map of every frame
  version                                   program, LibTorch and device information
  help                                      this text
)";

/// hrtem COMMAND --help: every command answers an incomplete command line with its usage (a
/// UsageError), so running it with none (or with train's gan/seg alone) gives its help, printed
/// on standard output with exit status 0.
int printUsage(int (*run)(const std::vector<std::string>&), const std::vector<std::string>& words)
{
    try {
        run(words);
    } catch (const hrtem::cli::UsageError& e) {
        const std::string text = e.what();
        std::cout << text << (text.empty() || text.back() != '\n' ? "\n" : "");
        return 0;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace hrtem::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::cout << kHelp;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "version" || command == "--version") {
            std::cout << "hrtem " << hrtem::kVersion << "\n" << hrtem::computeRuntime().description << "\n";
            return 0;
        }
        static const std::map<std::string, int (*)(const std::vector<std::string>&)> commands = {
            {"info", runInfo},
            {"simulate", runSimulate},
            {"convert", runConvert},
            {"analyze", runAnalyze},
            {"evaluate", runEvaluate},
            {"restore", runRestore},
            {"train", runTrain},
            {"evaluate-restoration", runEvaluateRestoration},
            {"evaluate-segmentation", runEvaluateSegmentation},
            {"evaluate-patches", runEvaluatePatches},
            {"segment", runSegment},
            {"merge", runMerge},
            {"batch", runBatch},
            {"watch", runWatch},
        };
        const auto it = commands.find(command);
        if (it == commands.end())
            throw UsageError("unknown command '" + command + "' (see 'hrtem help')");
        if (std::find(args.begin(), args.end(), "--help") != args.end() || std::find(args.begin(), args.end(), "-h") != args.end())
            return printUsage(it->second, command == "train" && !args.empty() && args[0] != "--help" && args[0] != "-h"
                                              ? std::vector<std::string>{args[0]}
                                              : std::vector<std::string>{});
        return it->second(args);
    } catch (const UsageError& e) {
        std::cerr << "hrtem: " << e.what() << "\n";
        return 2;
    } catch (const hrtem::Cancelled&) {
        std::cerr << "hrtem: cancelled\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "hrtem: error: " << e.what() << "\n";
        return 1;
    }
}
