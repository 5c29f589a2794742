#include "core/result/shard_archive.h"

#include "core/io/atomic_file.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace hrtem {

namespace {

using nlohmann::json;

// NaN has no JSON literal: null stands for it (nlohmann writes every double with the digits
// that read back to the same double).
json number(double v) { return std::isnan(v) ? json(nullptr) : json(v); }
double number(const json& j) { return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>(); }

/// An atom as the per-frame stages leave it: a flat array in this order.
json atomToJson(const Atom& a)
{
    return json::array({a.id, number(a.x), number(a.y), number(a.sigmaX), number(a.sigmaY), number(a.amplitude),
                        number(a.background), number(a.errX), number(a.errY), number(a.fitErrX), number(a.fitErrY),
                        number(a.crbX), number(a.crbY), number(a.significance), a.coordination, int(a.site), a.trackId,
                        number(a.siteX), number(a.siteY), number(a.siteErr), a.siteFrames, a.edited});
}

Atom atomFromJson(const json& j)
{
    if (!j.is_array() || j.size() != 22)
        throw std::invalid_argument("an atom is not an array of 22 values");
    Atom a;
    a.id = j[0].get<int>();
    double* fields[] = {&a.x, &a.y, &a.sigmaX, &a.sigmaY, &a.amplitude, &a.background, &a.errX, &a.errY,
                        &a.fitErrX, &a.fitErrY, &a.crbX, &a.crbY, &a.significance};
    for (std::size_t i = 0; i < std::size(fields); ++i)
        *fields[i] = number(j[1 + i]);
    a.coordination = j[14].get<int>();
    a.site = SiteKind(j[15].get<int>());
    a.trackId = j[16].get<int>();
    a.siteX = number(j[17]);
    a.siteY = number(j[18]);
    a.siteErr = number(j[19]);
    a.siteFrames = j[20].get<int>();
    a.edited = j[21].get<bool>();
    return a;
}

json noiseToJson(const NoiseModel& n) { return {{"gain", number(n.gain)}, {"offset", number(n.offset)}, {"read_variance", number(n.readVariance)}}; }

NoiseModel noiseFromJson(const json& j)
{
    NoiseModel n;
    n.gain = number(j.at("gain"));
    n.offset = number(j.at("offset"));
    n.readVariance = number(j.at("read_variance"));
    return n;
}

json localizationToJson(const LocalizationReport& r)
{
    return {{"period_px", number(r.period_px)}, {"polarity", r.polarity}, {"threshold", number(r.threshold)},
            {"ring_threshold", number(r.ringThreshold)}, {"pooled_frames", r.pooledFrames}, {"noise", noiseToJson(r.noise)},
            {"candidates", r.candidates}, {"filled", r.filled}, {"hidden", r.hidden}};
}

LocalizationReport localizationFromJson(const json& j)
{
    LocalizationReport r;
    r.period_px = number(j.at("period_px"));
    r.polarity = j.at("polarity").get<int>();
    r.threshold = number(j.at("threshold"));
    r.ringThreshold = number(j.at("ring_threshold"));
    r.pooledFrames = j.at("pooled_frames").get<int>();
    r.noise = noiseFromJson(j.at("noise"));
    r.candidates = j.at("candidates").get<int>();
    r.filled = j.at("filled").get<int>();
    r.hidden = j.at("hidden").get<int>();
    return r;
}

json doubles(const std::vector<double>& values)
{
    json out = json::array();
    for (double v : values)
        out.push_back(number(v));
    return out;
}

std::vector<double> doublesFromJson(const json& j)
{
    std::vector<double> out;
    for (const json& v : j)
        out.push_back(number(v));
    return out;
}

json patchesToJson(const PatchMap& p)
{
    return {{"patch_size", p.patchSize}, {"rows", p.rows}, {"cols", p.cols}, {"period_px", number(p.period_px)},
            {"voters", p.voters}, {"foreground", p.foreground}, {"votes", p.votes}, {"vote_bits", p.voteBits},
            {"quality", doubles(p.quality)}, {"frame_quality", number(p.frameQuality)},
            {"foreground_spot_contrast", number(p.foregroundSpotContrast)},
            {"background_spot_contrast", number(p.backgroundSpotContrast)}, {"method", p.method},
            {"high_quality_probability", p.highQualityProbability},
            {"frame_high_quality_probability", number(p.frameHighQualityProbability)}};
}

PatchMap patchesFromJson(const json& j)
{
    PatchMap p;
    p.patchSize = j.at("patch_size").get<int>();
    p.rows = j.at("rows").get<int>();
    p.cols = j.at("cols").get<int>();
    p.period_px = number(j.at("period_px"));
    p.voters = j.at("voters").get<int>();
    p.foreground = j.at("foreground").get<std::vector<std::uint8_t>>();
    p.votes = j.at("votes").get<std::vector<int>>();
    p.voteBits = j.at("vote_bits").get<std::vector<std::uint8_t>>();
    p.quality = doublesFromJson(j.at("quality"));
    p.frameQuality = number(j.at("frame_quality"));
    p.foregroundSpotContrast = number(j.at("foreground_spot_contrast"));
    p.backgroundSpotContrast = number(j.at("background_spot_contrast"));
    p.method = j.at("method").get<std::string>();
    p.highQualityProbability = j.at("high_quality_probability").get<std::vector<float>>();
    p.frameHighQualityProbability = number(j.at("frame_high_quality_probability"));
    return p;
}

json trustToJson(const RestorationTrust& t)
{
    json regions = json::array();
    for (const TrustRegion& r : t.regions)
        regions.push_back({r.area.x, r.area.y, r.area.width, r.area.height, r.columns, number(r.support), number(r.deficitSigma), r.flagged});
    return {{"judged", t.judged}, {"support", number(t.support)}, {"deficit_sigma", number(t.deficitSigma)},
            {"residual_chi2", number(t.residualChi2)}, {"signal_kept", number(t.signalKept)},
            {"kept_deficit_sigma", number(t.keptDeficitSigma)}, {"kept_judged", t.keptJudged}, {"flagged", t.flagged},
            {"regions", regions}, {"unsupported_columns", t.unsupportedColumns}};
}

RestorationTrust trustFromJson(const json& j)
{
    RestorationTrust t;
    t.judged = j.at("judged").get<bool>();
    t.support = number(j.at("support"));
    t.deficitSigma = number(j.at("deficit_sigma"));
    t.residualChi2 = number(j.at("residual_chi2"));
    t.signalKept = number(j.at("signal_kept"));
    t.keptDeficitSigma = number(j.at("kept_deficit_sigma"));
    t.keptJudged = j.at("kept_judged").get<bool>();
    t.flagged = j.at("flagged").get<bool>();
    for (const json& r : j.at("regions"))
        t.regions.push_back({cv::Rect(r[0].get<int>(), r[1].get<int>(), r[2].get<int>(), r[3].get<int>()), r[4].get<int>(),
                             number(r[5]), number(r[6]), r[7].get<bool>()});
    t.unsupportedColumns = j.at("unsupported_columns").get<int>();
    return t;
}

json frameToJson(const FrameAnalysis& f)
{
    json atoms = json::array();
    for (const Atom& a : f.atoms)
        atoms.push_back(atomToJson(a));
    return {{"frame", f.frame}, {"time_s", number(f.time_s)}, {"atoms", atoms},
            {"localization", localizationToJson(f.localization)}, {"patches", patchesToJson(f.patches)},
            {"quality_dB", number(f.quality_dB)}, {"crystal_fraction", number(f.crystalFraction)}, {"seconds", number(f.seconds)},
            {"note", f.note}, {"systematic_error_px", number(f.systematicError_px)}, {"edited", f.edited},
            {"restored", f.restored}, {"trust", trustToJson(f.trust)}};
}

FrameAnalysis frameFromJson(const json& j)
{
    FrameAnalysis f;
    f.frame = j.at("frame").get<int>();
    f.time_s = number(j.at("time_s"));
    for (const json& a : j.at("atoms"))
        f.atoms.push_back(atomFromJson(a));
    f.localization = localizationFromJson(j.at("localization"));
    f.patches = patchesFromJson(j.at("patches"));
    f.quality_dB = number(j.at("quality_dB"));
    f.crystalFraction = number(j.at("crystal_fraction"));
    f.seconds = number(j.at("seconds"));
    f.note = j.at("note").get<std::string>();
    f.systematicError_px = number(j.at("systematic_error_px"));
    f.edited = j.at("edited").get<bool>();
    f.restored = j.at("restored").get<bool>();
    f.trust = trustFromJson(j.at("trust"));
    return f;
}

json latticeToJson(const LatticeEvidence& e)
{
    return {{"resolved", e.resolved}, {"directions", e.directions}, {"spots", e.spots},
            {"strongest_spot", number(e.strongestSpot)}, {"threshold", number(e.threshold)},
            {"frames_pooled", e.framesPooled}, {"effective_spectra", number(e.effectiveSpectra)}, {"reason", e.reason}};
}

LatticeEvidence latticeFromJson(const json& j)
{
    LatticeEvidence e;
    e.resolved = j.at("resolved").get<bool>();
    e.directions = j.at("directions").get<int>();
    e.spots = j.at("spots").get<int>();
    e.strongestSpot = number(j.at("strongest_spot"));
    e.threshold = number(j.at("threshold"));
    e.framesPooled = j.at("frames_pooled").get<int>();
    e.effectiveSpectra = number(j.at("effective_spectra"));
    e.reason = j.at("reason").get<std::string>();
    return e;
}

} // namespace

json toJson(const ShardArchive& archive)
{
    const AnalysisResult& r = archive.result;
    json models = json::array();
    for (const AnalysisResult::ModelUse& m : r.models)
        models.push_back({{"role", m.role}, {"path", m.path}, {"sha256", m.sha256}, {"description", m.description}});
    json frames = json::array();
    for (const FrameAnalysis& f : r.frames)
        frames.push_back(frameToJson(f));
    return {{"format", ShardArchive::kFormat},
            {"shard", {{"index", archive.index}, {"count", archive.count}, {"first", archive.first}, {"end", archive.end}}},
            {"input", {{"path", r.inputPath}, {"bytes", archive.inputBytes}, {"width", r.width}, {"height", r.height}}},
            {"pixel_nm", number(r.pixel_nm)}, {"frame_interval_s", number(r.frameInterval_s)}, {"time_unit", r.timeUnit},
            {"settings", toJson(r.settings)}, {"period_px", number(r.period_px)}, {"noise", noiseToJson(r.noise)},
            {"lattice", latticeToJson(r.lattice)}, {"models", models}, {"notes", r.notes}, {"cancelled", r.cancelled},
            {"stage_seconds", r.stageSeconds}, {"total_seconds", number(r.totalSeconds)}, {"frames", frames}};
}

ShardArchive shardArchiveFromJson(const json& j)
{
    if (!j.is_object() || j.value("format", "") != ShardArchive::kFormat)
        throw std::invalid_argument(std::string("not a shard archive (format ") + ShardArchive::kFormat + ")");
    try {
        ShardArchive archive;
        const json& shard = j.at("shard");
        archive.index = shard.at("index").get<int>();
        archive.count = shard.at("count").get<int>();
        archive.first = shard.at("first").get<int>();
        archive.end = shard.at("end").get<int>();
        AnalysisResult& r = archive.result;
        const json& input = j.at("input");
        r.inputPath = input.at("path").get<std::string>();
        archive.inputBytes = input.at("bytes").get<long long>();
        r.width = input.at("width").get<int>();
        r.height = input.at("height").get<int>();
        r.pixel_nm = number(j.at("pixel_nm"));
        r.frameInterval_s = number(j.at("frame_interval_s"));
        r.timeUnit = j.at("time_unit").get<std::string>();
        r.settings = analysisSettingsFromJson(j.at("settings"));
        r.period_px = number(j.at("period_px"));
        r.noise = noiseFromJson(j.at("noise"));
        r.lattice = latticeFromJson(j.at("lattice"));
        for (const json& m : j.at("models"))
            r.models.push_back({m.at("role").get<std::string>(), m.at("path").get<std::string>(), m.at("sha256").get<std::string>(),
                                m.at("description").get<std::string>()});
        r.notes = j.at("notes").get<std::vector<std::string>>();
        r.cancelled = j.at("cancelled").get<bool>();
        r.stageSeconds = j.at("stage_seconds").get<std::map<std::string, double>>();
        r.totalSeconds = number(j.at("total_seconds"));
        for (const json& f : j.at("frames"))
            r.frames.push_back(frameFromJson(f));
        return archive;
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("a shard archive with a missing or wrong entry: ") + e.what());
    }
}

void writeShardArchive(const ShardArchive& archive, const std::string& path)
{
    writeFileAtomically(path, toJson(archive).dump() + "\n");
}

ShardArchive readShardArchive(const std::string& path)
{
    const json j = readJsonFile(path, " (a shard's shard.json, written by hrtem analyze --shard)");
    try {
        return shardArchiveFromJson(j);
    } catch (const std::invalid_argument& e) {
        throw IoError(path, e.what());
    }
}

} // namespace hrtem
