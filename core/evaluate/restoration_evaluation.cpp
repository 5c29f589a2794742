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

#include <cmath>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
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

} // namespace

RestorationEvaluation evaluateRestoration(const RestorationEvaluationSettings& settings,
                                          const Progress& progress)
{
    namespace fs = std::filesystem;
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
    double inputMse = 0.0;
    for (int f = 0; f < frames; ++f)
        inputMse += meanSquaredError(noisy[f], reference[f]) / frames;

    for (std::size_t m = 0; m < settings.methods.size(); ++m) {
        RestorerOptions options;
        options.gan = settings.gan;
        const std::unique_ptr<FrameRestorer> restorer = makeFrameRestorer(settings.methods[m], options);
        const bool restores = restorer->changesFrames();
        if (const RestorerModel model = restorer->model(); !model.path.empty()) {
            out.ganWeights = model.path;
            out.ganSha256 = model.sha256;
            out.ganDescription = model.description;
        }
        MethodScores s;
        s.method = settings.methods[m];
        s.meanSupport = restores ? 0.0 : 1.0; // summed over the frames below
        std::vector<std::vector<Atom>> found;
        double mse = 0.0, psnrSum = 0.0, ssimSum = 0.0, seconds = 0.0;
        for (int f = 0; f < frames; ++f) {
            if (progress.cancelled())
                throw Cancelled();
            const auto start = std::chrono::steady_clock::now();
            const cv::Mat restored = restores ? restorer->restore(noisy[f], &noise, progress.cancelFlag()) : noisy[f];
            seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            mse += meanSquaredError(restored, reference[f]) / frames;
            psnrSum += psnr(restored, reference[f]) / frames;
            ssimSum += ssim(restored, reference[f]) / frames;
            found.push_back(localizeColumns(restored, localization, nullptr, &noise));
            if (restores) {
                const double nn = computeRelations(found.back(), {}).meanNearestNeighbour_px;
                const RestorationTrust trust = checkRestoration(noisy[f], restored, found.back(), rawColumns[f], polarity,
                                                                nn > 0 ? nn : localization.period_px, noise);
                s.trustFlaggedFrames += trust.flagged ? 1 : 0;
                s.meanSupport += trust.support;
            }
            progress.report(s.method, (m + double(f + 1) / frames) / settings.methods.size());
        }
        s.psnr_dB = psnrSum;
        s.psnrGain_dB = 10.0 * std::log10(inputMse / mse);
        s.ssim = ssimSum;
        s.secondsPerFrame = seconds / frames;
        if (restores)
            s.meanSupport /= frames;
        s.localization = scoreDetections(scored, found, 0.3 * truth.nearestNeighbour_px());
        s.offParticleFalse = offParticleShare(scored, found, truth.nearestNeighbour_px());
        out.methods.push_back(s);
    }
    return out;
}

nlohmann::json toJson(const RestorationEvaluation& e)
{
    nlohmann::json methods = nlohmann::json::array();
    for (const MethodScores& s : e.methods)
        methods.push_back({{"method", s.method},
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
                           {"trust_mean_support", s.meanSupport}});
    return {{"simulation", e.simulation},
            {"counts_per_pixel", e.countsPerPixel},
            {"frames", e.frames},
            {"gan", {{"weights", e.ganWeights}, {"sha256", e.ganSha256}, {"description", e.ganDescription}}},
            {"methods", methods}};
}

std::string formatTable(const RestorationEvaluation& e)
{
    std::ostringstream t;
    char line[256];
    std::snprintf(line, sizeof line, "%-8s %9s %10s %7s %8s %7s %7s %8s %9s %8s %7s %8s\n", "method", "PSNR dB", "gain dB",
                  "SSIM", "loc F1", "P", "R", "RMSE px", "s/frame", "off-part", "flagged", "support");
    t << line;
    for (const MethodScores& s : e.methods) {
        std::snprintf(line, sizeof line, "%-8s %9.2f %10.2f %7.3f %8.4f %7.4f %7.4f %8.3f %9.3f %8.4f %4d/%-2d %8.3f\n",
                      s.method.c_str(), s.psnr_dB, s.psnrGain_dB, s.ssim, s.localization.f1, s.localization.precision,
                      s.localization.recall, s.localization.rmse_px, s.secondsPerFrame, s.offParticleFalse,
                      s.trustFlaggedFrames, e.frames, s.meanSupport);
        t << line;
    }
    return t.str();
}

} // namespace hrtem::restore
