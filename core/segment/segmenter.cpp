// The one translation unit of core/segment that sees LibTorch (behind Segmenter's pimpl).
#include "core/segment/segmenter.h"

#include "core/io/io_error.h"
#include "core/runtime/shipped_weights.h"
#include "core/runtime/torch_runtime.h"
#include "core/segment/segmentation_input.h"
#include "core/util/sha256.h"
#include "models/device.h"
#include "models/training/segmentation_trainer.h"

#include <torch/torch.h>

#include <mutex>
#include <stdexcept>

namespace hrtem::segment {

const char* targetName(SegmentationTarget target)
{
    return target == SegmentationTarget::Particle ? "particle" : "columns";
}

SegmentationTarget targetFromName(const std::string& name)
{
    if (name == "columns")
        return SegmentationTarget::Columns;
    if (name == "particle")
        return SegmentationTarget::Particle;
    throw std::invalid_argument("unknown segmentation target '" + name + "' (columns or particle)");
}

double defaultReferencePeriod(SegmentationTarget target) { return target == SegmentationTarget::Particle ? 4.0 : 10.0; }

struct Segmenter::Impl {
    std::string path, sha256;
    SegmentationTarget target = SegmentationTarget::Columns;
    double referencePeriod = 0.0;
    bool cuda = false;
    std::unique_ptr<models::SegmentationModel> model;
    std::mutex mutex;
};

Segmenter::Segmenter(const std::string& weights, SegmentationTarget target, const std::string& device)
    : d(std::make_unique<Impl>())
{
    d->path = requireWeightsFile(weights, defaultSegmenterWeights(target), std::string(targetName(target)) + " segmenter");
    d->sha256 = sha256OfFile(d->path);
    computeRuntime();
    const torch::Device where = models::deviceFromName(device);
    d->cuda = where.is_cuda();
    d->model = std::make_unique<models::SegmentationModel>(d->path, where);
    if (d->model->config().guideChannels > 0)
        throw IoError(d->path, "a generation-guided segmenter: it reads HRTEM-GAN's features and cannot segment frames alone");
    const auto& meta = d->model->metadata();
    const auto targetEntry = meta.find("target"), periodEntry = meta.find("reference_period_px");
    if (targetEntry == meta.end() || periodEntry == meta.end())
        throw IoError(d->path, "says neither what it segments nor at which lattice period it learnt (weights made before "
                               "segmentation joined the analysis: retrain them with hrtem train seg)");
    d->target = targetFromName(targetEntry->second);
    if (d->target != target)
        throw IoError(d->path, std::string("segments ") + targetName(d->target) + ", not " + targetName(target));
    d->referencePeriod = std::stod(periodEntry->second);
}

Segmenter::~Segmenter() = default;

cv::Mat Segmenter::probability(const cv::Mat& frame, double period_px) const
{
    const SegmentationInput input = segmentationInput(frame, period_px, d->referencePeriod);
    cv::Mat image = input.image.isContinuous() ? input.image : input.image.clone();
    const torch::Tensor tensor = torch::from_blob(image.data, {image.rows, image.cols}, torch::kFloat);
    torch::Tensor p;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        p = d->model->probabilities(tensor).contiguous();
    }
    const cv::Mat map(image.rows, image.cols, CV_32F, p.data_ptr<float>());
    return input.toFrame(map); // copies out of the tensor's memory
}

Eigen::MatrixXd Segmenter::patchFeatures(const std::vector<cv::Mat>& patches, double period_px) const
{
    if (patches.empty())
        return {};
    std::vector<torch::Tensor> images;
    for (const cv::Mat& patch : patches) {
        cv::Mat image = segmentationInput(patch, period_px, d->referencePeriod).image.clone();
        images.push_back(torch::from_blob(image.data, {1, image.rows, image.cols}, torch::kFloat).clone());
    }
    torch::Tensor features;
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        features = d->model->patchFeatures(torch::stack(images)).to(torch::kDouble).contiguous();
    }
    const auto values = features.accessor<double, 2>();
    Eigen::MatrixXd out(features.size(0), features.size(1));
    for (Eigen::Index r = 0; r < out.rows(); ++r)
        for (Eigen::Index c = 0; c < out.cols(); ++c)
            out(r, c) = values[r][c];
    return out;
}

SegmentationTarget Segmenter::target() const { return d->target; }
double Segmenter::referencePeriod() const { return d->referencePeriod; }
std::string Segmenter::weightsPath() const { return d->path; }
std::string Segmenter::weightsSha256() const { return d->sha256; }

std::string Segmenter::description() const
{
    const models::SegmenterConfig& c = d->model->config();
    const char* what = d->target == SegmentationTarget::Particle ? "particle-region U-Net" : "atom-column U-Net";
    char period[32];
    std::snprintf(period, sizeof period, "%g", d->referencePeriod);
    return std::string(what) + " (base " + std::to_string(c.baseChannels) + ", " + std::to_string(c.levels) +
           " levels, period " + period + " px) on " + (d->cuda ? "CUDA" : "CPU");
}

std::string defaultSegmenterWeights(SegmentationTarget target)
{
    return findShippedWeights(target == SegmentationTarget::Particle ? "hrtem_particle_segmenter.safetensors"
                                                                     : "hrtem_atom_segmenter.safetensors");
}

} // namespace hrtem::segment
