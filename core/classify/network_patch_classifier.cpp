// The one translation unit of core/classify that sees LibTorch (behind the pimpl).
#include "core/classify/network_patch_classifier.h"

#include "core/classify/patch_windows.h"
#include "core/io/io_error.h"
#include "core/locate/noise_model.h"
#include "core/runtime/shipped_weights.h"
#include "core/runtime/torch_runtime.h"
#include "core/segment/segmentation_input.h"
#include "core/util/sha256.h"
#include "models/device.h"
#include "models/training/patch_classifier_trainer.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <cmath>
#include <cstring>
#include <mutex>

namespace hrtem {

double doseFeature(const cv::Mat& frame)
{
    const NoiseModel noise = estimateNoiseModel(frame);
    const double electrons = (cv::mean(frame)[0] - noise.offset) / std::max(noise.gain, 1e-9);
    return std::log10(std::max(electrons, 0.1)) - std::log10(60.0);
}

struct NetworkPatchClassifier::Impl {
    std::string path, sha256;
    double referencePeriod = 0.0;
    bool cuda = false;
    std::unique_ptr<models::PatchClassifierModel> model;
    std::mutex mutex;
};

NetworkPatchClassifier::NetworkPatchClassifier(const std::string& weights, const std::string& device)
    : d(std::make_unique<Impl>())
{
    d->path = requireWeightsFile(weights, defaultPatchClassifierWeights(), "patch classifier");
    d->sha256 = sha256OfFile(d->path);
    computeRuntime();
    const torch::Device where = models::deviceFromName(device);
    d->cuda = where.is_cuda();
    d->model = std::make_unique<models::PatchClassifierModel>(d->path, where);
    const auto period = d->model->metadata().find("reference_period_px");
    if (period == d->model->metadata().end())
        throw IoError(d->path, "does not say at which lattice period its patches were prepared");
    d->referencePeriod = std::stod(period->second);
}

NetworkPatchClassifier::~NetworkPatchClassifier() = default;

void NetworkPatchClassifier::classify(const cv::Mat& frame, double period_px, PatchMap& map, bool cleanUp) const
{
    const int count = map.rows * map.cols;
    if (count == 0)
        return;
    const segment::SegmentationInput input = segment::segmentationInput(frame, period_px, d->referencePeriod);
    const int side = static_cast<int>(d->model->config().patchSize);
    const std::vector<cv::Mat> windows = gridWindows(input, map.rows, map.cols, map.patchSize, side);
    torch::Tensor batch = torch::empty({count, 1, side, side}, torch::kFloat);
    for (int i = 0; i < count; ++i)
        std::memcpy(batch[i].data_ptr<float>(), windows[std::size_t(i)].ptr<float>(), sizeof(float) * side * side);
    models::PatchProbabilities p;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        p = d->model->classify(batch, torch::full({count}, doseFeature(frame), torch::kFloat));
    }
    const auto foreground = p.foreground.accessor<float, 1>();
    const auto quality = p.highQuality.accessor<float, 1>();
    map.highQualityProbability.assign(std::size_t(count), 0.0f);
    double sum = 0.0;
    for (int i = 0; i < count; ++i) {
        map.foreground[std::size_t(i)] = foreground[i] > 0.5f ? 1 : 0;
        map.highQualityProbability[std::size_t(i)] = quality[i];
        sum += quality[i];
    }
    if (cleanUp)
        fillEnclosedBackground(map);
    map.frameHighQualityProbability = sum / count;
    map.method = "network";
}

double NetworkPatchClassifier::referencePeriod() const { return d->referencePeriod; }
int NetworkPatchClassifier::windowSize() const { return static_cast<int>(d->model->config().patchSize); }
std::string NetworkPatchClassifier::weightsPath() const { return d->path; }
std::string NetworkPatchClassifier::weightsSha256() const { return d->sha256; }

std::string NetworkPatchClassifier::description() const
{
    char period[32];
    std::snprintf(period, sizeof period, "%g", d->referencePeriod);
    return "multi-task patch classifier (" + std::to_string(windowSize()) + " px windows, period " + period + " px) on " +
           (d->cuda ? "CUDA" : "CPU");
}

std::string defaultPatchClassifierWeights() { return findShippedWeights("hrtem_patch_classifier.safetensors"); }

} // namespace hrtem
