#pragma once
// Which parts of a frame are crystal (foreground) and how good the frame is, without training
// data: the frame is cut into non-overlapping square patches, several unsupervised two-class
// splits of patch features each vote foreground or background, and the majority wins (after
// Supplementary Note I of "From Low-Quality to High-Quality: Generating Structure-Preserved
// Atomic-Scale HRTEM images via an Enhanced CycleGAN"). Quality is the lattice fringes' power
// over the shot-noise floor in the patches' spectra.
#include <nlohmann/json_fwd.hpp>

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace hrtem {

struct PatchSettings {
    int patchSize = 32;          ///< side of the square patches, px
    double period_px = 0.0;      ///< lattice fringe period; 0: estimated from the frame
    double bandLow = 0.75;       ///< lattice band, in multiples of the lattice frequency 1/period
    double bandHigh = 1.35;
    double noiseBandLow = 0.42;  ///< spectrum beyond this (cycles/px) holds only shot noise
    double minSpotContrast = 6.0; ///< lattice test: spots over ring median ≥ 1 + this/√patches
    bool cleanUp = true;          ///< background enclosed by crystal (no path to the frame's
                                  ///< edge) becomes crystal: a particle's projection has no holes
};

nlohmann::json toJson(const PatchSettings& s);
/// Missing keys keep defaults; an unknown key is std::invalid_argument naming it.
PatchSettings patchSettingsFromJson(const nlohmann::json& j);

/// The votes and the result for every patch, row-major (patch (r, c) covers pixels
/// [c·patchSize, (c+1)·patchSize) x [r·patchSize, (r+1)·patchSize)). Pixels right of or below
/// the last whole patch are not classified.
struct PatchMap {
    int patchSize = 0;
    int rows = 0;
    int cols = 0;
    double period_px = 0.0;              ///< lattice period used (0: none found, all background)
    int voters = 0;                      ///< number of clusterings that voted
    std::vector<std::uint8_t> foreground; ///< 1: crystal
    std::vector<int> votes;              ///< clusterings that said crystal
    std::vector<std::uint8_t> voteBits;  ///< bit i: clustering i said crystal (see voterNames)
    std::vector<double> quality;         ///< lattice peak over noise floor in the patch's spectrum, dB
    double frameQuality = 0.0;           ///< the same on the mean spectrum of the crystal patches, dB
                                         ///< (of all patches when there is no crystal)
    double foregroundSpotContrast = 0.0; ///< strongest lattice spot over its ring's median, mean
    double backgroundSpotContrast = 0.0; ///< spectrum of the voted crystal / background patches
    /// Who decided `foreground`: "voting" (this file) or "network" (network_patch_classifier.h,
    /// which also fills the two high-quality fields; the voting's fields stay as it found them).
    std::string method = "voting";
    std::vector<float> highQualityProbability; ///< per patch, the network's; empty for the voting
    double frameHighQualityProbability = -1.0; ///< mean over the patches; -1 for the voting

    int index(int row, int col) const { return row * cols + col; }
    int foregroundCount() const;
    cv::Mat foregroundMask(cv::Size frameSize) const; ///< CV_8U 0/255 at pixel resolution
};

/// Names of the voting clusterings, in voteBits order: grey_levels (2-means on the patch's
/// median and its lower and upper decile spreads), mean_std (2-means on mean and standard
/// deviation), lattice_energy (Otsu on the lattice band's power over the noise floor), texture
/// (Otsu on the standard deviation left after smoothing away shot noise). A tie goes to mean_std.
std::vector<const char*> voterNames();

/// Classifies the patches of a single-channel frame (bright = more electrons; converted to
/// CV_32F). Throws std::invalid_argument for a patch size under 8 px, a frame smaller than one
/// patch, or a given period that does not fit twice in a patch. An estimated period that does
/// not fit means no lattice: every patch is background. When the voted crystal's averaged
/// spectrum shows no lattice spots every patch is background; when the voted background's shows
/// them nearly as clearly (the frame is all crystal) every patch is crystal. Estimating the period takes most of
/// the time (a whole-frame FFT): for a movie, estimate it once and pass it in `period_px`.
PatchMap classifyPatches(const cv::Mat& frame, const PatchSettings& settings);

/// Splits the frames of a movie into high (true) and low quality from their frameQuality by
/// Otsu's threshold. When the two groups are less than `minGap_dB` apart the movie has one
/// quality level, and each frame is judged alone by isHighQuality.
std::vector<bool> splitHighQuality(const std::vector<double>& frameScores, double minGap_dB = 3.0);

/// Absolute rule for one frame (see kHighQualityDb).
bool isHighQuality(double frameScore);

/// Encloses-nothing rule the voting ends with (PatchSettings::cleanUp): background patches with
/// no path of background patches to the frame's edge become crystal.
void fillEnclosedBackground(PatchMap& map);

/// Frames whose crystal spectrum shows the lattice this far above the shot-noise floor count as
/// high quality on their own. Between the simulator's gold particle at ~200 counts/px (about
/// 33 dB) and at ~20 counts/px (about 23 dB); each tenfold in dose adds 10 dB.
inline constexpr double kHighQualityDb = 28.0;

} // namespace hrtem
