#include "core/pipeline/session.h"

#include "core/io/atomic_file.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/util/sha256.h"
#include "core/version.h"

#include <filesystem>
#include <stdexcept>

namespace hrtem {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFormat = "hrtem-studio-session";
constexpr int kFormatVersion = 1;

nlohmann::json frameList(const std::vector<int>& frames)
{
    return nlohmann::json(frames);
}

/// The input as saved, else the same name next to the session (a folder moved as a whole).
std::string locateInput(const std::string& saved, const std::string& relative, const fs::path& sessionFolder)
{
    if (!saved.empty() && fs::exists(saved))
        return saved;
    if (!relative.empty()) {
        const fs::path candidate = sessionFolder / relative;
        if (fs::exists(candidate))
            return fs::absolute(candidate).lexically_normal().string();
    }
    return saved;
}

/// An int-valued key (nlohmann's get<int> of 3e24 or 2.5 is undefined or silent truncation).
int intValue(const nlohmann::json& j, const char* key, int fallback)
{
    if (!j.contains(key))
        return fallback;
    return checkedInt(j[key], key);
}

std::vector<int> frameNumbers(const nlohmann::json& j, const char* key)
{
    std::vector<int> frames;
    if (!j.contains(key))
        return frames;
    if (!j[key].is_array())
        throw std::invalid_argument(std::string("\"") + key + "\" is not a list of frame numbers");
    for (const nlohmann::json& f : j[key])
        frames.push_back(checkedInt(f, key));
    return frames;
}

} // namespace

nlohmann::json toJson(const Session& s)
{
    nlohmann::json models = nlohmann::json::array();
    for (const AnalysisResult::ModelUse& m : s.models)
        models.push_back({{"role", m.role}, {"path", m.path}, {"sha256", m.sha256}, {"description", m.description}});
    return {{"format", kFormat},
            {"format_version", kFormatVersion},
            {"program_version", kVersion},
            {"input", s.inputPath},
            {"input_size", s.inputSize},
            {"input_sha256", s.inputSha256},
            {"image_index", s.imageIndex},
            {"settings", toJson(s.settings)},
            {"corrections", toJson(s.corrections)},
            {"models", models},
            {"high_quality_frames", frameList(s.highQualityFrames)},
            {"low_quality_frames", frameList(s.lowQualityFrames)},
            {"view", s.view}};
}

Session sessionFromJson(const nlohmann::json& j)
{
    if (!j.is_object() || j.value("format", std::string()) != kFormat)
        throw std::invalid_argument("not an HRTEM Studio session (no \"format\": \"" + std::string(kFormat) + "\")");
    if (j.value("format_version", 0) > kFormatVersion)
        throw std::invalid_argument("written by a newer HRTEM Studio (session format " +
                                    std::to_string(j.value("format_version", 0)) + ")");
    Session s;
    s.inputPath = j.value("input", std::string());
    s.inputSize = j.value("input_size", -1LL);
    s.inputSha256 = j.value("input_sha256", std::string());
    s.imageIndex = intValue(j, "image_index", -1);
    if (j.contains("settings"))
        s.settings = analysisSettingsFromJson(j["settings"]);
    if (j.contains("corrections"))
        s.corrections = correctionsFromJson(j["corrections"]);
    for (const nlohmann::json& m : j.value("models", nlohmann::json::array()))
        s.models.push_back({m.value("role", std::string()), m.value("path", std::string()),
                            m.value("sha256", std::string()), m.value("description", std::string())});
    s.highQualityFrames = frameNumbers(j, "high_quality_frames");
    s.lowQualityFrames = frameNumbers(j, "low_quality_frames");
    s.view = j.value("view", nlohmann::json::object());
    return s;
}

void saveSession(const Session& session, const std::string& path)
{
    nlohmann::json j = toJson(session);
    // Also the input relative to the session, so a folder moved or copied as a whole reopens.
    if (!session.inputPath.empty()) {
        std::error_code error;
        const fs::path folder = fs::absolute(path).parent_path();
        const fs::path relative = fs::relative(fs::absolute(session.inputPath), folder, error);
        if (!error)
            j["input_relative"] = relative.generic_string();
    }
    writeFileAtomically(path, j.dump(2) + "\n");
}

Session loadSession(const std::string& path)
{
    const nlohmann::json j = readJsonFile(path, " as a session");
    try {
        Session s = sessionFromJson(j);
        s.inputPath = locateInput(s.inputPath, j.value("input_relative", std::string()),
                                  fs::absolute(path).parent_path());
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw IoError(path, std::string("is not a valid session: ") + e.what());
    } catch (const std::invalid_argument& e) {
        throw IoError(path, e.what());
    }
}

void recordSessionInput(Session& s)
{
    std::error_code error;
    const auto size = fs::file_size(s.inputPath, error);
    if (error)
        throw IoError(s.inputPath, "cannot be read: " + error.message());
    if (!s.inputSha256.empty() && s.inputSize == static_cast<long long>(size))
        return;
    s.inputSha256 = sha256OfFile(s.inputPath);
    s.inputSize = static_cast<long long>(size);
}

SessionInputState sessionInputState(const Session& s)
{
    std::error_code error;
    if (s.inputPath.empty() || !fs::is_regular_file(s.inputPath, error))
        return SessionInputState::Missing;
    if (s.inputSize >= 0 && static_cast<long long>(fs::file_size(s.inputPath, error)) != s.inputSize)
        return SessionInputState::Changed;
    if (!s.inputSha256.empty() && sha256OfFile(s.inputPath) != s.inputSha256)
        return SessionInputState::Changed;
    return SessionInputState::Ok;
}

void requireSessionFiles(const Session& s, const std::string& sessionPath)
{
    switch (sessionInputState(s)) {
    case SessionInputState::Ok: break;
    case SessionInputState::Missing:
        throw IoError(sessionPath, "its input " + s.inputPath + " is not there (moved or deleted)");
    case SessionInputState::Changed:
        throw IoError(sessionPath, "its input " + s.inputPath +
                                       " has changed since the session was saved (size or SHA-256 differ): "
                                       "the analysis and the corrections would not apply to it");
    }
    std::error_code error;
    for (const AnalysisResult::ModelUse& m : s.models)
        if (!m.path.empty() && !fs::is_regular_file(m.path, error))
            throw IoError(sessionPath, "the " + m.role + " network file " + m.path + " it was analysed with is not there");
    if (s.settings.restore == "gan" && !s.settings.ganWeights.empty() && !fs::is_regular_file(s.settings.ganWeights, error))
        throw IoError(sessionPath, "the HRTEM-GAN weights file " + s.settings.ganWeights + " it names is not there");
}

std::vector<std::string> modelMismatches(const Session& session, const AnalysisResult& rerun)
{
    std::vector<std::string> lines;
    for (const AnalysisResult::ModelUse& saved : session.models) {
        const AnalysisResult::ModelUse* now = nullptr;
        for (const AnalysisResult::ModelUse& m : rerun.models)
            if (m.role == saved.role)
                now = &m;
        if (!now)
            lines.push_back("the " + saved.role + " network (" + saved.path + ") was not used this time");
        else if (now->sha256 != saved.sha256)
            lines.push_back("the " + saved.role + " network " + now->path + " differs from the one saved (SHA-256 " +
                            saved.sha256.substr(0, 12) + "… then, " + now->sha256.substr(0, 12) + "… now)");
    }
    return lines;
}

} // namespace hrtem
