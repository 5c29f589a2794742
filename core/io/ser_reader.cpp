// FEI/Thermo Fisher TIA series files (.ser, with the .emi beside them for the metadata). Layout
// from FEI's "Series File Format" description (the one HyperSpy's and others' readers follow):
//   header: ByteOrder 0x4949, SeriesID 0x0197, SeriesVersion (0x0210: 32-bit offsets, 0x0220:
//   64-bit), DataTypeID (0x4120 1-D arrays, 0x4122 2-D images), TagTypeID, TotalNumberElements,
//   ValidNumberElements, OffsetArrayOffset, NumberDimensions, then one calibrated dimension record
//   each; at OffsetArrayOffset the offsets of every element's data (and of their tags).
//   2-D element: x and y calibration (offset, delta, element: double, double, int32 each), the
//   data type (uint16), the array size (two uint32), then the pixels, bottom row first.
// Only the ValidNumberElements first elements hold data (a preview may allot 200 and fill 5).
// Calibration is in metres (nm here), or 1/m for diffraction, which only the .emi's "Mode" says.
#include "core/io/binary_file.h"
#include "core/io/readers.h"
#include "core/util/text.h"

#include <cstring>
#include <filesystem>
#include <regex>

namespace hrtem {

namespace {

constexpr std::uint16_t kSeriesId = 0x0197;
constexpr std::uint32_t kSpectra = 0x4120, kImages = 0x4122;

/// Little-endian reads (SER files are always little-endian: ByteOrder 0x4949).
class LittleReader {
public:
    LittleReader(const BinaryFile& file, std::uint64_t at) : mFile(file), mAt(at) {}
    template <class T> T get()
    {
        T value;
        mFile.readAt(mAt, &value, sizeof value);
        mAt += sizeof value;
        return value; // host is little-endian (x86-64, ARM64)
    }
    std::string text(std::uint32_t length)
    {
        if (length > 4096)
            throw IoError(mFile.path(), "has a dimension label of " + std::to_string(length) + " bytes: the header is damaged");
        std::string s(length, '\0');
        mFile.readAt(mAt, s.data(), length);
        mAt += length;
        return s;
    }
    std::uint64_t position() const { return mAt; }

private:
    const BinaryFile& mFile;
    std::uint64_t mAt;
};

PixelType serPixelType(std::uint16_t type, const std::string& path)
{
    switch (type) {
    case 1: return PixelType::UInt8;
    case 2: return PixelType::UInt16;
    case 3: return PixelType::UInt32;
    case 4: return PixelType::Int8;
    case 5: return PixelType::Int16;
    case 6: return PixelType::Int32;
    case 7: return PixelType::Float32;
    case 8: return PixelType::Float64;
    case 9: return PixelType::Complex64;
    case 10: return PixelType::Complex128;
    default: throw IoError(path, "has an unknown TIA data type " + std::to_string(type));
    }
}

struct SerElement {
    double offsetX = 0, deltaX = 0, offsetY = 0, deltaY = 0;
    PixelType type = PixelType::Float32;
    std::uint32_t width = 0, height = 0;
};

constexpr std::uint64_t kElementHeader = 50; // calibration x, y (2 x 20), type 2, size 8

SerElement readElementHeader(const BinaryFile& file, std::uint64_t at)
{
    LittleReader r(file, at);
    SerElement e;
    e.offsetX = r.get<double>();
    e.deltaX = r.get<double>();
    r.get<std::int32_t>();
    e.offsetY = r.get<double>();
    e.deltaY = r.get<double>();
    r.get<std::int32_t>();
    e.type = serPixelType(r.get<std::uint16_t>(), file.path());
    e.width = r.get<std::uint32_t>();
    e.height = r.get<std::uint32_t>();
    if (e.width == 0 || e.height == 0 || e.width > 65536 || e.height > 65536)
        throw IoError(file.path(), "has an image element of " + std::to_string(e.width) + " x " + std::to_string(e.height) +
                                       " px: the file is damaged");
    return e;
}

/// The .emi's metadata: its <ObjectInfo> XML, as (label, value unit) pairs; empty without one.
std::vector<std::pair<std::string, std::string>> emiMetadata(const std::string& emiPath)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::error_code ec;
    if (emiPath.empty() || !std::filesystem::is_regular_file(emiPath, ec))
        return out;
    const BinaryFile emi(emiPath);
    if (emi.size() > (64u << 20))
        return out;
    std::string bytes(emi.size(), '\0');
    emi.readAt(0, bytes.data(), bytes.size());
    const std::size_t begin = bytes.find("<ObjectInfo>"), end = bytes.find("</ObjectInfo>");
    if (begin == std::string::npos || end == std::string::npos || end < begin)
        return out;
    const std::string xml = bytes.substr(begin, end - begin);
    static const std::regex data("<Data><Label>([^<]*)</Label><Value>([^<]*)</Value><Unit>([^<]*)</Unit></Data>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), data); it != std::sregex_iterator(); ++it) {
        std::string value = trim((*it)[2].str());
        if (!(*it)[3].str().empty())
            value += " " + (*it)[3].str();
        out.emplace_back(trim((*it)[1].str()), value);
    }
    static const std::regex date("<AcquireDate>([^<]*)</AcquireDate>");
    std::smatch m;
    if (std::regex_search(xml, m, date))
        out.emplace_back("Acquisition date", m[1].str());
    return out;
}

class SerStackReader : public StackReader {
public:
    SerStackReader(std::unique_ptr<BinaryFile> file, std::vector<std::uint64_t> offsets, const SerElement& first)
        : mFile(std::move(file)), mOffsets(std::move(offsets)), mFirst(first)
    {
    }
    StackInfo& mutableInfo() { return mInfo; }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        const SerElement e = readElementHeader(*mFile, mOffsets.at(std::size_t(frame)));
        if (e.width != mFirst.width || e.height != mFirst.height || e.type != mFirst.type)
            throw IoError(mFile->path(), "element " + std::to_string(frame) + " differs in size or type from the first");
        RawImage stored(e.type, int(e.width), int(e.height));
        mFile->readAt(mOffsets[std::size_t(frame)] + kElementHeader, stored.data(), stored.byteSize());
        // Stored bottom row first: flip, so that row 0 is the top as TIA shows it.
        RawImage raw(e.type, int(e.width), int(e.height));
        const std::size_t row = stored.byteSize() / e.height;
        for (std::uint32_t y = 0; y < e.height; ++y)
            std::memcpy(raw.data() + y * row, stored.data() + (e.height - 1 - y) * row, row);
        return raw;
    }

private:
    std::unique_ptr<BinaryFile> mFile;
    std::vector<std::uint64_t> mOffsets;
    SerElement mFirst;
};

struct SerHeader {
    std::uint16_t version = 0;
    std::uint32_t dataType = 0, total = 0, valid = 0;
    std::uint64_t offsetArray = 0;
    std::vector<std::pair<std::string, std::uint32_t>> dimensions; ///< description, size
};

SerHeader readSerHeader(const BinaryFile& file)
{
    if (file.size() < 30)
        throw IoError(file.path(), "is " + std::to_string(file.size()) + " bytes: too short for a TIA series header");
    LittleReader r(file, 0);
    SerHeader h;
    if (r.get<std::uint16_t>() != 0x4949)
        throw IoError(file.path(), "does not start with TIA's byte-order mark 0x4949: not a .ser file");
    if (r.get<std::uint16_t>() != kSeriesId)
        throw IoError(file.path(), "has no TIA series id (0x0197): not a .ser file");
    h.version = r.get<std::uint16_t>();
    h.dataType = r.get<std::uint32_t>();
    r.get<std::uint32_t>(); // tag type
    h.total = r.get<std::uint32_t>();
    h.valid = r.get<std::uint32_t>();
    h.offsetArray = h.version >= 0x0220 ? r.get<std::uint64_t>() : r.get<std::uint32_t>();
    const std::uint32_t dims = r.get<std::uint32_t>();
    if (dims > 16 || h.valid > h.total || h.total > (1u << 26))
        throw IoError(file.path(), "has an implausible series header (" + std::to_string(dims) + " dimensions, " +
                                       std::to_string(h.valid) + " of " + std::to_string(h.total) + " elements): damaged");
    for (std::uint32_t d = 0; d < dims; ++d) {
        const std::uint32_t size = r.get<std::uint32_t>();
        r.get<double>();
        r.get<double>();
        r.get<std::int32_t>();
        const std::string description = r.text(r.get<std::uint32_t>());
        r.text(r.get<std::uint32_t>());
        h.dimensions.emplace_back(description, size);
    }
    return h;
}

std::vector<std::uint64_t> readOffsets(const BinaryFile& file, const SerHeader& h)
{
    std::vector<std::uint64_t> offsets;
    LittleReader r(file, h.offsetArray);
    for (std::uint32_t i = 0; i < h.valid; ++i) {
        const std::uint64_t at = h.version >= 0x0220 ? r.get<std::uint64_t>() : r.get<std::uint32_t>();
        if (at == 0 || !file.contains(at, kElementHeader))
            throw IoError(file.path(), "element " + std::to_string(i) + "'s data lies outside the file (offset " +
                                           std::to_string(at) + "): the file is truncated or damaged");
        offsets.push_back(at);
    }
    return offsets;
}

/// "x_1.ser" for "x.emi", and the other way round.
std::string partner(const std::string& path, bool wantEmi)
{
    namespace fs = std::filesystem;
    const fs::path p(path);
    if (wantEmi) {
        const std::string stem = p.stem().string();
        const std::size_t underscore = stem.find_last_of('_');
        return underscore == std::string::npos ? std::string() : (p.parent_path() / (stem.substr(0, underscore) + ".emi")).string();
    }
    return (p.parent_path() / (p.stem().string() + "_1.ser")).string();
}

} // namespace

bool isSerMagic(const std::uint8_t* m, std::size_t n)
{
    return n >= 4 && m[0] == 0x49 && m[1] == 0x49 && m[2] == 0x97 && m[3] == 0x01;
}

std::unique_ptr<StackReader> openSerStack(const std::string& path, const OpenOptions&)
{
    // An .emi stands for its first series file.
    const bool isEmi = toLower(std::filesystem::path(path).extension().string()) == ".emi";
    const std::string serPath = isEmi ? partner(path, false) : path;
    std::error_code ec;
    if (isEmi && !std::filesystem::is_regular_file(serPath, ec))
        throw IoError(path, "is a TIA metadata file whose data file " + std::filesystem::path(serPath).filename().string() +
                                " is not beside it");
    auto file = std::make_unique<BinaryFile>(serPath);
    const SerHeader h = readSerHeader(*file);
    if (h.dataType == kSpectra)
        throw IoError(serPath, "holds 1-D spectra (TIA DataTypeID 0x4120: " + std::to_string(h.valid) +
                                   " spectrum/spectra), not images: HRTEM Studio opens images");
    if (h.dataType != kImages)
        throw IoError(serPath, "has an unknown TIA data type id " + std::to_string(h.dataType));
    if (h.valid == 0)
        throw IoError(serPath, "holds no valid element (0 of " + std::to_string(h.total) + ")");
    std::vector<std::uint64_t> offsets = readOffsets(*file, h);
    const SerElement first = readElementHeader(*file, offsets.front());
    const std::uint64_t frameBytes = std::uint64_t(first.width) * first.height * bytesPerPixel(first.type);
    if (!file->contains(offsets.back() + kElementHeader, frameBytes))
        throw IoError(serPath, "is truncated: element " + std::to_string(offsets.size() - 1) + " of " +
                                   std::to_string(first.width) + " x " + std::to_string(first.height) + " px ends past the file");
    const auto metadata = emiMetadata(isEmi ? path : partner(serPath, true));
    auto reader = std::make_unique<SerStackReader>(std::move(file), std::move(offsets), first);
    StackInfo& info = reader->mutableInfo();
    info.path = serPath;
    info.format = "TIA SER";
    info.formatDetail = h.version >= 0x0220 ? "series version 0x0220" : "series version 0x0210";
    info.width = int(first.width);
    info.height = int(first.height);
    info.frameCount = int(h.valid);
    info.pixelType = first.type;
    bool diffraction = false;
    // "TEM ... Diffraction" is a pattern; in STEM the lenses are always in diffraction mode and
    // the scanned image is real space.
    for (const auto& [key, value] : metadata)
        diffraction = diffraction || (key == "Mode" && value.find("Diffraction") != std::string::npos &&
                                      value.find("STEM") == std::string::npos);
    // Metres per pixel (nm), or 1/m for a diffraction pattern (1/nm); the y axis runs upward in
    // the file, so after the flip the offset is that of the top row.
    const double toUnits = diffraction ? 1e-9 : 1e9;
    const char* units = diffraction ? "1/nm" : "nm";
    info.x = AxisCalibration("x", first.deltaX * toUnits, first.offsetX * toUnits, units);
    info.y = AxisCalibration("y", first.deltaY * toUnits, first.offsetY * toUnits, units);
    if (metadata.empty())
        info.notes.push_back("no .emi beside the .ser: no metadata, and the calibration is taken as real space (metres)");
    if (h.valid < h.total)
        info.notes.push_back(std::to_string(h.valid) + " of the " + std::to_string(h.total) +
                             " elements the series allots hold data; the others are not shown");
    ImageEntry entry;
    entry.name = std::filesystem::path(serPath).filename().string();
    entry.dimensions = {first.width, first.height, h.valid};
    entry.pixelType = pixelTypeName(first.type);
    info.imagesInFile = {entry};
    info.imageName = entry.name;
    info.metadata = metadata;
    return reader;
}

} // namespace hrtem
