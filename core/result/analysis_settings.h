#pragma once
// Every parameter of one analysis run, as the CLI's --config file and the GUI's analysis panel
// hold them. Written into summary.json so a result says how it was made.
#include "core/locate/localization.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace hrtem {

struct AnalysisSettings {
    std::string restore = "none"; ///< none, wiener, absf, nlm, bm3d, gan
    std::string ganWeights;       ///< HRTEM-GAN weights (restore "gan"); empty: the shipped ones
    std::string device = "auto";  ///< where HRTEM-GAN runs: auto (CUDA if there is one), cpu, cuda
    int firstFrame = 0;           ///< frames [firstFrame, endFrame) of the stack
    int endFrame = -1;            ///< -1: to the last frame
    int threads = 0;              ///< frames analysed at once; 0: one per core
    bool classifyPatches = true;
    int patchSize = 32;
    /// Who decides the crystal patches: "network" (the multi-task patch classifier), "voting"
    /// (unsupervised clusterings), or "auto" (the network where its weights are found).
    std::string patchClassifier = "auto";
    std::string patchClassifierWeights; ///< empty: the shipped network
    LocalizationSettings localization;
    /// How columns are found: "classical" (maxima of the column response) or "seg" (the regions
    /// of the atom segmenter's map, core/segment; the same Gaussian fits follow).
    std::string locate = "classical";
    std::string segmenterWeights; ///< the atom segmenter (locate "seg"); empty: the shipped one
    /// Where the crystal is: "classical" (the lattice fringes' energy) or "net" (the particle U-Net).
    std::string particle = "classical";
    std::string particleWeights;  ///< the particle U-Net (particle "net"); empty: the shipped one
    double bondCut = 1.35;        ///< bonds up to this many nearest-neighbour spacings (fcc [110]: the long bond is 1.155, the next distance 1.633)
    int maxGap = 3;               ///< frames a track may miss and still be continued
    /// Locate columns only when the movie's power spectrum shows Bragg spots in two directions
    /// (lattice_evidence.h); false: always try (for data the test does not suit).
    bool requireLattice = true;
    /// The crystal model that names the lattice's planes: "auto" (by the lattice's shape) or
    /// name[:a_nm[:c_nm]], e.g. "perovskite:0.3905" (crystal_models.h).
    std::string structure = "auto";
};

struct RelationSettings;
struct TrackingSettings;
struct BehaviourSettings;

nlohmann::json toJson(const AnalysisSettings& settings);
/// Reads a settings file as `hrtem analyze --config` and the panel's Load… take it (the
/// `settings` object of a summary.json works too). Throws IoError naming the file and the
/// problem (not JSON, unknown key, wrong type, a value out of range).
AnalysisSettings readAnalysisSettingsFile(const std::string& path);
/// Writes `settings` as readAnalysisSettingsFile reads them, atomically. Throws IoError.
void writeAnalysisSettingsFile(const AnalysisSettings& settings, const std::string& path);
/// The relation stage's settings for a run: its bond cut and structure, with the frame's size
/// and calibration (the one place they are put together).
RelationSettings relationSettings(const AnalysisSettings& settings, int width, int height, double pixel_nm);
/// The tracking stage's settings for a run: its gap, the gates scaled by the movie's column
/// spacing. Used by the movie stages and by edits by hand alike.
TrackingSettings trackingSettings(const AnalysisSettings& settings, double nearestNeighbour_px);
/// The behaviour stage's settings for a run (the defaults: none is exposed yet).
BehaviourSettings behaviourSettings(const AnalysisSettings& settings);
/// Reads what `toJson` writes; missing keys keep their defaults, unknown keys are an error
/// (std::invalid_argument naming the key) so that a typo in a config file never passes silently.
AnalysisSettings analysisSettingsFromJson(const nlohmann::json& json);

} // namespace hrtem
