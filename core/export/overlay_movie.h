#pragma once
// The analysed movie with its overlays drawn on every frame (renderOverlay), for a talk or a
// supplementary video: a TIFF stack (RGB, calibrated, lossless) or a video file through
// OpenCV's writer (.avi with Motion JPEG, .mp4 with MPEG-4 part 2: what Debian's OpenCV
// encodes without extra codecs). Frames of the result only, in its order.
#include "core/export/overlay_image.h"
#include "core/io/stack.h"

#include <atomic>
#include <string>

namespace hrtem {

struct OverlayMovieSettings {
    OverlayStyle style;
    double framesPerSecond = 0.0; ///< video only; 0: the movie's own rate (10 when it has none)
};

/// Writes `path` (.tif/.tiff: TIFF stack; .avi, .mp4: video) from the frames of `stack` that
/// `result` analysed. The file appears complete or not at all. Throws IoError naming the file
/// for an unknown suffix or when it cannot be written, Cancelled when the token is cancelled.
void writeOverlayMovie(StackReader& stack, const AnalysisResult& result, const std::string& path,
                       const OverlayMovieSettings& settings = {}, const Progress& progress = {});

} // namespace hrtem
