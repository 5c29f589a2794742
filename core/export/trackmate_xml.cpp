#include "core/export/trackmate_xml.h"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

namespace hrtem {

namespace {

std::string number(double v)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

std::string escaped(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

void declare(std::ostringstream& out, const char* feature, const char* name, const char* dimension, bool isInt)
{
    out << "        <Feature feature=\"" << feature << "\" name=\"" << name << "\" shortname=\"" << name
        << "\" dimension=\"" << dimension << "\" isint=\"" << (isInt ? "true" : "false") << "\" />\n";
}

} // namespace

std::string trackMateXml(const AnalysisResult& r)
{
    // TrackMate works in physical units; without a calibration, pixels are the unit.
    const double scale = r.pixel_nm > 0 ? r.pixel_nm : 1.0;
    const char* spaceUnit = r.pixel_nm > 0 ? "nm" : "pixel";
    const double dt = r.frameInterval_s > 0 ? r.frameInterval_s : 1.0;
    const char* timeUnit = r.frameInterval_s > 0 ? "s" : "frame";

    // Spot ids: running number over (frame, atom), so an edge can name both ends.
    std::vector<long> firstSpotOfFrame(r.frames.size() + 1, 0);
    for (std::size_t f = 0; f < r.frames.size(); ++f)
        firstSpotOfFrame[f + 1] = firstSpotOfFrame[f] + static_cast<long>(r.frames[f].atoms.size());
    auto spotId = [&](int frame, int atom) { return firstSpotOfFrame[frame] + atom; };

    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrackMate version=\"7.11.1\">\n";
    out << "  <Log>Exported by HRTEM Studio</Log>\n";
    out << "  <Model spatialunits=\"" << spaceUnit << "\" timeunits=\"" << timeUnit << "\">\n";
    out << "    <FeatureDeclarations>\n      <SpotFeatures>\n";
    declare(out, "QUALITY", "Quality", "QUALITY", false);
    declare(out, "POSITION_X", "X", "POSITION", false);
    declare(out, "POSITION_Y", "Y", "POSITION", false);
    declare(out, "POSITION_Z", "Z", "POSITION", false);
    declare(out, "POSITION_T", "T", "TIME", false);
    declare(out, "FRAME", "Frame", "NONE", true);
    declare(out, "RADIUS", "Radius", "LENGTH", false);
    declare(out, "VISIBILITY", "Visibility", "NONE", true);
    out << "      </SpotFeatures>\n      <EdgeFeatures>\n";
    declare(out, "SPOT_SOURCE_ID", "Source spot", "NONE", true);
    declare(out, "SPOT_TARGET_ID", "Target spot", "NONE", true);
    declare(out, "LINK_COST", "Link cost", "COST", false);
    out << "      </EdgeFeatures>\n      <TrackFeatures>\n";
    declare(out, "TRACK_ID", "Track ID", "NONE", true);
    declare(out, "TRACK_INDEX", "Track index", "NONE", true);
    declare(out, "NUMBER_SPOTS", "N spots", "NONE", true);
    out << "      </TrackFeatures>\n    </FeatureDeclarations>\n";

    out << "    <AllSpots nspots=\"" << firstSpotOfFrame.back() << "\">\n";
    for (std::size_t f = 0; f < r.frames.size(); ++f) {
        const FrameAnalysis& frame = r.frames[f];
        out << "      <SpotsInFrame frame=\"" << f << "\">\n";
        for (std::size_t i = 0; i < frame.atoms.size(); ++i) {
            const Atom& a = frame.atoms[i];
            const double radius = 0.5 * (a.sigmaX + a.sigmaY) * scale;
            out << "        <Spot ID=\"" << spotId(int(f), int(i)) << "\" name=\"ID" << spotId(int(f), int(i))
                << "\" QUALITY=\"" << number(a.significance) << "\" POSITION_X=\"" << number(a.x * scale)
                << "\" POSITION_Y=\"" << number(a.y * scale) << "\" POSITION_Z=\"0.0\" POSITION_T=\""
                << number(double(f) * dt) << "\" FRAME=\"" << f << "\" RADIUS=\"" << number(radius)
                << "\" VISIBILITY=\"1\" />\n";
        }
        out << "      </SpotsInFrame>\n";
    }
    out << "    </AllSpots>\n    <AllTracks>\n";
    std::vector<int> kept;
    for (std::size_t t = 0; t < r.tracking.tracks.size(); ++t) {
        const Track& track = r.tracking.tracks[t];
        // Only detected points are spots; a gap the tracker bridged becomes one longer edge.
        std::vector<TrackPoint> detected;
        for (const TrackPoint& p : track.points)
            if (p.atomIndex >= 0)
                detected.push_back(p);
        if (detected.size() < 2)
            continue; // TrackMate tracks are made of edges: a single spot is not a track
        kept.push_back(track.id);
        out << "      <Track name=\"Track_" << track.id << "\" TRACK_ID=\"" << track.id << "\" TRACK_INDEX=\""
            << track.id << "\" NUMBER_SPOTS=\"" << detected.size() << "\">\n";
        for (std::size_t p = 1; p < detected.size(); ++p) {
            const TrackPoint& a = detected[p - 1];
            const TrackPoint& b = detected[p];
            out << "        <Edge SPOT_SOURCE_ID=\"" << spotId(a.frame, a.atomIndex) << "\" SPOT_TARGET_ID=\""
                << spotId(b.frame, b.atomIndex) << "\" LINK_COST=\""
                << number((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)) << "\" />\n";
        }
        out << "      </Track>\n";
    }
    out << "    </AllTracks>\n    <FilteredTracks>\n";
    for (int id : kept)
        out << "      <TrackID TRACK_ID=\"" << id << "\" />\n";
    out << "    </FilteredTracks>\n  </Model>\n";
    const std::filesystem::path input(r.inputPath);
    out << "  <Settings>\n    <ImageData filename=\"" << escaped(input.filename().string()) << "\" folder=\""
        << escaped(input.parent_path().string()) << "\" width=\"" << r.width << "\" height=\"" << r.height
        << "\" nslices=\"1\" nframes=\"" << r.frames.size() << "\" pixelwidth=\"" << number(scale)
        << "\" pixelheight=\"" << number(scale) << "\" voxeldepth=\"1.0\" timeinterval=\"" << number(dt) << "\" />\n";
    out << "  </Settings>\n</TrackMate>\n";
    return out.str();
}

} // namespace hrtem
