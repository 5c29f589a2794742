#include "core/sim/structure_image.h"
#include "core/sim/truth_masks.h"

#include "core/io/float_raw_image.h"
#include "core/io/atomic_file.h"
#include "core/io/tiff/tiff_writer.h"

#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <filesystem>
#include <sstream>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace hrtem::sim {

namespace {

constexpr double kTwoPi = 6.283185307179586;
/// Columns lighter than this (of the heaviest) are not imaged.
constexpr double kVisibleWeight = 0.15;

/// Visible columns of the infinite projected structure (nm) within `radius` of the origin.
std::vector<ProjectedColumn> sitesWithin(const ProjectedStructure& ps, Point2 offset, double radius)
{
    std::vector<ProjectedColumn> out;
    const double cell = std::min(std::hypot(ps.a1.x, ps.a1.y), std::hypot(ps.a2.x, ps.a2.y));
    const double sine = std::abs(ps.a1.x * ps.a2.y - ps.a1.y * ps.a2.x) /
                        (std::hypot(ps.a1.x, ps.a1.y) * std::hypot(ps.a2.x, ps.a2.y));
    const int reach = static_cast<int>(std::ceil(radius / (cell * sine))) + 2;
    for (int m = -reach; m <= reach; ++m)
        for (int n = -reach; n <= reach; ++n)
            for (const ProjectedColumn& c : ps.columns) {
                if (c.weight < kVisibleWeight)
                    continue;
                const Point2 p{offset.x + m * ps.a1.x + n * ps.a2.x + c.position_nm.x,
                               offset.y + m * ps.a1.y + n * ps.a2.y + c.position_nm.y};
                if (p.x * p.x + p.y * p.y <= radius * radius)
                    out.push_back({p, c.weight});
            }
    return out;
}

double nearestDistance(const std::vector<ProjectedColumn>& sites)
{
    double best = 1e300;
    for (std::size_t i = 0; i < sites.size(); ++i)
        for (std::size_t j = i + 1; j < sites.size(); ++j)
            best = std::min(best, std::hypot(sites[i].position_nm.x - sites[j].position_nm.x,
                                             sites[i].position_nm.y - sites[j].position_nm.y));
    return best;
}

ProjectedStructure findStructure(const StructureImageSettings& s)
{
    const auto structures = projectedStructures(parseStructure(s.structure));
    for (const ProjectedStructure& p : structures)
        if (p.zoneAxis == s.zoneAxis)
            return p;
    std::string zones;
    for (const ProjectedStructure& p : structures)
        zones += (zones.empty() ? "" : ", ") + p.zoneAxis;
    throw std::invalid_argument("structure '" + s.structure + "' has no zone axis " + s.zoneAxis + " (it has " + zones + ")");
}

/// A smooth random field (white noise blurred over `correlation_px`) scaled to rms `rms`.
cv::Mat supportField(int size, double correlation_px, double rms, std::uint64_t seed)
{
    std::mt19937_64 rng(seed * 104729 + 3);
    std::normal_distribution<float> white(0.0f, 1.0f);
    cv::Mat field(size, size, CV_32F);
    for (int y = 0; y < size; ++y)
        for (float& v : cv::Mat_<float>(field.row(y)))
            v = white(rng);
    cv::GaussianBlur(field, field, cv::Size(), correlation_px);
    cv::Scalar mean, deviation;
    cv::meanStdDev(field, mean, deviation);
    field.convertTo(field, CV_32F, rms / std::max(1e-12, deviation[0]), -mean[0] * rms / std::max(1e-12, deviation[0]));
    return field;
}

} // namespace

StructureImage structureColumns(const StructureImageSettings& s)
{
    const ProjectedStructure ps = findStructure(s);
    std::mt19937_64 rng(s.seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    const double nn = nearestDistance(sitesWithin(ps, {0, 0}, 3.0 * std::max(std::hypot(ps.a1.x, ps.a1.y), std::hypot(ps.a2.x, ps.a2.y))));
    StructureImage image;
    image.pixel_nm = nn / s.pixelsPerBond;
    image.nearestNeighbour_px = s.pixelsPerBond;
    const double radius = s.radiusInBonds * nn;
    // The frame: 60 px of vacuum around the particle, or for an extended crystal a square well
    // inside it (the structure runs past every edge).
    const int size = s.extended ? static_cast<int>(1.2 * radius / image.pixel_nm) : static_cast<int>(2.0 * radius / image.pixel_nm) + 120;
    const double centre = 0.5 * (size - 1);
    const Point2 offset{uniform(rng) * ps.a1.x + uniform(rng) * ps.a2.x, uniform(rng) * ps.a1.y + uniform(rng) * ps.a2.y};
    const std::vector<ProjectedColumn> inside = sitesWithin(ps, offset, radius);
    const std::vector<ProjectedColumn> around = sitesWithin(ps, offset, radius + 2.0 * nn);
    const double turn = kTwoPi * uniform(rng), cs = std::cos(turn), sn = std::sin(turn);
    for (const ProjectedColumn& c : inside) {
        TruthColumn t;
        t.x = centre + (cs * c.position_nm.x - sn * c.position_nm.y) / image.pixel_nm + s.positionNoise * s.pixelsPerBond * gauss(rng);
        t.y = centre + (sn * c.position_nm.x + cs * c.position_nm.y) / image.pixel_nm + s.positionNoise * s.pixelsPerBond * gauss(rng);
        if (s.extended && (t.x < -0.5 || t.y < -0.5 || t.x > size - 0.5 || t.y > size - 0.5))
            continue;
        t.weight = std::max(0.0, c.weight * (1.0 + s.amplitudeNoise * gauss(rng)));
        if (s.thicknessProfile && !s.extended) {
            const double r = std::min(1.0, std::hypot(c.position_nm.x, c.position_nm.y) / radius);
            t.weight *= 0.35 + 0.65 * std::sqrt(1.0 - r * r);
        }
        for (const ProjectedColumn& o : around) {
            const double d = std::hypot(o.position_nm.x - c.position_nm.x, o.position_nm.y - c.position_nm.y);
            if (!s.extended && d > 1e-9 && d <= 1.35 * nn && std::hypot(o.position_nm.x, o.position_nm.y) > radius)
                t.surface = true;
        }
        image.columns.push_back(t);
    }
    image.counts = cv::Mat(size, size, CV_32F, cv::Scalar(0));
    return image;
}

StructureImage renderStructureImage(const StructureImageSettings& s)
{
    StructureImage image = structureColumns(s);
    const int size = image.counts.cols;
    cv::Mat expected(size, size, CV_32F, cv::Scalar(static_cast<float>(s.backgroundCounts)));
    if (s.imaging != "z-contrast" && s.imaging != "dark" && s.imaging != "bright")
        throw std::invalid_argument("imaging '" + s.imaging + "' is none of z-contrast, dark, bright");
    // Z-contrast: the probe, a Gaussian of 0.25 nearest-neighbour distances (columns resolved,
    // tails touching). Phase contrast: the column's image, a dip or peak of the background.
    const double sigma = s.columnWidth * image.nearestNeighbour_px;
    const double peak = s.imaging == "z-contrast" ? s.peakCounts
                        : (s.imaging == "dark" ? -1.0 : 1.0) * s.phaseContrast * s.backgroundCounts;
    const int reach = static_cast<int>(std::ceil(4.0 * sigma));
    cv::Mat columns(size, size, CV_32F, cv::Scalar(0));
    for (const TruthColumn& c : image.columns) {
        const int x0 = std::max(0, static_cast<int>(std::floor(c.x)) - reach), x1 = std::min(size - 1, static_cast<int>(std::ceil(c.x)) + reach);
        const int y0 = std::max(0, static_cast<int>(std::floor(c.y)) - reach), y1 = std::min(size - 1, static_cast<int>(std::ceil(c.y)) + reach);
        for (int y = y0; y <= y1; ++y) {
            float* row = columns.ptr<float>(y);
            for (int x = x0; x <= x1; ++x) {
                const double r2 = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y);
                row[x] += static_cast<float>(peak * c.weight * std::exp(-0.5 * r2 / (sigma * sigma)));
            }
        }
    }
    if (s.imaging != "z-contrast") {
        // A phase object's image keeps the mean intensity (the transfer function vanishes at
        // zero frequency): each column's dip or peak comes with an opposite halo.
        cv::Mat mean;
        cv::GaussianBlur(columns, mean, cv::Size(), image.nearestNeighbour_px);
        columns -= mean;
    }
    expected += columns;
    if (s.supportTexture > 0)
        expected += supportField(size, 0.3 * image.nearestNeighbour_px, s.supportTexture * s.backgroundCounts, s.seed);
    expected = cv::max(expected, 0.0);
    std::mt19937_64 rng(s.seed * 7919 + 17);
    image.counts = cv::Mat(size, size, CV_32F);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            std::poisson_distribution<int> poisson(expected.at<float>(y, x));
            image.counts.at<float>(y, x) = static_cast<float>(poisson(rng));
        }
    return image;
}

namespace {

void writeMask(const std::string& path, const cv::Mat& mask, const TiffWriteOptions& options)
{
    TiffStackWriter writer(path, mask.cols, mask.rows, PixelType::UInt8, 1, options);
    RawImage raw(PixelType::UInt8, mask.cols, mask.rows);
    for (int y = 0; y < mask.rows; ++y)
        std::memcpy(raw.data() + static_cast<std::size_t>(y) * mask.cols, mask.ptr(y), static_cast<std::size_t>(mask.cols));
    writer.append(raw);
    writer.finish();
}

} // namespace

void writeStructureImage(const StructureImage& image, const StructureImageSettings& settings, const std::string& folder)
{
    namespace fs = std::filesystem;
    fs::create_directories(fs::path(folder) / "truth");
    TiffWriteOptions calibrated;
    calibrated.x = AxisCalibration("x", image.pixel_nm, 0.0, "nm");
    calibrated.y = AxisCalibration("y", image.pixel_nm, 0.0, "nm");
    calibrated.imageName = "Z-contrast image of " + settings.structure + " " + settings.zoneAxis;
    const cv::Mat& m = image.counts;
    TiffStackWriter movie((fs::path(folder) / "movie.tif").string(), m.cols, m.rows, PixelType::Float32, 1, calibrated);
    movie.append(float32RawImage(m));
    movie.finish();

    std::ostringstream csv;
    csv.precision(10);
    csv << "x_px,y_px,weight,site\n";
    for (const TruthColumn& c : image.columns)
        csv << c.x << ',' << c.y << ',' << c.weight << ',' << (c.surface ? "surface" : "bulk") << '\n';
    writeFileAtomically((fs::path(folder) / "truth/columns.csv").string(), csv.str());

    std::vector<cv::Point2d> points;
    for (const TruthColumn& c : image.columns)
        points.emplace_back(c.x, c.y);
    calibrated.imageName = "Column mask";
    writeMask((fs::path(folder) / "truth/column_mask.tif").string(), columnDiscMask(points, m.size(), 0.21 * image.nearestNeighbour_px), calibrated);
    calibrated.imageName = "Particle mask";
    writeMask((fs::path(folder) / "truth/particle_mask.tif").string(),
              settings.extended ? cv::Mat(m.size(), CV_8U, cv::Scalar(255)) : particleMaskOfColumns(points, m.size(), image.nearestNeighbour_px),
              calibrated);

    const StructureChoice choice = parseStructure(settings.structure);
    nlohmann::json planes = nlohmann::json::object();
    for (const char* family : {"{100}", "{110}", "{111}", "{200}", "{210}", "{211}", "{220}", "{311}", "{222}", "{400}",
                               "{422}", "{10-10}", "{11-20}", "{0002}", "{10-11}", "{20-20}"})
        if (const double d = planeSpacing_nm(choice, family); d > 0)
            planes[family] = d;
    nlohmann::json truth = {{"structure", settings.structure}, {"zone_axis", settings.zoneAxis},
                                  {"pixel_nm", image.pixel_nm},   {"nearest_neighbour_px", image.nearestNeighbour_px},
                                  {"extended", settings.extended}, {"seed", settings.seed},
                                  {"plane_spacings_nm", planes}, {"imaging", settings.imaging}};
    // A phase-contrast image's background is its dose (what the patch classifier's quality head
    // learns from); a Z-contrast image has none to state.
    if (settings.imaging != "z-contrast")
        truth["counts_per_pixel"] = settings.backgroundCounts;
    writeFileAtomically((fs::path(folder) / "truth/structure.json").string(), truth.dump(2) + "\n");
}

} // namespace hrtem::sim
