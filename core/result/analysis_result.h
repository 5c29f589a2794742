#pragma once
// What one analysis run produces: per frame the atoms and everything derived from them, and over
// the movie the tracks, behaviours and events. The exports, `hrtem evaluate` and the GUI read this.
#include "core/locate/atom.h"
#include "core/behave/behaviours.h"
#include "core/classify/lattice_evidence.h"
#include "core/locate/localization.h"
#include "core/classify/patch_classifier.h"
#include "core/relate/relations.h"
#include "core/track/tracking.h"
#include "core/relate/twin_boundaries.h"
#include "core/restore/restoration_trust.h"
#include "core/result/analysis_settings.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace hrtem {

struct FrameAnalysis {
    int frame = 0;                  ///< index in the stack
    double time_s = 0.0;
    std::vector<Atom> atoms;
    LocalizationReport localization;
    FrameRelations relations;
    std::vector<TwinBoundary> twinBoundaries;
    PatchMap patches;               ///< empty when patch classification is off
    double quality_dB = 0.0;        ///< lattice signal over the noise floor
    double crystalFraction = 0.0;   ///< patches voted crystal
    double seconds = 0.0;           ///< time spent on this frame
    std::string note;               ///< why the frame has no columns, when it has none for a reason
    double systematicError_px = 0.0; ///< per axis, from the lattice's midpoint residuals (systematic_error.h)
    bool edited = false;            ///< an atom of it was added, moved or deleted by hand
    bool restored = false;          ///< columns were located on a restored frame
    RestorationTrust trust;         ///< whether the raw frame backs them (restoration_trust.h)
};

struct AnalysisResult {
    std::string inputPath;
    int width = 0, height = 0;
    double pixel_nm = 0.0;          ///< 0: the file has no length calibration (nm columns empty)
    double frameInterval_s = 0.0;   ///< 0: unknown (time_s is the frame index)
    std::string timeUnit = "s";
    AnalysisSettings settings;
    double period_px = 0.0;         ///< lattice fringe period used for the whole movie
    double nearestNeighbour_px = 0.0;
    NoiseModel noise;
    LatticeEvidence lattice;        ///< whether the movie shows a resolved lattice at all
    std::vector<FrameAnalysis> frames; ///< in stack order
    TrackingResult tracking;
    BehaviourResult behaviours;
    bool cancelled = false;
    std::map<std::string, double> stageSeconds; ///< wall time per stage, summed over frames
    double totalSeconds = 0.0;
    std::vector<std::string> notes; ///< what the run had to decide or could not do, in plain words
    int corrections = 0;            ///< corrections by hand applied (corrections.h)
    /// Networks the run used: file, SHA-256 and what ran it (for summary.json and sessions).
    struct ModelUse {
        std::string role, path, sha256, description;
    };
    std::vector<ModelUse> models;

    double toNm(double px) const { return px * pixel_nm; }
    /// The time step of tracks and behaviours: the frame interval, or 1 (frames) without one.
    double frameIntervalOrOne() const { return frameInterval_s > 0 ? frameInterval_s : 1.0; }
    /// Index into `frames` of stack frame `stackFrame`, or -1. Frames are in stack order and
    /// usually consecutive: the direct offset first, then a binary search.
    int listIndexOf(int stackFrame) const
    {
        if (!frames.empty()) {
            const int guess = stackFrame - frames.front().frame;
            if (guess >= 0 && guess < static_cast<int>(frames.size()) && frames[static_cast<std::size_t>(guess)].frame == stackFrame)
                return guess;
        }
        const auto it = std::lower_bound(frames.begin(), frames.end(), stackFrame,
                                         [](const FrameAnalysis& f, int value) { return f.frame < value; });
        return it != frames.end() && it->frame == stackFrame ? static_cast<int>(it - frames.begin()) : -1;
    }
};

} // namespace hrtem
