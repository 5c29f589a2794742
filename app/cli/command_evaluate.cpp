// hrtem evaluate: the scores of a result folder against a simulation's ground truth, the
// figures issue 4's bars are stated in.
#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"

#include "core/evaluate/evaluation.h"
#include "core/evaluate/structure_evaluation.h"
#include "core/track/temporal_refinement.h"
#include "core/evaluate/track_evaluation.h"
#include "core/evaluate/truth.h"
#include "core/io/atomic_file.h"
#include "core/evaluate/result_reader.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kOptions = {
    {"truth", "SIMULATION_DIR", "written by 'hrtem simulate' (movie.tif, parameters.json, truth/) (required)", "none"},
    {"result", "RESULT_DIR", "written by 'hrtem analyze' on that movie (required)", "none"},
    {"json", "FILE", "also write the scores as JSON", "none: text on standard output only"},
};

std::string usage()
{
    return "usage: hrtem evaluate --truth SIMULATION_DIR --result RESULT_DIR [options]\n" + optionsUsage(kOptions) +
           "detections are matched per frame by linear assignment within 0.3 x the nearest-neighbour spacing\n";
}

/// Truth restricted to the analysed frames, so a --frames run is scored on what it analysed.
TruthMovie cropped(const TruthMovie& truth, int first, int count)
{
    TruthMovie t = truth;
    t.columns.clear();
    t.drift.clear();
    for (int f = first; f < first + count && f < int(truth.columns.size()); ++f) {
        t.columns.push_back(truth.columns[f]);
        t.drift.push_back(f < int(truth.drift.size()) ? truth.drift[static_cast<std::size_t>(f)] : TruthDrift{});
    }
    t.frames = static_cast<int>(t.columns.size());
    return t;
}

std::vector<TruthEvent> croppedEvents(const std::vector<TruthEvent>& events, int first, int count)
{
    std::vector<TruthEvent> out;
    for (TruthEvent e : events)
        if (e.frame >= first && e.frame < first + count) {
            e.frame -= first;
            out.push_back(e);
        }
    return out;
}

} // namespace

int runEvaluate(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kOptions);
    if (!a.positionals().empty() || !a.value("truth") || !a.value("result"))
        throw UsageError(usage());
    const std::string truthDir = *a.value("truth");
    const ResultTables result = readResultTables(*a.value("result"));
    const int count = static_cast<int>(result.atoms.size());
    const TruthMovie truthAll = readTruth(truthDir);
    if (result.firstFrame + count > truthAll.frames)
        throw UsageError("the result has frames up to " + std::to_string(result.firstFrame + count - 1) +
                         " but the simulation only " + std::to_string(truthAll.frames) + ": not the same movie?");
    const TruthMovie truth = cropped(truthAll, result.firstFrame, count);
    const double nn = truth.nearestNeighbour_px();
    const double gate = 0.3 * nn;

    const DetectionScore detection = scoreDetections(truth, result.atoms, gate);
    const std::vector<TruthEvent> events = croppedEvents(readTruthEvents(truthDir), result.firstFrame, count);
    const TrackingScore tracking = scoreTracking(truth, events, result.tracked, result.events, gate, gate);
    TruthStructure structure = readTruthStructure(truthDir);
    const StructureScore lattice = scoreStructure(structure, result.relations, result.twins, result.firstFrame);

    std::printf("frames %d (from %d), nearest-neighbour spacing %.3f px, match gate %.3f px\n", count,
                result.firstFrame, nn, gate);
    std::printf("localization  F1 %.4f  precision %.4f  recall %.4f  (TP %ld FP %ld FN %ld)\n", detection.f1,
                detection.precision, detection.recall, detection.truePositives, detection.falsePositives,
                detection.falseNegatives);
    std::printf("              RMSE %.4f px  CRB (rms) %.4f px  RMSE/CRB %.3f  within 1 sigma %.3f\n",
                detection.rmse_px, detection.rmsCrb_px,
                detection.rmsCrb_px > 0 ? detection.rmse_px / detection.rmsCrb_px : 0.0, detection.withinOneSigma);
    std::printf("              per column: rms(error / own CRB) %.3f; median error %.4f px, median CRB %.4f px\n",
                detection.rmsNormalizedError, detection.medianError_px, detection.medianCrb_px);
    DetectionScore sites;
    if (!result.siteAtoms.empty()) {
        // Against the truth's sites (same window; the simulator's per-frame thermal
        // displacement is what averaging removes), and against the per-frame truth.
        const TemporalSettings temporal;
        const TruthMovie sitesTruth = timeAveragedTruth(truth, temporal.halfWindow, temporal.maxStep * nn);
        sites = scoreDetections(sitesTruth, result.siteAtoms, gate);
        const DetectionScore sitesVsFrames = scoreDetections(truth, result.siteAtoms, gate);
        std::printf("  with time   site RMSE %.4f px against the true sites (%.2f x the single-frame CRB), "
                    "within 1 sigma %.3f; %.4f px against the per-frame truth\n",
                    sites.rmse_px, sites.rmsCrb_px > 0 ? sites.rmse_px / sites.rmsCrb_px : 0.0, sites.withinOneSigma,
                    sitesVsFrames.rmse_px);
    }
    std::printf("tracking      MOTA %.4f  IDF1 %.4f  ID switches %ld  misses %ld  false positives %ld\n",
                tracking.mota, tracking.idf1, tracking.idSwitches, tracking.misses, tracking.falsePositives);
    std::printf("behaviours    macro-F1 %.4f  (stable %.3f hopping %.3f adsorbed %.3f desorbed %.3f)\n",
                tracking.behaviourMacroF1, tracking.behaviourF1[0], tracking.behaviourF1[1], tracking.behaviourF1[2],
                tracking.behaviourF1[3]);
    std::printf("hops          %ld of %ld true hops found within +-1 frame (%.3f); precision %.3f\n",
                tracking.hopsFound, tracking.trueHops, tracking.hopRecall, tracking.hopPrecision);
    std::printf("twin boundary found in %d of %d frames; angle error mean %.2f max %.2f deg; position error "
                "mean %.2f max %.2f px\n",
                lattice.twinFound, lattice.twinFrames, lattice.meanAngleError_deg, lattice.maxAngleError_deg,
                lattice.meanPositionError_px, lattice.maxPositionError_px);
    std::printf("lattice       d111 %.4f px (truth %.4f): mean error %+.3f%%, worst frame %.3f%% (%d frames)\n",
                lattice.meanSpacing111_px, lattice.truthSpacing111_px, 100.0 * lattice.meanRelativeError111,
                100.0 * lattice.maxAbsRelativeError111, lattice.latticeFrames);

    if (const auto jsonPath = a.value("json")) {
        const nlohmann::json j = {
            {"frames", count},
            {"first_frame", result.firstFrame},
            {"gate_px", gate},
            {"localization", {{"f1", detection.f1}, {"precision", detection.precision}, {"recall", detection.recall},
                              {"rmse_px", detection.rmse_px}, {"rms_crb_px", detection.rmsCrb_px},
                              {"within_one_sigma", detection.withinOneSigma},
                              {"rms_error_over_own_crb", detection.rmsNormalizedError},
                              {"median_error_px", detection.medianError_px},
                              {"median_crb_px", detection.medianCrb_px},
                              {"with_time_rmse_px", sites.rmse_px},
                              {"with_time_within_one_sigma", sites.withinOneSigma}}},
            {"tracking", {{"mota", tracking.mota}, {"idf1", tracking.idf1}, {"id_switches", tracking.idSwitches},
                          {"misses", tracking.misses}, {"false_positives", tracking.falsePositives}}},
            {"behaviours", {{"macro_f1", tracking.behaviourMacroF1}, {"f1", tracking.behaviourF1},
                            {"confusion_truth_by_found", tracking.confusion},
                            {"true_hops", tracking.trueHops}, {"hops_found", tracking.hopsFound},
                            {"hop_recall", tracking.hopRecall}, {"hop_precision", tracking.hopPrecision}}},
            {"twin_boundaries", {{"frames_with_boundary", lattice.twinFrames}, {"found", lattice.twinFound},
                                 {"within_tolerance", lattice.twinWithin},
                                 {"mean_angle_error_deg", lattice.meanAngleError_deg},
                                 {"max_angle_error_deg", lattice.maxAngleError_deg},
                                 {"mean_position_error_px", lattice.meanPositionError_px},
                                 {"max_position_error_px", lattice.maxPositionError_px}}},
            {"lattice", {{"d111_px", lattice.meanSpacing111_px}, {"truth_d111_px", lattice.truthSpacing111_px},
                         {"mean_relative_error", lattice.meanRelativeError111},
                         {"max_abs_relative_error", lattice.maxAbsRelativeError111}}},
        };
        writeFileAtomically(*jsonPath, j.dump(2) + "\n");
    }
    return 0;
}

} // namespace hrtem::cli
