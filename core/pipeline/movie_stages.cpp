#include "core/pipeline/movie_stages.h"

#include "core/relate/derived_uncertainty.h"
#include "core/locate/systematic_error.h"
#include "core/result/relate_frame.h"
#include "core/track/temporal_refinement.h"
#include "core/util/stopwatch.h"

#include <algorithm>
#include <chrono>

namespace hrtem {

namespace {

/// The trackers and refinement take the atoms as one vector per frame; lend them out and back.
template <class Work>
void withAtomsPerFrame(AnalysisResult& result, Work work)
{
    std::vector<std::vector<Atom>> atoms;
    atoms.reserve(result.frames.size());
    for (FrameAnalysis& f : result.frames)
        atoms.push_back(std::move(f.atoms));
    work(atoms);
    for (std::size_t i = 0; i < atoms.size(); ++i)
        result.frames[i].atoms = std::move(atoms[i]);
}

/// A reported column's position error stays under 0.3 nearest-neighbour spacings (issue 32): a
/// fit less certain than that has not pinned a column. The fit's own error is held to 0.27
/// spacings here, leaving room for the frame's systematic term that the refine stage adds in
/// quadrature (up to 0.13 spacings; 0.03-0.6 px has been seen, at 11-12 px spacings). Frames that
/// lose columns get their relations again, as a correction by hand does.
constexpr double kMaxFitErrorSpacings = 0.27;

void dropUnpinnedColumns(AnalysisResult& result)
{
    const double limit = kMaxFitErrorSpacings * result.nearestNeighbour_px;
    if (!(limit > 0.0))
        return;
    for (FrameAnalysis& f : result.frames) {
        const auto unpinned = [limit](const Atom& a) { return !a.edited && std::max(a.fitErrX, a.fitErrY) > limit; };
        if (std::none_of(f.atoms.begin(), f.atoms.end(), unpinned))
            continue;
        f.atoms.erase(std::remove_if(f.atoms.begin(), f.atoms.end(), unpinned), f.atoms.end());
        for (std::size_t i = 0; i < f.atoms.size(); ++i)
            f.atoms[i].id = static_cast<int>(i);
        relateFrame(f, relationSettings(result.settings, result.width, result.height, result.pixel_nm));
    }
}

class TrackingStage final : public MovieStage {
public:
    const char* name() const override { return "tracking"; }
    const char* needs() const override { return "every frame's atoms, the movie's column spacing"; }
    const char* gives() const override { return "drift and tracks; each atom's track id"; }
    void run(AnalysisResult& result) const override
    {
        result.tracking = {};
        if (result.frames.empty() || !(result.nearestNeighbour_px > 0))
            return;
        withAtomsPerFrame(result, [&](std::vector<std::vector<Atom>>& atoms) {
            result.tracking = trackAtoms(atoms, trackingSettings(result.settings, result.nearestNeighbour_px));
        });
    }
};

class BehaviourStage final : public MovieStage {
public:
    const char* name() const override { return "behaviours"; }
    const char* needs() const override { return "the tracks, the column spacing and the frame interval"; }
    const char* gives() const override { return "motion features, a behaviour per track point, events"; }
    void run(AnalysisResult& result) const override
    {
        result.behaviours = !result.frames.empty() && result.nearestNeighbour_px > 0
                                ? recogniseBehaviours(result.tracking, result.nearestNeighbour_px, result.frameIntervalOrOne(),
                                                      behaviourSettings(result.settings))
                                : BehaviourResult{};
    }
};

class RefineStage final : public MovieStage {
public:
    const char* name() const override { return "refine"; }
    const char* needs() const override { return "the tracks, behaviours and every frame's atoms and relations"; }
    const char* gives() const override { return "time-averaged sites, systematic errors, distance and strain sigmas"; }
    void run(AnalysisResult& result) const override
    {
        withAtomsPerFrame(result, [&](std::vector<std::vector<Atom>>& atoms) {
            refineWithTime(atoms, result.tracking, result.behaviours);
            const std::vector<double> systematic = applySystematicError(atoms, result.nearestNeighbour_px);
            for (std::size_t f = 0; f < systematic.size(); ++f) {
                result.frames[f].systematicError_px = systematic[f];
                // Distances and strain carry the final sigmas of the positions they come from.
                propagatePositionUncertainty(atoms[f], result.frames[f].relations);
            }
        });
    }
};

void runFrom(std::size_t first, AnalysisResult& result)
{
    const auto& stages = movieStages();
    for (std::size_t k = first; k < stages.size(); ++k) {
        const auto start = SteadyClock::now();
        stages[k]->run(result);
        result.stageSeconds[stages[k]->name()] = secondsSince(start);
    }
}

} // namespace

double movieNearestNeighbour(const std::vector<FrameAnalysis>& frames)
{
    std::vector<double> values;
    for (const FrameAnalysis& f : frames)
        if (f.relations.meanNearestNeighbour_px > 0)
            values.push_back(f.relations.meanNearestNeighbour_px);
    if (values.empty())
        return 0.0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

const std::vector<std::unique_ptr<MovieStage>>& movieStages()
{
    static const std::vector<std::unique_ptr<MovieStage>> stages = [] {
        std::vector<std::unique_ptr<MovieStage>> list;
        list.push_back(std::make_unique<TrackingStage>());
        list.push_back(std::make_unique<BehaviourStage>());
        list.push_back(std::make_unique<RefineStage>());
        return list;
    }();
    return stages;
}

void runMovieStages(AnalysisResult& result)
{
    result.nearestNeighbour_px = movieNearestNeighbour(result.frames);
    dropUnpinnedColumns(result);
    runFrom(0, result);
}

void runMovieStagesAfter(const std::string& stage, AnalysisResult& result)
{
    const auto& stages = movieStages();
    for (std::size_t k = 0; k < stages.size(); ++k)
        if (stages[k]->name() == stage)
            return runFrom(k + 1, result);
    runFrom(stages.size(), result);
}

} // namespace hrtem
