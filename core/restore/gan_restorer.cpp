// The one translation unit of core/restore that sees LibTorch (behind GanRestorer's pimpl).
#include "core/restore/gan_restorer.h"

#include "core/io/io_error.h"
#include "core/runtime/shipped_weights.h"
#include "core/runtime/torch_runtime.h"
#include "core/util/sha256.h"
#include "models/device.h"
#include "models/inference/restoration_model.h"

#include <opencv2/core.hpp>

#include <torch/torch.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace hrtem::restore {

namespace fs = std::filesystem;

IntensityScaling IntensityScaling::of(const cv::Mat& frame)
{
    CV_Assert(frame.type() == CV_32F);
    IntensityScaling s;
    s.mean = cv::mean(frame)[0];
    if (!(s.mean > 0.0))
        throw std::invalid_argument("HRTEM-GAN scales frames by their mean intensity, which is not positive here ("
                                    + std::to_string(s.mean) + "): subtract no offset below the background");
    return s;
}

cv::Mat IntensityScaling::toNetwork(const cv::Mat& counts) const
{
    cv::Mat out;
    counts.convertTo(out, CV_32F, kGain / mean, -kGain);
    return out;
}

cv::Mat IntensityScaling::toCounts(const cv::Mat& network) const
{
    cv::Mat out;
    network.convertTo(out, CV_32F, mean / kGain, mean);
    return out;
}

struct GanRestorer::Impl {
    std::string path;
    std::string sha256;
    std::unique_ptr<models::RestorationModel> model;
    models::TilingOptions tiling;
    std::mutex mutex; // one frame at a time: the network already uses every core
    std::vector<std::string> messages;
};

GanRestorer::GanRestorer(const GanRestoreSettings& settings) : d(std::make_unique<Impl>())
{
    d->path = settings.weights.empty() ? defaultGanWeights() : settings.weights;
    if (d->path.empty())
        throw std::runtime_error("no HRTEM-GAN weights given and the shipped ones (hrtem_gan_cpu.safetensors) were not found");
    if (!fs::exists(d->path))
        throw IoError(d->path, "no such weights file");
    d->sha256 = sha256OfFile(d->path);
    computeRuntime(); // LibTorch starts with one CPU thread here: use every core
    d->model = std::make_unique<models::RestorationModel>(d->path, models::deviceFromName(settings.device));
    d->model->bf16 = settings.bf16;
    d->tiling.tile = settings.tile;
    d->tiling.overlap = settings.overlap;
    d->tiling.batch = settings.batch;
}

GanRestorer::~GanRestorer() = default;

cv::Mat GanRestorer::restore(const cv::Mat& counts, const std::atomic<bool>* cancel)
{
    if (counts.type() != CV_32F || counts.channels() != 1)
        throw std::invalid_argument("HRTEM-GAN restores single-channel float frames");
    const IntensityScaling scaling = IntensityScaling::of(counts);
    cv::Mat scaled = scaling.toNetwork(counts);
    if (!scaled.isContinuous())
        scaled = scaled.clone();
    const torch::Tensor image = torch::from_blob(scaled.data, {scaled.rows, scaled.cols}, torch::kFloat);
    models::TilingReport report;
    torch::Tensor restored;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        try {
            restored = d->model->restore(image, d->tiling, &report, [cancel](double) {
                return cancel == nullptr || !cancel->load(std::memory_order_relaxed);
            });
        } catch (const models::InferenceCancelled&) {
            throw Cancelled();
        }
        d->messages.insert(d->messages.end(), report.messages.begin(), report.messages.end());
    }
    restored = restored.contiguous();
    const cv::Mat network(counts.rows, counts.cols, CV_32F, restored.data_ptr<float>());
    return scaling.toCounts(network); // copies out of the tensor's memory
}

std::string GanRestorer::weightsPath() const { return d->path; }
std::string GanRestorer::weightsSha256() const { return d->sha256; }

std::string GanRestorer::description() const
{
    const models::GeneratorConfig& c = d->model->config();
    std::string s = "HRTEM-GAN (base " + std::to_string(c.baseChannels) + ", " + std::to_string(c.levels) + " levels";
    if (c.vit)
        s += ", ViT " + std::to_string(c.vitLayers) + "x" + std::to_string(c.vitHeads);
    s += ") on " + std::string(d->model->device().is_cuda() ? "CUDA" : "CPU");
    return s;
}

std::vector<std::string> GanRestorer::takeMessages()
{
    std::lock_guard<std::mutex> lock(d->mutex);
    std::vector<std::string> out;
    out.swap(d->messages);
    return out;
}

std::string defaultGanWeights() { return findShippedWeights("hrtem_gan_cpu.safetensors"); }

} // namespace hrtem::restore
