#include "core/io/tiff/tiff_writer.h"

#include "core/io/io_error.h"
#include "core/io/tiff/imagej_description.h"
#include "core/io/tiff/tiff_handle.h"
#include "core/util/units.h"

#include <tiffio.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace hrtem {

namespace {

/// The shortest decimal text that reads back as exactly `v` (0.1, not 0.10000000000000001).
std::string exact(double v)
{
    char buffer[40];
    for (int digits = 15; digits <= 17; ++digits) {
        std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
        if (std::strtod(buffer, nullptr) == v)
            break;
    }
    return buffer;
}

void sampleLayout(PixelType type, std::uint16_t& bits, std::uint16_t& format, std::uint16_t& samples)
{
    samples = 1;
    switch (type) {
    case PixelType::UInt8: bits = 8; format = SAMPLEFORMAT_UINT; break;
    case PixelType::Bool: bits = 8; format = SAMPLEFORMAT_UINT; break;
    case PixelType::Int8: bits = 8; format = SAMPLEFORMAT_INT; break;
    case PixelType::UInt16: bits = 16; format = SAMPLEFORMAT_UINT; break;
    case PixelType::Int16: bits = 16; format = SAMPLEFORMAT_INT; break;
    case PixelType::UInt32: bits = 32; format = SAMPLEFORMAT_UINT; break;
    case PixelType::Int32: bits = 32; format = SAMPLEFORMAT_INT; break;
    case PixelType::UInt64: bits = 64; format = SAMPLEFORMAT_UINT; break;
    case PixelType::Int64: bits = 64; format = SAMPLEFORMAT_INT; break;
    case PixelType::Float32: bits = 32; format = SAMPLEFORMAT_IEEEFP; break;
    case PixelType::Float64: bits = 64; format = SAMPLEFORMAT_IEEEFP; break;
    case PixelType::Complex64: bits = 64; format = SAMPLEFORMAT_COMPLEXIEEEFP; break;
    case PixelType::Complex128: bits = 128; format = SAMPLEFORMAT_COMPLEXIEEEFP; break;
    case PixelType::RGB8: bits = 8; format = SAMPLEFORMAT_UINT; samples = 3; break;
    case PixelType::RGBA8: bits = 8; format = SAMPLEFORMAT_UINT; samples = 4; break;
    }
}

std::string imageJDescription(int frames, const TiffWriteOptions& o)
{
    std::ostringstream d;
    d << "ImageJ=1.11a\n";
    d << "images=" << frames << "\n";
    const bool isTime = secondsPerUnit(o.frames.units).has_value();
    if (frames > 1)
        d << (isTime || !o.frames.hasUnits() ? "frames=" : "slices=") << frames << "\n";
    if (frames > 1 && isTime)
        d << "hyperstack=true\n";
    if (o.x.hasUnits())
        d << "unit=" << imageJUnitText(o.x.units) << "\n";
    if (o.x.offset != 0.0 && o.x.scale != 0.0)
        d << "xorigin=" << exact(o.x.originPixels()) << "\n";
    if (o.y.offset != 0.0 && o.y.scale != 0.0)
        d << "yorigin=" << exact(o.y.originPixels()) << "\n";
    if (isTime) {
        d << "finterval=" << exact(o.frames.scale * *secondsPerUnit(o.frames.units)) << "\n";
        d << "tunit=sec\n";
    } else if (o.frames.hasUnits() && o.frames.units == o.x.units) {
        d << "spacing=" << exact(o.frames.scale) << "\n";
    }
    d << "loop=false\n";
    // HRTEM Studio's exact calibration; ImageJ ignores keys it does not know.
    d << "hrtem.xscale=" << exact(o.x.scale) << "\n";
    d << "hrtem.yscale=" << exact(o.y.scale) << "\n";
    d << "hrtem.xoffset=" << exact(o.x.offset) << "\n";
    d << "hrtem.yoffset=" << exact(o.y.offset) << "\n";
    d << "hrtem.fscale=" << exact(o.frames.scale) << "\n";
    d << "hrtem.foffset=" << exact(o.frames.offset) << "\n";
    d << "hrtem.funit=" << imageJUnitText(o.frames.units) << "\n";
    d << "hrtem.fname=" << encodeImageJText(o.frames.name) << "\n";
    if (!o.imageName.empty())
        d << "hrtem.name=" << encodeImageJText(o.imageName) << "\n";
    return d.str();
}

} // namespace

TiffStackWriter::TiffStackWriter(const std::string& path, int width, int height, PixelType type, int frameCount,
                                 const TiffWriteOptions& options)
    : mPath(path), mPartPath(path + ".part"), mWidth(width), mHeight(height), mType(type), mFrameCount(frameCount),
      mOptions(options)
{
    if (width <= 0 || height <= 0 || frameCount <= 0)
        throw IoError(path, "nothing to write: " + std::to_string(width) + " x " + std::to_string(height) + " x "
                                + std::to_string(frameCount));
    const double totalBytes = static_cast<double>(width) * height * static_cast<double>(bytesPerPixel(type)) * frameCount;
    bool big = options.container == TiffWriteOptions::Container::BigTiff;
    if (options.container == TiffWriteOptions::Container::Automatic)
        big = totalBytes > 3.8e9; // headroom for IFDs below the 4 GiB classic-TIFF limit
    if (!big && totalBytes > 4.2e9)
        throw IoError(path, "over 4 GB of pixels do not fit a classic TIFF; write BigTIFF");
    std::string mode = "w";
    mode += big ? "8" : "";
    mode += options.bigEndian ? "b" : "l";
    mTiff = std::make_unique<TiffHandle>(mPartPath, mode.c_str());
    mDescription = imageJDescription(frameCount, options);
}

TiffStackWriter::~TiffStackWriter()
{
    if (mTiff) {
        mTiff.reset();
        std::error_code ec;
        std::filesystem::remove(mPartPath, ec);
    }
}

void TiffStackWriter::append(const RawImage& frame)
{
    if (!mTiff)
        throw IoError(mPath, "writer already finished");
    if (frame.width() != mWidth || frame.height() != mHeight || frame.type() != mType)
        throw IoError(mPath, "frame " + std::to_string(mWritten) + " does not match the stack's size or pixel type");
    if (mWritten >= mFrameCount)
        throw IoError(mPath, "more frames than announced (" + std::to_string(mFrameCount) + ")");
    TIFF* tif = mTiff->get();
    std::uint16_t bits = 0, format = 0, samples = 1;
    sampleLayout(mType, bits, format, samples);
    TIFFSetField(tif, TIFFTAG_SUBFILETYPE, 0);
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(mWidth));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(mHeight));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bits);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, samples);
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, format);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
    if (samples == 4) {
        const std::uint16_t extra = EXTRASAMPLE_UNASSALPHA;
        TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, &extra);
    }
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, mOptions.deflate ? COMPRESSION_ADOBE_DEFLATE : COMPRESSION_NONE);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, static_cast<std::uint32_t>(mHeight)); // one strip, as ImageJ writes
    if (mOptions.x.hasUnits() && mOptions.x.scale > 0 && mOptions.y.scale > 0) {
        TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(1.0 / mOptions.x.scale));
        TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(1.0 / mOptions.y.scale));
        TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
    }
    TIFFSetField(tif, TIFFTAG_SOFTWARE, "HRTEM Studio");
    if (mWritten == 0) // ImageJ reads the description of the first page only
        TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, mDescription.c_str());
    // libtiff byte-swaps the buffer in place for big-endian files: give it a scratch copy.
    mScratch.assign(frame.data(), frame.data() + frame.byteSize());
    const auto bytes = static_cast<tmsize_t>(mScratch.size());
    if (TIFFWriteEncodedStrip(tif, 0, mScratch.data(), bytes) < 0
        || TIFFWriteDirectory(tif) != 1)
        throw IoError(mPath, "cannot write frame " + std::to_string(mWritten) + ": " + mTiff->takeError());
    ++mWritten;
}

void TiffStackWriter::finish()
{
    if (!mTiff)
        return;
    if (mWritten != mFrameCount)
        throw IoError(mPath, "only " + std::to_string(mWritten) + " of " + std::to_string(mFrameCount) + " frames written");
    mTiff->close();
    mTiff.reset();
    std::error_code ec;
    std::filesystem::rename(mPartPath, mPath, ec);
    if (ec)
        throw IoError(mPath, "cannot move the finished file into place: " + ec.message());
}

void writeTiffStack(const std::string& path, StackReader& source, TiffWriteOptions options,
                    const Progress& progress)
{
    const StackInfo& info = source.info();
    options.x = info.x;
    options.y = info.y;
    options.frames = info.frames;
    if (options.imageName.empty())
        options.imageName = info.imageName;
    TiffStackWriter writer(path, info.width, info.height, info.pixelType, info.frameCount, options);
    for (int f = 0; f < info.frameCount; ++f) {
        throwIfCancelled(progress);
        writer.append(source.readRaw(f));
        progress.report(static_cast<double>(f + 1) / info.frameCount);
    }
    writer.finish();
}

} // namespace hrtem
