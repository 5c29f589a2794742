#include "core/pipeline/movie_stages.h"

#include "core/relate/derived_uncertainty.h"
#include "core/locate/systematic_error.h"
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

void refine(AnalysisResult& result)
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

void runMovieStages(AnalysisResult& result)
{
    result.nearestNeighbour_px = movieNearestNeighbour(result.frames);
    result.tracking = {};
    result.behaviours = {};
    if (!result.frames.empty() && result.nearestNeighbour_px > 0) {
        auto start = SteadyClock::now();
        withAtomsPerFrame(result, [&](std::vector<std::vector<Atom>>& atoms) {
            result.tracking = trackAtoms(atoms, trackingSettings(result.settings, result.nearestNeighbour_px));
        });
        result.stageSeconds["tracking"] = secondsSince(start);
        start = SteadyClock::now();
        result.behaviours = recogniseBehaviours(result.tracking, result.nearestNeighbour_px, result.frameIntervalOrOne(),
                                                 behaviourSettings(result.settings));
        result.stageSeconds["behaviours"] = secondsSince(start);
    }
    refine(result);
}

void rerunBehaviours(AnalysisResult& result)
{
    result.behaviours = result.nearestNeighbour_px > 0
                            ? recogniseBehaviours(result.tracking, result.nearestNeighbour_px, result.frameIntervalOrOne(),
                                                  behaviourSettings(result.settings))
                            : BehaviourResult{};
    refine(result);
}

} // namespace hrtem
