#include "core/evaluate/result_reader.h"

#include "core/io/csv_table.h"
#include "core/io/io_error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace hrtem {

namespace {

std::string inFolder(const std::string& folder, const char* name)
{
    return (std::filesystem::path(folder) / name).string();
}

} // namespace

ResultTables readResultTables(const std::string& folder)
{
    ResultTables r;
    // frames.csv fixes the analysed range; every other file is indexed by it.
    const std::string framesPath = inFolder(folder, "frames.csv");
    const CsvTable frames = CsvTable::read(framesPath);
    if (frames.rows() == 0)
        throw IoError(framesPath, "holds no frames");
    const int cFrame = frames.column("frame"), cD111 = frames.column("d111_px"), cD200 = frames.hasColumn("d200_px") ? frames.column("d200_px") : -1;
    r.firstFrame = frames.integer(0, cFrame);
    const int count = frames.integer(frames.rows() - 1, cFrame) - r.firstFrame + 1;
    if (count != frames.rows())
        throw IoError(framesPath, "frames are not consecutive");
    auto slot = [&](const std::string& path, int frame, int row) {
        const int i = frame - r.firstFrame;
        if (i < 0 || i >= count)
            throw IoError(path, "row " + std::to_string(row + 2) + " names frame " + std::to_string(frame) +
                                    ", outside the analysed frames");
        return i;
    };
    r.atoms.resize(count);
    r.tracked.resize(count);
    r.relations.resize(count);
    r.twins.resize(count);
    for (int row = 0; row < frames.rows(); ++row) {
        LatticeFit& lattice = r.relations[row].lattice;
        lattice.spacing111_px = frames.number(row, cD111);
        lattice.spacing200_px = cD200 >= 0 ? frames.number(row, cD200) : 0.0;
        lattice.valid = std::isfinite(lattice.spacing111_px);
    }

    const std::string atomsPath = inFolder(folder, "atoms.csv");
    const CsvTable atoms = CsvTable::read(atomsPath);
    {
        const int f = atoms.column("frame"), id = atoms.column("atom_id"), x = atoms.column("x_px"),
                  y = atoms.column("y_px"), ex = atoms.column("err_x_px"), ey = atoms.column("err_y_px"),
                  cx = atoms.column("crb_x_px"), cy = atoms.column("crb_y_px"), track = atoms.column("track_id");
        const bool withSites = atoms.hasColumn("x_site_px");
        const int sx = withSites ? atoms.column("x_site_px") : -1, sy = withSites ? atoms.column("y_site_px") : -1,
                  se = withSites ? atoms.column("site_err_px") : -1;
        if (withSites)
            r.siteAtoms.resize(count);
        for (int row = 0; row < atoms.rows(); ++row) {
            Atom a;
            a.id = atoms.integer(row, id);
            a.x = atoms.number(row, x);
            a.y = atoms.number(row, y);
            a.errX = atoms.number(row, ex);
            a.errY = atoms.number(row, ey);
            a.crbX = atoms.number(row, cx);
            a.crbY = atoms.number(row, cy);
            a.trackId = atoms.integer(row, track);
            const int i = slot(atomsPath, atoms.integer(row, f), row);
            r.atoms[i].push_back(a);
            if (withSites) {
                Atom s = a;
                s.x = atoms.number(row, sx);
                s.y = atoms.number(row, sy);
                s.errX = s.errY = atoms.number(row, se);
                r.siteAtoms[i].push_back(s);
            }
        }
    }

    const std::string trajectoriesPath = inFolder(folder, "trajectories.csv");
    const CsvTable trajectories = CsvTable::read(trajectoriesPath);
    {
        const int f = trajectories.column("frame"), id = trajectories.column("track_id"),
                  x = trajectories.column("x_px"), y = trajectories.column("y_px"),
                  b = trajectories.column("behaviour");
        for (int row = 0; row < trajectories.rows(); ++row) {
            TrackedPoint p;
            p.trackId = trajectories.integer(row, id);
            p.x = trajectories.number(row, x);
            p.y = trajectories.number(row, y);
            p.behaviour = behaviourFromName(trajectories.text(row, b));
            r.tracked[slot(trajectoriesPath, trajectories.integer(row, f), row)].push_back(p);
        }
    }

    const std::string eventsPath = inFolder(folder, "events.csv");
    const CsvTable events = CsvTable::read(eventsPath);
    {
        const int f = events.column("frame"), kind = events.column("kind"), id = events.column("track_id"),
                  fx = events.column("from_x_px"), fy = events.column("from_y_px"), tx = events.column("to_x_px"),
                  ty = events.column("to_y_px");
        for (int row = 0; row < events.rows(); ++row) {
            BehaviourEvent e;
            e.frame = slot(eventsPath, events.integer(row, f), row);
            e.kind = events.text(row, kind);
            e.trackId = events.integer(row, id);
            e.from = {events.number(row, fx), events.number(row, fy)};
            e.to = {events.number(row, tx), events.number(row, ty)};
            r.events.push_back(e);
        }
    }

    const std::string twinsPath = inFolder(folder, "twin_boundaries.csv");
    const CsvTable twins = CsvTable::read(twinsPath);
    {
        const int f = twins.column("frame"), x0 = twins.column("x0_px"), y0 = twins.column("y0_px"),
                  x1 = twins.column("x1_px"), y1 = twins.column("y1_px"), angle = twins.column("angle_deg"),
                  mis = twins.column("misorientation_deg");
        for (int row = 0; row < twins.rows(); ++row) {
            TwinBoundary b;
            b.p0 = {twins.number(row, x0), twins.number(row, y0)};
            b.p1 = {twins.number(row, x1), twins.number(row, y1)};
            b.angle_deg = twins.number(row, angle);
            b.misorientation_deg = twins.number(row, mis);
            r.twins[slot(twinsPath, twins.integer(row, f), row)].push_back(b);
        }
    }
    return r;
}

} // namespace hrtem
