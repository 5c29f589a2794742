#pragma once
// Tracks as a TrackMate XML file (Tinevez et al., Methods 115 (2017) 80-90), so they open in
// Fiji (Plugins > Tracking > Load a TrackMate file) over the original movie. Spots carry
// positions in the calibrated unit (nm, or pixels without calibration) and the frame; edges
// join a track's consecutive spots.
#include "core/result/analysis_result.h"

#include <string>

namespace hrtem {

std::string trackMateXml(const AnalysisResult& result);

} // namespace hrtem
