// The structure of EMD files (HDF5): Thermo Fisher Velox and Berkeley EMD 0.2 (issue 21).
//  - Velox: each image is a group /Data/Image/<id> with a dataset Data of (rows, columns,
//    frames) and Metadata, a (bytes, frames) uint8 array holding each frame's JSON: pixel size
//    and offset in BinaryResult (metres, or 1/m for an FFT), the detector, the frame time in
//    Scan. Spectra, spectrum images and spectrum streams (/Data/Spectrum*) are listed and
//    skipped, with a note; a file holding only those is refused, saying so.
//  - Berkeley EMD: any group whose attribute emd_group_type is 1, holding `data` and one dim
//    vector per axis (`dim1`..`dimN`, with `name` and `units` attributes). dim1 and dim2 are the
//    image's x and y, dim3 (if any) the frames.
// Frames are read one at a time as HDF5 blocks, so a file of any size opens at once.
#include "core/io/emd_layout.h"

#include "core/io/io_error.h"
#include "core/util/units.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace hrtem {

namespace {

std::optional<PixelType> pixelTypeOf(const h5::ElementType& t)
{
    using K = h5::ElementType::Kind;
    if (t.kind == K::Integer)
        switch (t.bytes) {
        case 1: return t.isSigned ? PixelType::Int8 : PixelType::UInt8;
        case 2: return t.isSigned ? PixelType::Int16 : PixelType::UInt16;
        case 4: return t.isSigned ? PixelType::Int32 : PixelType::UInt32;
        case 8: return t.isSigned ? PixelType::Int64 : PixelType::UInt64;
        }
    // Half floats and the like have no pixel type here: listed as unsupported, not misread.
    if (t.kind == K::Float && (t.bytes == 4 || t.bytes == 8))
        return t.bytes == 8 ? PixelType::Float64 : PixelType::Float32;
    if (t.kind == K::ComplexFloat && (t.bytes == 4 || t.bytes == 8))
        return t.bytes == 8 ? PixelType::Complex128 : PixelType::Complex64;
    return std::nullopt;
}

double number(const nlohmann::json& j)
{
    if (j.is_number())
        return j.get<double>();
    if (j.is_string())
        try {
            return std::stod(j.get<std::string>());
        } catch (const std::exception&) {
        }
    return 0.0;
}

/// Metres per pixel (and 1/m) to nm (and 1/nm), as the viewer and the analysis use them.
AxisCalibration velox(const std::string& name, const nlohmann::json& size, const nlohmann::json& offset, const std::string& unit)
{
    const bool reciprocal = unit == "1/m";
    const double factor = reciprocal ? 1e-9 : 1e9;
    const double scale = number(size);
    if (scale <= 0)
        return AxisCalibration(name);
    return AxisCalibration(name, scale * factor, number(offset) * factor, reciprocal ? "1/nm" : "nm");
}

/// The first frame's JSON of a Velox image (the (bytes, frames) array's column 0).
nlohmann::json veloxMetadata(const h5::File& file, const std::string& group)
{
    const std::string path = group + "/Metadata";
    if (!file.exists(path))
        return nullptr;
    const std::vector<std::uint64_t> dims = file.shape(path);
    const std::vector<std::uint8_t> bytes = file.readBytes(path);
    if (bytes.empty() || dims.empty())
        return nullptr;
    const std::size_t columns = dims.size() > 1 ? dims[1] : 1;
    std::string text;
    for (std::size_t row = 0; row < dims[0]; ++row) {
        const std::uint8_t c = bytes[row * columns];
        if (c == 0)
            break;
        text += char(c);
    }
    return nlohmann::json::parse(text, nullptr, false);
}

/// Seconds per frame of a Velox image: the scan's frame time (STEM), or else the exposure time of
/// the camera that took it (TEM camera stacks such as a BM-Ceta's have no Scan frame time):
/// Detectors."Detector-<BinaryResult.DetectorIndex>".ExposureTime, as HyperSpy's reader reads it.
/// 0: neither is stated.
double veloxFrameTime(const nlohmann::json& meta)
{
    const nlohmann::json scan = meta.value("Scan", nlohmann::json::object());
    if (scan.is_object() && scan.contains("FrameTime") && number(scan["FrameTime"]) > 0)
        return number(scan["FrameTime"]);
    const nlohmann::json binary = meta.value("BinaryResult", nlohmann::json::object());
    const nlohmann::json detectors = meta.value("Detectors", nlohmann::json::object());
    if (!binary.is_object() || !detectors.is_object() || !binary.contains("DetectorIndex"))
        return 0.0;
    const nlohmann::json& index = binary["DetectorIndex"];
    const std::string key = "Detector-" + (index.is_string() ? index.get<std::string>() : index.dump());
    if (!detectors.contains(key) || !detectors[key].is_object() || !detectors[key].contains("ExposureTime"))
        return 0.0;
    const double exposure = number(detectors[key]["ExposureTime"]);
    return exposure > 0 ? exposure : 0.0;
}

void addVeloxImages(const h5::File& file, std::vector<EmdImage>& images, std::vector<ImageEntry>& entries)
{
    for (const std::string& id : file.members("/Data/Image")) {
        const std::string group = "/Data/Image/" + id;
        EmdImage image;
        image.dataset = group + "/Data";
        if (!file.exists(image.dataset))
            continue;
        const std::vector<std::uint64_t> dims = file.shape(image.dataset);
        image.element = file.elementType(image.dataset);
        const nlohmann::json meta = veloxMetadata(file, group);
        image.name = meta.is_object() ? meta.value("BinaryResult", nlohmann::json::object()).value("Detector", id) : id;
        ImageEntry entry;
        entry.index = int(entries.size());
        entry.name = image.name;
        entry.dimensions.assign(dims.rbegin(), dims.rend());
        entry.pixelType = image.element.description;
        const auto type = pixelTypeOf(image.element);
        if (dims.size() < 2 || dims.size() > 3 || !type) {
            entry.kind = ImageEntry::Kind::Unsupported;
            entry.note = "a " + std::to_string(dims.size()) + "-D dataset of " + image.element.description;
            entries.push_back(entry);
            continue;
        }
        image.type = *type;
        image.height = dims[0];
        image.width = dims[1];
        image.frames = dims.size() == 3 ? dims[2] : 1;
        if (meta.is_object()) {
            const nlohmann::json binary = meta.value("BinaryResult", nlohmann::json::object());
            const nlohmann::json size = binary.value("PixelSize", nlohmann::json::object());
            const nlohmann::json offset = binary.value("Offset", nlohmann::json::object());
            image.x = velox("x", size.value("width", nlohmann::json()), offset.value("x", nlohmann::json()), binary.value("PixelUnitX", "m"));
            image.y = velox("y", size.value("height", nlohmann::json()), offset.value("y", nlohmann::json()), binary.value("PixelUnitY", "m"));
            if (const double seconds = veloxFrameTime(meta); seconds > 0)
                image.frameTime_s = seconds;
            for (const char* section : {"Optics", "Instrument", "Acquisition", "Scan", "Detectors"})
                if (meta.contains(section) && meta[section].is_object())
                    for (auto it = meta[section].begin(); it != meta[section].end(); ++it)
                        if (it->is_string() || it->is_number())
                            image.metadata.emplace_back(std::string(section) + "." + it.key(),
                                                        it->is_string() ? it->get<std::string>() : it->dump());
        }
        entries.push_back(entry);
        images.push_back(image);
    }
}

void listVeloxSpectra(const h5::File& file, std::vector<ImageEntry>& entries)
{
    const std::pair<const char*, ImageEntry::Kind> groups[] = {{"Spectrum", ImageEntry::Kind::Spectrum},
                                                               {"SpectrumImage", ImageEntry::Kind::SpectrumImage},
                                                               {"SpectrumStream", ImageEntry::Kind::SpectrumImage}};
    for (const auto& [group, kind] : groups) {
        const std::string path = std::string("/Data/") + group;
        if (!file.isGroup(path))
            continue;
        for (const std::string& id : file.members(path)) {
            ImageEntry entry;
            entry.index = int(entries.size());
            entry.name = std::string(group) + " " + id;
            entry.kind = kind;
            entry.note = std::string("a Velox ") + (kind == ImageEntry::Kind::Spectrum ? "spectrum" : "spectrum-image stream") +
                         " (EDS), not an image";
            entries.push_back(entry);
        }
    }
}

/// Berkeley EMD's groups of type 1, searched to a few levels (py4DSTEM nests them).
void findBerkeleyGroups(const h5::File& file, const std::string& at, int depth, std::vector<std::string>& out)
{
    if (depth > 6 || out.size() > 256)
        return;
    for (const std::string& member : file.members(at)) {
        const std::string path = (at == "/" ? "" : at) + "/" + member;
        if (!file.isGroup(path))
            continue;
        const auto type = file.numberAttribute(path, "emd_group_type");
        if (type && *type == 1.0)
            out.push_back(path);
        else
            findBerkeleyGroups(file, path, depth + 1, out);
    }
}

/// The data set of a Berkeley data group: `data`, or the one member that is not a dim vector
/// (py4DSTEM names it after what it holds, e.g. `realslice`).
std::string berkeleyData(const h5::File& file, const std::string& group)
{
    if (file.exists(group + "/data") && !file.isGroup(group + "/data"))
        return group + "/data";
    for (const std::string& member : file.members(group))
        if (member.rfind("dim", 0) != 0 && !file.isGroup(group + "/" + member))
            return group + "/" + member;
    return {};
}

AxisCalibration berkeleyAxis(const h5::File& file, const std::string& group, int index, const char* fallback)
{
    const std::string path = group + "/dim" + std::to_string(index);
    if (!file.exists(path))
        return AxisCalibration(fallback);
    const std::vector<double> values = file.readDoubles(path);
    std::string units = file.textAttribute(path, "units").value_or("");
    // py4DSTEM writes units as "[n_m]"; drop the brackets and underscores.
    std::string clean;
    for (char c : units)
        if (c != '[' && c != ']' && c != '_')
            clean += c;
    const std::string name = file.textAttribute(path, "name").value_or(fallback);
    if (values.size() < 2)
        return AxisCalibration(name.empty() ? fallback : name);
    return AxisCalibration(name.empty() ? fallback : name, values[1] - values[0], values[0], clean);
}

void addBerkeleyImages(const h5::File& file, std::vector<EmdImage>& images, std::vector<ImageEntry>& entries)
{
    std::vector<std::string> groups;
    findBerkeleyGroups(file, "/", 0, groups);
    for (const std::string& group : groups) {
        EmdImage image;
        image.berkeley = true;
        image.dataset = berkeleyData(file, group);
        if (image.dataset.empty())
            continue;
        image.name = std::filesystem::path(group).filename().string();
        const std::vector<std::uint64_t> dims = file.shape(image.dataset);
        image.element = file.elementType(image.dataset);
        ImageEntry entry;
        entry.index = int(entries.size());
        entry.name = image.name;
        entry.dimensions = dims;
        entry.pixelType = image.element.description;
        const auto type = pixelTypeOf(image.element);
        if (dims.size() < 2 || dims.size() > 3 || !type) {
            entry.kind = ImageEntry::Kind::Unsupported;
            entry.note = dims.size() > 3 ? "a " + std::to_string(dims.size()) + "-D dataset (4D-STEM?), not an image stack"
                                         : "a " + std::to_string(dims.size()) + "-D dataset of " + image.element.description;
            entries.push_back(entry);
            continue;
        }
        image.type = *type;
        image.width = dims[0];
        image.height = dims[1];
        image.frames = dims.size() == 3 ? dims[2] : 1;
        image.x = berkeleyAxis(file, group, 1, "x");
        image.y = berkeleyAxis(file, group, 2, "y");
        if (dims.size() == 3)
            image.z = berkeleyAxis(file, group, 3, "frame");
        entries.push_back(entry);
        images.push_back(image);
    }
}

} // namespace

EmdLayout readEmdLayout(const h5::File& file)
{
    EmdLayout layout;
    layout.velox = file.isGroup("/Data/Image") || file.isGroup("/Data/SpectrumImage") || file.isGroup("/Data/Spectrum");
    if (file.isGroup("/Data/Image"))
        addVeloxImages(file, layout.images, layout.entries);
    if (layout.velox)
        listVeloxSpectra(file, layout.entries);
    else
        addBerkeleyImages(file, layout.images, layout.entries);
    return layout;
}

} // namespace hrtem
