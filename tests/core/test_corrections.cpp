// Hand corrections and sessions: corrections replay on a fresh analysis, dependent results
// (tracks, behaviours, events) follow, undoing (an empty list) gives the uncorrected files
// byte for byte, and a session file round-trips everything it holds.
#include "core/export/result_files.h"
#include "core/io/io_error.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/result/corrections.h"
#include "core/pipeline/movie_stages.h"
#include "core/pipeline/session.h"
#include "core/sim/simulation.h"
#include "tests/support/small_movie.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace hrtem;
namespace fs = std::filesystem;

namespace {

const AnalysisResult& movie()
{
    static const AnalysisResult result = [] {
        auto stack = sim::makeSimulatedStack(test::smallMovie("medium", 11, 8));
        AnalysisSettings settings;
        settings.threads = 2;
        return analyzeStack(*stack, settings);
    }();
    return result;
}

/// The longest track and its point in the middle (a column seen in most frames).
const Track& longestTrack(const AnalysisResult& r)
{
    return *std::max_element(r.tracking.tracks.begin(), r.tracking.tracks.end(),
                             [](const Track& a, const Track& b) { return a.points.size() < b.points.size(); });
}

Correction atomEdit(Correction::Kind kind, int frame, Point2 at)
{
    Correction c;
    c.kind = kind;
    c.frame = frame;
    c.at = at;
    return c;
}

std::size_t atomsIn(const AnalysisResult& r, int frame)
{
    return r.frames[static_cast<std::size_t>(r.listIndexOf(frame))].atoms.size();
}

} // namespace

TEST_CASE("no corrections and a rerun of the movie stages change no result file", "[corrections]")
{
    const AnalysisResult& base = movie();
    REQUIRE(base.frames.size() == 8);
    REQUIRE(base.tracking.tracks.size() > 20);
    const AnalysisResult same = applyCorrections(base, {});
    CHECK(atomsCsv(same) == atomsCsv(base));
    CHECK(trajectoriesCsv(same) == trajectoriesCsv(base));
    CHECK(eventsCsv(same) == eventsCsv(base));
    AnalysisResult rerun = base;
    runMovieStages(rerun);
    CHECK(trajectoriesCsv(rerun) == trajectoriesCsv(base));
    CHECK(tracksCsv(rerun) == tracksCsv(base));
    CHECK(atomsCsv(rerun) == atomsCsv(base));
}

TEST_CASE("deleting, adding back and moving an atom update the frame and the tracks", "[corrections]")
{
    const AnalysisResult& base = movie();
    const int frame = base.frames[3].frame;
    const Atom target = base.frames[3].atoms[base.frames[3].atoms.size() / 2];
    const Point2 at{target.x + 0.3, target.y - 0.2}; // a click is never exactly on the centre

    const AnalysisResult deleted = applyCorrections(base, {atomEdit(Correction::Kind::DeleteAtom, frame, at)});
    CHECK(atomsIn(deleted, frame) == atomsIn(base, frame) - 1);
    CHECK(nearestAtomIndex(deleted, 3, {target.x, target.y}, 0.5) == -1);
    // Atom ids stay 0..n-1 and the tracks no longer hold a detection there.
    for (std::size_t a = 0; a < deleted.frames[3].atoms.size(); ++a)
        CHECK(deleted.frames[3].atoms[a].id == int(a));
    for (const Track& t : deleted.tracking.tracks)
        for (const TrackPoint& p : t.points)
            if (p.frame == 3 && p.atomIndex >= 0)
                CHECK(std::hypot(p.x - target.x, p.y - target.y) > 0.5);
    // Other frames are untouched.
    CHECK(atomsIn(deleted, base.frames[2].frame) == atomsIn(base, base.frames[2].frame));

    // Delete then add at the centre: the column is back, with the neighbour's fit parameters.
    Correction add = atomEdit(Correction::Kind::AddAtom, frame, {target.x, target.y});
    const AnalysisResult restored = applyCorrections(base, {atomEdit(Correction::Kind::DeleteAtom, frame, at), add});
    CHECK(atomsIn(restored, frame) == atomsIn(base, frame));
    const int back = nearestAtomIndex(restored, 3, {target.x, target.y}, 1e-9);
    REQUIRE(back >= 0);
    CHECK(restored.frames[3].atoms[back].trackId >= 0); // linked into a track again
    CHECK(restored.frames[3].atoms[back].coordination == target.coordination);

    Correction move = atomEdit(Correction::Kind::MoveAtom, frame, at);
    move.to = {target.x + 0.8, target.y + 0.4};
    const AnalysisResult moved = applyCorrections(base, {move});
    CHECK(atomsIn(moved, frame) == atomsIn(base, frame));
    const int m = nearestAtomIndex(moved, 3, move.to, 1e-9);
    REQUIRE(m >= 0);
    CHECK(moved.frames[3].atoms[m].x == Approx(target.x + 0.8).margin(1e-12));
    CHECK(moved.frames[3].atoms[m].trackId >= 0);
}

TEST_CASE("splitting a track and merging it back restores the track", "[corrections]")
{
    const AnalysisResult& base = movie();
    const Track& track = longestTrack(base);
    REQUIRE(track.points.size() == 8);
    const TrackPoint middle = track.points[4];
    REQUIRE(middle.atomIndex >= 0);
    Correction split = atomEdit(Correction::Kind::SplitTrack, base.frames[4].frame, {middle.x, middle.y});
    const AnalysisResult two = applyCorrections(base, {split});
    REQUIRE(two.tracking.tracks.size() == base.tracking.tracks.size() + 1);
    const int tail = two.frames[4].atoms[middle.atomIndex].trackId;
    const int head = two.frames[3].atoms[track.points[3].atomIndex].trackId;
    CHECK(tail != head);
    CHECK(two.tracking.tracks[tail].points.size() == 4);
    CHECK(two.tracking.tracks[head].points.size() == 4);
    CHECK(two.behaviours.perTrackPoint.size() == two.tracking.tracks.size());

    Correction merge;
    merge.kind = Correction::Kind::MergeTracks;
    merge.frame = base.frames[1].frame;
    merge.at = {track.points[1].x, track.points[1].y};
    merge.otherFrame = base.frames[6].frame;
    merge.otherAt = {track.points[6].x, track.points[6].y};
    const AnalysisResult one = applyCorrections(base, {split, merge});
    CHECK(one.tracking.tracks.size() == base.tracking.tracks.size());
    const int merged = one.frames[1].atoms[track.points[1].atomIndex].trackId;
    REQUIRE(merged >= 0);
    REQUIRE(one.tracking.tracks[merged].points.size() == 8);
    for (std::size_t p = 0; p < 8; ++p)
        CHECK(one.tracking.tracks[merged].points[p].atomIndex == track.points[p].atomIndex);

    // Merging a track with itself, or two tracks that share frames, is refused by name.
    Correction self = merge;
    self.otherFrame = base.frames[2].frame;
    self.otherAt = {track.points[2].x, track.points[2].y};
    CHECK_THROWS_WITH(applyCorrections(base, {self}), Catch::Contains("same track"));
    const Track& other = base.tracking.tracks[track.id == 0 ? 1 : 0];
    Correction overlap = merge;
    overlap.otherFrame = base.frames[other.points.front().frame].frame;
    overlap.otherAt = {other.points.front().x, other.points.front().y};
    if (other.points.front().atomIndex >= 0)
        CHECK_THROWS_WITH(applyCorrections(base, {overlap}), Catch::Contains("overlap"));
}

TEST_CASE("relabelling a behaviour changes the label and its event", "[corrections]")
{
    const AnalysisResult& base = movie();
    const Track& track = longestTrack(base);
    const std::size_t t = std::size_t(&track - base.tracking.tracks.data());
    REQUIRE(base.behaviours.perTrackPoint[t][5] == Behaviour::Stable);
    Correction c = atomEdit(Correction::Kind::RelabelBehaviour, base.frames[5].frame, {track.points[5].x, track.points[5].y});
    c.behaviour = Behaviour::Hopping;
    const AnalysisResult r = applyCorrections(base, {c});
    CHECK(r.behaviours.perTrackPoint[t][5] == Behaviour::Hopping);
    const auto hop = std::find_if(r.behaviours.events.begin(), r.behaviours.events.end(), [&](const BehaviourEvent& e) {
        return e.trackId == track.id && e.frame == 5 && e.kind == "hop";
    });
    REQUIRE(hop != r.behaviours.events.end());
    CHECK(hop->from.x == Approx(track.points[4].x).margin(1e-12));
    CHECK(r.behaviours.events.size() == base.behaviours.events.size() + 1);
    CHECK(std::is_sorted(r.behaviours.events.begin(), r.behaviours.events.end(),
                         [](const BehaviourEvent& a, const BehaviourEvent& b) { return a.frame < b.frame; }));
}

TEST_CASE("a correction that points at nothing is refused with its description", "[corrections]")
{
    const AnalysisResult& base = movie();
    CHECK_THROWS_WITH(applyCorrections(base, {atomEdit(Correction::Kind::DeleteAtom, base.frames[0].frame, {-50, -50})}),
                      Catch::Contains("delete atom at (-50.0, -50.0) in frame 0") && Catch::Contains("no atom near"));
    CHECK_THROWS_WITH(applyCorrections(base, {atomEdit(Correction::Kind::AddAtom, 999, {5, 5})}),
                      Catch::Contains("frame 999 was not analysed"));
}

TEST_CASE("corrections and sessions round-trip through JSON and files", "[corrections][session]")
{
    Correction move = atomEdit(Correction::Kind::MoveAtom, 3, {10.25, 20.5});
    move.to = {11.0, 19.75};
    Correction merge = atomEdit(Correction::Kind::MergeTracks, 1, {1, 2});
    merge.otherFrame = 6;
    merge.otherAt = {3, 4};
    Correction relabel = atomEdit(Correction::Kind::RelabelBehaviour, 2, {7, 8});
    relabel.behaviour = Behaviour::Desorbed;
    const std::vector<Correction> list{move, merge, relabel, atomEdit(Correction::Kind::SplitTrack, 4, {5, 6})};
    const std::vector<Correction> back = correctionsFromJson(nlohmann::json::parse(toJson(list).dump()));
    REQUIRE(back.size() == list.size());
    for (std::size_t i = 0; i < list.size(); ++i)
        CHECK(describe(back[i]) == describe(list[i]));
    CHECK(back[0].to.y == 19.75);
    CHECK(back[2].behaviour == Behaviour::Desorbed);
    CHECK_THROWS_WITH(correctionFromJson({{"kind", "teleport"}, {"frame", 0}, {"at", {0, 0}}}), Catch::Contains("teleport"));

    const fs::path folder = fs::temp_directory_path() / "hrtem-test-session";
    fs::remove_all(folder);
    fs::create_directories(folder / "data");
    const fs::path input = folder / "data" / "movie.tif";
    std::ofstream(input) << "stand-in";
    Session s;
    s.inputPath = input.string();
    s.settings.restore = "wiener";
    s.settings.bondCut = 1.3;
    s.settings.localization.period_px = 7.5;
    s.corrections = list;
    s.models.push_back({"restoration", "/x/gan.safetensors", "abc123", "test"});
    s.highQualityFrames = {1, 2};
    s.lowQualityFrames = {5};
    s.view = {{"frame", 4}};
    saveSession(s, (folder / "a.hrtem-session").string());
    const Session loaded = loadSession((folder / "a.hrtem-session").string());
    CHECK(loaded.inputPath == s.inputPath);
    CHECK(toJson(loaded.settings) == toJson(s.settings));
    CHECK(toJson(loaded.corrections) == toJson(s.corrections));
    CHECK(loaded.models.at(0).sha256 == "abc123");
    CHECK(loaded.highQualityFrames == s.highQualityFrames);
    CHECK(loaded.lowQualityFrames == s.lowQualityFrames);
    CHECK(loaded.view == s.view);

    // The folder moved as a whole: the input is found beside the session.
    fs::rename(folder, folder.string() + "-moved");
    const fs::path moved = folder.string() + "-moved";
    const Session relocated = loadSession((moved / "a.hrtem-session").string());
    CHECK(fs::equivalent(relocated.inputPath, moved / "data" / "movie.tif"));

    AnalysisResult rerun;
    rerun.models.push_back({"restoration", "/x/gan.safetensors", "def456", "test"});
    const std::vector<std::string> mismatches = modelMismatches(loaded, rerun);
    REQUIRE(mismatches.size() == 1);
    CHECK_THAT(mismatches[0], Catch::Contains("differs"));

    std::ofstream(moved / "bad.hrtem-session") << "{\"format\": \"something else\"}";
    CHECK_THROWS_WITH(loadSession((moved / "bad.hrtem-session").string()),
                      Catch::Contains("bad.hrtem-session") && Catch::Contains("not an HRTEM Studio session"));
    CHECK_THROWS_AS(loadSession((moved / "missing.hrtem-session").string()), IoError);
    fs::remove_all(moved);
}

TEST_CASE("an edit recomputes only what depends on it, and deleting then adding back restores the track",
          "[corrections]")
{
    const AnalysisResult& base = movie();
    const Track& track = longestTrack(base);
    const TrackPoint middle = track.points[4];
    REQUIRE(middle.atomIndex >= 0);
    const Atom target = base.frames[std::size_t(middle.frame)].atoms[std::size_t(middle.atomIndex)];
    const int frame = base.frames[std::size_t(middle.frame)].frame;

    AnalysisResult r = base;
    const CorrectionEffect deleted = applyCorrection(r, atomEdit(Correction::Kind::DeleteAtom, frame, {target.x, target.y}), {});
    REQUIRE(deleted.frames == std::vector<int>{middle.frame});
    CHECK(std::find(deleted.tracks.begin(), deleted.tracks.end(), track.id) != deleted.tracks.end());
    CHECK_FALSE(deleted.tracksRenumbered);
    // The track keeps its id and frames; the deleted detection is a bridged gap, on the line
    // between its neighbours.
    const Track& gapped = r.tracking.tracks[std::size_t(track.id)];
    REQUIRE(gapped.points.size() == track.points.size());
    CHECK(gapped.points[4].atomIndex == -1);
    CHECK(gapped.points[4].x == Approx(0.5 * (gapped.points[3].x + gapped.points[5].x)).margin(1e-9));
    CHECK(gapped.edited);
    // Far fewer tracks than the movie's were recomputed, and every other track is unchanged.
    CHECK(deleted.tracks.size() < base.tracking.tracks.size() / 2);
    for (std::size_t t = 0; t < base.tracking.tracks.size(); ++t)
        if (std::find(deleted.tracks.begin(), deleted.tracks.end(), int(t)) == deleted.tracks.end()) {
            CHECK(r.behaviours.perTrackPoint[t] == base.behaviours.perTrackPoint[t]);
            CHECK_FALSE(r.tracking.tracks[t].edited);
        }
    // Other frames' atoms are byte-identical in atoms.csv: only frame `frame` differs.
    auto rowsOfOtherFrames = [&](const std::string& csv) {
        std::string out;
        std::size_t start = 0;
        const std::string prefix = std::to_string(frame) + ",";
        while (start < csv.size()) {
            const std::size_t end = csv.find('\n', start);
            const std::string line = csv.substr(start, end - start);
            if (line.rfind(prefix, 0) != 0)
                out += line.substr(0, line.rfind(',')) + "\n"; // without `edited` (the track's flag)
            start = end == std::string::npos ? csv.size() : end + 1;
        }
        return out;
    };
    CHECK(rowsOfOtherFrames(framesCsv(r)) == rowsOfOtherFrames(framesCsv(base)));

    // Adding the column back fills the gap: the same track, its detections again.
    Correction add = atomEdit(Correction::Kind::AddAtom, frame, {target.x, target.y});
    applyCorrection(r, add, {atomEdit(Correction::Kind::DeleteAtom, frame, {target.x, target.y})});
    const Track& refilled = r.tracking.tracks[std::size_t(track.id)];
    REQUIRE(refilled.points.size() == track.points.size());
    CHECK(refilled.points[4].atomIndex >= 0);
    const Atom& back = r.frames[std::size_t(middle.frame)].atoms[std::size_t(refilled.points[4].atomIndex)];
    CHECK(back.trackId == track.id);
    CHECK(back.edited);
    CHECK(r.corrections == 2);
    CHECK(r.tracking.tracks.size() == base.tracking.tracks.size());
}

TEST_CASE("the edited column marks what was corrected in every CSV", "[corrections]")
{
    const AnalysisResult& base = movie();
    const Track& track = longestTrack(base);
    const TrackPoint p = track.points[2];
    const Atom& a = base.frames[std::size_t(p.frame)].atoms[std::size_t(p.atomIndex)];
    Correction move = atomEdit(Correction::Kind::MoveAtom, base.frames[std::size_t(p.frame)].frame, {a.x, a.y});
    move.to = {a.x + 0.5, a.y};
    const AnalysisResult r = applyCorrections(base, {move});
    // Rows whose `edited` cell is 1 (cells split at commas outside quotes).
    auto editedRows = [](const std::string& csv) {
        auto cells = [](const std::string& line) {
            std::vector<std::string> out(1);
            bool quoted = false;
            for (char ch : line) {
                if (ch == '"')
                    quoted = !quoted;
                else if (ch == ',' && !quoted)
                    out.emplace_back();
                else
                    out.back() += ch;
            }
            return out;
        };
        std::size_t start = csv.find('\n');
        const std::vector<std::string> header = cells(csv.substr(0, start));
        const auto column = std::find(header.begin(), header.end(), "edited");
        REQUIRE(column != header.end());
        const std::size_t c = std::size_t(column - header.begin());
        int rows = 0;
        for (++start; start < csv.size();) {
            const std::size_t end = csv.find('\n', start);
            const std::vector<std::string> row = cells(csv.substr(start, end - start));
            rows += c < row.size() && row[c] == "1" ? 1 : 0;
            start = end + 1;
        }
        return rows;
    };
    // The moved column's own rows, not every row of its track (issue 32).
    CHECK(editedRows(atomsCsv(base)) == 0);
    CHECK(editedRows(atomsCsv(r)) == 1);
    CHECK(editedRows(trajectoriesCsv(r)) == 1);
    CHECK(editedRows(framesCsv(r)) == 1);
    CHECK(editedRows(tracksCsv(r)) == 1);
    CHECK(editedRows(eventsCsv(base)) == 0);
    CHECK(summaryJson(r)["corrections"] == 1);
}

TEST_CASE("a refused correction leaves the result unchanged", "[corrections]")
{
    AnalysisResult r = movie();
    const std::string before = atomsCsv(r) + trajectoriesCsv(r) + eventsCsv(r);
    Correction merge = atomEdit(Correction::Kind::MergeTracks, r.frames[1].frame,
                                {r.frames[1].atoms[0].x, r.frames[1].atoms[0].y});
    merge.otherFrame = r.frames[1].frame;
    merge.otherAt = merge.at;
    CHECK_THROWS_WITH(applyCorrection(r, merge, {}), Catch::Contains("same track"));
    CHECK_THROWS_WITH(applyCorrection(r, atomEdit(Correction::Kind::MoveAtom, r.frames[2].frame, {-40, -40}), {}),
                      Catch::Contains("no atom near"));
    CHECK(atomsCsv(r) + trajectoriesCsv(r) + eventsCsv(r) == before);
    CHECK(r.corrections == 0);
}

TEST_CASE("a session refuses a changed input and a missing network file, naming them", "[corrections][session]")
{
    const fs::path folder = fs::temp_directory_path() / "hrtem-test-session-inputs";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const fs::path input = folder / "movie.tif";
    std::ofstream(input) << "the movie's bytes";
    Session s;
    s.inputPath = input.string();
    recordSessionInput(s);
    CHECK(s.inputSize == 17);
    CHECK(s.inputSha256.size() == 64);
    const std::string path = (folder / "a.hrtems").string();
    saveSession(s, path);
    Session loaded = loadSession(path);
    CHECK(loaded.inputSha256 == s.inputSha256);
    CHECK(sessionInputState(loaded) == SessionInputState::Ok);
    CHECK_NOTHROW(requireSessionFiles(loaded, path));

    std::ofstream(input) << "the movie's bytez"; // same size, other bytes
    CHECK(sessionInputState(loaded) == SessionInputState::Changed);
    CHECK_THROWS_WITH(requireSessionFiles(loaded, path), Catch::Contains("movie.tif") && Catch::Contains("changed"));
    fs::remove(input);
    CHECK(sessionInputState(loaded) == SessionInputState::Missing);
    CHECK_THROWS_WITH(requireSessionFiles(loaded, path), Catch::Contains("movie.tif") && Catch::Contains("not there"));

    std::ofstream(input) << "the movie's bytes";
    loaded.models.push_back({"restoration", (folder / "gone.safetensors").string(), "abc", ""});
    CHECK_THROWS_WITH(requireSessionFiles(loaded, path), Catch::Contains("gone.safetensors"));

    // A truncated session file: a clear error naming it.
    const std::string text = toJson(s).dump(2);
    std::ofstream(folder / "cut.hrtems") << text.substr(0, text.size() / 2);
    CHECK_THROWS_WITH(loadSession((folder / "cut.hrtems").string()), Catch::Contains("cut.hrtems"));
    // A hand-broken one: a correction of an unknown kind, or a setting of the wrong type.
    nlohmann::json broken = toJson(s);
    broken["corrections"] = nlohmann::json::array({{{"kind", "teleport"}, {"frame", 0}, {"at", {0, 0}}}});
    std::ofstream(folder / "broken.hrtems") << broken.dump();
    CHECK_THROWS_WITH(loadSession((folder / "broken.hrtems").string()),
                      Catch::Contains("broken.hrtems") && Catch::Contains("teleport"));
    broken = toJson(s);
    broken["settings"]["bond_cut"] = "wide";
    std::ofstream(folder / "typed.hrtems") << broken.dump();
    CHECK_THROWS_WITH(loadSession((folder / "typed.hrtems").string()), Catch::Contains("typed.hrtems"));
    fs::remove_all(folder);
}

namespace {

/// Everything an edit can change, as text: the exported tables, and what they leave out (every
/// atom's site and ids, the tracks' points and flags, labels, features, events).
std::string everything(const AnalysisResult& r)
{
    std::string text = atomsCsv(r) + trajectoriesCsv(r) + eventsCsv(r) + tracksCsv(r) + std::to_string(r.corrections);
    char line[256];
    for (const FrameAnalysis& f : r.frames) {
        text += "frame " + std::to_string(f.frame) + (f.edited ? " edited" : "") + " bonds " +
                std::to_string(f.relations.bonds.size()) + "\n";
        for (const Atom& a : f.atoms) {
            std::snprintf(line, sizeof line, "%d %d %.17g %.17g %.17g %.17g %.17g %d %d\n", a.id, a.trackId, a.x, a.y, a.siteX,
                          a.siteY, a.siteErr, a.siteFrames, a.edited ? 1 : 0);
            text += line;
        }
    }
    for (const Track& t : r.tracking.tracks) {
        text += "track " + std::to_string(t.id) + (t.edited ? " edited" : "") + "\n";
        for (const TrackPoint& p : t.points) {
            std::snprintf(line, sizeof line, "%d %d %.17g %.17g\n", p.frame, p.atomIndex, p.x, p.y);
            text += line;
        }
    }
    for (const std::vector<Behaviour>& labels : r.behaviours.perTrackPoint)
        for (Behaviour b : labels)
            text += char('0' + int(b));
    for (const TrackFeatures& f : r.behaviours.features)
        text += " " + std::to_string(f.trackId) + ":" + std::to_string(f.jumps) + ":" + std::to_string(f.visits.size());
    return text;
}

} // namespace

TEST_CASE("undo and redo swap back and forth exactly what each kind of edit changed, without replay", "[corrections]")
{
    AnalysisResult r = movie();
    const Track& track = longestTrack(r);
    REQUIRE(track.points.size() >= 6);
    const int t = track.id;
    const auto pointOf = [&](int p) {
        const TrackPoint& q = r.tracking.tracks[std::size_t(t)].points[std::size_t(p)];
        return std::make_pair(r.frames[std::size_t(q.frame)].frame, Point2{q.x, q.y});
    };
    std::vector<std::string> states{everything(r)};
    std::vector<std::unique_ptr<ResultChange>> changes;
    std::vector<Correction> applied;
    const auto apply = [&](const Correction& c) {
        changes.push_back(std::make_unique<ResultChange>());
        applyCorrection(r, c, applied, changes.back().get());
        applied.push_back(c);
        states.push_back(everything(r));
        // The record does not change what the edit does: the same as a replay of the list.
        CHECK(everything(applyCorrections(movie(), applied)) == states.back());
    };
    auto [frame3, at3] = pointOf(3);
    Correction move = atomEdit(Correction::Kind::MoveAtom, frame3, at3);
    move.to = {at3.x + 0.8, at3.y - 0.5};
    apply(move);
    auto [frame2, at2] = pointOf(2);
    apply(atomEdit(Correction::Kind::DeleteAtom, frame2, at2));
    apply(atomEdit(Correction::Kind::AddAtom, frame2, {at2.x + 0.2, at2.y}));
    auto [frame4, at4] = pointOf(4);
    apply(atomEdit(Correction::Kind::SplitTrack, frame4, at4));
    Correction merge = atomEdit(Correction::Kind::MergeTracks, pointOf(0).first, pointOf(0).second);
    merge.otherFrame = frame4;
    merge.otherAt = at4;
    apply(merge);
    Correction relabel = atomEdit(Correction::Kind::RelabelBehaviour, frame4, at4);
    relabel.behaviour = Behaviour::Hopping;
    apply(relabel);
    // A column of the first frame deleted: its track starts a frame later.
    const Atom& lone = r.frames[0].atoms.back();
    apply(atomEdit(Correction::Kind::DeleteAtom, r.frames[0].frame, {lone.x, lone.y}));

    for (std::size_t k = changes.size(); k-- > 0;) {
        changes[k]->undo(r);
        CHECK(everything(r) == states[k]);
    }
    for (std::size_t k = 0; k < changes.size(); ++k) {
        changes[k]->redo(r);
        CHECK(everything(r) == states[k + 1]);
    }
    // What an atom edit keeps is a small part of the result, not a copy of it.
    std::size_t whole = 0;
    for (const FrameAnalysis& f : r.frames)
        whole += f.atoms.size() * sizeof(Atom);
    for (const Track& each : r.tracking.tracks)
        whole += each.points.size() * sizeof(TrackPoint);
    CHECK(changes[0]->bytes() < whole / 2);
}
