#pragma once
// A session: everything needed to come back to an analysis — the input, the parameters, the
// hand corrections, the networks used (with their SHA-256), the frames marked for training and
// the view state the window keeps (opaque to core). Reopening reruns the analysis with the
// same parameters and replays the corrections, which gives the same files as before.
#include "core/result/analysis_result.h"
#include "core/result/corrections.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hrtem {

struct Session {
    std::string inputPath;          ///< absolute when saved
    long long inputSize = -1;       ///< bytes; -1: not recorded
    std::string inputSha256;        ///< of the input's bytes; empty: not recorded
    int imageIndex = -1;            ///< which image of a multi-image file (OpenOptions::imageIndex)
    AnalysisSettings settings;
    std::vector<Correction> corrections;
    std::vector<AnalysisResult::ModelUse> models; ///< as used by the saved analysis
    std::vector<int> highQualityFrames, lowQualityFrames; ///< marked for training (stack frames)
    nlohmann::json view = nlohmann::json::object(); ///< the window's state (overlays, frame, ...)
};

/// Written atomically as JSON. Throws IoError naming the file.
void saveSession(const Session& session, const std::string& path);
/// Throws IoError naming the file and the problem (not JSON, not a session, bad settings).
/// A relative or moved input is looked for next to the session file too.
Session loadSession(const std::string& path);

nlohmann::json toJson(const Session& session);
Session sessionFromJson(const nlohmann::json& json);

/// Records the input's size and SHA-256 (reading the whole file) unless they are recorded
/// for this path and size already. Throws IoError naming the input when it cannot be read.
void recordSessionInput(Session& session);

/// What is wrong with a session's input, if anything.
enum class SessionInputState { Ok, Missing, Changed };
/// Ok when the input exists and has the size and SHA-256 recorded (or none are recorded).
SessionInputState sessionInputState(const Session& session);

/// Refuses, with an IoError naming `sessionPath` and the file, a session whose input is
/// missing or differs from the one it was saved with, or which names a network file that is
/// not there (the weights it records, or the settings' GAN weights when restoring with it).
void requireSessionFiles(const Session& session, const std::string& sessionPath);

/// Lines naming each network whose file now hashes differently from when the session was
/// saved (or that is missing from the new analysis): the results may differ.
std::vector<std::string> modelMismatches(const Session& session, const AnalysisResult& rerun);

} // namespace hrtem
