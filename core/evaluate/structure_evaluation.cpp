#include "core/evaluate/structure_evaluation.h"

#include "core/evaluate/truth.h"
#include "core/io/csv_table.h"
#include "core/io/io_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace hrtem {

namespace {
double lineDistance(double a, double b)
{
    double d = std::fmod(a - b, 180.0);
    if (d < 0)
        d += 180.0;
    return std::min(d, 180.0 - d);
}

/// Perpendicular distance of point q from the line through a and b.
double distanceToLine(Point2 q, Point2 a, Point2 b)
{
    const double dx = b.x - a.x, dy = b.y - a.y, l = std::hypot(dx, dy);
    if (!(l > 0))
        return std::hypot(q.x - a.x, q.y - a.y);
    return std::abs(dx * (q.y - a.y) - dy * (q.x - a.x)) / l;
}
} // namespace

TruthStructure readTruthStructure(const std::string& folder)
{
    TruthStructure t;
    const nlohmann::json j = readSimulationParameters(folder);
    try {
        t.pixel_nm = j.at("pixel_nm").get<double>();
        t.frames = j.at("frames").get<int>();
        const nlohmann::json& d = j.at("derived");
        t.d111_px = d.at("d111_nm").get<double>() / t.pixel_nm;
        t.d200_px = d.at("d200_nm").get<double>() / t.pixel_nm;
        t.nearestNeighbour_px = d.at("nearest_neighbour_nm").get<double>() / t.pixel_nm;
    } catch (const std::exception& e) {
        throw IoError((std::filesystem::path(folder) / "parameters.json").string(),
                      std::string("not valid simulation parameters: ") + e.what());
    }
    const CsvTable csv = CsvTable::read((std::filesystem::path(folder) / "truth" / "twin_boundaries.csv").string());
    const int cFrame = csv.column("frame"), cX0 = csv.column("x0_px"), cY0 = csv.column("y0_px"),
              cX1 = csv.column("x1_px"), cY1 = csv.column("y1_px"), cAngle = csv.column("angle_deg"),
              cMis = csv.column("misorientation_deg"), cPlane = csv.column("plane");
    for (int row = 0; row < csv.rows(); ++row) {
        TruthTwinBoundary b;
        b.frame = csv.integer(row, cFrame);
        b.p0 = {csv.number(row, cX0), csv.number(row, cY0)};
        b.p1 = {csv.number(row, cX1), csv.number(row, cY1)};
        b.angle_deg = csv.number(row, cAngle);
        b.misorientation_deg = csv.number(row, cMis);
        b.plane = csv.integer(row, cPlane);
        t.twins.push_back(b);
    }
    return t;
}

StructureScore scoreStructure(const TruthStructure& truth, const std::vector<FrameRelations>& relations,
                              const std::vector<std::vector<TwinBoundary>>& twins, int firstFrame,
                              double angleTolerance_deg, double positionTolerance_px)
{
    StructureScore s;
    const int frames = static_cast<int>(twins.size());
    std::vector<int> paired(static_cast<std::size_t>(frames), 0);
    double angleSum = 0.0, positionSum = 0.0, misSum = 0.0;
    for (const TruthTwinBoundary& t : truth.twins) {
        const int f = t.frame - firstFrame;
        if (f < 0 || f >= frames)
            continue;
        ++s.twinFrames;
        TwinFrameScore fs;
        fs.frame = t.frame;
        const Point2 mid{0.5 * (t.p0.x + t.p1.x), 0.5 * (t.p0.y + t.p1.y)};
        const TwinBoundary* best = nullptr;
        double bestDistance = 1e300;
        for (const TwinBoundary& b : twins[static_cast<std::size_t>(f)]) {
            const double d = distanceToLine(mid, b.p0, b.p1);
            if (d < bestDistance) {
                bestDistance = d;
                best = &b;
            }
        }
        if (best) {
            ++paired[static_cast<std::size_t>(f)];
            ++s.twinFound;
            fs.found = true;
            fs.positionError_px = bestDistance;
            fs.angleError_deg = lineDistance(best->angle_deg, t.angle_deg);
            fs.misorientationError_deg = std::abs(best->misorientation_deg - t.misorientation_deg);
            if (fs.angleError_deg <= angleTolerance_deg && fs.positionError_px <= positionTolerance_px)
                ++s.twinWithin;
            angleSum += fs.angleError_deg;
            positionSum += fs.positionError_px;
            misSum += fs.misorientationError_deg;
            s.maxAngleError_deg = std::max(s.maxAngleError_deg, fs.angleError_deg);
            s.maxPositionError_px = std::max(s.maxPositionError_px, fs.positionError_px);
        }
        s.perFrame.push_back(fs);
    }
    for (int f = 0; f < frames; ++f)
        s.extraBoundaries += std::max(0, static_cast<int>(twins[static_cast<std::size_t>(f)].size()) - paired[static_cast<std::size_t>(f)]);
    if (s.twinFound > 0) {
        s.meanAngleError_deg = angleSum / s.twinFound;
        s.meanPositionError_px = positionSum / s.twinFound;
        s.meanMisorientationError_deg = misSum / s.twinFound;
    }

    s.truthSpacing111_px = truth.d111_px;
    s.truthSpacing200_px = truth.d200_px;
    double sum111 = 0.0, sum200 = 0.0;
    for (const FrameRelations& r : relations) {
        if (!r.lattice.valid)
            continue;
        ++s.latticeFrames;
        sum111 += r.lattice.spacing111_px;
        sum200 += r.lattice.spacing200_px;
        if (truth.d111_px > 0)
            s.maxAbsRelativeError111 =
                std::max(s.maxAbsRelativeError111, std::abs(r.lattice.spacing111_px - truth.d111_px) / truth.d111_px);
    }
    if (s.latticeFrames > 0) {
        s.meanSpacing111_px = sum111 / s.latticeFrames;
        s.meanSpacing200_px = sum200 / s.latticeFrames;
        if (truth.d111_px > 0)
            s.meanRelativeError111 = (s.meanSpacing111_px - truth.d111_px) / truth.d111_px;
    }
    return s;
}

} // namespace hrtem
