#pragma once
// The patch classifiers against a simulation's truth (`hrtem evaluate-patches`, issue 34): how
// many grid patches each method calls crystal or background as the particle mask does (a patch
// is crystal when the mask covers at least half of it), and whether each frame is called high or
// low quality as the movie's dose says (patch_classifier_training.h). The voting decides quality
// as the analysis would: splitHighQuality over the movie's frames (its absolute rule for a movie
// of one quality). Both judge the analysis' grid with the lattice period measured on the frames.
#include <string>
#include <vector>

namespace hrtem {

struct PatchMethodScores {
    long patches = 0, patchesAgreeing = 0;
    int frames = 0, framesQualityRight = 0;
    double patchAgreement() const { return patches > 0 ? double(patchesAgreeing) / patches : 0.0; }
    double qualityAccuracy() const { return frames > 0 ? double(framesQualityRight) / frames : 0.0; }
    void add(const PatchMethodScores& o);
};

struct PatchClassificationScores {
    std::string folder;
    double dose = 0.0;          ///< counts per pixel
    bool highQuality = false;   ///< the truth: dose >= kHighQualityMinCounts
    double period_px = 0.0;     ///< measured on the first frame
    PatchMethodScores voting, network;
    std::vector<double> votingQuality_dB;          ///< per frame, the voting's quality score
    std::vector<double> networkHighQuality;        ///< per frame, the network's mean probability
};

/// Scores the first `frames` frames of a simulation folder (movie.tif, truth/particle_mask.tif and
/// a stated dose, low or high). `weights` empty: the shipped network. Throws IoError /
/// std::runtime_error naming the file and the problem (no lattice, a dose between the classes).
PatchClassificationScores evaluatePatchClassification(const std::string& folder, int frames, const std::string& weights = {},
                                                      const std::string& device = "auto");

} // namespace hrtem
