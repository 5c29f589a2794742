#include "core/sim/simulation.h"
#include "core/sim/truth_masks.h"
#include "core/util/math_constants.h"

#include "core/io/float_raw_image.h"
#include "core/io/tiff/tiff_writer.h"
#include "core/sim/physics.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace hrtem::sim {

namespace {

std::uint64_t noiseSeed(std::uint64_t seed, int frame)
{
    // SplitMix64 of (seed, frame): independent streams per frame, reproducible in any order.
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(frame) + 0x632BE59BD9B4E019ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
} // namespace

double Segment::angle_deg() const { return std::atan2(b.y - a.y, b.x - a.x) * 180.0 / kPi; }

Simulation::Simulation(SimulationSettings settings) : mSettings(std::move(settings))
{
    if (mSettings.width < 16 || mSettings.height < 16 || mSettings.frames < 1 || !(mSettings.pixel_nm > 0))
        throw std::invalid_argument("simulation needs at least 16 x 16 pixels, one frame and a positive pixel size");
    mSpecimen = std::make_unique<Specimen>(mSettings);
    mRenderer = std::make_unique<Renderer>(mSettings, *mSpecimen);
    mDynamics = std::make_unique<Dynamics>(mSettings, *mSpecimen);
}

cv::Mat Simulation::cleanFrame(int frame) const
{
    return mRenderer->expectedCounts(mRenderer->intensity(state(frame)));
}

cv::Mat Simulation::noisyFrame(int frame, const cv::Mat& clean) const
{
    return mRenderer->detect(clean, noiseSeed(mSettings.seed, frame));
}

Vec2 Simulation::columnPosition(int frame, const ColumnState& c) const
{
    return mRenderer->toImage(state(frame), c.crystal, c.vibration);
}

std::optional<Segment> Simulation::twinBoundary(int frame) const
{
    if (!mSpecimen->twinned() || !mSettings.specimen.particle)
        return std::nullopt;
    const Mirror plane = mSpecimen->twinMirror(state(frame).twinPlane);
    const Vec2 tangent{-plane.normal.y, plane.normal.x};
    const Vec2 origin = plane.offset * plane.normal;
    // The boundary runs where the plane crosses the particle's projected outline.
    std::optional<double> lo, hi;
    for (double s = -20.0; s <= 20.0; s += 0.005) {
        if (mSpecimen->insideOutline(origin + s * tangent, state(frame).twinPlane)) {
            if (!lo)
                lo = s;
            hi = s;
        }
    }
    if (!lo)
        return std::nullopt;
    return Segment{mRenderer->toImage(state(frame), origin + *lo * tangent),
                   mRenderer->toImage(state(frame), origin + *hi * tangent)};
}

/// The frame's column positions in pixels (adatoms included).
std::vector<cv::Point2d> Simulation::columnPositions(int frame) const
{
    std::vector<cv::Point2d> points;
    for (const ColumnState& c : state(frame).columns) {
        const Vec2 p = columnPosition(frame, c);
        points.emplace_back(p.x, p.y);
    }
    return points;
}

cv::Mat Simulation::particleMask(int frame) const
{
    // The particle is where its columns are (truth_masks.h): this follows steps, adatoms and
    // the twin block exactly as the columns do.
    return particleMaskOfColumns(columnPositions(frame), {mSettings.width, mSettings.height},
                                 mSpecimen->lattice().nearestNeighbour() / mSettings.pixel_nm);
}

cv::Mat Simulation::columnMask(int frame) const
{
    return columnDiscMask(columnPositions(frame), {mSettings.width, mSettings.height},
                          mSettings.columnMaskRadius_nm / mSettings.pixel_nm);
}

namespace {

/// The viewer's window onto a simulation: frames rendered when asked for.
class SimulatedStack : public StackReader {
public:
    SimulatedStack(SimulationSettings settings, bool clean) : mSimulation(std::move(settings)), mClean(clean)
    {
        const SimulationSettings& s = mSimulation.settings();
        mInfo.path = "simulation:" + s.preset;
        mInfo.format = "Simulation";
        mInfo.formatDetail = "Au nanoparticle along [110] on amorphous carbon, seed " + std::to_string(s.seed);
        mInfo.width = s.width;
        mInfo.height = s.height;
        mInfo.frameCount = s.frames;
        mInfo.pixelType = PixelType::Float32;
        mInfo.x = AxisCalibration("x", s.pixel_nm, 0.0, "nm");
        mInfo.y = AxisCalibration("y", s.pixel_nm, 0.0, "nm");
        mInfo.frames = AxisCalibration("t", s.frameInterval_s, 0.0, "s");
        mInfo.frameInterval_s = s.frameInterval_s;
        mInfo.imageName = "Simulated movie (" + s.preset + ")";
        char dose[64];
        std::snprintf(dose, sizeof dose, "%.1f counts/px (%.0f e/Å²)", s.countsPerPixel(), s.detector.dose_e_per_A2);
        mInfo.metadata = {{"Specimen", "Au nanoparticle, [110] zone axis, on amorphous carbon"},
                          {"Voltage (kV)", std::to_string(static_cast<int>(s.microscope.kilovolts))},
                          {"Dose (counts/px)", dose},
                          {"Seed", std::to_string(s.seed)},
                          {"Preset", s.preset}};
        mInfo.imagesInFile.push_back({0, mInfo.imageName, ImageEntry::Kind::Image,
                                      {std::uint64_t(s.width), std::uint64_t(s.height), std::uint64_t(s.frames)}, "float32", {}});
    }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        cv::Mat clean = mSimulation.cleanFrame(frame);
        const cv::Mat out = mClean ? clean : mSimulation.noisyFrame(frame, clean);
        return float32RawImage(out);
    }

private:
    Simulation mSimulation;
    bool mClean;
};

RawImage toRaw(const cv::Mat& m)
{
    const PixelType type = m.type() == CV_8U ? PixelType::UInt8 : PixelType::Float32;
    RawImage raw(type, m.cols, m.rows);
    const std::size_t rowBytes = static_cast<std::size_t>(m.cols) * m.elemSize();
    for (int y = 0; y < m.rows; ++y)
        std::memcpy(raw.data() + y * rowBytes, m.ptr(y), rowBytes);
    return raw;
}

/// Text written through a temporary file and renamed, like every output.
class AtomicTextFile {
public:
    explicit AtomicTextFile(std::string path) : mPath(std::move(path)), mOut(mPath + ".part") {}
    std::ofstream& stream() { return mOut; }
    void commit()
    {
        mOut.close();
        if (!mOut)
            throw IoError(mPath, "could not write the file");
        std::filesystem::rename(mPath + ".part", mPath);
    }

private:
    std::string mPath;
    std::ofstream mOut;
};

std::string fixed(double v, int decimals)
{
    char b[48];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

/// One frame's rows of truth/columns.csv and truth/twin_boundaries.csv.
void writeFrameTruth(const Simulation& sim, int f, std::ostream& columnsCsv, std::ostream& twinCsv)
{
    const SimulationSettings& s = sim.settings();
    const double px = s.pixel_nm;
    const double t = f * s.frameInterval_s;
    for (const ColumnState& c : sim.state(f).columns) {
        const Vec2 p = sim.columnPosition(f, c);
        columnsCsv << f << ',' << fixed(t, 4) << ',' << c.id << ',' << fixed(p.x, 4) << ','
                            << fixed(p.y, 4) << ',' << fixed(p.x * px, 5) << ',' << fixed(p.y * px, 5) << ','
                            << c.occupancy << ',' << (c.surface ? "surface" : "bulk") << ','
                            << behaviourName(c.behaviour) << ',' << c.variant << ',' << (c.adatom ? 1 : 0) << '\n';
    }
    if (const auto seg = sim.twinBoundary(f))
        twinCsv << f << ',' << fixed(t, 4) << ',' << fixed(seg->a.x, 3) << ',' << fixed(seg->a.y, 3) << ','
                         << fixed(seg->b.x, 3) << ',' << fixed(seg->b.y, 3) << ',' << fixed(seg->a.x * px, 4) << ','
                         << fixed(seg->a.y * px, 4) << ',' << fixed(seg->b.x * px, 4) << ',' << fixed(seg->b.y * px, 4)
                         << ',' << fixed(seg->angle_deg(), 3) << ",70.529," << sim.state(f).twinPlane << '\n';
}

/// truth/events.csv: positions in the image of the frame the event happens in (without vibration).
void writeEvents(const Simulation& sim, std::ostream& out)
{
    const SimulationSettings& s = sim.settings();
    out << "frame,time_s,kind,column_id,from_x_px,from_y_px,to_x_px,to_y_px\n";
    for (const SimEvent& e : sim.events()) {
        const FrameState& st = sim.state(e.frame);
        Vec2 from, to;
        if (e.kind != "twin_migration") {
            from = sim.renderer().toImage(st, e.from);
            to = sim.renderer().toImage(st, e.to);
        }
        out << e.frame << ',' << fixed(e.frame * s.frameInterval_s, 4) << ',' << e.kind << ',' << e.columnId << ','
            << fixed(from.x, 3) << ',' << fixed(from.y, 3) << ',' << fixed(to.x, 3) << ',' << fixed(to.y, 3) << '\n';
    }
}

/// parameters.json: the settings, what follows from them, and the files written.
nlohmann::json simulationParameters(const Simulation& sim)
{
    nlohmann::json parameters = toJson(sim.settings());
    const Optics& optics = sim.renderer().optics();
    parameters["derived"] = {
        {"wavelength_nm", optics.wavelength_nm()},
        {"interaction_parameter_rad_per_V_nm", interactionParameter(sim.settings().microscope.kilovolts)},
        {"ctf_first_zero_per_nm", optics.firstZero()},
        {"lattice_a_nm", sim.specimen().lattice().a},
        {"d111_nm", sim.specimen().lattice().d111()},
        {"d200_nm", sim.specimen().lattice().d200()},
        {"nearest_neighbour_nm", sim.specimen().lattice().nearestNeighbour()},
        {"multislice_slices", sim.renderer().sliceCount()},
        {"columns_at_start", sim.state(0).columns.size()},
    };
    parameters["software"] = {{"name", "HRTEM Studio"}, {"version", kVersion}};
    parameters["files"] = {{"movie", "movie.tif"}, {"clean", "clean.tif"}, {"columns", "truth/columns.csv"},
                           {"events", "truth/events.csv"}, {"twin_boundaries", "truth/twin_boundaries.csv"}, {"drift", "truth/drift.csv"},
                           {"particle_mask", "truth/particle_mask.tif"}, {"column_mask", "truth/column_mask.tif"}};
    return parameters;
}

} // namespace

std::unique_ptr<StackReader> makeSimulatedStack(SimulationSettings settings, bool clean)
{
    return std::make_unique<SimulatedStack>(std::move(settings), clean);
}

void writeSimulation(const Simulation& sim, const std::string& folder, const Progress& progress)
{
    namespace fs = std::filesystem;
    const SimulationSettings& s = sim.settings();
    const fs::path root(folder);
    fs::create_directories(root / "truth");
    const double px = s.pixel_nm;

    TiffWriteOptions calibrated;
    calibrated.x = AxisCalibration("x", px, 0.0, "nm");
    calibrated.y = AxisCalibration("y", px, 0.0, "nm");
    calibrated.frames = AxisCalibration("t", s.frameInterval_s, 0.0, "s");
    calibrated.imageName = "Simulated movie (" + s.preset + ")";
    TiffStackWriter movie((root / "movie.tif").string(), s.width, s.height, PixelType::Float32, s.frames, calibrated);
    calibrated.imageName = "Noise-free expected counts (" + s.preset + ")";
    TiffStackWriter clean((root / "clean.tif").string(), s.width, s.height, PixelType::Float32, s.frames, calibrated);
    calibrated.imageName = "Particle mask";
    TiffStackWriter particle((root / "truth/particle_mask.tif").string(), s.width, s.height, PixelType::UInt8, s.frames, calibrated);
    calibrated.imageName = "Column mask";
    TiffStackWriter columns((root / "truth/column_mask.tif").string(), s.width, s.height, PixelType::UInt8, s.frames, calibrated);

    AtomicTextFile columnsCsv((root / "truth/columns.csv").string());
    columnsCsv.stream() << "frame,time_s,column_id,x_px,y_px,x_nm,y_nm,occupancy,site,behaviour,variant,adatom\n";
    AtomicTextFile twinCsv((root / "truth/twin_boundaries.csv").string());
    twinCsv.stream() << "frame,time_s,x0_px,y0_px,x1_px,y1_px,x0_nm,y0_nm,x1_nm,y1_nm,angle_deg,misorientation_deg,plane\n";

    // Frames render in parallel in batches and are written in order.
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    struct Rendered {
        cv::Mat clean, noisy, particle, columns;
    };
    for (int start = 0; start < s.frames; start += threads) {
        throwIfCancelled(progress);
        const int end = std::min(s.frames, start + threads);
        std::vector<Rendered> batch(static_cast<std::size_t>(end - start));
        std::vector<std::thread> workers;
        std::exception_ptr failure;
        std::mutex failureMutex;
        for (int f = start; f < end; ++f)
            workers.emplace_back([&, f] {
                try {
                    Rendered& r = batch[static_cast<std::size_t>(f - start)];
                    r.clean = sim.cleanFrame(f);
                    r.noisy = sim.noisyFrame(f, r.clean);
                    r.particle = sim.particleMask(f);
                    r.columns = sim.columnMask(f);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(failureMutex);
                    failure = std::current_exception();
                }
            });
        for (std::thread& w : workers)
            w.join();
        if (failure)
            std::rethrow_exception(failure);
        for (int f = start; f < end; ++f) {
            const Rendered& r = batch[static_cast<std::size_t>(f - start)];
            movie.append(toRaw(r.noisy));
            clean.append(toRaw(r.clean));
            particle.append(toRaw(r.particle));
            columns.append(toRaw(r.columns));
            writeFrameTruth(sim, f, columnsCsv.stream(), twinCsv.stream());
            progress.report(static_cast<double>(f + 1) / s.frames);
        }
    }

    // The image translation of every frame: scorers need it to average true positions over
    // time the way a drift-corrected estimate does (evaluation.h, timeAveragedTruth).
    AtomicTextFile driftCsv((root / "truth/drift.csv").string());
    driftCsv.stream() << "frame,time_s,drift_x_px,drift_y_px,rotation_rad\n";
    for (int f = 0; f < s.frames; ++f)
        driftCsv.stream() << f << ',' << fixed(f * s.frameInterval_s, 4) << ',' << fixed(sim.state(f).drift_px.x, 5) << ','
                          << fixed(sim.state(f).drift_px.y, 5) << ',' << fixed(sim.state(f).rotation, 7) << '\n';

    AtomicTextFile eventsCsv((root / "truth/events.csv").string());
    writeEvents(sim, eventsCsv.stream());

    const nlohmann::json parameters = simulationParameters(sim);
    AtomicTextFile json((root / "parameters.json").string());
    json.stream() << parameters.dump(2) << '\n';

    movie.finish();
    clean.finish();
    particle.finish();
    columns.finish();
    columnsCsv.commit();
    twinCsv.commit();
    eventsCsv.commit();
    driftCsv.commit();
    json.commit();
}

} // namespace hrtem::sim
