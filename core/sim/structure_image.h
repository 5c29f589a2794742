#pragma once
// Z-contrast (HAADF-like) images of any crystal model along any of its zone axes, with ground
// truth (issue 28): a round particle cut from the projected structure (crystal_models.h), each
// visible column a Gaussian whose height is its Z^1.7 weight, on a flat background, with Poisson
// noise. Light columns (below 15% of the heaviest, such as pure oxygen) are left out, as HAADF
// at a working dose does not show them. It is deliberately simple, next to the fcc [110]
// multislice simulator: what it tests is relations and lattice analysis on structures the
// multislice one cannot make, with truth for the surface and the spacings.
#include "core/relate/crystal_models.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace hrtem::sim {

struct StructureImageSettings {
    std::string structure = "perovskite"; ///< name[:a[:c]] as crystal_models.h parses it
    std::string zoneAxis = "[001]";
    double radiusInBonds = 14.0;   ///< particle radius in nearest-neighbour distances
    double pixelsPerBond = 12.0;   ///< sets the calibration
    double positionNoise = 0.03;   ///< column displacements, in nearest-neighbour distances (1-sigma)
    double amplitudeNoise = 0.05;  ///< relative column-to-column intensity scatter (thickness, strain)
    double peakCounts = 200.0;     ///< counts at the heaviest column's peak over the background
    double backgroundCounts = 50.0;
    /// Extended crystal: the structure fills the frame (no particle edge in view).
    bool extended = false;
    /// Columns weighed by the particle's projected thickness as well (a sphere: brightest at the
    /// centre, dimmer towards the edge, as HAADF of a real particle shows); false: flat.
    bool thicknessProfile = false;
    /// How columns image: "z-contrast" (peaks of peakCounts on backgroundCounts, HAADF), or as a
    /// weak phase object in HRTEM, "dark" / "bright": dips / peaks of phaseContrast times the
    /// background (backgroundCounts is then the dose in counts per pixel).
    std::string imaging = "z-contrast";
    double phaseContrast = 0.25;
    /// An amorphous support under the whole frame: a smooth random field (correlation length 0.3
    /// nearest-neighbour distances) of this rms, relative to the background; 0: a flat background.
    double supportTexture = 0.0;
    double columnWidth = 0.25;     ///< a column's Gaussian sigma, in nearest-neighbour distances
    std::uint64_t seed = 1;
};

struct TruthColumn {
    double x = 0, y = 0;  ///< px, pixel (0,0) centred at (0,0)
    double weight = 0;    ///< Z-contrast weight, heaviest 1
    bool surface = false; ///< a neighbour site within 1.35 nearest-neighbour distances is outside the particle
};

struct StructureImage {
    cv::Mat counts;                  ///< CV_32F, the noisy image
    std::vector<TruthColumn> columns;
    double pixel_nm = 0.0;
    double nearestNeighbour_px = 0.0;
};

/// Columns only (no image): for tests of the relation stage on exact positions plus noise.
StructureImage structureColumns(const StructureImageSettings& settings);
/// Columns and their image. Throws std::invalid_argument for an unknown structure or zone axis.
StructureImage renderStructureImage(const StructureImageSettings& settings);

/// Writes `folder`/movie.tif (one calibrated frame), truth/columns.csv (x_px, y_px, weight,
/// site), truth/column_mask.tif and truth/particle_mask.tif (truth_masks.h; the column discs'
/// radius is 0.21 nearest-neighbour distances, as the multislice movies' 0.06 nm for gold) and
/// truth/structure.json (the settings, calibration and the model's plane spacings).
void writeStructureImage(const StructureImage& image, const StructureImageSettings& settings, const std::string& folder);

} // namespace hrtem::sim
