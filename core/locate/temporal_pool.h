#pragma once
// Columns barely move from one frame to the next, so a few neighbouring frames, aligned for
// drift and averaged, show where the crystal and its columns are with sqrt(N) times the
// signal-to-noise of one frame. Low dose is handled by this pooling, not by lowering a
// threshold: each frame then places its columns on its own counts (localization.h).
#include "core/locate/noise_model.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <vector>

namespace hrtem {

/// The mean of N frames aligned onto one of them.
struct PooledFrame {
    cv::Mat mean;   ///< CV_32F, in the centre frame's coordinates
    int frames = 1; ///< how many frames went in
};

/// The translation that carries `moving` onto `reference` (phase correlation of the two frames
/// at half resolution, Hann-windowed; sub-pixel). Lattice images correlate well even at a few
/// counts per pixel; shifts of half a lattice period or more per frame pair are ambiguous.
cv::Point2d frameShift(const cv::Mat& reference, const cv::Mat& moving);

/// The mean of `frames`, each shifted onto frames[centre] (bilinear, edges replicated).
PooledFrame poolFrames(const std::vector<cv::Mat>& frames, std::size_t centre);

/// The noise of a mean of n frames: every variance term divided by n.
NoiseModel pooledNoise(const NoiseModel& single, int n);

/// Frames to pool so that a typical column, whose response in one frame is
/// `singleFrameSignificance` noise sigmas, reaches `target` sigmas: (target / z)², rounded up
/// to an odd count (a window centred on the frame), between 1 and `most`.
int framesToPool(double singleFrameSignificance, double target, int most);

/// The window of `count` frames around `frame` inside [first, end): centred where it can be,
/// shifted inward at the movie's ends so it always holds min(count, end - first) frames.
std::pair<int, int> poolWindow(int frame, int count, int first, int end);

} // namespace hrtem
