#include "core/pipeline/analysis_pipeline.h"
#include "core/util/stopwatch.h"
#include "core/pipeline/frame_stages.h"
#include "core/pipeline/movie_stages.h"
#include "core/pipeline/pipeline_steps.h"
#include "core/result/relate_frame.h"

#include <nlohmann/json.hpp>

#include "core/classify/lattice_evidence.h"
#include "core/locate/lattice_scale.h"
#include "core/locate/noise_model.h"
#include "core/restore/frame_restorer.h"
#include "core/util/units.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace hrtem {

namespace {

/// Up to `most` frames spread evenly over [first, end), raw, for movie-wide statistics.
std::vector<cv::Mat> sampleFrames(StackReader& stack, int first, int end, int most)
{
    std::vector<cv::Mat> frames;
    const int count = end - first;
    const int take = std::min(count, most);
    for (int k = 0; k < take; ++k)
        frames.push_back(stack.readFrame(first + static_cast<int>(static_cast<long long>(k) * count / take)));
    return frames;
}

/// Most frames pooled: at 0.25 px of drift per frame and hops every few frames, 9 frames is as
/// far as "the columns stand still" holds.
constexpr int kMostPooledFrames = 9;
/// The response a typical column should reach (noise sigmas): surface columns and adatoms image
/// at half of it or less and must still clear the 3.5 sigma detection threshold.
constexpr double kPooledTarget = 10.0;

/// How many frames to pool, from the data: the columns of the first frames' pool, and how
/// clearly the first frame alone shows them (its median column response in noise sigmas).
int choosePooling(StackReader& stack, int first, int end, const MovieContext& context, AnalysisResult& result)
{
    const int count = std::min(kMostPooledFrames, end - first);
    if (count < 2)
        return 1;
    std::vector<cv::Mat> frames;
    for (int k = 0; k < count; ++k)
        frames.push_back(stack.readFrame(first + k));
    const PooledFrame pool = poolFrames(frames, 0);
    // The plain response's columns: hidden ones (found under subtracted neighbours) are by
    // construction those it understates, and would make every frame pool more.
    LocalizationSettings plain = context.localization;
    plain.hiddenColumns = false;
    const std::vector<Atom> columns = localizeColumns(frames[0], plain, nullptr, &context.noise, &pool);
    const int polarity = context.localization.polarity == LocalizationSettings::Polarity::Bright ? 1 : -1;
    const double single = medianColumnResponse(frames[0], columns, context.period_px, context.noise, polarity);
    const int n = columns.size() < 10 ? 1 : framesToPool(single, kPooledTarget, count);
    if (n > 1)
        result.notes.push_back("columns stand out at " + std::to_string(single).substr(0, 4) +
                               " noise sigmas in one frame: the crystal and its columns are found on " + std::to_string(n) +
                               " frames pooled, positions on each frame's own counts");
    return n;
}

/// The segmentation networks the settings ask for, loaded once for the movie and recorded
/// with their SHA-256 among the result's models.
void loadSegmenters(const AnalysisSettings& settings, MovieContext& context, AnalysisResult& result)
{
    using segment::Segmenter;
    using segment::SegmentationTarget;
    auto record = [&](const char* role, const Segmenter& s) {
        result.models.push_back({role, s.weightsPath(), s.weightsSha256(), s.description()});
    };
    if (settings.locate == "seg") {
        context.columnSegmenter = std::make_shared<const Segmenter>(settings.segmenterWeights, SegmentationTarget::Columns, settings.device);
        record("column segmentation", *context.columnSegmenter);
    }
    if (settings.particle == "net") {
        context.particleSegmenter = std::make_shared<const Segmenter>(settings.particleWeights, SegmentationTarget::Particle, settings.device);
        record("particle region", *context.particleSegmenter);
    }
}

/// The multi-task patch classifier when the settings ask for it, or ask for "auto" and its
/// weights are found (the voting decides otherwise, and the result says so).
void loadPatchNetwork(const AnalysisSettings& settings, MovieContext& context, AnalysisResult& result)
{
    if (!settings.classifyPatches || settings.patchClassifier == "voting")
        return;
    if (settings.patchClassifier == "auto" && settings.patchClassifierWeights.empty() &&
        defaultPatchClassifierWeights().empty()) {
        result.notes.push_back("crystal patches decided by the voting: the patch classifier's weights were not found");
        return;
    }
    context.patchNetwork = std::make_shared<const NetworkPatchClassifier>(settings.patchClassifierWeights, settings.device);
    result.models.push_back({"patch classification", context.patchNetwork->weightsPath(),
                             context.patchNetwork->weightsSha256(), context.patchNetwork->description()});
}

} // namespace

/// Movie-wide scale, noise and polarity from the first frame, the restorer, and whether the
/// movie shows a lattice at all; what it finds goes into `result` (period, noise, lattice,
/// models, notes) as well.
MovieContext prepareMovie(StackReader& stack, int first, int end, const AnalysisSettings& settings, AnalysisResult& result)
{
    MovieContext context;
    context.settings = settings;
    context.relations = relationSettings(settings, result.width, result.height, result.pixel_nm);
    context.first = first;
    context.end = end;
    restore::RestorerOptions options;
    options.gan.weights = settings.ganWeights;
    options.gan.device = settings.device;
    context.restorer = restore::makeFrameRestorer(settings.restore, options);
    if (const restore::RestorerModel model = context.restorer->model(); !model.path.empty())
        result.models.push_back({"restoration", model.path, model.sha256, model.description});
    loadSegmenters(settings, context, result);
    loadPatchNetwork(settings, context, result);
    {
        const cv::Mat firstFrame = stack.readFrame(first);
        context.noise = estimateNoiseModel(firstFrame);
        context.latticePeriod_px = settings.localization.period_px > 0 ? settings.localization.period_px
                                                                       : estimateLatticePeriod(firstFrame).period_px;
        context.period_px = context.latticePeriod_px;
        context.localization = settings.localization;
        context.localization.period_px = context.period_px;
        if (context.period_px > 2.0) {
            // One trial frame settles the contrast polarity and the column-scale period (which
            // localization may find shorter than the strongest fringe) for the whole movie.
            LocalizationReport probe;
            localizeColumns(firstFrame, context.localization, &probe, &context.noise);
            if (settings.localization.polarity == LocalizationSettings::Polarity::Auto)
                context.localization.polarity =
                    probe.polarity > 0 ? LocalizationSettings::Polarity::Bright : LocalizationSettings::Polarity::Dark;
            context.period_px = probe.period_px;
            context.localization.period_px = probe.period_px;
            context.localization.periodFromColumns = true;
            context.poolFrames = choosePooling(stack, first, end, context, result);
        }
    }
    result.period_px = context.period_px;
    result.noise = context.noise;
    if (!(context.period_px > 2.0))
        result.notes.push_back("no lattice fringes found in the first frame: no atom columns can be located");
    // No lattice, no atoms: the raw frames' pooled power spectrum must show Bragg spots in two
    // directions (16 frames pooled make weak low-dose lattices stand out of the noise).
    result.lattice = latticeEvidence(sampleFrames(stack, first, end, 16));
    if (settings.requireLattice && !result.lattice.resolved) {
        context.noLattice = true;
        result.notes.push_back(result.lattice.reason + ": no atom columns are located");
    }
    return context;
}

namespace {

/// Frames [first, end) in parallel, handed on in order: into result.frames and to the observer
/// as each is ready. Stops early on cancel (result.cancelled) and rethrows a frame's failure.
void analyzeFramesInOrder(StackReader& stack, int first, int end, const MovieContext& context, const AnalysisObserver& observer,
                          AnalysisResult& result)
{
    const AnalysisSettings& settings = context.settings;
    auto progress = [&](const std::string& stage, double fraction) { observer.progress.report(stage, fraction); };
    auto cancelled = [&] { return observer.progress.cancelled(); };
    const int count = end - first;
    const int threads = std::max(1, std::min(count, settings.threads > 0
                                                        ? settings.threads
                                                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))));
    std::vector<std::optional<FrameAnalysis>> slots(count);
    std::vector<std::map<std::string, double>> times(threads); ///< per worker, seconds by stage
    std::exception_ptr failure;
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (;;) {
                const int i = next.fetch_add(1);
                if (i >= count || stop.load() || cancelled())
                    break;
                try {
                    FrameAnalysis f = analyzeFrame(stack, first + i, context, times[t], observer.progress.cancelFlag());
                    f.time_s = result.frameInterval_s > 0 ? (first + i) * result.frameInterval_s : double(first + i);
                    std::lock_guard<std::mutex> lock(mutex);
                    slots[i] = std::move(f);
                } catch (const Cancelled&) {
                    break;
                } catch (...) {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (!failure)
                        failure = std::current_exception();
                    stop = true;
                }
                ready.notify_all();
            }
            ready.notify_all();
        });
    int emitted = 0;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (emitted < count && !cancelled()) {
            ready.wait_for(lock, std::chrono::milliseconds(50),
                           [&] { return slots[emitted].has_value() || stop.load() || cancelled(); });
            if (slots[emitted].has_value()) {
                result.frames.push_back(std::move(*slots[emitted]));
                slots[emitted].reset();
                ++emitted;
                lock.unlock();
                if (observer.frameReady)
                    observer.frameReady(result.frames.back());
                progress("frames", 0.9 * emitted / count);
                lock.lock();
            } else if (stop.load() || cancelled()) {
                break;
            }
        }
    }
    stop = true;
    for (std::thread& w : workers)
        w.join();
    if (failure)
        std::rethrow_exception(failure);
    result.cancelled = emitted < count;
    for (const std::map<std::string, double>& t : times)
        for (const auto& [stage, seconds] : t)
            result.stageSeconds[stage] += seconds;
}

/// Says in the notes how many restored frames show columns the raw counts do not back.
void noteUnsupportedRestoration(AnalysisResult& result)
{
    int restored = 0, flagged = 0;
    for (const FrameAnalysis& f : result.frames) {
        restored += f.restored ? 1 : 0;
        flagged += f.trust.flagged ? 1 : 0;
    }
    if (flagged > 0)
        result.notes.push_back("the restoration shows columns the raw data do not support in " + std::to_string(flagged) +
                               " of " + std::to_string(restored) +
                               " frames (restoration_flag in frames.csv): do not trust those frames' columns");
}

} // namespace

double pixelSizeNm(const StackInfo& info)
{
    if (!info.x.hasUnits() || !(info.x.scale > 0))
        return 0.0;
    const std::optional<double> metres = metresPerUnit(info.x.units);
    return metres ? info.x.scale * *metres * 1e9 : 0.0;
}

/// What the result says of its input before any frame: file, size, calibration, time unit.
AnalysisResult resultHeader(const StackInfo& info, const AnalysisSettings& settings)
{
    AnalysisResult result;
    result.inputPath = info.path;
    result.width = info.width;
    result.height = info.height;
    result.settings = settings;
    result.pixel_nm = pixelSizeNm(info);
    if (result.pixel_nm <= 0)
        result.notes.push_back("the file has no length calibration: positions are in pixels only");
    if (info.frameInterval_s && *info.frameInterval_s > 0) {
        result.frameInterval_s = *info.frameInterval_s;
    } else {
        result.timeUnit = "frame";
        result.notes.push_back("the file gives no frame interval: time_s is the frame index");
    }
    return result;
}

/// The settings' frame range [first, end) of the stack; throws when it holds no frame.
std::pair<int, int> settingsRange(const AnalysisSettings& settings, const StackInfo& info)
{
    const int first = std::max(0, settings.firstFrame);
    const int end = settings.endFrame < 0 ? info.frameCount : std::min(settings.endFrame, info.frameCount);
    if (first >= end)
        throw std::invalid_argument("the frame range " + std::to_string(settings.firstFrame) + ":" +
                                    std::to_string(settings.endFrame) + " holds none of the stack's " +
                                    std::to_string(info.frameCount) + " frames");
    return {first, end};
}

/// Over the movie: tracks and behaviours from whatever frames are finished.
void finishMovie(AnalysisResult& result, const AnalysisObserver& observer)
{
    observer.progress.report("tracking", 0.9);
    runMovieStages(result);
    noteUnsupportedRestoration(result);
    observer.progress.report("done", 1.0);
}

AnalysisResult analyzeStack(StackReader& stack, const AnalysisSettings& settings, const AnalysisObserver& observer)
{
    const auto runStart = SteadyClock::now();
    AnalysisResult result = resultHeader(stack.info(), settings);
    const auto [first, end] = settingsRange(settings, stack.info());
    const MovieContext context = prepareMovie(stack, first, end, settings, result);
    analyzeFramesInOrder(stack, first, end, context, observer, result);
    finishMovie(result, observer);
    result.totalSeconds = secondsSince(runStart);
    return result;
}

std::pair<int, int> shardFrames(int first, int end, int index, int count)
{
    if (count < 1 || index < 0 || index >= count)
        throw std::invalid_argument("shard " + std::to_string(index + 1) + " of " + std::to_string(count) + " does not exist");
    const long long frames = end - first;
    if (count > frames)
        throw std::invalid_argument(std::to_string(count) + " shards of " + std::to_string(frames) +
                                    " frames: a shard needs at least one frame");
    return {first + int(frames * index / count), first + int(frames * (index + 1) / count)};
}

ShardAnalysis analyzeShard(StackReader& stack, const AnalysisSettings& settings, int index, int count,
                           const AnalysisObserver& observer)
{
    const auto runStart = SteadyClock::now();
    ShardAnalysis shard;
    AnalysisResult result = resultHeader(stack.info(), settings);
    const auto [first, end] = settingsRange(settings, stack.info());
    const auto [a, b] = shardFrames(first, end, index, count);
    // The movie's scale, noise, polarity, pooling and lattice evidence from the whole range, as
    // the unsharded run finds them, so each frame comes out as it would there; frames pooled
    // near the shard's borders read their neighbours beyond it.
    const MovieContext context = prepareMovie(stack, first, end, settings, result);
    analyzeFramesInOrder(stack, a, b, context, observer, result);
    shard.archive.index = index;
    shard.archive.count = count;
    shard.archive.first = first;
    shard.archive.end = end;
    shard.archive.result = result; // the frames before the movie stages, for merging
    finishMovie(result, observer);
    result.totalSeconds = secondsSince(runStart);
    shard.archive.result.totalSeconds = result.totalSeconds;
    shard.result = std::move(result);
    return shard;
}

AnalysisResult mergeShards(std::vector<ShardArchive> shards)
{
    if (shards.empty())
        throw std::invalid_argument("no shards to merge");
    std::sort(shards.begin(), shards.end(), [](const ShardArchive& x, const ShardArchive& y) { return x.index < y.index; });
    const ShardArchive& head = shards.front();
    const std::string settings = toJson(head.result.settings).dump();
    AnalysisResult merged = head.result;
    merged.frames.clear();
    merged.stageSeconds.clear();
    merged.totalSeconds = 0.0;
    int next = head.first;
    for (const ShardArchive& s : shards) {
        const std::string which = "shard " + std::to_string(s.index + 1) + " of " + std::to_string(s.count);
        if (s.result.inputPath != head.result.inputPath || s.inputBytes != head.inputBytes)
            throw std::invalid_argument(which + " analysed " + s.result.inputPath + ", not " + head.result.inputPath);
        if (toJson(s.result.settings).dump() != settings || s.count != head.count || s.first != head.first || s.end != head.end)
            throw std::invalid_argument(which + " was analysed with other settings or another split of the frames");
        if (s.result.cancelled)
            throw std::invalid_argument(which + " was cancelled before all its frames were analysed: run it again");
        for (const FrameAnalysis& f : s.result.frames) {
            if (f.frame < next)
                continue; // a frame two shards hold: the first one's
            if (f.frame > next)
                throw std::invalid_argument("frames " + std::to_string(next) + " to " + std::to_string(f.frame - 1) + " are in no shard");
            merged.frames.push_back(f);
            ++next;
        }
        for (const auto& [stage, seconds] : s.result.stageSeconds)
            merged.stageSeconds[stage] += seconds;
        merged.totalSeconds += s.result.totalSeconds;
    }
    if (next != head.end)
        throw std::invalid_argument("frames " + std::to_string(next) + " to " + std::to_string(head.end - 1) +
                                    " are in no shard (" + std::to_string(shards.size()) + " of " + std::to_string(head.count) + " given)");
    // Relations follow from the atoms, as the per-frame relation stage made them.
    const RelationSettings relations = relationSettings(merged.settings, merged.width, merged.height, merged.pixel_nm);
    for (FrameAnalysis& f : merged.frames)
        relateFrame(f, relations);
    finishMovie(merged, {});
    return merged;
}

} // namespace hrtem
