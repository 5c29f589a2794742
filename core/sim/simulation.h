#pragma once
// A simulated in-situ HRTEM movie with its ground truth: the entry point of core/sim.
#include "core/io/stack.h"
#include "core/sim/dynamics.h"
#include "core/sim/renderer.h"
#include "core/sim/settings.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <memory>
#include <optional>
#include <string>

namespace hrtem::sim {

struct Segment {
    Vec2 a; ///< image px
    Vec2 b;
    double angle_deg() const;
};

class Simulation {
public:
    explicit Simulation(SimulationSettings settings);

    const SimulationSettings& settings() const { return mSettings; }
    int frameCount() const { return mSettings.frames; }
    const FrameState& state(int frame) const { return mDynamics->frames()[static_cast<std::size_t>(frame)]; }
    const std::vector<SimEvent>& events() const { return mDynamics->events(); }
    const Renderer& renderer() const { return *mRenderer; }
    const Specimen& specimen() const { return *mSpecimen; }

    /// Noise-free expected counts of a frame (CV_32F). Thread-safe.
    cv::Mat cleanFrame(int frame) const;
    /// The noisy frame for the settings' dose (the same for the same seed). Thread-safe.
    cv::Mat noisyFrame(int frame, const cv::Mat& clean) const;

    /// Column position in the image (px), vibration included.
    Vec2 columnPosition(int frame, const ColumnState& column) const;
    /// The twin boundary in the image, clipped to the particle; nullopt without a twin.
    std::optional<Segment> twinBoundary(int frame) const;
    /// uint8 masks (0/255): the particle (discs of half the column spacing around its columns,
    /// closed; adatoms included) and discs of columnMaskRadius_nm around every column.
    cv::Mat particleMask(int frame) const;
    cv::Mat columnMask(int frame) const;
    /// The frame's column positions in pixels (adatoms included), as the masks are drawn from.
    std::vector<cv::Point2d> columnPositions(int frame) const;

private:
    SimulationSettings mSettings;
    std::unique_ptr<Specimen> mSpecimen;
    std::unique_ptr<Dynamics> mDynamics;
    std::unique_ptr<Renderer> mRenderer;
};

/// A simulation as a stack the viewer can open: frames rendered on demand (noisy, or the
/// clean expected counts), calibrated in nm and seconds.
std::unique_ptr<StackReader> makeSimulatedStack(SimulationSettings settings, bool clean = false);

/// Writes movie.tif (noisy), clean.tif (noise-free expected counts) and truth/ (columns.csv,
/// events.csv, twin_boundaries.csv, drift.csv, particle_mask.tif, column_mask.tif) plus parameters.json
/// into `folder`. Frames render in parallel; files are written atomically.
void writeSimulation(const Simulation& simulation, const std::string& folder, const Progress& progress = {});

} // namespace hrtem::sim
