// MRC / MRC2014 stacks (.mrc, .mrcs, .st, .map): cryo-EM cameras, SerialEM, IMOD. Layout from
// the MRC2014 definition (Cheng et al., J. Struct. Biol. 192, 146 (2015), and the CCP-EM
// format page): a 1024-byte header of 4-byte words, an extended header of `nsymbt` bytes, then
// nz sections of ny rows of nx pixels. Each section is a frame.
//  - Modes 0 (int8), 1 (int16), 2 (float32), 4 (complex float32), 6 (uint16) and 12 (float16,
//    read as float32); 3 (complex int16) and 101 (4-bit) are refused by name.
//  - Pixel size: cella / mx, in Å (written in nm here); 0 or negative cell sizes mean "not
//    calibrated" (DE-Server writes -10 Å).
//  - Byte order: the machine stamp says it, but some writers (DigitalMicrograph GMS 2.1) stamp
//    little-endian over big-endian data, so the header is read both ways and the reading whose
//    dimensions and mode make sense for the file's size is taken.
#include "core/io/binary_file.h"
#include "core/io/readers.h"

#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>

namespace hrtem {

namespace {

constexpr std::uint64_t kHeaderBytes = 1024;

struct MrcHeader {
    bool littleEndian = true;
    std::int32_t nx = 0, ny = 0, nz = 0, mode = 0;
    std::int32_t nxstart = 0, nystart = 0, nzstart = 0, mx = 0, my = 0, mz = 0;
    float cella[3] = {0, 0, 0};
    std::int32_t ispg = 0, nsymbt = 0, nversion = 0;
    char exttyp[5] = {0, 0, 0, 0, 0};
    float origin[3] = {0, 0, 0};
    std::string machineStamp;
    std::vector<std::string> labels;
};

std::uint32_t word(const std::uint8_t* h, int index, bool little)
{
    const std::uint8_t* p = h + 4 * index;
    return little ? std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24
                  : std::uint32_t(p[3]) | std::uint32_t(p[2]) << 8 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[0]) << 24;
}

std::int32_t int32(const std::uint8_t* h, int index, bool little) { return std::int32_t(word(h, index, little)); }

float float32(const std::uint8_t* h, int index, bool little)
{
    const std::uint32_t bits = word(h, index, little);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

/// Bytes per pixel of a mode this reader takes; 0 for the others.
int modeBytes(std::int32_t mode)
{
    switch (mode) {
    case 0: return 1;
    case 1: return 2;
    case 2: return 4;
    case 4: return 8;
    case 6: return 2;
    case 12: return 2;
    default: return 0;
    }
}

bool knownMode(std::int32_t mode) { return modeBytes(mode) > 0 || mode == 3 || mode == 101; }

/// The header read in one byte order, if its dimensions and mode are plausible for the file.
std::optional<MrcHeader> parseHeader(const std::uint8_t* h, bool little, std::uint64_t fileSize)
{
    MrcHeader m;
    m.littleEndian = little;
    m.nx = int32(h, 0, little);
    m.ny = int32(h, 1, little);
    m.nz = int32(h, 2, little);
    m.mode = int32(h, 3, little);
    if (m.nx <= 0 || m.ny <= 0 || m.nz <= 0 || m.nx > (1 << 20) || m.ny > (1 << 20) || m.nz > (1 << 24) || !knownMode(m.mode))
        return std::nullopt;
    m.nsymbt = int32(h, 23, little);
    if (m.nsymbt < 0 || std::uint64_t(m.nsymbt) > fileSize)
        return std::nullopt;
    m.nxstart = int32(h, 4, little);
    m.nystart = int32(h, 5, little);
    m.nzstart = int32(h, 6, little);
    m.mx = int32(h, 7, little);
    m.my = int32(h, 8, little);
    m.mz = int32(h, 9, little);
    for (int i = 0; i < 3; ++i) {
        m.cella[i] = float32(h, 10 + i, little);
        m.origin[i] = float32(h, 49 + i, little);
    }
    m.ispg = int32(h, 22, little);
    std::memcpy(m.exttyp, h + 104, 4);
    m.nversion = int32(h, 27, little);
    char stamp[16];
    std::snprintf(stamp, sizeof stamp, "%02X%02X%02X%02X", h[212], h[213], h[214], h[215]);
    m.machineStamp = stamp;
    const std::int32_t labels = std::min<std::int32_t>(10, std::max<std::int32_t>(0, int32(h, 55, little)));
    for (int i = 0; i < labels; ++i) {
        std::string label(reinterpret_cast<const char*>(h + 224 + 80 * i), 80);
        label.erase(label.find_last_not_of(std::string(" \0", 2)) + 1);
        m.labels.push_back(label);
    }
    return m;
}

bool stampSaysLittle(const std::uint8_t* h) { return h[212] == 0x44 || (h[212] != 0x11 && h[213] != 0x11); }

MrcHeader readHeader(const BinaryFile& file)
{
    if (file.size() < kHeaderBytes)
        throw IoError(file.path(), "is " + std::to_string(file.size()) + " bytes, shorter than an MRC header (1024): truncated or not MRC");
    std::array<std::uint8_t, kHeaderBytes> h{};
    file.readAt(0, h.data(), kHeaderBytes);
    const bool stampLittle = stampSaysLittle(h.data());
    const std::optional<MrcHeader> stamped = parseHeader(h.data(), stampLittle, file.size());
    const std::optional<MrcHeader> other = parseHeader(h.data(), !stampLittle, file.size());
    auto fits = [&](const std::optional<MrcHeader>& m) {
        if (!m || modeBytes(m->mode) == 0)
            return false;
        const std::uint64_t bytes = std::uint64_t(m->nx) * std::uint64_t(m->ny) * std::uint64_t(m->nz) * std::uint64_t(modeBytes(m->mode));
        return kHeaderBytes + std::uint64_t(m->nsymbt) + bytes <= file.size();
    };
    if (fits(stamped))
        return *stamped;
    if (fits(other))
        return *other;
    const std::optional<MrcHeader>& any = stamped ? stamped : other;
    if (!any)
        throw IoError(file.path(), "has no plausible MRC header (dimensions or mode out of range in either byte order)");
    if (any->mode == 3)
        throw IoError(file.path(), "is an MRC file of complex 16-bit integers (mode 3), which HRTEM Studio does not read");
    if (any->mode == 101)
        throw IoError(file.path(), "is an MRC file of packed 4-bit pixels (mode 101), which HRTEM Studio does not read");
    const std::uint64_t need = kHeaderBytes + std::uint64_t(any->nsymbt) +
                               std::uint64_t(any->nx) * std::uint64_t(any->ny) * std::uint64_t(any->nz) * std::uint64_t(modeBytes(any->mode));
    throw IoError(file.path(), "is truncated: its MRC header describes " + std::to_string(any->nz) + " section(s) of " +
                                   std::to_string(any->nx) + " x " + std::to_string(any->ny) + " px (" + std::to_string(need) +
                                   " bytes with the header) but the file has " + std::to_string(file.size()));
}

PixelType pixelTypeOf(std::int32_t mode)
{
    switch (mode) {
    case 0: return PixelType::Int8;
    case 1: return PixelType::Int16;
    case 4: return PixelType::Complex64;
    case 6: return PixelType::UInt16;
    default: return PixelType::Float32; // 2, and 12 (float16) widened
    }
}

/// IEEE 754 half to float.
float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h & 0x8000) << 16;
    const int exponent = (h >> 10) & 0x1F;
    const std::uint32_t mantissa = h & 0x3FF;
    float value;
    if (exponent == 0)
        value = std::ldexp(float(mantissa), -24); // subnormal (or zero)
    else if (exponent == 31)
        value = mantissa ? NAN : INFINITY;
    else
        value = std::ldexp(float(mantissa | 0x400), exponent - 25);
    return sign ? -value : value;
}

class MrcStackReader : public StackReader {
public:
    MrcStackReader(std::unique_ptr<BinaryFile> file, const MrcHeader& header) : mFile(std::move(file)), mHeader(header)
    {
        describe();
    }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        const std::uint64_t stored = std::uint64_t(modeBytes(mHeader.mode));
        const std::uint64_t frameBytes = std::uint64_t(mHeader.nx) * std::uint64_t(mHeader.ny) * stored;
        const std::uint64_t offset = kHeaderBytes + std::uint64_t(mHeader.nsymbt) + std::uint64_t(frame) * frameBytes;
        if (mHeader.mode == 12) {
            std::vector<std::uint16_t> half(std::size_t(mHeader.nx) * std::size_t(mHeader.ny));
            mFile->readAt(offset, half.data(), frameBytes);
            RawImage raw(PixelType::Float32, mHeader.nx, mHeader.ny);
            auto* out = reinterpret_cast<float*>(raw.data());
            for (std::size_t i = 0; i < half.size(); ++i)
                out[i] = halfToFloat(mHeader.littleEndian ? half[i] : std::uint16_t(half[i] >> 8 | half[i] << 8));
            return raw;
        }
        RawImage raw(pixelTypeOf(mHeader.mode), mHeader.nx, mHeader.ny);
        mFile->readAt(offset, raw.data(), frameBytes);
        if (!mHeader.littleEndian)
            swapComponentBytes(raw);
        return raw;
    }

private:
    void describe();

    std::unique_ptr<BinaryFile> mFile;
    MrcHeader mHeader;
};

void MrcStackReader::describe()
{
    const MrcHeader& h = mHeader;
    mInfo.path = mFile->path();
    mInfo.format = "MRC";
    mInfo.formatDetail = h.nversion >= 20140 ? "MRC2014" : "MRC";
    mInfo.width = h.nx;
    mInfo.height = h.ny;
    mInfo.frameCount = h.nz;
    mInfo.pixelType = pixelTypeOf(h.mode);
    // The cell over the sampling gives the pixel size; MRC cells are in Å.
    auto pixelNm = [](float cell, std::int32_t samples) { return cell > 0 && samples > 0 ? double(cell) / samples / 10.0 : 0.0; };
    const double px = pixelNm(h.cella[0], h.mx), py = pixelNm(h.cella[1], h.my), pz = pixelNm(h.cella[2], h.mz);
    if (px > 0 && py > 0) {
        mInfo.x = AxisCalibration("x", px, double(h.origin[0]) / 10.0, "nm");
        mInfo.y = AxisCalibration("y", py, double(h.origin[1]) / 10.0, "nm");
    } else {
        mInfo.notes.push_back("the MRC cell size is " + std::to_string(h.cella[0]) + " x " + std::to_string(h.cella[1]) +
                              " Å: no pixel size (positions in pixels)");
    }
    // Sections are frames; in a volume (space group 1 or more, a z cell) they are z slices.
    if (h.ispg >= 1 && pz > 0 && h.nz > 1)
        mInfo.frames = AxisCalibration("z", pz, double(h.origin[2]) / 10.0, "nm");
    else
        mInfo.frames = AxisCalibration("frame");
    if (h.mode == 12)
        mInfo.notes.push_back("float16 pixels (mode 12) are read as float32");
    if (h.mode == 0)
        mInfo.notes.push_back("mode 0 is read as signed 8-bit, as MRC2014 defines it");
    if (h.nsymbt > 0)
        mInfo.notes.push_back("an extended header of " + std::to_string(h.nsymbt) + " bytes (" + std::string(h.exttyp) + ") was skipped");
    ImageEntry entry;
    entry.name = std::filesystem::path(mInfo.path).filename().string();
    entry.dimensions = {std::uint64_t(h.nx), std::uint64_t(h.ny), std::uint64_t(h.nz)};
    entry.pixelType = pixelTypeName(mInfo.pixelType);
    mInfo.imagesInFile = {entry};
    mInfo.imageName = entry.name;
    auto add = [&](const std::string& k, const std::string& v) { mInfo.metadata.emplace_back(k, v); };
    add("MRC mode", std::to_string(h.mode));
    add("Byte order", h.littleEndian ? "little-endian" : "big-endian");
    add("Machine stamp", h.machineStamp);
    add("Space group", std::to_string(h.ispg));
    add("Cell (Å)", std::to_string(h.cella[0]) + " " + std::to_string(h.cella[1]) + " " + std::to_string(h.cella[2]));
    add("Sampling (mx my mz)", std::to_string(h.mx) + " " + std::to_string(h.my) + " " + std::to_string(h.mz));
    add("Start (nx ny nz)", std::to_string(h.nxstart) + " " + std::to_string(h.nystart) + " " + std::to_string(h.nzstart));
    add("Extended header bytes", std::to_string(h.nsymbt));
    for (std::size_t i = 0; i < h.labels.size(); ++i)
        add("Label " + std::to_string(i + 1), h.labels[i]);
}

} // namespace

bool isMrcFile(const std::string& path)
{
    BinaryFile file(path);
    if (file.size() < kHeaderBytes)
        return false;
    std::array<std::uint8_t, kHeaderBytes> h{};
    file.readAt(0, h.data(), kHeaderBytes);
    // "MAP " at word 53 (MRC2000 and later); older files are recognised by extension.
    return std::memcmp(h.data() + 208, "MAP ", 4) == 0;
}

std::unique_ptr<StackReader> openMrcStack(const std::string& path, const OpenOptions&)
{
    auto file = std::make_unique<BinaryFile>(path);
    const MrcHeader header = readHeader(*file);
    return std::make_unique<MrcStackReader>(std::move(file), header);
}

} // namespace hrtem
