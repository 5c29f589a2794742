// Multi-page TIFF and BigTIFF stacks through libtiff, with ImageJ, DigitalMicrograph-export,
// OME and HRTEM Studio calibration. Pages are indexed once at open (IFD offsets), then each
// frame is one TIFFSetSubDirectory + decode: random access in O(1) however long the stack.
#include "core/io/binary_file.h"
#include "core/io/readers.h"
#include "core/io/tiff/imagej_description.h"
#include "core/io/tiff/tiff_handle.h"
#include "core/util/text.h"
#include "core/util/units.h"

#include <tiffio.h>

#include <cmath>
#include <cstring>

namespace hrtem {
namespace {

struct PageLayout {
    std::uint64_t ifdOffset = 0;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::uint16_t samplesPerPixel = 1;
    std::uint16_t bitsPerSample = 1;
    std::uint16_t sampleFormat = SAMPLEFORMAT_UINT;
    std::uint16_t photometric = PHOTOMETRIC_MINISBLACK;
    std::uint16_t planar = PLANARCONFIG_CONTIG;
    std::uint16_t compression = COMPRESSION_NONE;
    std::uint32_t subfileType = 0;
    bool tiled = false;

    bool sameImageAs(const PageLayout& o) const
    {
        return width == o.width && height == o.height && samplesPerPixel == o.samplesPerPixel
            && bitsPerSample == o.bitsPerSample && sampleFormat == o.sampleFormat;
    }
};

/// The pixel type for a page; false if HRTEM Studio reads it only through the RGBA fallback.
bool nativePixelType(const PageLayout& p, PixelType& type)
{
    if (p.planar != PLANARCONFIG_CONTIG && p.samplesPerPixel > 1)
        return false;
    if (p.photometric == PHOTOMETRIC_YCBCR || p.photometric == PHOTOMETRIC_PALETTE || p.photometric == PHOTOMETRIC_SEPARATED)
        return false;
    if (p.samplesPerPixel == 3 || p.samplesPerPixel == 4) {
        if (p.bitsPerSample != 8 || p.sampleFormat != SAMPLEFORMAT_UINT)
            return false;
        type = p.samplesPerPixel == 3 ? PixelType::RGB8 : PixelType::RGBA8;
        return true;
    }
    if (p.samplesPerPixel != 1)
        return false;
    const bool isInt = p.sampleFormat == SAMPLEFORMAT_INT;
    const bool isFloat = p.sampleFormat == SAMPLEFORMAT_IEEEFP;
    const bool isComplex = p.sampleFormat == SAMPLEFORMAT_COMPLEXIEEEFP;
    const bool isUInt = !isInt && !isFloat && !isComplex; // UINT, VOID or missing
    switch (p.bitsPerSample) {
    case 8: if (isUInt || isInt) { type = isInt ? PixelType::Int8 : PixelType::UInt8; return true; } break;
    case 16: if (isUInt || isInt) { type = isInt ? PixelType::Int16 : PixelType::UInt16; return true; } break;
    case 32:
        if (isFloat) { type = PixelType::Float32; return true; }
        if (isUInt || isInt) { type = isInt ? PixelType::Int32 : PixelType::UInt32; return true; }
        break;
    case 64:
        if (isFloat) { type = PixelType::Float64; return true; }
        if (isComplex) { type = PixelType::Complex64; return true; }
        if (isUInt || isInt) { type = isInt ? PixelType::Int64 : PixelType::UInt64; return true; }
        break;
    case 128: if (isComplex) { type = PixelType::Complex128; return true; } break;
    default: break;
    }
    return false;
}

template <class T>
bool getTag(TIFF* tif, ttag_t tag, T& value)
{
    return TIFFGetField(tif, tag, &value) == 1;
}

/// Raw values of a private tag libtiff does not know: it registers such tags as anonymous fields
/// that pass their count (16- or 32-bit, depending on the field) before the data pointer.
const void* anonymousValues(TIFF* tif, ttag_t tag, const TIFFField*& field, std::uint32_t& count)
{
    field = TIFFFindField(tif, tag, TIFF_ANY);
    count = 0;
    void* data = nullptr;
    if (field == nullptr || !TIFFFieldPassCount(field))
        return nullptr;
    if (TIFFFieldReadCount(field) == TIFF_VARIABLE2) {
        if (TIFFGetField(tif, tag, &count, &data) != 1)
            return nullptr;
    } else {
        std::uint16_t count16 = 0;
        if (TIFFGetField(tif, tag, &count16, &data) != 1)
            return nullptr;
        count = count16;
    }
    return data;
}

std::vector<double> anonymousNumbers(TIFF* tif, ttag_t tag)
{
    const TIFFField* field = nullptr;
    std::uint32_t count = 0;
    const void* data = anonymousValues(tif, tag, field, count);
    std::vector<double> out;
    for (std::uint32_t i = 0; data != nullptr && i < count && i < 64; ++i) {
        switch (TIFFFieldDataType(field)) {
        case TIFF_DOUBLE: out.push_back(static_cast<const double*>(data)[i]); break;
        case TIFF_FLOAT: out.push_back(static_cast<const float*>(data)[i]); break;
        case TIFF_SLONG: out.push_back(static_cast<const std::int32_t*>(data)[i]); break;
        case TIFF_LONG: out.push_back(static_cast<const std::uint32_t*>(data)[i]); break;
        case TIFF_SHORT: out.push_back(static_cast<const std::uint16_t*>(data)[i]); break;
        default: return out;
        }
    }
    return out;
}

std::optional<std::string> anonymousText(TIFF* tif, ttag_t tag)
{
    const TIFFField* field = nullptr;
    std::uint32_t count = 0;
    const void* data = anonymousValues(tif, tag, field, count);
    if (data == nullptr || TIFFFieldDataType(field) != TIFF_ASCII)
        return std::nullopt;
    std::string s(static_cast<const char*>(data), count);
    while (!s.empty() && s.back() == '\0')
        s.pop_back();
    return isValidUtf8(s) ? s : latin1ToUtf8(s); // DM writes µ as Latin-1 0xB5
}

std::string compressionName(std::uint16_t c)
{
    switch (c) {
    case COMPRESSION_NONE: return "uncompressed";
    case COMPRESSION_LZW: return "LZW";
    case COMPRESSION_ADOBE_DEFLATE:
    case COMPRESSION_DEFLATE: return "deflate";
    case COMPRESSION_PACKBITS: return "PackBits";
    case COMPRESSION_JPEG: return "JPEG";
    case COMPRESSION_ZSTD: return "Zstandard";
    case COMPRESSION_LZMA: return "LZMA";
    default: return "compression " + std::to_string(c);
    }
}

class TiffStackReader : public StackReader {
public:
    TiffStackReader(const std::string& path, const OpenOptions& options) : mTiff(path, "rm") // m: no mmap (RSS)
    {
        mInfo.path = path;
        TIFF* tif = mTiff.get();
        mInfo.format = TIFFIsBigTIFF(tif) ? "BigTIFF" : "TIFF";
        const std::uint64_t fileSize = BinaryFile(path).size();
        indexPages(options, fileSize);
        readCalibration();
        mInfo.formatDetail += std::string(mInfo.formatDetail.empty() ? "" : ", ") + (TIFFIsBigEndian(tif) ? "big-endian" : "little-endian")
            + ", " + compressionName(mPages.front().compression);
        setupVirtualImageJFrames(fileSize);
        if (!mChainError.empty() && mVirtualOffsets.empty())
            mInfo.notes.push_back("the file is truncated or damaged: its chain of page headers ends after " +
                                  std::to_string(mFrames.size()) + " page(s) (libtiff: " + mChainError + ")");
        mInfo.frameCount = static_cast<int>(mVirtualOffsets.empty() ? mFrames.size() : mVirtualOffsets.size());
        mInfo.imagesInFile.push_back({0, mInfo.imageName, ImageEntry::Kind::Image,
                                      {mPages.front().width, mPages.front().height, static_cast<std::uint64_t>(mInfo.frameCount)},
                                      pixelTypeName(mInfo.pixelType), {}});
    }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        if (!mVirtualOffsets.empty())
            return readVirtualFrame(frame);
        const PageLayout& page = mPages[mFrames[static_cast<std::size_t>(frame)]];
        TIFF* tif = mTiff.get();
        mTiff.takeError();
        if (TIFFSetSubDirectory(tif, page.ifdOffset) != 1)
            fail("cannot read page " + std::to_string(frame));
        return mNative ? readNative(page, frame) : readThroughRgba(page, frame);
    }

private:
    [[noreturn]] void fail(const std::string& what)
    {
        const std::string detail = mTiff.takeError();
        throw IoError(mInfo.path, what + (detail.empty() ? "" : ": " + detail));
    }

    void indexPages(const OpenOptions& options, std::uint64_t fileSize)
    {
        TIFF* tif = mTiff.get();
        // Every IFD takes at least a few bytes: more pages than that is a loop or damage.
        const std::uint64_t maxPages = fileSize / 8 + 1;
        do {
            throwIfCancelled(options.progress);
            PageLayout p;
            p.ifdOffset = TIFFCurrentDirOffset(tif);
            getTag(tif, TIFFTAG_IMAGEWIDTH, p.width);
            getTag(tif, TIFFTAG_IMAGELENGTH, p.height);
            TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &p.samplesPerPixel);
            TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &p.bitsPerSample);
            TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &p.sampleFormat);
            TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &p.planar);
            TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &p.compression);
            TIFFGetFieldDefaulted(tif, TIFFTAG_SUBFILETYPE, &p.subfileType);
            if (!getTag(tif, TIFFTAG_PHOTOMETRIC, p.photometric))
                p.photometric = p.samplesPerPixel >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;
            p.tiled = TIFFIsTiled(tif) != 0;
            mPages.push_back(p);
            if (mPages.size() % 256 == 0)
                options.progress.report(std::min(0.99, static_cast<double>(TIFFCurrentDirOffset(tif)) / static_cast<double>(fileSize)));
            if (mPages.size() > maxPages)
                fail("more pages than the file can hold: the page chain loops or is damaged");
        } while (TIFFReadDirectory(tif) == 1);
        mChainError = mTiff.takeError();

        // Frames: full-resolution pages shaped like the first one. Thumbnails and reduced
        // resolution pages (SubfileType bit 0) are skipped and said so.
        std::size_t first = 0;
        while (first < mPages.size() && (mPages[first].subfileType & FILETYPE_REDUCEDIMAGE) != 0)
            ++first;
        if (first == mPages.size())
            first = 0;
        if (mPages[first].width == 0 || mPages[first].height == 0)
            fail("the first page has no image size (ImageWidth/ImageLength missing or zero)");
        // A file whose every page says "reduced resolution" (seen in damaged files) still has
        // its pages read as frames: the flag is all that marks them.
        const bool onlyReduced = (mPages[first].subfileType & FILETYPE_REDUCEDIMAGE) != 0;
        std::size_t skipped = 0;
        for (std::size_t i = 0; i < mPages.size(); ++i) {
            if (mPages[i].sameImageAs(mPages[first]) && (onlyReduced || (mPages[i].subfileType & FILETYPE_REDUCEDIMAGE) == 0))
                mFrames.push_back(i);
            else
                ++skipped;
        }
        if (skipped > 0)
            mInfo.notes.push_back(std::to_string(skipped) + " page(s) of another size or type (thumbnails, previews) skipped");

        const PageLayout& p = mPages[first];
        mInfo.width = static_cast<int>(p.width);
        mInfo.height = static_cast<int>(p.height);
        if (p.width > 1u << 20 || p.height > 1u << 20)
            fail("page size " + std::to_string(p.width) + " x " + std::to_string(p.height) + " is not plausible");
        mNative = nativePixelType(p, mInfo.pixelType);
        if (!mNative) {
            if (p.bitsPerSample > 16 || p.samplesPerPixel > 4)
                fail("unsupported pixel layout: " + std::to_string(p.samplesPerPixel) + " sample(s) of "
                     + std::to_string(p.bitsPerSample) + " bits, sample format " + std::to_string(p.sampleFormat));
            mInfo.pixelType = PixelType::RGBA8;
            mInfo.notes.push_back("pixels decoded to 8-bit RGBA by libtiff (photometric " + std::to_string(p.photometric) + ")");
        } else if (isColour(mInfo.pixelType)) {
            mInfo.notes.push_back("colour image: frames for analysis use its luminance");
        }
        if (p.photometric == PHOTOMETRIC_MINISWHITE)
            mInfo.notes.push_back("photometric 'min-is-white': values are returned as stored (0 is white)");
        // A frame is decoded whole: one far larger than any compression of the file's bytes could
        // give is a damaged header, refused before memory is asked for it (a 244-byte file said
        // 11,076 x 327,685 RGBA pixels, 14.5 GB; found by fuzz/). LZW and deflate stay well under
        // 4,096:1; 64 MiB covers any small file.
        const std::uint64_t frameBytes = std::uint64_t(p.width) * p.height * bytesPerPixel(mInfo.pixelType);
        if (frameBytes > std::max<std::uint64_t>(std::uint64_t(64) << 20, fileSize * 4096))
            fail("page size " + std::to_string(p.width) + " x " + std::to_string(p.height) + " (" + std::to_string(frameBytes >> 20)
                 + " MiB a frame) is not plausible for a file of " + std::to_string(fileSize) + " bytes: the header is damaged");
    }

    void readCalibration()
    {
        TIFF* tif = mTiff.get();
        if (TIFFSetSubDirectory(tif, mPages[mFrames.front()].ifdOffset) != 1)
            fail("cannot re-read the first page");
        const char* text = nullptr;
        std::string description;
        if (TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &text) == 1 && text != nullptr)
            description = text;
        if (TIFFGetField(tif, TIFFTAG_SOFTWARE, &text) == 1 && text != nullptr)
            mInfo.metadata.emplace_back("Software", printable(text));
        if (TIFFGetField(tif, TIFFTAG_DATETIME, &text) == 1 && text != nullptr)
            mInfo.metadata.emplace_back("Date/time", printable(text));

        float xres = 0.0F;
        float yres = 0.0F;
        std::uint16_t resUnit = RESUNIT_INCH;
        const bool hasRes = getTag(tif, TIFFTAG_XRESOLUTION, xres) && xres > 0.0F && std::isfinite(xres);
        if (!getTag(tif, TIFFTAG_YRESOLUTION, yres) || !(yres > 0.0F) || !std::isfinite(yres))
            yres = xres;
        TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &resUnit);

        const ImageJDescription ij = parseImageJDescription(description);
        if (ij.present) {
            mImageJ = ij;
            mInfo.formatDetail = "ImageJ";
            for (const auto& [k, v] : ij.entries)
                if (k.rfind("hrtem.", 0) != 0) // our exact calibration, applied below, not metadata
                    mInfo.metadata.emplace_back("ImageJ." + k, printable(v));
            if (hasRes && !ij.unit.empty()) {
                setAxis(mInfo.x, 1.0 / xres, ij.xOrigin.value_or(0.0), ij.unit);
                setAxis(mInfo.y, 1.0 / yres, ij.yOrigin.value_or(0.0), ij.unit);
            }
            if (ij.frames > 1 && ij.finterval) {
                mInfo.frames.name = "t";
                setAxis(mInfo.frames, *ij.finterval, 0.0, ij.timeUnit);
            } else if (ij.slices > 1 && ij.spacing) {
                // ImageJ's z spacing is in the same unit as the pixel size.
                mInfo.frames.name = "z";
                setAxis(mInfo.frames, *ij.spacing, 0.0, ij.unit);
            }
            if (ij.channels > 1)
                mInfo.notes.push_back("ImageJ hyperstack with " + std::to_string(ij.channels)
                                      + " channels: pages are read in file order (channels interleaved)");
            applyExactHrtemCalibration(ij);
        } else if (readDigitalMicrographTags()) {
            mInfo.formatDetail = "DigitalMicrograph export";
        } else if (description.rfind("<?xml", 0) == 0 && description.find("<OME") != std::string::npos) {
            mInfo.formatDetail = "OME-TIFF";
            readOmeCalibration(description);
        } else {
            if (!description.empty())
                mInfo.metadata.emplace_back("Description", printable(description.substr(0, 2000)));
            // Only metric resolution units carry a physical pixel size; "inch" is a print setting.
            if (hasRes && resUnit == RESUNIT_CENTIMETER) {
                setAxis(mInfo.x, 1e4 / xres, 0.0, "µm");
                setAxis(mInfo.y, 1e4 / yres, 0.0, "µm");
            }
        }
        if (auto s = secondsPerUnit(mInfo.frames.units))
            mInfo.frameInterval_s = mInfo.frames.scale * *s;
    }

    static void setAxis(AxisCalibration& axis, double scale, double originPx, const std::string& units)
    {
        axis.scale = scale;
        axis.offset = -originPx * scale;
        axis.units = units;
    }

    /// Files written by HRTEM Studio carry the exact calibration as extra ImageJ keys (ImageJ
    /// ignores unknown keys); the resolution tags are float32 and would lose digits.
    void applyExactHrtemCalibration(const ImageJDescription& ij)
    {
        auto exact = [&](const char* key) -> std::optional<double> {
            const auto it = ij.entries.find(key);
            if (it == ij.entries.end())
                return std::nullopt;
            char* end = nullptr;
            const double v = std::strtod(it->second.c_str(), &end);
            return end != it->second.c_str() && std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
        };
        auto closeTo = [](double a, double b) { return std::fabs(a - b) <= 1e-5 * std::fabs(b); };
        // Only trusted while they agree with the resolution tags (another program may have
        // rescaled the image and kept the description).
        if (auto xs = exact("hrtem.xscale"); xs && closeTo(*xs, mInfo.x.scale))
            mInfo.x.scale = *xs;
        if (auto ys = exact("hrtem.yscale"); ys && closeTo(*ys, mInfo.y.scale))
            mInfo.y.scale = *ys;
        if (auto xo = exact("hrtem.xoffset"))
            mInfo.x.offset = *xo;
        if (auto yo = exact("hrtem.yoffset"))
            mInfo.y.offset = *yo;
        if (auto fs = exact("hrtem.fscale"); fs && closeTo(*fs, mInfo.frames.scale))
            mInfo.frames.scale = *fs;
        if (auto fo = exact("hrtem.foffset"))
            mInfo.frames.offset = *fo;
        if (auto it = ij.entries.find("hrtem.funit"); it != ij.entries.end())
            mInfo.frames.units = normaliseImageJUnit(it->second);
        if (auto it = ij.entries.find("hrtem.fname"); it != ij.entries.end())
            mInfo.frames.name = decodeImageJText(it->second);
        if (auto it = ij.entries.find("hrtem.name"); it != ij.entries.end())
            mInfo.imageName = decodeImageJText(it->second);
    }

    /// DigitalMicrograph's TIFF export keeps the calibration in private tags:
    /// 65003-65005 units (x, y, z), 65006-65008 offsets, 65009-65011 scales.
    bool readDigitalMicrographTags()
    {
        TIFF* tif = mTiff.get();
        const auto xs = anonymousNumbers(tif, 65009);
        const auto ys = anonymousNumbers(tif, 65010);
        if (xs.size() != 1 || ys.size() != 1)
            return false;
        const auto zs = anonymousNumbers(tif, 65011);
        const auto xo = anonymousNumbers(tif, 65006);
        const auto yo = anonymousNumbers(tif, 65007);
        const auto zo = anonymousNumbers(tif, 65008);
        mInfo.x.scale = xs[0];
        mInfo.y.scale = ys[0];
        mInfo.x.offset = xo.size() == 1 ? xo[0] : 0.0;
        mInfo.y.offset = yo.size() == 1 ? yo[0] : 0.0;
        mInfo.x.units = anonymousText(tif, 65003).value_or("");
        mInfo.y.units = anonymousText(tif, 65004).value_or("");
        if (zs.size() == 1) {
            mInfo.frames.scale = zs[0];
            mInfo.frames.offset = zo.size() == 1 ? zo[0] : 0.0;
            mInfo.frames.units = anonymousText(tif, 65005).value_or("");
            if (secondsPerUnit(mInfo.frames.units))
                mInfo.frames.name = "t";
        }
        if (std::fabs(mInfo.y.scale - mInfo.x.scale) > 1e-3 * std::fabs(mInfo.x.scale))
            mInfo.notes.push_back("the file gives different x and y pixel sizes (" + formatNumber(mInfo.x.scale) + " and "
                                  + formatNumber(mInfo.y.scale) + " " + mInfo.x.units + "); they are returned as stored");
        return true;
    }

    void readOmeCalibration(const std::string& xml)
    {
        // First occurrence of name="value" (the first Pixels element describes the stack).
        auto attribute = [&](const char* name) -> std::optional<std::string> {
            const std::string key = std::string(" ") + name + "=\"";
            const auto at = xml.find(key);
            if (at == std::string::npos)
                return std::nullopt;
            const auto begin = at + key.size();
            const auto end = xml.find('"', begin);
            if (end == std::string::npos)
                return std::nullopt;
            return xml.substr(begin, end - begin);
        };
        auto number = [&](const char* name) -> std::optional<double> {
            if (auto s = attribute(name)) {
                char* end = nullptr;
                const double v = std::strtod(s->c_str(), &end);
                if (end != s->c_str() && std::isfinite(v))
                    return v;
            }
            return std::nullopt;
        };
        if (auto px = number("PhysicalSizeX"))
            setAxis(mInfo.x, *px, 0.0, attribute("PhysicalSizeXUnit").value_or("µm"));
        if (auto py = number("PhysicalSizeY"))
            setAxis(mInfo.y, *py, 0.0, attribute("PhysicalSizeYUnit").value_or("µm"));
        if (auto dt = number("TimeIncrement")) {
            mInfo.frames.name = "t";
            setAxis(mInfo.frames, *dt, 0.0, attribute("TimeIncrementUnit").value_or("s"));
        }
    }

    /// ImageJ writes stacks over 4 GB as one IFD followed by all frames back to back
    /// (images=N in the description), and tifffile writes every later page's IFD after all the
    /// frames, so that a truncated file keeps only the first IFD: both are read as frames back to
    /// back from the first page's pixels. Recognised only for uncompressed pages whose strips are
    /// contiguous (libtiff chops one large strip into several: they still are).
    void setupVirtualImageJFrames(std::uint64_t fileSize)
    {
        if (!mImageJ.present || mImageJ.images <= static_cast<int>(mFrames.size()) || mFrames.size() != 1 || !mNative)
            return;
        const PageLayout& p = mPages[mFrames.front()];
        TIFF* tif = mTiff.get();
        if (p.compression != COMPRESSION_NONE || p.tiled || TIFFSetSubDirectory(tif, p.ifdOffset) != 1)
            return;
        std::uint64_t* offsets = nullptr;
        std::uint64_t* counts = nullptr;
        if (TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offsets) != 1 || offsets == nullptr ||
            TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &counts) != 1 || counts == nullptr)
            return;
        const std::uint64_t frameBytes = static_cast<std::uint64_t>(p.width) * p.height * bytesPerPixel(mInfo.pixelType);
        std::uint64_t contiguous = 0;
        for (std::uint32_t i = 0, n = TIFFNumberOfStrips(tif); i < n; ++i) {
            if (offsets[i] != offsets[0] + contiguous)
                return;
            contiguous += counts[i];
        }
        if (contiguous != frameBytes)
            return;
        std::uint64_t available = fileSize > offsets[0] ? (fileSize - offsets[0]) / frameBytes : 0;
        const auto count = std::min<std::uint64_t>(available, static_cast<std::uint64_t>(mImageJ.images));
        for (std::uint64_t k = 0; k < count; ++k)
            mVirtualOffsets.push_back(offsets[0] + k * frameBytes);
        mSwapVirtual = TIFFIsByteSwapped(tif) != 0;
        mRawFile = std::make_unique<BinaryFile>(mInfo.path);
        if (count < static_cast<std::uint64_t>(mImageJ.images))
            mInfo.notes.push_back("ImageJ says " + std::to_string(mImageJ.images) + " images but the file holds "
                                  + std::to_string(count) + ": it is truncated");
    }

    RawImage readVirtualFrame(int frame)
    {
        RawImage raw(mInfo.pixelType, mInfo.width, mInfo.height);
        mRawFile->readAt(mVirtualOffsets[static_cast<std::size_t>(frame)], raw.data(), raw.byteSize());
        if (mSwapVirtual)
            swapComponentBytes(raw);
        return raw;
    }

    RawImage readNative(const PageLayout& page, int frame)
    {
        TIFF* tif = mTiff.get();
        RawImage raw(mInfo.pixelType, mInfo.width, mInfo.height);
        const std::size_t rowBytes = static_cast<std::size_t>(page.width) * bytesPerPixel(mInfo.pixelType);
        if (page.tiled) {
            std::uint32_t tw = 0, th = 0;
            if (!getTag(tif, TIFFTAG_TILEWIDTH, tw) || !getTag(tif, TIFFTAG_TILELENGTH, th) || tw == 0 || th == 0)
                fail("page " + std::to_string(frame) + " has invalid tile dimensions");
            const tmsize_t tileBytes = TIFFTileSize(tif);
            const std::size_t tileRowBytes = static_cast<std::size_t>(tw) * bytesPerPixel(mInfo.pixelType);
            if (tileBytes <= 0 || static_cast<std::size_t>(tileBytes) < tileRowBytes * th)
                fail("page " + std::to_string(frame) + " has an inconsistent tile size");
            std::vector<std::uint8_t> tile(static_cast<std::size_t>(tileBytes));
            for (std::uint32_t ty = 0; ty < page.height; ty += th)
                for (std::uint32_t tx = 0; tx < page.width; tx += tw) {
                    if (TIFFReadEncodedTile(tif, TIFFComputeTile(tif, tx, ty, 0, 0), tile.data(), tileBytes) < 0)
                        fail("cannot decode tile at (" + std::to_string(tx) + ", " + std::to_string(ty) + ") of page "
                             + std::to_string(frame));
                    const std::uint32_t rows = std::min(th, page.height - ty);
                    const std::size_t cols = std::min(tw, page.width - tx);
                    for (std::uint32_t r = 0; r < rows; ++r)
                        std::memcpy(raw.data() + (ty + r) * rowBytes + tx * bytesPerPixel(mInfo.pixelType),
                                    tile.data() + r * tileRowBytes, cols * bytesPerPixel(mInfo.pixelType));
                }
        } else {
            std::uint32_t rowsPerStrip = page.height;
            TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
            rowsPerStrip = std::clamp<std::uint32_t>(rowsPerStrip, 1, page.height);
            const tmsize_t stripBytes = TIFFStripSize(tif);
            if (stripBytes <= 0)
                fail("page " + std::to_string(frame) + " has an invalid strip size");
            std::vector<std::uint8_t> strip(static_cast<std::size_t>(stripBytes));
            for (std::uint32_t row = 0; row < page.height; row += rowsPerStrip) {
                const std::uint32_t rows = std::min(rowsPerStrip, page.height - row);
                const auto want = static_cast<tmsize_t>(rows * rowBytes);
                if (want > stripBytes)
                    fail("page " + std::to_string(frame) + " has strips smaller than its rows");
                const tmsize_t got = TIFFReadEncodedStrip(tif, TIFFComputeStrip(tif, row, 0), strip.data(), want);
                if (got < want)
                    fail("cannot decode rows " + std::to_string(row) + "-" + std::to_string(row + rows - 1) + " of page "
                         + std::to_string(frame) + " (data missing or damaged)");
                std::memcpy(raw.data() + static_cast<std::size_t>(row) * rowBytes, strip.data(), static_cast<std::size_t>(want));
            }
        }
        return raw;
    }

    RawImage readThroughRgba(const PageLayout& page, int frame)
    {
        TIFF* tif = mTiff.get();
        std::vector<std::uint32_t> pixels(static_cast<std::size_t>(page.width) * page.height);
        if (TIFFReadRGBAImageOriented(tif, page.width, page.height, pixels.data(), ORIENTATION_TOPLEFT, 0) != 1)
            fail("cannot decode page " + std::to_string(frame));
        RawImage raw(PixelType::RGBA8, static_cast<int>(page.width), static_cast<int>(page.height));
        for (std::size_t i = 0; i < pixels.size(); ++i) {
            raw.data()[4 * i + 0] = static_cast<std::uint8_t>(TIFFGetR(pixels[i]));
            raw.data()[4 * i + 1] = static_cast<std::uint8_t>(TIFFGetG(pixels[i]));
            raw.data()[4 * i + 2] = static_cast<std::uint8_t>(TIFFGetB(pixels[i]));
            raw.data()[4 * i + 3] = static_cast<std::uint8_t>(TIFFGetA(pixels[i]));
        }
        return raw;
    }

    TiffHandle mTiff;
    std::vector<PageLayout> mPages;
    std::vector<std::size_t> mFrames; ///< indices into mPages
    bool mNative = true;
    ImageJDescription mImageJ;
    std::string mChainError; ///< libtiff's words where the chain of page headers broke off
    std::vector<std::uint64_t> mVirtualOffsets;
    bool mSwapVirtual = false;
    std::unique_ptr<BinaryFile> mRawFile;
};

} // namespace

std::unique_ptr<StackReader> openTiffStack(const std::string& path, const OpenOptions& options)
{
    return std::make_unique<TiffStackReader>(path, options);
}

} // namespace hrtem
