#include "core/pipeline/frame_stages.h"

#include "core/classify/patch_classifier.h"
#include "core/locate/temporal_pool.h"
#include "core/result/relate_frame.h"
#include "core/util/stopwatch.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace hrtem {

namespace {

class ReadStage final : public FrameStage {
public:
    const char* name() const override { return "read"; }
    const char* needs() const override { return "the stack and the frame index"; }
    const char* gives() const override { return "the raw frame (counts)"; }
    bool run(FrameWork& w, const MovieContext&) const override
    {
        w.raw = w.stack->readFrame(w.index);
        w.frame = w.raw;
        return true;
    }
};

class RestoreStage final : public FrameStage {
public:
    const char* name() const override { return "restore"; }
    const char* needs() const override { return "the raw frame, the movie's noise model and restorer"; }
    const char* gives() const override { return "the frame columns are located on (restored, or the raw one)"; }
    bool run(FrameWork& w, const MovieContext& c) const override
    {
        if (c.restorer->changesFrames())
            w.frame = c.restorer->restore(w.raw, &c.noise, w.cancel);
        return true;
    }
};

class PatchStage final : public FrameStage {
public:
    const char* name() const override { return "patches"; }
    const char* needs() const override { return "the raw frame and the lattice period"; }
    const char* gives() const override { return "patch classes, the frame's quality and crystal fraction"; }
    bool run(FrameWork& w, const MovieContext& c) const override
    {
        // A patch must hold at least two periods to show its lattice: a coarse lattice gets
        // larger patches than asked for (multiples of 8 px).
        const int patchSize = std::max(c.settings.patchSize, 8 * static_cast<int>(std::ceil(2.2 * c.period_px / 8.0)));
        if (!c.settings.classifyPatches || !(c.period_px > 2.0) || w.raw.cols < patchSize || w.raw.rows < patchSize)
            return true;
        PatchSettings ps;
        ps.patchSize = patchSize;
        ps.period_px = c.period_px;
        // Patches are judged on the raw frame: quality means "how much lattice signal the
        // microscope recorded", which a restoration must not change.
        FrameAnalysis& f = w.analysis;
        f.patches = classifyPatches(w.raw, ps);
        if (c.patchNetwork && c.latticePeriod_px > 2.0)
            c.patchNetwork->classify(w.raw, c.latticePeriod_px, f.patches);
        f.quality_dB = f.patches.frameQuality;
        const int total = f.patches.rows * f.patches.cols;
        f.crystalFraction = total > 0 ? double(f.patches.foregroundCount()) / total : 0.0;
        return true;
    }
};

class LocalizeStage final : public FrameStage {
public:
    const char* name() const override { return "localize"; }
    const char* needs() const override { return "the frame, its raw neighbours when frames are pooled, the movie's scale"; }
    const char* gives() const override { return "the atom columns with their fits and the localization report"; }
    bool run(FrameWork& w, const MovieContext& c) const override
    {
        if (c.noLattice) {
            w.analysis.note = "no resolved crystal lattice";
            return false;
        }
        PooledFrame pooled;
        if (c.poolFrames > 1) {
            // The pool is of raw frames: a restoration of each would cost N times as much, and
            // averaging raw counts is what lowers their noise.
            const auto [begin, stop] = poolWindow(w.index, c.poolFrames, c.first, c.end);
            std::vector<cv::Mat> window;
            for (int k = begin; k < stop; ++k)
                window.push_back(k == w.index ? w.raw : w.stack->readFrame(k));
            pooled = poolFrames(window, static_cast<std::size_t>(w.index - begin));
        }
        // The networks read what the classical finder would detect on: the pool, or the frame
        // (without a lattice period there is nothing to resample to, nor columns to find).
        const cv::Mat& detect = c.poolFrames > 1 ? pooled.mean : w.frame;
        const bool networks = (c.columnSegmenter || c.particleSegmenter) && c.latticePeriod_px > 2.0;
        SegmentationMaps maps;
        if (networks && c.columnSegmenter)
            maps.columns = c.columnSegmenter->probability(detect, c.latticePeriod_px);
        if (networks && c.particleSegmenter)
            maps.particle = c.particleSegmenter->probability(detect, c.latticePeriod_px);
        w.analysis.atoms = localizeColumns(w.frame, c.localization, &w.analysis.localization, &c.noise,
                                           c.poolFrames > 1 ? &pooled : nullptr, networks ? &maps : nullptr);
        return true;
    }
};

class RelationStage final : public FrameStage {
public:
    const char* name() const override { return "relations"; }
    const char* needs() const override { return "the atom columns"; }
    const char* gives() const override { return "bonds, coordination, surface, lattice and twin boundaries"; }
    bool run(FrameWork& w, const MovieContext& c) const override
    {
        relateFrame(w.analysis, c.relations);
        return true;
    }
};

class TrustStage final : public FrameStage {
public:
    const char* name() const override { return "trust"; }
    const char* needs() const override { return "the raw and the restored frame, the columns found on the restored one"; }
    const char* gives() const override { return "whether the raw counts back the restored frame's columns"; }
    bool run(FrameWork& w, const MovieContext& c) const override
    {
        if (!c.restorer->changesFrames())
            return true;
        // The restored frame's columns, checked against what the raw counts support; also the
        // raw frame's own columns: a restoration may erase or invert them.
        FrameAnalysis& f = w.analysis;
        f.restored = true;
        const int polarity = c.localization.polarity == LocalizationSettings::Polarity::Bright ? 1 : -1;
        const std::vector<Atom> rawColumns = localizeColumns(w.raw, c.localization, nullptr, &c.noise);
        const double spacing = f.relations.meanNearestNeighbour_px > 0 ? f.relations.meanNearestNeighbour_px : c.period_px;
        f.trust = checkRestoration(w.raw, w.frame, f.atoms, rawColumns, polarity, spacing, c.noise);
        return true;
    }
};

} // namespace

const std::vector<std::unique_ptr<FrameStage>>& frameStages()
{
    static const std::vector<std::unique_ptr<FrameStage>> stages = [] {
        std::vector<std::unique_ptr<FrameStage>> list;
        list.push_back(std::make_unique<ReadStage>());
        list.push_back(std::make_unique<RestoreStage>());
        list.push_back(std::make_unique<PatchStage>());
        list.push_back(std::make_unique<LocalizeStage>());
        list.push_back(std::make_unique<RelationStage>());
        list.push_back(std::make_unique<TrustStage>());
        return list;
    }();
    return stages;
}

FrameAnalysis analyzeFrame(StackReader& stack, int index, const MovieContext& context, std::map<std::string, double>& seconds,
                           const std::atomic<bool>* cancel)
{
    FrameWork work;
    work.stack = &stack;
    work.index = index;
    work.cancel = cancel;
    work.analysis.frame = index;
    const auto start = SteadyClock::now();
    auto last = start;
    for (const std::unique_ptr<FrameStage>& stage : frameStages()) {
        const bool more = stage->run(work, context);
        const auto now = SteadyClock::now();
        seconds[stage->name()] += std::chrono::duration<double>(now - last).count();
        last = now;
        if (!more)
            break;
    }
    work.analysis.seconds = secondsSince(start);
    return std::move(work.analysis);
}

} // namespace hrtem
