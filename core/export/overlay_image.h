#pragma once
// A frame with its analysis drawn on it, as a picture for a report or a quick look from the
// command line (`hrtem analyze --overlay N`): bonds, atoms coloured by site or behaviour, track
// tails, twin boundaries and the particle outline. The GUI draws its own, interactive overlays.
#include "core/result/analysis_result.h"

#include <opencv2/core/mat.hpp>

namespace hrtem {

struct OverlayStyle {
    int scale = 2;             ///< output pixels per frame pixel (columns need room to be seen)
    int tailFrames = 10;       ///< trajectory tail length
    bool bonds = true, atoms = true, tails = true, twins = true, outline = true;
};

/// `frame` is the raw (or restored) frame `result.frames[listIndex]` was computed from.
/// Returns an 8-bit BGR image, `style.scale` times the frame's size.
cv::Mat renderOverlay(const cv::Mat& frame, const AnalysisResult& result, int listIndex, const OverlayStyle& style = {});

} // namespace hrtem
