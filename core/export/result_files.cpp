#include "core/export/result_files.h"

#include "core/io/atomic_file.h"
#include "core/export/csv_writer.h"
#include "core/export/trackmate_xml.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace hrtem {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* siteName(SiteKind s)
{
    return s == SiteKind::Surface ? "surface" : "bulk";
}

/// Where each (frame, atom) sits in the tracks: so atoms.csv can name its track's behaviour.
struct TrackLookup {
    explicit TrackLookup(const AnalysisResult& r)
    {
        behaviour.resize(r.frames.size());
        for (std::size_t f = 0; f < r.frames.size(); ++f)
            behaviour[f].assign(r.frames[f].atoms.size(), -1);
        const auto& perPoint = r.behaviours.perTrackPoint;
        for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t) {
            const Track& track = r.tracking.tracks[t];
            for (std::size_t p = 0; p < track.points.size(); ++p) {
                const TrackPoint& point = track.points[p];
                if (point.frame < 0 || point.frame >= int(behaviour.size()) || point.atomIndex < 0 ||
                    point.atomIndex >= int(behaviour[point.frame].size()))
                    continue;
                if (t < perPoint.size() && p < perPoint[t].size())
                    behaviour[point.frame][point.atomIndex] = static_cast<int>(perPoint[t][p]);
            }
        }
    }
    std::string name(std::size_t frame, std::size_t atom) const
    {
        const int b = behaviour[frame][atom];
        return b < 0 ? std::string() : behaviourName(static_cast<Behaviour>(b));
    }
    std::vector<std::vector<int>> behaviour;
};

/// nm value or an empty cell when the file had no calibration.
double nm(const AnalysisResult& r, double px)
{
    return r.pixel_nm > 0 ? px * r.pixel_nm : kNaN;
}

double timeOfListIndex(const AnalysisResult& r, int listIndex)
{
    return listIndex >= 0 && listIndex < int(r.frames.size()) ? r.frames[listIndex].time_s : kNaN;
}

/// Frames restored, judged and flagged by the trust check; null without a restoration.
nlohmann::json restorationTrustJson(const AnalysisResult& r)
{
    int restored = 0, judged = 0, flagged = 0;
    for (const FrameAnalysis& f : r.frames) {
        restored += f.restored ? 1 : 0;
        judged += f.restored && f.trust.judged ? 1 : 0;
        flagged += f.trust.flagged ? 1 : 0;
    }
    if (restored == 0)
        return nullptr;
    return {{"frames_restored", restored}, {"frames_judged", judged}, {"frames_flagged", flagged}};
}

/// Track ids are indices into tracking.tracks.
bool trackEdited(const AnalysisResult& r, int trackId)
{
    return trackId >= 0 && trackId < int(r.tracking.tracks.size()) && r.tracking.tracks[std::size_t(trackId)].edited;
}

/// A trajectory row is edited when its column was added or moved by hand, or, for a point with
/// no column, when its track was edited (a deleted column leaves a bridged gap): one column
/// added to a 40-frame track marks one row, not forty. Merges, splits and relabels mark the
/// track (tracks.csv) and its events.
bool pointEdited(const AnalysisResult& r, const Track& track, const TrackPoint& point)
{
    if (point.atomIndex < 0)
        return track.edited;
    return r.frames[std::size_t(point.frame)].atoms[std::size_t(point.atomIndex)].edited;
}

int stackFrameOfListIndex(const AnalysisResult& r, int listIndex)
{
    return listIndex >= 0 && listIndex < int(r.frames.size()) ? r.frames[listIndex].frame : listIndex;
}

} // namespace

std::string atomsCsv(const AnalysisResult& r)
{
    const TrackLookup lookup(r);
    CsvWriter csv({"frame", "time_s", "atom_id", "x_px", "y_px", "x_nm", "y_nm", "sigma_x_px", "sigma_y_px",
                   "amplitude", "coordination", "site", "err_x_px", "err_y_px", "crb_x_px", "crb_y_px",
                   "significance", "background", "track_id", "behaviour", "nn_distance_px", "strain_xx",
                   "strain_yy", "strain_xy", "x_site_px", "y_site_px", "site_err_px", "site_frames", "fit_err_x_px",
                   "fit_err_y_px", "nn_distance_err_px", "strain_xx_err", "strain_yy_err", "strain_xy_err", "edited"});
    for (std::size_t f = 0; f < r.frames.size(); ++f) {
        const FrameAnalysis& frame = r.frames[f];
        const FrameRelations& rel = frame.relations;
        for (std::size_t i = 0; i < frame.atoms.size(); ++i) {
            const Atom& a = frame.atoms[i];
            auto perAtom = [&](const std::vector<double>& v) { return i < v.size() ? v[i] : kNaN; };
            csv.add(frame.frame).add(frame.time_s, 4).add(a.id).add(a.x, 3).add(a.y, 3).add(nm(r, a.x), 4)
                .add(nm(r, a.y), 4).add(a.sigmaX, 3).add(a.sigmaY, 3).add(a.amplitude, 3).add(a.coordination)
                .add(std::string(siteName(a.site))).add(a.errX, 4).add(a.errY, 4).add(a.crbX, 4).add(a.crbY, 4)
                .add(a.significance, 2).add(a.background, 3).add(a.trackId).add(lookup.name(f, i))
                .add(perAtom(rel.nearestNeighbour_px), 3).add(perAtom(rel.strainXX), 5)
                .add(perAtom(rel.strainYY), 5).add(perAtom(rel.strainXY), 5).add(a.siteX, 3).add(a.siteY, 3)
                .add(a.siteErr, 4).add(a.siteFrames).add(a.fitErrX, 4).add(a.fitErrY, 4)
                .add(perAtom(rel.nearestNeighbourErr_px), 4).add(perAtom(rel.strainXXErr), 5)
                .add(perAtom(rel.strainYYErr), 5).add(perAtom(rel.strainXYErr), 5)
                .add(a.edited ? 1 : 0); // this column by hand; its track's flag is in tracks.csv
            csv.endRow();
        }
    }
    return csv.text();
}

std::string trajectoriesCsv(const AnalysisResult& r)
{
    CsvWriter csv({"frame", "time_s", "track_id", "x_px", "y_px", "x_nm", "y_nm", "behaviour", "atom_id",
                   "x_drift_corrected_px", "y_drift_corrected_px", "detected", "edited"});
    // Row order: by frame, then track, like atoms.csv (easy to diff and to stream).
    struct Row {
        int listIndex, track;
        std::size_t t, p;
    };
    std::vector<Row> rows;
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t)
        for (std::size_t p = 0; p < r.tracking.tracks[t].points.size(); ++p)
            rows.push_back({r.tracking.tracks[t].points[p].frame, r.tracking.tracks[t].id, t, p});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.listIndex != b.listIndex ? a.listIndex < b.listIndex : a.track < b.track;
    });
    for (const Row& row : rows) {
        const TrackPoint& point = r.tracking.tracks[row.t].points[row.p];
        const auto& perPoint = r.behaviours.perTrackPoint;
        const std::string behaviour = row.t < perPoint.size() && row.p < perPoint[row.t].size()
                                          ? behaviourName(perPoint[row.t][row.p])
                                          : "";
        const Point2 drift = point.frame < int(r.tracking.drift_px.size()) ? r.tracking.drift_px[point.frame] : Point2{};
        csv.add(stackFrameOfListIndex(r, point.frame)).add(timeOfListIndex(r, point.frame), 4).add(row.track)
            .add(point.x, 3).add(point.y, 3).add(nm(r, point.x), 4).add(nm(r, point.y), 4).add(behaviour)
            .add(point.atomIndex >= 0 ? r.frames[point.frame].atoms[point.atomIndex].id : -1)
            .add(point.x - drift.x, 3).add(point.y - drift.y, 3).add(point.atomIndex >= 0 ? 1 : 0)
            .add(pointEdited(r, r.tracking.tracks[row.t], point) ? 1 : 0);
        csv.endRow();
    }
    return csv.text();
}

/// frames.csv's crystal columns (issue 28), empty where the frame has no measured cell.
static void addCrystalColumns(CsvWriter& csv, const AnalysisResult& r, const FrameRelations& rel)
{
    const CrystalLattice& c = rel.crystal;
    const LatticeIndexing& ix = rel.indexing;
    csv.add(rel.bonds.empty() ? std::string() : std::string(rel.extended ? "1" : "0"));
    csv.add(c.valid ? std::string(bravaisTypeName(c.type)) : std::string()).add(ix.structure).add(ix.zoneAxis);
    csv.add(ix.latticeConstant_nm > 0 ? ix.latticeConstant_nm : kNaN, 5);
    csv.add(c.valid ? c.a1Err_px : kNaN, 4).add(c.valid ? c.a2Err_px : kNaN, 4).add(c.valid ? c.angleErr_deg : kNaN, 3);
    for (std::size_t k = 0; k < 4; ++k) {
        const bool has = c.valid && k < c.planes.size();
        csv.add(has && k < ix.planeLabels.size() ? ix.planeLabels[k] : std::string());
        csv.add(has ? c.planes[k].d_px : kNaN, 4).add(has ? c.planes[k].dErr_px : kNaN, 4);
        csv.add(has ? nm(r, c.planes[k].d_px) : kNaN, 5);
    }
    csv.add(ix.message);
}

std::string framesCsv(const AnalysisResult& r)
{
    std::vector<int> eventsPerFrame(r.frames.size(), 0);
    for (const BehaviourEvent& e : r.behaviours.events)
        if (e.frame >= 0 && e.frame < int(eventsPerFrame.size()))
            ++eventsPerFrame[e.frame];
    CsvWriter csv({"frame", "time_s", "atoms", "mean_nn_px", "mean_nn_nm", "d111_px", "d111_nm", "d200_px", "a1_px", "a2_px",
                   "lattice_angle_deg", "particle_area_px2", "particle_area_nm2", "equivalent_diameter_nm",
                   "quality_db", "crystal_fraction", "twin_boundaries", "events", "drift_x_px", "drift_y_px",
                   "bonds", "surface_atoms", "mean_coordination", "period_px", "note", "systematic_err_px", "mean_nn_err_px", "edited", "restoration_support",
                   "restoration_deficit_sigma", "restoration_residual_chi2", "restoration_flag", "restoration_kept",
                   // Issue 28: the crystal's own cell, its indexing and its widest plane families.
                   "extended_crystal", "lattice_type", "structure", "zone_axis", "lattice_constant_nm", "a1_err_px", "a2_err_px",
                   "lattice_angle_err_deg", "plane_1", "d_1_px", "d_1_err_px", "d_1_nm", "plane_2", "d_2_px", "d_2_err_px", "d_2_nm",
                   "plane_3", "d_3_px", "d_3_err_px", "d_3_nm", "plane_4", "d_4_px", "d_4_err_px", "d_4_nm", "lattice_note"});
    for (std::size_t f = 0; f < r.frames.size(); ++f) {
        const FrameAnalysis& frame = r.frames[f];
        const FrameRelations& rel = frame.relations;
        const LatticeFit& lat = rel.lattice;
        int surface = 0;
        double coordination = 0;
        for (const Atom& a : frame.atoms) {
            surface += a.site == SiteKind::Surface ? 1 : 0;
            coordination += a.coordination;
        }
        const double a1 = lat.valid ? std::hypot(lat.a1x, lat.a1y) : kNaN;
        const double a2 = lat.valid ? std::hypot(lat.a2x, lat.a2y) : kNaN;
        const double angle = lat.valid ? std::acos(std::clamp((lat.a1x * lat.a2x + lat.a1y * lat.a2y) / (a1 * a2), -1.0, 1.0)) * 180.0 / M_PI : kNaN;
        // d111/d200 name fcc [110]'s planes: empty for any other model or an unindexed lattice.
        const bool fcc110 = rel.indexing.isFcc110();
        const double d111 = lat.valid && fcc110 ? lat.spacing111_px : kNaN;
        const double area = rel.particle.area_px2 > 0 ? rel.particle.area_px2 : kNaN;
        const Point2 drift = f < r.tracking.drift_px.size() ? r.tracking.drift_px[f] : Point2{kNaN, kNaN};
        csv.add(frame.frame).add(frame.time_s, 4).add(int(frame.atoms.size()))
            .add(rel.meanNearestNeighbour_px > 0 ? rel.meanNearestNeighbour_px : kNaN, 4)
            .add(rel.meanNearestNeighbour_px > 0 ? nm(r, rel.meanNearestNeighbour_px) : kNaN, 5).add(d111, 4)
            .add(nm(r, d111), 5).add(lat.valid && fcc110 ? lat.spacing200_px : kNaN, 4).add(a1, 4).add(a2, 4).add(angle, 3).add(area, 1)
            .add(r.pixel_nm > 0 ? area * r.pixel_nm * r.pixel_nm : kNaN, 3)
            .add(rel.particle.equivalentDiameter_px > 0 ? nm(r, rel.particle.equivalentDiameter_px) : kNaN, 3)
            .add(frame.patches.rows > 0 ? frame.quality_dB : kNaN, 2)
            .add(frame.patches.rows > 0 ? frame.crystalFraction : kNaN, 4).add(int(frame.twinBoundaries.size()))
            .add(eventsPerFrame[f]).add(drift.x, 3).add(drift.y, 3).add(int(rel.bonds.size())).add(surface)
            .add(frame.atoms.empty() ? kNaN : coordination / frame.atoms.size(), 3).add(frame.localization.period_px, 4)
            .add(frame.note).add(frame.atoms.empty() ? kNaN : frame.systematicError_px, 4)
            .add(rel.meanNearestNeighbourErr_px, 5).add(frame.edited ? 1 : 0);
        // Empty without a restoration; the flag also where there were too few columns to judge.
        const RestorationTrust& trust = frame.trust;
        const bool judged = frame.restored && trust.judged;
        csv.add(judged ? trust.support : kNaN, 3).add(judged ? trust.deficitSigma : kNaN, 2)
            .add(frame.restored ? trust.residualChi2 : kNaN, 3);
        if (frame.restored)
            csv.add(trust.flagged ? 1 : 0);
        else
            csv.add(std::string());
        csv.add(frame.restored && trust.keptJudged ? trust.signalKept : kNaN, 3);
        addCrystalColumns(csv, r, rel);
        csv.endRow();
    }
    return csv.text();
}

std::string eventsCsv(const AnalysisResult& r)
{
    CsvWriter csv({"frame", "time_s", "kind", "track_id", "from_x_px", "from_y_px", "to_x_px", "to_y_px", "from_x_nm",
                   "from_y_nm", "to_x_nm", "to_y_nm", "distance_nm", "edited"});
    for (const BehaviourEvent& e : r.behaviours.events) {
        const double d = std::hypot(e.to.x - e.from.x, e.to.y - e.from.y);
        csv.add(stackFrameOfListIndex(r, e.frame)).add(timeOfListIndex(r, e.frame), 4).add(e.kind).add(e.trackId)
            .add(e.from.x, 3).add(e.from.y, 3).add(e.to.x, 3).add(e.to.y, 3).add(nm(r, e.from.x), 4)
            .add(nm(r, e.from.y), 4).add(nm(r, e.to.x), 4).add(nm(r, e.to.y), 4).add(nm(r, d), 4)
            .add(trackEdited(r, e.trackId) ? 1 : 0);
        csv.endRow();
    }
    return csv.text();
}

std::string tracksCsv(const AnalysisResult& r)
{
    CsvWriter csv({"track_id", "first_frame", "last_frame", "points", "net_displacement_nm", "path_length_nm",
                   "mean_speed_nm_per_s", "diffusion_nm2_per_s", "jumps", "net_displacement_px",
                   "mean_speed_px_per_s", "diffusion_px2_per_s", "detections", "mean_dwell_s", "edited"});
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t) {
        const Track& track = r.tracking.tracks[t];
        if (track.points.empty())
            continue;
        const TrackFeatures* features = t < r.behaviours.features.size() ? &r.behaviours.features[t] : nullptr;
        const double path = features ? features->pathLength_px : kNaN;
        const double net = features ? features->netDisplacement_px : kNaN;
        const double speed = features ? features->meanSpeed_px_per_s : kNaN;
        const double diffusion = features ? features->diffusion_px2_per_s : kNaN;
        csv.add(track.id).add(stackFrameOfListIndex(r, track.points.front().frame))
            .add(stackFrameOfListIndex(r, track.points.back().frame)).add(int(track.points.size())).add(nm(r, net), 4)
            .add(nm(r, path), 4).add(nm(r, speed), 4)
            .add(r.pixel_nm > 0 ? diffusion * r.pixel_nm * r.pixel_nm : kNaN, 6).add(features ? features->jumps : 0)
            .add(net, 3).add(speed, 3).add(diffusion, 4).add(features ? features->detections : 0)
            .add(features ? features->meanDwell_s : kNaN, 4).add(track.edited ? 1 : 0);
        csv.endRow();
    }
    return csv.text();
}

std::string twinBoundariesCsv(const AnalysisResult& r)
{
    CsvWriter csv({"frame", "time_s", "x0_px", "y0_px", "x1_px", "y1_px", "x0_nm", "y0_nm", "x1_nm", "y1_nm",
                   "angle_deg", "misorientation_deg"});
    for (const FrameAnalysis& f : r.frames)
        for (const TwinBoundary& b : f.twinBoundaries) {
            csv.add(f.frame).add(f.time_s, 4).add(b.p0.x, 2).add(b.p0.y, 2).add(b.p1.x, 2).add(b.p1.y, 2)
                .add(nm(r, b.p0.x), 4).add(nm(r, b.p0.y), 4).add(nm(r, b.p1.x), 4).add(nm(r, b.p1.y), 4)
                .add(b.angle_deg, 2).add(b.misorientation_deg, 2);
            csv.endRow();
        }
    return csv.text();
}

namespace {

/// The networks a run used, so that a result names the exact weights (by SHA-256) behind it.
nlohmann::json modelsJson(const AnalysisResult& r)
{
    nlohmann::json models = nlohmann::json::array();
    for (const AnalysisResult::ModelUse& m : r.models)
        models.push_back({{"role", m.role}, {"path", m.path}, {"sha256", m.sha256}, {"description", m.description}});
    return models;
}

} // namespace

/// The crystal's cell as the first frame with one measured it (issue 28): vectors with their
/// errors, type, basis (sublattices by position in the cell and intensity), indexing and planes.
/// Every frame's cell is in frames.csv; this adds the basis, which has no columns there.
nlohmann::json crystalJson(const AnalysisResult& r)
{
    for (const FrameAnalysis& f : r.frames) {
        const CrystalLattice& c = f.relations.crystal;
        if (!c.valid)
            continue;
        const LatticeIndexing& ix = f.relations.indexing;
        nlohmann::json basis = nlohmann::json::array(), planes = nlohmann::json::array();
        for (const Sublattice& s : c.basis)
            basis.push_back({{"u", s.u}, {"v", s.v}, {"mean_amplitude", s.meanAmplitude}, {"columns", s.columns}});
        for (std::size_t k = 0; k < c.planes.size(); ++k)
            planes.push_back({{"plane", k < ix.planeLabels.size() ? ix.planeLabels[k] : std::string()},
                              {"d_px", c.planes[k].d_px}, {"d_err_px", c.planes[k].dErr_px}});
        return {{"frame", f.frame},
                {"a1_px", {c.a1.x, c.a1.y}},
                {"a2_px", {c.a2.x, c.a2.y}},
                {"a1_err_px", c.a1Err_px},
                {"a2_err_px", c.a2Err_px},
                {"angle_deg", c.angle_deg},
                {"angle_err_deg", c.angleErr_deg},
                {"type", bravaisTypeName(c.type)},
                {"by_intensity", c.byIntensity},
                {"basis", basis},
                {"planes", planes},
                {"structure", ix.structure},
                {"zone_axis", ix.zoneAxis},
                {"fits", ix.fits},
                {"lattice_constant_nm", ix.latticeConstant_nm},
                {"note", ix.message},
                {"extended", f.relations.extended},
                {"grains", f.relations.grains.empty() ? 1 : f.relations.grains.size()}};
    }
    return nullptr;
}

nlohmann::json summaryJson(const AnalysisResult& r)
{
    long atoms = 0;
    for (const FrameAnalysis& f : r.frames)
        atoms += static_cast<long>(f.atoms.size());
    nlohmann::json events = nlohmann::json::object();
    for (const BehaviourEvent& e : r.behaviours.events)
        events[e.kind] = events.value(e.kind, 0) + 1;
    // The systematic position error (systematic_error.h): its median over frames with columns.
    std::vector<double> systematic;
    for (const FrameAnalysis& f : r.frames)
        if (!f.atoms.empty())
            systematic.push_back(f.systematicError_px);
    std::sort(systematic.begin(), systematic.end());
    const nlohmann::json systematicMedian =
        systematic.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::round(systematic[systematic.size() / 2] * 1e4) / 1e4);
    nlohmann::json stages = nlohmann::json::object();
    for (const auto& [stage, seconds] : r.stageSeconds)
        stages[stage] = std::round(seconds * 1000.0) / 1000.0;
    return {
        {"program", "HRTEM Studio"},
        {"version", kVersion},
        {"input", {{"path", r.inputPath}, {"width", r.width}, {"height", r.height}, {"pixel_nm", r.pixel_nm},
                   {"frame_interval_s", r.frameInterval_s}, {"time_unit", r.timeUnit}}},
        {"settings", toJson(r.settings)},
        {"lattice", {{"resolved", r.lattice.resolved}, {"directions", r.lattice.directions}, {"spots", r.lattice.spots},
                     {"strongest_spot", r.lattice.strongestSpot}, {"threshold", r.lattice.threshold},
                     {"frames_pooled", r.lattice.framesPooled}}},
        {"movie", {{"period_px", r.period_px}, {"nearest_neighbour_px", r.nearestNeighbour_px},
                   {"noise", {{"gain", r.noise.gain}, {"offset", r.noise.offset}, {"read_variance", r.noise.readVariance}}},
                   {"systematic_position_error_px", systematicMedian}}},
        {"totals", {{"frames", r.frames.size()}, {"atoms", atoms}, {"tracks", r.tracking.tracks.size()},
                    {"events", events}}},
        {"cancelled", r.cancelled},
        {"notes", r.notes},
        {"corrections", r.corrections},
        {"restoration_trust", restorationTrustJson(r)},
        {"models", modelsJson(r)},
        {"crystal", crystalJson(r)},
        {"timings_s", {{"total", std::round(r.totalSeconds * 1000.0) / 1000.0}, {"stages", stages}}},
    };
}

std::vector<std::string> writeResults(const AnalysisResult& r, const std::string& folder, const nlohmann::json* extra)
{
    namespace fs = std::filesystem;
    std::vector<std::string> written;
    auto write = [&](const char* name, const std::string& content) {
        const std::string path = (fs::path(folder) / name).string();
        writeFileAtomically(path, content);
        written.push_back(path);
    };
    write("atoms.csv", atomsCsv(r));
    write("trajectories.csv", trajectoriesCsv(r));
    write("frames.csv", framesCsv(r));
    write("events.csv", eventsCsv(r));
    write("tracks.csv", tracksCsv(r));
    write("twin_boundaries.csv", twinBoundariesCsv(r));
    write("tracks.trackmate.xml", trackMateXml(r));
    nlohmann::json summary = summaryJson(r);
    if (extra != nullptr)
        summary.update(*extra);
    summary["files"] = nlohmann::json::array();
    for (const std::string& p : written)
        summary["files"].push_back(fs::path(p).filename().string());
    summary["files"].push_back("summary.json");
    write("summary.json", summary.dump(2) + "\n");
    return written;
}

} // namespace hrtem
