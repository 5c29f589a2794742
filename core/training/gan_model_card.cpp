#include "core/training/gan_model_card.h"

#include "core/io/io_error.h"
#include "core/runtime/torch_runtime.h"
#include "core/util/sha256.h"
#include "core/version.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace hrtem {

namespace {

/// The processor's name as the kernel reports it, or "unknown processor".
std::string processorName()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos)
                return line.substr(line.find_first_not_of(' ', colon + 1));
        }
    return "unknown processor";
}

std::string number(double value, int digits = 4)
{
    std::ostringstream out;
    out << std::setprecision(digits) << value;
    return out.str();
}

std::string howItEnded(const GanTrainingSummary& s, int steps)
{
    if (s.cancelled)
        return "stopped by the user at step " + std::to_string(s.steps) + " of " + std::to_string(steps);
    if (s.timeUp)
        return "stopped by its time budget at step " + std::to_string(s.steps) + " of " + std::to_string(steps);
    return "completed all " + std::to_string(steps) + " steps";
}

} // namespace

std::string ganModelCardPath(const std::string& weights)
{
    const std::filesystem::path path(weights);
    return path.extension() == ".safetensors" ? std::filesystem::path(path).replace_extension(".md").string() : weights + ".md";
}

std::string writeGanModelCard(const GanTrainingSettings& settings, const GanTrainingSummary& summary, int hqFrames, int lqFrames,
                              int firstStep)
{
    const nlohmann::json& o = summary.options;
    const nlohmann::json& g = o.value("generator", nlohmann::json::object());
    const std::string name = std::filesystem::path(settings.outWeights).filename().string();
    const std::string hqData = settings.hqDescription.empty() ? settings.hq : settings.hqDescription;
    const std::string lqData = settings.lqDescription.empty() ? settings.lq : settings.lqDescription;
    const GanTrainingProgress& l = summary.last;
    const bool variant = o.value("mask_weight", 0.0) > 0.0 || o.value("lambda_segmentation", 0.0) > 0.0;

    std::ostringstream card;
    card << "# Model card: `" << name << "` (HRTEM-GAN, LQ → HQ generator)\n\n"
         << "Trained in HRTEM Studio " << kVersion << ". Load it with `hrtem restore --weights " << name
         << "` or the Analysis panel's GAN weights; the full training options are also in the file's safetensors header.\n\n"
         << "| | |\n|---|---|\n"
         << "| Network | generator: " << g.value("base_channels", 0) << " base channels, " << g.value("levels", 0) << " levels, ViT "
         << g.value("vit_layers", 0) << " layers × " << g.value("vit_heads", 0) << " heads |\n"
         << "| High-quality data | " << hqFrames << " frame(s): " << hqData << " |\n"
         << "| Low-quality data | " << lqFrames << " frame(s): " << lqData << " |\n"
         << "| Training | " << o.value("patch_size", 0) << " px patches, batch " << o.value("batch_size", 0) << ", λ_cycle "
         << number(o.value("lambda_cycle", 0.0)) << ", λ_identity " << number(o.value("lambda_identity", 0.0)) << ", λ_FFT "
         << number(o.value("lambda_fft", 0.0)) << ", λ_CF " << number(o.value("lambda_cf", 0.0)) << ", learning rate "
         << number(o.value("learning_rate", 0.0)) << " |\n"
         << "| Variant | "
         << (variant ? "thesis ch. 4: mask weight " + number(o.value("mask_weight", 0.0)) + ", λ_segmentation " +
                           number(o.value("lambda_segmentation", 0.0))
                     : std::string("the paper's (plain cycle loss)"))
         << " |\n"
         << "| Steps | " << summary.steps - firstStep << " in this run"
         << (firstStep > 0 ? " (resumed from step " + std::to_string(firstStep) + ")" : std::string()) << ", " << summary.steps
         << " in all; " << howItEnded(summary, settings.steps) << " |\n"
         << "| Time and hardware | " << number(summary.seconds, 5) << " s on " << summary.device << " (" << processorName() << "; "
         << computeRuntime().description << ") |\n"
         << "| Last losses (step " << l.step << ") | generator " << number(l.generatorTotal) << " (adversarial "
         << number(l.generatorAdversarial) << ", cycle " << number(l.cycle) << ", identity " << number(l.identity) << ", FFT "
         << number(l.fft) << ", CF " << number(l.cf) << "); discriminators HQ " << number(l.discriminatorHq) << ", LQ "
         << number(l.discriminatorLq) << " |\n"
         << "| Files | weights SHA-256 `" << sha256OfFile(settings.outWeights) << "`; loss log `"
         << std::filesystem::path(summary.lossLog).filename().string() << "`; checkpoint `"
         << std::filesystem::path(summary.checkpoint).filename().string() << "` |\n\n"
         << "## Training options\n\n```json\n" << o.dump(2) << "\n```\n";

    const std::string path = ganModelCardPath(settings.outWeights);
    const std::string temp = path + ".part";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << card.str();
        out.close();
        if (!out)
            throw IoError(path, "the model card cannot be written");
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec)
        throw IoError(path, "the model card cannot be written: " + ec.message());
    return path;
}

} // namespace hrtem
