#include "core/export/analysis_folder_reader.h"

#include "core/io/csv_table.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>

namespace hrtem {

namespace {

std::string inFolder(const std::string& folder, const char* name) { return (std::filesystem::path(folder) / name).string(); }

SiteKind siteFromName(const std::string& name) { return name == "surface" ? SiteKind::Surface : SiteKind::Bulk; }

/// -1 for an empty or unknown name.
int behaviourFromName(const std::string& name)
{
    for (Behaviour b : {Behaviour::Stable, Behaviour::Hopping, Behaviour::Adsorbed, Behaviour::Desorbed})
        if (name == behaviourName(b))
            return int(b);
    return -1;
}

double orZero(double v) { return std::isfinite(v) ? v : 0.0; }

/// The index into result.frames of the stack frame a row names (AnalysisResult::listIndexOf, once
/// frames.csv is read), or an error naming the file and the row.
struct FrameIndex {
    const AnalysisResult& result;
    int at(const std::string& path, int row, int stackFrame) const
    {
        const int i = result.listIndexOf(stackFrame);
        if (i < 0)
            throw IoError(path, "row " + std::to_string(row + 2) + " names frame " + std::to_string(stackFrame) +
                                    ", which frames.csv does not list");
        return i;
    }
};

void readSummary(const std::string& folder, AnalysisResult& r)
{
    const std::string path = inFolder(folder, "summary.json");
    const nlohmann::json j = readJsonFile(path);
    try {
        const nlohmann::json& input = j.at("input");
        r.inputPath = input.value("path", std::string());
        r.width = input.value("width", 0);
        r.height = input.value("height", 0);
        r.pixel_nm = input.value("pixel_nm", 0.0);
        r.frameInterval_s = input.value("frame_interval_s", 0.0);
        r.timeUnit = input.value("time_unit", std::string("s"));
        r.settings = analysisSettingsFromJson(j.at("settings"));
        if (j.contains("movie")) {
            r.period_px = j["movie"].value("period_px", 0.0);
            r.nearestNeighbour_px = j["movie"].value("nearest_neighbour_px", 0.0);
        }
        r.cancelled = j.value("cancelled", false);
        r.notes = j.value("notes", std::vector<std::string>{});
        if (j.contains("timings_s"))
            r.totalSeconds = j["timings_s"].value("total", 0.0);
    } catch (const nlohmann::json::exception& e) {
        throw IoError(path, std::string("is not a summary of hrtem analyze: ") + e.what());
    } catch (const std::invalid_argument& e) {
        throw IoError(path, e.what());
    }
}

FrameIndex readFrames(const std::string& folder, AnalysisResult& r)
{
    const std::string path = inFolder(folder, "frames.csv");
    const CsvTable t = CsvTable::read(path);
    const int cFrame = t.column("frame"), cTime = t.column("time_s"), cD111 = t.column("d111_px"),
              cD200 = t.column("d200_px"), cQuality = t.column("quality_db"), cCrystal = t.column("crystal_fraction"),
              cNn = t.column("mean_nn_px"), cDx = t.column("drift_x_px"), cDy = t.column("drift_y_px");
    const int cNote = t.hasColumn("note") ? t.column("note") : -1;
    const int cSystematic = t.hasColumn("systematic_err_px") ? t.column("systematic_err_px") : -1;
    const int cEdited = t.hasColumn("edited") ? t.column("edited") : -1;
    const int cTrustFlag = t.hasColumn("restoration_flag") ? t.column("restoration_flag") : -1,
              cTrustSupport = t.hasColumn("restoration_support") ? t.column("restoration_support") : -1;
    FrameIndex index{r};
    r.frames.resize(std::size_t(t.rows()));
    r.tracking.drift_px.resize(std::size_t(t.rows()));
    for (int row = 0; row < t.rows(); ++row) {
        FrameAnalysis& f = r.frames[std::size_t(row)];
        f.frame = t.integer(row, cFrame);
        if (row > 0 && f.frame <= r.frames[std::size_t(row) - 1].frame)
            throw IoError(path, "row " + std::to_string(row + 2) + ": frames are not in increasing order");
        f.time_s = t.number(row, cTime);
        LatticeFit& lattice = f.relations.lattice;
        lattice.spacing111_px = t.number(row, cD111);
        lattice.spacing200_px = orZero(t.number(row, cD200));
        lattice.valid = std::isfinite(lattice.spacing111_px);
        f.quality_dB = orZero(t.number(row, cQuality));
        f.crystalFraction = orZero(t.number(row, cCrystal));
        f.relations.meanNearestNeighbour_px = orZero(t.number(row, cNn));
        r.tracking.drift_px[std::size_t(row)] = {orZero(t.number(row, cDx)), orZero(t.number(row, cDy))};
        f.edited = cEdited >= 0 && t.integer(row, cEdited) == 1;
        if (cTrustFlag >= 0 && !t.text(row, cTrustFlag).empty()) {
            f.restored = true;
            f.trust.flagged = t.integer(row, cTrustFlag) == 1;
            f.trust.support = cTrustSupport >= 0 ? t.number(row, cTrustSupport) : NAN;
            f.trust.judged = std::isfinite(f.trust.support);
        }
        if (cNote >= 0)
            f.note = t.text(row, cNote);
        if (cSystematic >= 0 && std::isfinite(t.number(row, cSystematic)))
            f.systematicError_px = t.number(row, cSystematic);
    }
    return index;
}

void readAtoms(const std::string& folder, const FrameIndex& index, AnalysisResult& r)
{
    const std::string path = inFolder(folder, "atoms.csv");
    const CsvTable t = CsvTable::read(path);
    const int cFrame = t.column("frame"), cId = t.column("atom_id"), cX = t.column("x_px"), cY = t.column("y_px"),
              cSx = t.column("sigma_x_px"), cSy = t.column("sigma_y_px"), cAmp = t.column("amplitude"),
              cCoord = t.column("coordination"), cSite = t.column("site"), cEx = t.column("err_x_px"),
              cEy = t.column("err_y_px"), cCx = t.column("crb_x_px"), cCy = t.column("crb_y_px"),
              cSig = t.column("significance"), cBg = t.column("background"), cTrack = t.column("track_id"),
              cSiteX = t.column("x_site_px"), cSiteY = t.column("y_site_px"), cSiteErr = t.column("site_err_px"),
              cSiteFrames = t.column("site_frames");
    const int cFitEx = t.hasColumn("fit_err_x_px") ? t.column("fit_err_x_px") : -1,
              cFitEy = t.hasColumn("fit_err_y_px") ? t.column("fit_err_y_px") : -1;
    const int cEdited = t.hasColumn("edited") ? t.column("edited") : -1; // results before issue 19 have none
    for (int row = 0; row < t.rows(); ++row) {
        Atom a;
        a.edited = cEdited >= 0 && t.integer(row, cEdited) == 1;
        a.id = t.integer(row, cId);
        a.x = t.number(row, cX);
        a.y = t.number(row, cY);
        a.sigmaX = t.number(row, cSx);
        a.sigmaY = t.number(row, cSy);
        a.amplitude = t.number(row, cAmp);
        a.coordination = t.integer(row, cCoord);
        a.site = siteFromName(t.text(row, cSite));
        a.errX = t.number(row, cEx);
        a.errY = t.number(row, cEy);
        a.crbX = t.number(row, cCx);
        a.crbY = t.number(row, cCy);
        a.significance = t.number(row, cSig);
        a.background = t.number(row, cBg);
        // Results written before issue 22 have no fit errors: the reported ones stand in.
        a.fitErrX = cFitEx >= 0 ? t.number(row, cFitEx) : a.errX;
        a.fitErrY = cFitEy >= 0 ? t.number(row, cFitEy) : a.errY;
        a.trackId = t.integer(row, cTrack);
        a.siteX = t.number(row, cSiteX);
        a.siteY = t.number(row, cSiteY);
        a.siteErr = t.number(row, cSiteErr);
        a.siteFrames = t.integer(row, cSiteFrames);
        r.frames[std::size_t(index.at(path, row, t.integer(row, cFrame)))].atoms.push_back(a);
    }
}

/// Tracks and their per-point behaviours from trajectories.csv; features from tracks.csv.
void readTracks(const std::string& folder, const FrameIndex& index, AnalysisResult& r)
{
    const std::string path = inFolder(folder, "trajectories.csv");
    const CsvTable t = CsvTable::read(path);
    const int cFrame = t.column("frame"), cTrack = t.column("track_id"), cX = t.column("x_px"), cY = t.column("y_px"),
              cBehaviour = t.column("behaviour"), cAtom = t.column("atom_id");
    const int cEdited = t.hasColumn("edited") ? t.column("edited") : -1;
    std::map<int, std::size_t> slotOfId;
    std::vector<std::vector<int>> behaviours;
    bool allBehaviours = true;
    for (int row = 0; row < t.rows(); ++row) {
        const int id = t.integer(row, cTrack);
        auto [it, added] = slotOfId.try_emplace(id, r.tracking.tracks.size());
        if (added) {
            r.tracking.tracks.push_back(Track{});
            r.tracking.tracks.back().id = id;
            behaviours.emplace_back();
        }
        TrackPoint p;
        p.frame = index.at(path, row, t.integer(row, cFrame));
        p.x = t.number(row, cX);
        p.y = t.number(row, cY);
        const int atomId = t.integer(row, cAtom);
        const auto& atoms = r.frames[std::size_t(p.frame)].atoms;
        if (atomId >= 0) {
            // Atom ids are their index within the frame; search only if a file was edited.
            if (std::size_t(atomId) < atoms.size() && atoms[std::size_t(atomId)].id == atomId)
                p.atomIndex = atomId;
            else
                for (std::size_t i = 0; i < atoms.size(); ++i)
                    if (atoms[i].id == atomId)
                        p.atomIndex = int(i);
        }
        r.tracking.tracks[it->second].points.push_back(p);
        r.tracking.tracks[it->second].edited = cEdited >= 0 && t.integer(row, cEdited) == 1;
        const int b = behaviourFromName(t.text(row, cBehaviour));
        allBehaviours = allBehaviours && b >= 0;
        behaviours[it->second].push_back(b);
    }
    // Rows come by frame; points of a track are therefore already in ascending frames.
    if (allBehaviours && !behaviours.empty()) {
        r.behaviours.perTrackPoint.resize(behaviours.size());
        for (std::size_t k = 0; k < behaviours.size(); ++k)
            for (int b : behaviours[k])
                r.behaviours.perTrackPoint[k].push_back(Behaviour(b));
    }
    r.tracking.nearestNeighbour_px = r.nearestNeighbour_px;

    const std::string featuresPath = inFolder(folder, "tracks.csv");
    const CsvTable f = CsvTable::read(featuresPath);
    const int fTrack = f.column("track_id"), fNet = f.column("net_displacement_px"), fSpeed = f.column("mean_speed_px_per_s"),
              fDiff = f.column("diffusion_px2_per_s"), fJumps = f.column("jumps"), fDet = f.column("detections"),
              fDwell = f.column("mean_dwell_s");
    r.behaviours.features.resize(r.tracking.tracks.size());
    for (std::size_t k = 0; k < r.tracking.tracks.size(); ++k) {
        TrackFeatures& features = r.behaviours.features[k];
        const Track& track = r.tracking.tracks[k];
        features.trackId = track.id;
        features.firstFrame = track.points.front().frame;
        features.lastFrame = track.points.back().frame;
    }
    for (int row = 0; row < f.rows(); ++row) {
        const auto it = slotOfId.find(f.integer(row, fTrack));
        if (it == slotOfId.end())
            throw IoError(featuresPath, "row " + std::to_string(row + 2) + " names track " +
                                            std::to_string(f.integer(row, fTrack)) + ", which trajectories.csv does not have");
        TrackFeatures& features = r.behaviours.features[it->second];
        features.netDisplacement_px = orZero(f.number(row, fNet));
        features.meanSpeed_px_per_s = orZero(f.number(row, fSpeed));
        features.diffusion_px2_per_s = orZero(f.number(row, fDiff));
        features.jumps = f.integer(row, fJumps);
        features.detections = f.integer(row, fDet);
        features.meanDwell_s = orZero(f.number(row, fDwell));
    }
}

void readEvents(const std::string& folder, const FrameIndex& index, AnalysisResult& r)
{
    const std::string path = inFolder(folder, "events.csv");
    const CsvTable t = CsvTable::read(path);
    const int cFrame = t.column("frame"), cKind = t.column("kind"), cTrack = t.column("track_id"),
              cFx = t.column("from_x_px"), cFy = t.column("from_y_px"), cTx = t.column("to_x_px"), cTy = t.column("to_y_px");
    for (int row = 0; row < t.rows(); ++row) {
        BehaviourEvent e;
        e.frame = index.at(path, row, t.integer(row, cFrame));
        e.kind = t.text(row, cKind);
        e.trackId = t.integer(row, cTrack);
        e.from = {t.number(row, cFx), t.number(row, cFy)};
        e.to = {t.number(row, cTx), t.number(row, cTy)};
        r.behaviours.events.push_back(e);
    }
}

void readTwins(const std::string& folder, const FrameIndex& index, AnalysisResult& r)
{
    const std::string path = inFolder(folder, "twin_boundaries.csv");
    const CsvTable t = CsvTable::read(path);
    const int cFrame = t.column("frame"), cX0 = t.column("x0_px"), cY0 = t.column("y0_px"), cX1 = t.column("x1_px"),
              cY1 = t.column("y1_px"), cAngle = t.column("angle_deg"), cMis = t.column("misorientation_deg");
    for (int row = 0; row < t.rows(); ++row) {
        TwinBoundary b;
        b.p0 = {t.number(row, cX0), t.number(row, cY0)};
        b.p1 = {t.number(row, cX1), t.number(row, cY1)};
        b.angle_deg = t.number(row, cAngle);
        b.misorientation_deg = t.number(row, cMis);
        r.frames[std::size_t(index.at(path, row, t.integer(row, cFrame)))].twinBoundaries.push_back(b);
    }
}

/// Bonds and the particle outline from the columns as read (the files do not store them).
/// computeRelations may relabel sites and coordination; the file's values are kept.
void recomputeBonds(AnalysisResult& r)
{
    for (FrameAnalysis& f : r.frames) {
        std::vector<Atom> copy = f.atoms;
        RelationSettings settings = relationSettings(r.settings, r.width, r.height, r.pixel_nm);
        settings.strain = false;
        const LatticeFit lattice = f.relations.lattice;
        const double meanNn = f.relations.meanNearestNeighbour_px;
        f.relations = computeRelations(copy, settings);
        f.relations.lattice.valid = lattice.valid;
        f.relations.lattice.spacing111_px = lattice.spacing111_px;
        f.relations.lattice.spacing200_px = lattice.spacing200_px;
        f.relations.meanNearestNeighbour_px = meanNn;
    }
}

} // namespace

AnalysisResult readAnalysisFolder(const std::string& folder)
{
    if (!std::filesystem::is_directory(folder))
        throw IoError(folder, "is not a folder of analysis results");
    AnalysisResult r;
    readSummary(folder, r);
    const FrameIndex index = readFrames(folder, r);
    readAtoms(folder, index, r);
    readTracks(folder, index, r);
    readEvents(folder, index, r);
    readTwins(folder, index, r);
    recomputeBonds(r);
    return r;
}

} // namespace hrtem
