#include "core/evaluate/restoration_evaluation.h"

#include "core/locate/lattice_scale.h"
#include "core/locate/localization.h"
#include "core/locate/noise_model.h"
#include "core/evaluate/truth.h"
#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/restore/image_quality.h"
#include "core/relate/relations.h"
#include "core/restore/restoration_trust.h"
#include "core/restore/frame_restorer.h"
#include "core/restore/restore.h"
#include "core/training/gan_training.h"
#include "core/training/segmentation_training.h"
#include "core/evaluate/distribution_metrics.h"
#include "core/segment/segmenter.h"
#include "core/evaluate/tsne.h"
#include "core/io/atomic_file.h"
#include "core/io/float_raw_image.h"
#include "core/io/tiff/tiff_writer.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>

namespace hrtem::restore {

namespace {

/// Detections with no true column within one spacing, over all detections.
double offParticleShare(const TruthMovie& truth, const std::vector<std::vector<Atom>>& found, double nn)
{
    long off = 0, all = 0;
    for (std::size_t f = 0; f < found.size() && f < truth.columns.size(); ++f)
        for (const Atom& a : found[f]) {
            ++all;
            bool near = false;
            for (const TruthColumn& t : truth.columns[f])
                if (std::abs(t.x - a.x) <= nn && std::abs(t.y - a.y) <= nn && std::hypot(t.x - a.x, t.y - a.y) <= nn) {
                    near = true;
                    break;
                }
            off += near ? 0 : 1;
        }
    return all > 0 ? double(off) / double(all) : 0.0;
}

/// The 64 px tiles of each frame, side by side without overlap (the paper's patch size).
std::vector<cv::Mat> tiles(const std::vector<cv::Mat>& frames)
{
    constexpr int kPatch = 64;
    std::vector<cv::Mat> out;
    for (const cv::Mat& f : frames)
        for (int y = 0; y + kPatch <= f.rows; y += kPatch)
            for (int x = 0; x + kPatch <= f.cols; x += kPatch)
                out.push_back(f(cv::Rect(x, y, kPatch, kPatch)).clone());
    return out;
}

/// Every `step`-th row, at most `most`.
Eigen::MatrixXd sampleRows(const Eigen::MatrixXd& x, int most)
{
    const Eigen::Index step = std::max<Eigen::Index>(1, x.rows() / most);
    Eigen::MatrixXd out(std::min<Eigen::Index>(most, (x.rows() + step - 1) / step), x.cols());
    for (Eigen::Index r = 0; r < out.rows(); ++r)
        out.row(r) = x.row(r * step);
    return out;
}

/// The mean over `patches` of log(1 + |FFT(Hann · (patch - mean))|²), zero frequency centred.
cv::Mat meanLogSpectrum(const std::vector<cv::Mat>& patches)
{
    cv::Mat window;
    cv::createHanningWindow(window, patches.front().size(), CV_32F);
    cv::Mat sum = cv::Mat::zeros(patches.front().size(), CV_32F);
    for (const cv::Mat& p : patches) {
        cv::Mat x;
        p.convertTo(x, CV_32F);
        x = (x - cv::mean(x)[0]).mul(window);
        cv::Mat spectrum, planes[2];
        cv::dft(x, spectrum, cv::DFT_COMPLEX_OUTPUT);
        cv::split(spectrum, planes);
        cv::Mat power;
        cv::magnitude(planes[0], planes[1], power);
        power = power.mul(power) + 1.0f;
        cv::log(power, power);
        sum += power;
    }
    sum /= double(patches.size());
    // Quadrants swapped so that zero frequency sits in the centre.
    const int cx = sum.cols / 2, cy = sum.rows / 2;
    cv::Mat centred(sum.size(), sum.type());
    sum(cv::Rect(0, 0, cx, cy)).copyTo(centred(cv::Rect(sum.cols - cx, sum.rows - cy, cx, cy)));
    sum(cv::Rect(cx, 0, sum.cols - cx, cy)).copyTo(centred(cv::Rect(0, sum.rows - cy, sum.cols - cx, cy)));
    sum(cv::Rect(0, cy, cx, sum.rows - cy)).copyTo(centred(cv::Rect(sum.cols - cx, 0, cx, sum.rows - cy)));
    sum(cv::Rect(cx, cy, sum.cols - cx, sum.rows - cy)).copyTo(centred(cv::Rect(0, 0, sum.cols - cx, sum.rows - cy)));
    return centred;
}

constexpr int kSampledPatches = 40;

/// FID and KL of `frames`' patches against the reference features, a sample of the features,
/// the patches' mean spectrum, and the network's column map of each frame against `masks`
/// (the frames' truth, when there is one).
void scoreDistribution(const segment::Segmenter& network, const Eigen::MatrixXd& reference, const std::vector<cv::Mat>& frames,
                       const std::vector<cv::Mat>& masks, double period_px, MethodScores& s)
{
    for (std::size_t f = 0; f < frames.size() && f < masks.size(); ++f) {
        cv::Mat columns;
        cv::compare(network.probability(frames[f], period_px), 0.5, columns, cv::CMP_GT);
        s.segmentation.add(scoreMasks(columns, masks[f]));
    }
    const std::vector<cv::Mat> patches = tiles(frames);
    const Eigen::MatrixXd features = network.patchFeatures(patches, period_px);
    s.fid = frechetDistance(features, reference);
    s.kl = featureHistogramKl(features, reference);
    s.sampleFeatures = sampleRows(features, kSampledPatches);
    s.meanLogSpectrum = meanLogSpectrum(patches);
}

/// The first `frames` column masks (CV_8U, non-zero on a column) of a simulation, or none when
/// it has no truth/column_mask.tif.
std::vector<cv::Mat> readColumnMasks(const std::string& simulation, int frames)
{
    std::vector<cv::Mat> out;
    const std::filesystem::path path = std::filesystem::path(simulation) / "truth" / "column_mask.tif";
    if (!std::filesystem::exists(path))
        return out;
    auto stack = openStack(path.string());
    for (int f = 0; f < std::min(frames, stack->info().frameCount); ++f) {
        cv::Mat mask;
        cv::compare(stack->readFrame(f), 0.0, mask, cv::CMP_GT);
        out.push_back(mask);
    }
    return out;
}


/// What every method is scored with: the movie, its truth, and the analysis' settings taken
/// from the raw first frame.
struct ScoringContext {
    const std::vector<cv::Mat>& noisy;
    const std::vector<cv::Mat>& reference;   ///< noise-free frames
    const std::vector<cv::Mat>& columnMasks; ///< the truth's, or none
    const std::vector<std::vector<Atom>>& rawColumns;
    const TruthMovie& scored;                ///< the truth of the frames scored
    double nearestNeighbour_px;
    LocalizationSettings localization;
    NoiseModel noise;
    int polarity;
    double inputMse;                         ///< of the raw frames against the noise-free ones
    const segment::Segmenter* network;       ///< FID/KL/segmentation features, or none
    const Eigen::MatrixXd* hqFeatures;
};

/// One method's restoration of every frame, scored. Progress runs 0..1 over the frames.
MethodScores scoreMethod(const std::string& name, FrameRestorer& restorer, const ScoringContext& c, const Progress& progress)
{
    const bool restores = restorer.changesFrames();
    const int frames = int(c.noisy.size());
    MethodScores s;
    s.method = name;
    s.weights = restorer.model().path;
    s.weightsSha256 = restorer.model().sha256;
    s.meanSupport = restores ? 0.0 : 1.0; // summed over the frames below
    std::vector<std::vector<Atom>> found;
    std::vector<cv::Mat> restoredFrames;
    double mse = 0.0, seconds = 0.0;
    for (int f = 0; f < frames; ++f) {
        if (progress.cancelled())
            throw Cancelled();
        const auto start = std::chrono::steady_clock::now();
        const cv::Mat restored = restores ? restorer.restore(c.noisy[f], &c.noise, progress.cancelFlag()) : c.noisy[f];
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        mse += meanSquaredError(restored, c.reference[f]) / frames;
        s.psnr_dB += psnr(restored, c.reference[f]) / frames;
        s.ssim += ssim(restored, c.reference[f]) / frames;
        found.push_back(localizeColumns(restored, c.localization, nullptr, &c.noise));
        if (c.network)
            restoredFrames.push_back(restored);
        if (restores) {
            const double nn = computeRelations(found.back(), {}).meanNearestNeighbour_px;
            const RestorationTrust trust = checkRestoration(c.noisy[f], restored, found.back(), c.rawColumns[f], c.polarity,
                                                            nn > 0 ? nn : c.localization.period_px, c.noise);
            s.trustFlaggedFrames += trust.flagged ? 1 : 0;
            s.meanSupport += trust.support;
        }
        progress.report(name, double(f + 1) / frames);
    }
    s.psnrGain_dB = 10.0 * std::log10(c.inputMse / mse);
    s.secondsPerFrame = seconds / frames;
    if (restores)
        s.meanSupport /= frames;
    s.localization = scoreDetections(c.scored, found, 0.3 * c.nearestNeighbour_px);
    s.offParticleFalse = offParticleShare(c.scored, found, c.nearestNeighbour_px);
    if (c.network)
        scoreDistribution(*c.network, *c.hqFeatures, restoredFrames, c.columnMasks, c.localization.period_px, s);
    return s;
}

/// One row of the table: a restoration method, under its label, with its options.
struct RestorationJob {
    std::string label, method;
    RestorerOptions options;
};

/// The methods, then the GAN variants (method "gan" with their weights). Throws
/// std::invalid_argument for a variant without a label or weights, or named like a method.
std::vector<RestorationJob> restorationJobs(const RestorationEvaluationSettings& settings)
{
    std::vector<RestorationJob> jobs;
    std::set<std::string> names = {"noise-free"};
    RestorerOptions options;
    options.gan = settings.gan;
    for (const std::string& method : settings.methods) {
        jobs.push_back({method, method, options});
        names.insert(method);
    }
    for (const GanVariant& v : settings.ganVariants) {
        if (v.label.empty() || v.weights.empty())
            throw std::invalid_argument("a GAN variant needs a label and a weights file (LABEL=WEIGHTS), got '" + v.label + "=" +
                                        v.weights + "'");
        bool isMethod = true;
        try {
            parseRestoreMethod(v.label);
        } catch (const std::invalid_argument&) {
            isMethod = false;
        }
        if (isMethod)
            throw std::invalid_argument("GAN variant label '" + v.label + "' is already a method's name: choose another");
        if (!names.insert(v.label).second)
            throw std::invalid_argument("GAN variant label '" + v.label + "' is used twice: give each weights a label of its own");
        options.gan.weights = v.weights;
        jobs.push_back({v.label, "gan", options});
    }
    return jobs;
}
} // namespace

RestorationEvaluation evaluateRestoration(const RestorationEvaluationSettings& settings,
                                          const Progress& progress)
{
    namespace fs = std::filesystem;
    const std::vector<RestorationJob> jobs = restorationJobs(settings);
    const fs::path folder(settings.simulation);
    const TruthMovie truth = readTruth(settings.simulation);
    auto movie = openStack((folder / "movie.tif").string());
    auto clean = openStack((folder / "clean.tif").string());
    const int frames = settings.frames > 0 ? std::min(settings.frames, movie->info().frameCount) : movie->info().frameCount;
    std::vector<cv::Mat> noisy, reference;
    for (int f = 0; f < frames; ++f) {
        noisy.push_back(movie->readFrame(f));
        reference.push_back(clean->readFrame(f));
    }
    const std::vector<cv::Mat> columnMasks = readColumnMasks(settings.simulation, frames);
    // As the analysis pipeline: scale and noise from the raw first frame, for every method.
    const NoiseModel noise = estimateNoiseModel(noisy.front());
    LocalizationSettings localization;
    localization.period_px = estimateLatticePeriod(noisy.front()).period_px;
    // The polarity the analysis would use (from the raw first frame), for every method: a
    // restoration that inverts the columns must not get to choose its own.
    int polarity = settings.polarity;
    if (polarity == 0) {
        LocalizationReport probe;
        localizeColumns(noisy.front(), localization, &probe, &noise);
        polarity = probe.polarity >= 0 ? 1 : -1;
    }
    localization.polarity = polarity > 0 ? LocalizationSettings::Polarity::Bright : LocalizationSettings::Polarity::Dark;
    std::vector<std::vector<Atom>> rawColumns; // for the trust check: what the raw frames hold
    for (const cv::Mat& frame : noisy)
        rawColumns.push_back(localizeColumns(frame, localization, nullptr, &noise));
    TruthMovie scored = truth;
    scored.columns.resize(static_cast<std::size_t>(frames));

    RestorationEvaluation out;
    out.simulation = settings.simulation;
    out.countsPerPixel = truth.countsPerPixel;
    out.frames = frames;
    // The distribution measures' reference: noise-free frames other than the ones evaluated.
    std::unique_ptr<segment::Segmenter> network;
    Eigen::MatrixXd hqFeatures;
    if (!settings.featureWeights.empty()) {
        network = std::make_unique<segment::Segmenter>(settings.featureWeights, segment::SegmentationTarget::Columns, settings.gan.device);
        out.featureNetwork = network->description() + ", " + network->weightsPath() +
                             ": bottleneck DoubleConv, mean and standard deviation of each channel over a 64 px patch";
        const int cleanFrames = clean->info().frameCount;
        const int hqFirst = cleanFrames >= 2 * frames ? frames : 0;
        std::vector<cv::Mat> hq;
        for (int f = hqFirst; f < hqFirst + frames; ++f)
            hq.push_back(clean->readFrame(f));
        out.hqReference = "noise-free frames " + std::to_string(hqFirst) + " to " + std::to_string(hqFirst + frames - 1);
        hqFeatures = network->patchFeatures(tiles(hq), localization.period_px);
        out.hqSampleFeatures = sampleRows(hqFeatures, kSampledPatches);
        // The noise-free frames of the frames evaluated: what a perfect restoration would give.
        MethodScores perfect;
        perfect.method = "noise-free";
        perfect.psnr_dB = perfect.psnrGain_dB = std::numeric_limits<double>::infinity();
        perfect.ssim = 1.0;
        std::vector<std::vector<Atom>> found;
        for (const cv::Mat& frame : reference)
            found.push_back(localizeColumns(frame, localization, nullptr, &noise));
        perfect.localization = scoreDetections(scored, found, 0.3 * truth.nearestNeighbour_px());
        perfect.offParticleFalse = offParticleShare(scored, found, truth.nearestNeighbour_px());
        scoreDistribution(*network, hqFeatures, reference, columnMasks, localization.period_px, perfect);
        out.methods.push_back(perfect);
    }
    ScoringContext context{noisy, reference, columnMasks, rawColumns, scored, truth.nearestNeighbour_px(), localization, noise,
                           polarity, 0.0, network.get(), &hqFeatures};
    for (int f = 0; f < frames; ++f)
        context.inputMse += meanSquaredError(noisy[f], reference[f]) / frames;

    for (std::size_t m = 0; m < jobs.size(); ++m) {
        const std::unique_ptr<FrameRestorer> restorer = makeFrameRestorer(jobs[m].method, jobs[m].options);
        MethodScores s = scoreMethod(jobs[m].label, *restorer, context,
                                     progress.part(double(m) / jobs.size(), double(m + 1) / jobs.size()));
        if (m < settings.methods.size() && !s.weights.empty()) {
            out.ganWeights = s.weights;
            out.ganSha256 = s.weightsSha256;
            out.ganDescription = restorer->model().description;
        }
        // A generator trained with a guided segmenter (hrtem train joint): that segmenter's columns too.
        if (!s.weights.empty() && !columnMasks.empty() && std::filesystem::is_regular_file(guidedSegmenterPath(s.weights))) {
            s.guidedSegmenter = guidedSegmenterPath(s.weights);
            s.guidedSegmentation = evaluateGuidedSegmenter(s.weights, s.guidedSegmenter, settings.simulation, frames, settings.gan.device);
        }
        out.methods.push_back(s);
    }
    return out;
}

void writeDistributionFigures(const RestorationEvaluation& e, const std::string& folder)
{
    namespace fs = std::filesystem;
    if (e.hqSampleFeatures.rows() == 0)
        throw IoError(folder, "the evaluation has no features to picture (run it with a feature network)");
    fs::create_directories(folder);
    // One map for all: the reference's sample, then each method's.
    std::vector<std::string> sets = {"high-quality reference"};
    std::vector<const Eigen::MatrixXd*> parts = {&e.hqSampleFeatures};
    for (const MethodScores& s : e.methods)
        if (s.sampleFeatures.rows() > 0) {
            sets.push_back(s.method);
            parts.push_back(&s.sampleFeatures);
        }
    Eigen::Index rows = 0;
    for (const Eigen::MatrixXd* p : parts)
        rows += p->rows();
    Eigen::MatrixXd all(rows, e.hqSampleFeatures.cols());
    std::vector<std::size_t> setOf;
    rows = 0;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        all.middleRows(rows, parts[k]->rows()) = *parts[k];
        rows += parts[k]->rows();
        setOf.insert(setOf.end(), std::size_t(parts[k]->rows()), k);
    }
    // Features on a common scale: each standardised over all the patches.
    const Eigen::RowVectorXd mean = all.colwise().mean();
    Eigen::RowVectorXd sd = ((all.rowwise() - mean).array().square().colwise().mean()).sqrt();
    sd = sd.cwiseMax(1e-12);
    const Eigen::MatrixXd standard = (all.rowwise() - mean).array().rowwise() / sd.array();
    const Eigen::MatrixXd map = tsne(standard);
    std::ostringstream csv;
    csv << "set,x,y\n";
    for (Eigen::Index r = 0; r < map.rows(); ++r)
        csv << '"' << sets[setOf[std::size_t(r)]] << "\"," << map(r, 0) << "," << map(r, 1) << "\n";
    writeFileAtomically((fs::path(folder) / "tsne.csv").string(), csv.str());
    // The spectra: one page per method.
    std::string names = "page,method\n";
    std::vector<const MethodScores*> withSpectra;
    for (const MethodScores& s : e.methods)
        if (!s.meanLogSpectrum.empty())
            withSpectra.push_back(&s);
    TiffStackWriter writer((fs::path(folder) / "spectra.tif").string(), withSpectra.front()->meanLogSpectrum.cols,
                           withSpectra.front()->meanLogSpectrum.rows, PixelType::Float32, int(withSpectra.size()), {});
    for (std::size_t k = 0; k < withSpectra.size(); ++k) {
        writer.append(float32RawImage(withSpectra[k]->meanLogSpectrum));
        names += std::to_string(k) + "," + withSpectra[k]->method + "\n";
    }
    writer.finish();
    writeFileAtomically((fs::path(folder) / "spectra.csv").string(), names);
    // The scores beside the figures: the window's evaluation view reads the folder as a whole.
    writeFileAtomically((fs::path(folder) / "evaluation.json").string(), toJson(e).dump(2) + "\n");
}

nlohmann::json toJson(const RestorationEvaluation& e)
{
    nlohmann::json methods = nlohmann::json::array();
    for (const MethodScores& s : e.methods) {
        nlohmann::json row = {{"method", s.method},
                           {"psnr_db", s.psnr_dB},
                           {"psnr_gain_db", s.psnrGain_dB},
                           {"ssim", s.ssim},
                           {"localization", {{"f1", s.localization.f1},
                                             {"precision", s.localization.precision},
                                             {"recall", s.localization.recall},
                                             {"rmse_px", s.localization.rmse_px}}},
                           {"seconds_per_frame", s.secondsPerFrame},
                           {"off_particle_false_share", s.offParticleFalse},
                           {"trust_flagged_frames", s.trustFlaggedFrames},
                           {"trust_mean_support", s.meanSupport},
                           {"fid", std::isnan(s.fid) ? nlohmann::json(nullptr) : nlohmann::json(s.fid)},
                           {"segmentation", {{"precision", s.segmentation.precision}, {"dice", s.segmentation.dice},
                                             {"iou", s.segmentation.iou}}},
                           {"kl", std::isnan(s.kl) ? nlohmann::json(nullptr) : nlohmann::json(s.kl)}};
        if (!s.weights.empty())
            row["weights"] = {{"path", s.weights}, {"sha256", s.weightsSha256}};
        if (!s.guidedSegmenter.empty())
            row["guided_segmentation"] = {{"segmenter", s.guidedSegmenter},
                                          {"precision", s.guidedSegmentation.precision},
                                          {"recall", s.guidedSegmentation.recall},
                                          {"dice", s.guidedSegmentation.dice},
                                          {"iou", s.guidedSegmentation.iou}};
        methods.push_back(row);
    }
    return {{"simulation", e.simulation},
            {"counts_per_pixel", e.countsPerPixel},
            {"frames", e.frames},
            {"gan", {{"weights", e.ganWeights}, {"sha256", e.ganSha256}, {"description", e.ganDescription}}},
            {"feature_network", e.featureNetwork},
            {"hq_reference", e.hqReference},
            {"methods", methods}};
}

std::string formatTable(const RestorationEvaluation& e)
{
    std::ostringstream t;
    char line[320];
    std::snprintf(line, sizeof line, "%-10s %9s %10s %7s %8s %7s %7s %8s %9s %8s %7s %8s %8s %7s %7s %7s %7s\n", "method", "PSNR dB",
                  "gain dB", "SSIM", "loc F1", "P", "R", "RMSE px", "s/frame", "off-part", "flagged", "support", "FID", "KL",
                  "seg P", "Dice", "IoU");
    t << line;
    for (const MethodScores& s : e.methods) {
        std::snprintf(line, sizeof line,
                      "%-10s %9.2f %10.2f %7.3f %8.4f %7.4f %7.4f %8.3f %9.3f %8.4f %4d/%-2d %8.3f %8.3f %7.4f %7.4f %7.4f %7.4f\n",
                      s.method.c_str(), s.psnr_dB, s.psnrGain_dB, s.ssim, s.localization.f1, s.localization.precision,
                      s.localization.recall, s.localization.rmse_px, s.secondsPerFrame, s.offParticleFalse,
                      s.trustFlaggedFrames, e.frames, s.meanSupport, s.fid, s.kl, s.segmentation.precision,
                      s.segmentation.dice, s.segmentation.iou);
        t << line;
    }
    for (const MethodScores& s : e.methods) {
        if (!s.guidedSegmenter.empty()) {
            std::snprintf(line, sizeof line, "seg P %.4f, Dice %.4f, IoU %.4f", s.guidedSegmentation.precision,
                          s.guidedSegmentation.dice, s.guidedSegmentation.iou);
            t << s.method << "'s generation-guided segmenter on the raw frames: " << line << " (" << s.guidedSegmenter << ")\n";
        }
    }
    return t.str();
}

} // namespace hrtem::restore
