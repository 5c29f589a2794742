#include "app/cli/arguments.h"
#include "app/cli/options.h"
#include "app/cli/commands.h"

#include "core/image/contrast.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/sim/simulation.h"
#include "core/sim/structure_image.h"
#include "core/sim/training_mixture.h"

#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace hrtem::cli {

namespace {

const std::vector<OptionHelp> kOptions = {
    {"preset", "NAME", "demo, train-hq, train-lq, train-mix-hq, train-mix-lq, high, medium or low; train-mix-*: "
                       "conditions drawn per movie from --seed", "none: --settings or --structure instead"},
    {"settings", "FILE.json", "every simulation setting (a parameters.json written earlier)", "none: the preset's"},
    {"out", "DIR", "the folder written: movie.tif, clean.tif, parameters.json, truth/ (required)", "none"},
    {"seed", "N", "random seed (same seed, same files, byte for byte)", "the preset's, 1 for --structure"},
    {"dose", "E", "electrons per Å² per frame", "the preset's"},
    {"counts", "C", "mean counts per pixel in vacuum (sets the dose)", "the preset's"},
    {"frames", "N", "frames of the movie", "the preset's"},
    {"size", "N", "side of the square frames in px", "the preset's"},
    {"pixel", "NM", "pixel size in nm", "the preset's"},
    {"defocus", "NM", "defocus in nm (positive = underfocus)", "the preset's"},
    {"cs", "MM", "spherical aberration in mm", "the preset's"},
    {"steps", "N", "surface steps on the particle", "the preset's"},
    {"adatoms", "N", "adatoms hopping on the surface", "the preset's"},
    {"gain", "G", "detector gain (counts per electron)", "the preset's"},
    {"read-noise", "R", "detector read noise (counts)", "the preset's"},
    {"no-twin", "", "a particle without a twin boundary", "the preset's"},
    {"no-noise", "", "frames without shot and read noise", "off: noisy frames"},
    {"preview-doses", "A,B,...", "also write preview.png: frame 0 at these counts per pixel, side by side", "none"},
    {"structure", "NAME", "instead of a movie, a Z-contrast image of a crystal model: fcc, bcc, hcp, rock-salt, "
                          "fluorite, perovskite or graphene, with the columns' truth (surface or bulk)", "none"},
    {"zone", "[UVW]", "the zone axis of --structure (required with it)", "none"},
    {"extended", "", "--structure: a crystal filling the frame, no surface", "off: a particle"},
    {"peak-counts", "C", "--structure: counts at the heaviest column's peak over the background", "200"},
    {"background", "C", "--structure: counts of the flat background", "50"},
    {"pixels-per-bond", "P", "--structure: pixels per nearest-neighbour distance (sets the calibration)", "12"},
    {"radius-bonds", "R", "--structure: the particle's radius in nearest-neighbour distances", "14"},
    {"thickness", "", "--structure: columns dimmer towards the particle's edge, as its thickness falls", "off: flat"},
    {"imaging", "z-contrast|dark|bright", "--structure: Z-contrast peaks, or weak-phase HRTEM dips or peaks of the background",
     "z-contrast"},
    {"phase-contrast", "F", "--structure with dark/bright imaging: a column's depth as a fraction of the background", "0.25"},
    {"support-texture", "F", "--structure: rms of an amorphous support's texture, relative to the background", "0: flat"},
    {"column-width", "F", "--structure: a column's Gaussian sigma in nearest-neighbour distances", "0.25"},
};

std::string usage()
{
    return "usage: hrtem simulate --preset NAME --out DIR [options]\n"
           "       hrtem simulate --structure NAME --zone [UVW] --out DIR [--seed N] [--extended]\n" +
           optionsUsage(kOptions);
}

/// hrtem simulate --structure: one Z-contrast frame of a crystal model (sim/structure_image.h).
int simulateStructure(const Arguments& a)
{
    sim::StructureImageSettings s;
    s.structure = *a.value("structure");
    if (const auto zone = a.value("zone"))
        s.zoneAxis = *zone;
    else
        throw UsageError("--structure needs --zone (for example --zone [001])");
    s.seed = static_cast<std::uint64_t>(a.intValue("seed", 1));
    s.extended = a.flag("extended");
    s.peakCounts = a.doubleValue("peak-counts", s.peakCounts);
    s.backgroundCounts = a.doubleValue("background", s.backgroundCounts);
    s.pixelsPerBond = a.doubleValue("pixels-per-bond", s.pixelsPerBond);
    s.radiusInBonds = a.doubleValue("radius-bonds", s.radiusInBonds);
    s.thicknessProfile = a.flag("thickness");
    s.imaging = a.valueOr("imaging", s.imaging);
    s.phaseContrast = a.doubleValue("phase-contrast", s.phaseContrast);
    s.supportTexture = a.doubleValue("support-texture", s.supportTexture);
    s.columnWidth = a.doubleValue("column-width", s.columnWidth);
    if (!(s.peakCounts > 0) || s.backgroundCounts < 0 || !(s.pixelsPerBond >= 3) || !(s.radiusInBonds >= 2))
        throw UsageError("--structure needs --peak-counts > 0, --background >= 0, --pixels-per-bond >= 3 and --radius-bonds >= 2");
    sim::StructureImage image;
    try {
        image = sim::renderStructureImage(s);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const std::string out = *a.value("out");
    sim::writeStructureImage(image, s, out);
    std::cout << "Simulated " << s.structure << " " << s.zoneAxis << ": " << image.columns.size() << " columns, "
              << image.counts.cols << " x " << image.counts.rows << " px at " << image.pixel_nm << " nm/px\n"
              << "  " << out << "/movie.tif, " << out << "/truth/columns.csv, column_mask.tif, particle_mask.tif, structure.json\n";
    return 0;
}

/// Frame 0 at several doses, side by side, each with its own percentile contrast and a label.
void writePreview(const sim::Simulation& simulation, const std::vector<double>& counts, const std::string& path)
{
    const cv::Mat clean = simulation.cleanFrame(0);
    const double base = simulation.settings().countsPerPixel();
    std::vector<cv::Mat> tiles;
    for (double c : counts) {
        sim::SimulationSettings s = simulation.settings();
        s.setCountsPerPixel(c);
        const sim::Renderer renderer(s, simulation.specimen());
        const cv::Mat noisy = renderer.detect(clean * (c / base), 12345);
        const DisplayLevels levels = percentileLevels(noisy, 0.5, 99.5);
        cv::Mat tile;
        cv::cvtColor(renderGrey8(noisy, levels), tile, cv::COLOR_GRAY2BGR);
        std::ostringstream label;
        label << c << " counts/px";
        cv::rectangle(tile, cv::Rect(0, 0, 230, 34), cv::Scalar(0, 0, 0), cv::FILLED);
        cv::putText(tile, label.str(), cv::Point(8, 24), cv::FONT_HERSHEY_SIMPLEX, 0.7, cv::Scalar(255, 255, 255), 2);
        tiles.push_back(tile);
    }
    cv::Mat row;
    cv::hconcat(tiles, row);
    if (!cv::imwrite(path, row))
        throw IoError(path, "cannot write the preview image");
}

} // namespace

int runSimulate(const std::vector<std::string>& args)
{
    const Arguments a = parseOptions(args, kOptions);
    if (a.value("structure") && a.value("out") && a.positionals().empty())
        return simulateStructure(a);
    if (!a.positionals().empty() || !a.value("out") || (!a.value("preset") && !a.value("settings")))
        throw UsageError(usage());
    sim::SimulationSettings s;
    if (const auto file = a.value("settings")) {
        try {
            s = sim::settingsFromJson(readJsonFile(*file));
        } catch (const nlohmann::json::exception& e) {
            throw IoError(*file, std::string("has a setting of the wrong type: ") + e.what());
        } catch (const std::invalid_argument& e) {
            throw IoError(*file, e.what());
        }
    } else {
        try {
            s = sim::preset(*a.value("preset"));
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string(e.what()) + "\n" + usage());
        }
    }
    s.seed = static_cast<std::uint64_t>(a.intValue("seed", static_cast<int>(s.seed)));
    bool lowQuality = false;
    if (sim::isTrainingMixture(s.preset, &lowQuality) && !a.value("settings"))
        s = sim::trainingMixture(lowQuality, s.seed); // each seed its own microscope and specimen
    s.frames = a.intValue("frames", s.frames);
    s.width = s.height = a.intValue("size", s.width);
    s.pixel_nm = a.doubleValue("pixel", s.pixel_nm);
    s.microscope.defocus_nm = a.doubleValue("defocus", s.microscope.defocus_nm);
    s.microscope.cs_mm = a.doubleValue("cs", s.microscope.cs_mm);
    s.specimen.steps = a.intValue("steps", s.specimen.steps);
    s.specimen.adatoms = a.intValue("adatoms", s.specimen.adatoms);
    s.detector.gain = a.doubleValue("gain", s.detector.gain);
    s.detector.readNoise = a.doubleValue("read-noise", s.detector.readNoise);
    if (a.flag("no-twin"))
        s.specimen.twin = false;
    if (a.flag("no-noise"))
        s.detector.noise = false;
    if (a.value("dose"))
        s.detector.dose_e_per_A2 = a.doubleValue("dose", s.detector.dose_e_per_A2);
    if (a.value("counts"))
        s.setCountsPerPixel(a.doubleValue("counts", s.countsPerPixel()));
    if (s.frames < 1 || s.frames > 100000 || s.width < 16 || s.width > 8192)
        throw UsageError("--frames must be 1..100000 and --size 16..8192");

    const auto start = std::chrono::steady_clock::now();
    const sim::Simulation simulation(s);
    const std::string out = *a.value("out");
    int lastPercent = -1;
    sim::writeSimulation(simulation, out, Progress::fractions([&](double f) {
        const int percent = static_cast<int>(f * 100);
        if (percent / 5 != lastPercent / 5) {
            std::cerr << "\rsimulating: " << percent << "% " << std::flush;
            lastPercent = percent;
        }
    }));
    std::cerr << "\r";
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (const auto doses = a.value("preview-doses")) {
        std::vector<double> counts;
        std::stringstream list(*doses);
        for (std::string item; std::getline(list, item, ',');)
            counts.push_back(std::stod(item));
        writePreview(simulation, counts, (std::filesystem::path(out) / "preview.png").string());
    }
    std::cout << "Simulated " << s.frames << " frames of " << s.width << " x " << s.height << " px (" << s.pixel_nm
              << " nm/px, " << s.countsPerPixel() << " counts/px in vacuum, seed " << s.seed << ") in " << seconds
              << " s\n"
              << "  " << out << "/movie.tif    the movie (ImageJ calibrated)\n"
              << "  " << out << "/clean.tif    noise-free expected counts\n"
              << "  " << out << "/truth/       columns.csv, events.csv, twin_boundaries.csv, particle and column masks\n"
              << "  " << out << "/parameters.json\n";
    return 0;
}

} // namespace hrtem::cli
