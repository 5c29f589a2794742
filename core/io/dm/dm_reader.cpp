// Gatan DigitalMicrograph DM3/DM4 images and image stacks.
#include "core/io/binary_file.h"
#include "core/io/dm/dm_tags.h"
#include "core/io/readers.h"
#include "core/util/text.h"
#include "core/util/units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace hrtem {
namespace {

using dm::Tag;

/// What an ImageList entry holds, decoded and checked.
struct DmImage {
    ImageEntry entry;
    int dataType = 0;
    PixelType pixelType = PixelType::Float32;
    int width = 0;
    int height = 0;
    int frames = 1;
    int storedWidth = 0; ///< packed-complex FFTs store W/2+1 columns
    std::uint64_t dataOffset = 0;
    std::uint64_t frameBytes = 0;
    std::vector<AxisCalibration> axes;
    AxisCalibration brightness{"intensity"};
    const Tag* imageTags = nullptr;
    bool bgraOrder = false;
};

/// DM DataType code -> pixel type. Packed complex (5, 27, 28) is the FFT half-plane.
bool pixelTypeForDataType(int dataType, PixelType& type, bool& packed, bool& bgra)
{
    packed = false;
    bgra = false;
    switch (dataType) {
    case 1: type = PixelType::Int16; return true;
    case 2: type = PixelType::Float32; return true;
    case 3: type = PixelType::Complex64; return true;
    case 5:
    case 27: type = PixelType::Complex64; packed = true; return true;
    case 28: type = PixelType::Complex128; packed = true; return true;
    case 6: type = PixelType::UInt8; return true;
    case 7: type = PixelType::Int32; return true;
    case 8:
    case 23: type = PixelType::RGBA8; bgra = true; return true;
    case 9: type = PixelType::Int8; return true;
    case 10: type = PixelType::UInt16; return true;
    case 11: type = PixelType::UInt32; return true;
    case 12: type = PixelType::Float64; return true;
    case 13: type = PixelType::Complex128; return true;
    case 14: type = PixelType::Bool; return true;
    default: return false;
    }
}

AxisCalibration readCalibration(const Tag* group, bool le, const std::string& name)
{
    AxisCalibration axis;
    axis.name = name;
    if (group == nullptr)
        return axis;
    const Tag* scale = group->child("Scale");
    const Tag* origin = group->child("Origin");
    const Tag* units = group->child("Units");
    if (scale != nullptr)
        if (auto s = dm::scalarValue(*scale, le); s && std::isfinite(*s))
            axis.scale = *s;
    double originPx = 0.0;
    if (origin != nullptr)
        if (auto o = dm::scalarValue(*origin, le); o && std::isfinite(*o))
            originPx = *o;
    // DM stores the origin in pixels: physical = (index - origin) * scale.
    axis.offset = -originPx * axis.scale;
    if (units != nullptr)
        if (auto u = dm::textValue(*units, le))
            axis.units = *u;
    return axis;
}

std::string metaFormat(const Tag* imageTags, bool le)
{
    if (imageTags == nullptr)
        return {};
    const Tag* format = imageTags->find({"Meta Data", "Format"});
    if (format == nullptr)
        return {};
    return toLower(dm::textValue(*format, le).value_or(""));
}

std::string dimensionsText(const std::vector<std::uint64_t>& dims)
{
    std::string s;
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? " x " : "") + std::to_string(dims[i]);
    return s;
}

DmImage decodeImage(const BinaryFile& file, const Tag& group, int index, bool le, bool isThumbnail)
{
    DmImage img;
    ImageEntry& e = img.entry;
    e.index = index;
    if (const Tag* name = group.child("Name"))
        e.name = dm::textValue(*name, le).value_or("");
    img.imageTags = group.child("ImageTags");
    auto unsupported = [&](const std::string& why) {
        e.kind = ImageEntry::Kind::Unsupported;
        e.note = why;
        return img;
    };

    const Tag* data = group.child("ImageData");
    if (data == nullptr || !data->isGroup)
        return unsupported("no ImageData group");
    const Tag* dims = data->child("Dimensions");
    if (dims == nullptr || dims->children.empty())
        return unsupported("no Dimensions");
    for (const Tag& d : dims->children) {
        const auto v = dm::scalarValue(d, le);
        if (!v || *v < 1 || *v > 2147483647.0)
            return unsupported("invalid dimension value");
        e.dimensions.push_back(static_cast<std::uint64_t>(*v));
    }
    const Tag* typeTag = data->child("DataType");
    const auto dataType = typeTag ? dm::scalarValue(*typeTag, le) : std::nullopt;
    if (!dataType)
        return unsupported("no DataType");
    img.dataType = static_cast<int>(*dataType);
    bool packed = false;
    if (!pixelTypeForDataType(img.dataType, img.pixelType, packed, img.bgraOrder))
        return unsupported("unknown DataType " + std::to_string(img.dataType));
    e.pixelType = pixelTypeName(img.pixelType);

    const Tag* cal = data->child("Calibrations");
    const Tag* dimCal = cal ? cal->child("Dimension") : nullptr;
    static const char* const kAxisNames[] = {"x", "y", "z", "w"};
    for (std::size_t i = 0; i < e.dimensions.size(); ++i) {
        const Tag* c = dimCal ? dimCal->childAt(i) : nullptr; // fewer entries than axes: uncalibrated
        img.axes.push_back(readCalibration(c, le, i < 4 ? kAxisNames[i] : "axis"));
    }
    img.brightness = readCalibration(cal ? cal->child("Brightness") : nullptr, le, "intensity");

    const std::string format = metaFormat(img.imageTags, le);
    if (isThumbnail) {
        e.kind = ImageEntry::Kind::Thumbnail;
        e.note = "thumbnail (skipped)";
    } else if (format.find("spectrum image") != std::string::npos || format.find("spectrum-image") != std::string::npos) {
        e.kind = ImageEntry::Kind::SpectrumImage;
        e.note = "spectrum image";
    } else if (e.dimensions.size() == 1 || (e.dimensions.size() == 2 && e.dimensions[1] == 1)
               || format.find("spectrum") != std::string::npos) {
        e.kind = ImageEntry::Kind::Spectrum;
        const AxisCalibration& a = img.axes[0];
        e.note = "a 1-D spectrum of " + std::to_string(e.dimensions[0]) + " channels"
            + (a.hasUnits() ? ", " + formatNumber(a.scale) + " " + a.units + " per channel" : "");
    } else if (e.dimensions.size() > 3) {
        return unsupported(std::to_string(e.dimensions.size()) + "-D data (" + dimensionsText(e.dimensions)
                           + ") is not an image stack");
    }

    img.storedWidth = static_cast<int>(e.dimensions[0]);
    img.width = img.storedWidth;
    img.height = e.dimensions.size() > 1 ? static_cast<int>(e.dimensions[1]) : 1;
    img.frames = e.dimensions.size() > 2 ? static_cast<int>(e.dimensions[2]) : 1;
    if (packed) {
        img.storedWidth = img.width / 2 + 1;
        img.width = img.storedWidth;
    }

    const Tag* pixels = data->child("Data");
    // Real pixels are a plain array; complex ones an array of {re, im} structs.
    if (pixels == nullptr || pixels->isGroup
        || (pixels->value.shape != dm::TagValue::Shape::Array && pixels->value.shape != dm::TagValue::Shape::StructArray))
        return unsupported("no pixel Data array");
    const std::uint64_t bpp = bytesPerPixel(img.pixelType);
    img.frameBytes = static_cast<std::uint64_t>(img.storedWidth) * static_cast<std::uint64_t>(img.height) * bpp;
    const std::uint64_t expected = img.frameBytes * static_cast<std::uint64_t>(img.frames);
    if (pixels->value.byteSize != expected)
        return unsupported("pixel data holds " + std::to_string(pixels->value.byteSize) + " bytes but "
                           + dimensionsText(e.dimensions) + " pixels of DataType " + std::to_string(img.dataType)
                           + " need " + std::to_string(expected));
    if (!file.contains(pixels->value.offset, expected))
        return unsupported("pixel data runs past the end of the file");
    img.dataOffset = pixels->value.offset;
    return img;
}

std::string isoDate(const std::string& mdy)
{
    int m = 0, d = 0, y = 0;
    if (std::sscanf(mdy.c_str(), "%d/%d/%d", &m, &d, &y) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return mdy;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
    return buffer;
}

std::string time24(const std::string& twelveHour)
{
    int h = 0, m = 0, s = 0;
    char ampm[3] = {0, 0, 0};
    if (std::sscanf(twelveHour.c_str(), "%d:%d:%d %2s", &h, &m, &s, ampm) != 4)
        return twelveHour;
    const std::string suffix = toLower(ampm);
    if (suffix == "pm" && h < 12)
        h += 12;
    if (suffix == "am" && h == 12)
        h = 0;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", h, m, s);
    return buffer;
}

void flatten(const Tag& tag, bool le, const std::string& prefix, StackInfo& info, int depth)
{
    if (depth > 16 || info.metadata.size() > 5000)
        return;
    for (std::size_t i = 0; i < tag.children.size(); ++i) {
        const Tag& c = tag.children[i];
        const std::string key = prefix + (c.name.empty() ? "[" + std::to_string(i) + "]" : c.name);
        if (c.isGroup)
            flatten(c, le, key + ".", info, depth + 1);
        else
            info.metadata.emplace_back(key, dm::displayValue(c, le));
    }
}

/// The acquisition facts a microscopist looks for first, under stable names.
void addSummaryMetadata(const Tag* tags, bool le, StackInfo& info)
{
    if (tags == nullptr)
        return;
    auto text = [&](std::initializer_list<std::string_view> path) -> std::optional<std::string> {
        const Tag* t = tags->find(path);
        if (t == nullptr)
            return std::nullopt;
        if (auto s = dm::textValue(*t, le))
            return trim(*s).empty() ? std::nullopt : std::optional<std::string>(trim(*s));
        if (auto v = dm::scalarValue(*t, le))
            return formatNumber(*v, 10);
        return std::nullopt;
    };
    auto number = [&](std::initializer_list<std::string_view> path) -> std::optional<double> {
        const Tag* t = tags->find(path);
        return t ? dm::scalarValue(*t, le) : std::nullopt;
    };
    if (auto d = text({"DataBar", "Acquisition Date"}))
        info.metadata.emplace_back("Acquisition date", isoDate(*d));
    if (auto t = text({"DataBar", "Acquisition Time"}))
        info.metadata.emplace_back("Acquisition time", time24(*t));
    if (auto e = number({"DataBar", "Exposure Time (s)"}))
        info.metadata.emplace_back("Exposure (s)", formatNumber(*e));
    else if (auto h = number({"Acquisition", "Parameters", "High Level", "Exposure (s)"}))
        info.metadata.emplace_back("Exposure (s)", formatNumber(*h));
    if (auto v = number({"Microscope Info", "Voltage"}))
        info.metadata.emplace_back("Voltage (kV)", formatNumber(*v / 1000.0));
    if (auto m = number({"Microscope Info", "Indicated Magnification"}))
        info.metadata.emplace_back("Magnification", formatNumber(*m));
    if (auto mode = text({"Microscope Info", "Operation Mode"}))
        info.metadata.emplace_back("Operation mode", *mode);
    if (auto name = text({"Microscope Info", "Microscope"}))
        info.metadata.emplace_back("Microscope", *name);
    else if (auto n = text({"Session Info", "Microscope"}))
        info.metadata.emplace_back("Microscope", *n);
    if (auto dev = text({"DataBar", "Device Name"}))
        info.metadata.emplace_back("Detector", *dev);
    if (auto dwell = number({"DigiScan", "Sample Time"}))
        info.metadata.emplace_back("STEM dwell time (µs)", formatNumber(*dwell));
    if (auto signal = text({"Meta Data", "Signal"}))
        info.metadata.emplace_back("Signal", *signal);
}

class DmStackReader : public StackReader {
public:
    DmStackReader(std::unique_ptr<BinaryFile> file, bool littleEndian, const DmImage& image)
        : mFile(std::move(file)), mLittleEndian(littleEndian), mImage(image)
    {
    }
    StackInfo& mutableInfo() { return mInfo; }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        RawImage raw(mImage.pixelType, mImage.storedWidth, mImage.height);
        mFile->readAt(mImage.dataOffset + static_cast<std::uint64_t>(frame) * mImage.frameBytes, raw.data(),
                      mImage.frameBytes);
        if (!mLittleEndian)
            swapComponentBytes(raw);
        if (mImage.bgraOrder)
            for (std::size_t i = 0; i + 3 < raw.byteSize(); i += 4)
                std::swap(raw.data()[i], raw.data()[i + 2]); // stored B,G,R,A -> R,G,B,A
        return raw;
    }

private:
    std::unique_ptr<BinaryFile> mFile;
    bool mLittleEndian;
    DmImage mImage;
};

} // namespace

std::unique_ptr<StackReader> openDmStack(const std::string& path, const OpenOptions& options)
{
    auto file = std::make_unique<BinaryFile>(path);
    const dm::TagFile tags = dm::readTagFile(*file);
    const bool le = tags.littleEndian;
    const Tag* list = tags.root.child("ImageList");
    if (list == nullptr || !list->isGroup || list->children.empty())
        throw IoError(path, "DigitalMicrograph file without an ImageList: it holds no image");

    std::set<std::size_t> thumbnails;
    if (const Tag* thumbs = tags.root.child("Thumbnails"))
        for (const Tag& t : thumbs->children)
            if (const Tag* idx = t.child("ImageIndex"))
                if (auto v = dm::scalarValue(*idx, le); v && *v >= 0)
                    thumbnails.insert(static_cast<std::size_t>(*v));

    std::vector<DmImage> images;
    for (std::size_t i = 0; i < list->children.size(); ++i)
        images.push_back(decodeImage(*file, list->children[i], static_cast<int>(i), le, thumbnails.count(i) > 0));

    const DmImage* chosen = nullptr;
    if (options.imageIndex >= 0) {
        if (static_cast<std::size_t>(options.imageIndex) >= images.size())
            throw IoError(path, "has no image " + std::to_string(options.imageIndex) + " (it holds "
                                    + std::to_string(images.size()) + ")");
        chosen = &images[static_cast<std::size_t>(options.imageIndex)];
        if (chosen->entry.kind != ImageEntry::Kind::Image)
            throw IoError(path, "image " + std::to_string(options.imageIndex) + " cannot be opened: " + chosen->entry.note);
    } else {
        for (const DmImage& img : images)
            if (img.entry.kind == ImageEntry::Kind::Image) {
                chosen = &img;
                break;
            }
    }
    if (chosen == nullptr) {
        for (const DmImage& img : images) {
            if (img.entry.kind == ImageEntry::Kind::Spectrum || img.entry.kind == ImageEntry::Kind::SpectrumImage)
                throw IoError(path, "holds a spectrum, not an image (" + img.entry.note
                                        + "); HRTEM Studio opens images and image stacks");
        }
        std::string why;
        for (const DmImage& img : images)
            if (img.entry.kind == ImageEntry::Kind::Unsupported)
                why = img.entry.note;
        throw IoError(path, why.empty() ? "holds no image besides its thumbnail" : "holds no readable image: " + why);
    }

    auto reader = std::make_unique<DmStackReader>(std::move(file), le, *chosen);
    StackInfo& info = reader->mutableInfo();
    info.path = path;
    info.format = tags.version == 4 ? "DM4" : "DM3";
    info.formatDetail = std::string("DigitalMicrograph, ") + (le ? "little-endian" : "big-endian");
    info.width = chosen->width;
    info.height = chosen->height;
    info.frameCount = chosen->frames;
    info.pixelType = chosen->pixelType;
    info.x = chosen->axes[0];
    if (chosen->axes.size() > 1)
        info.y = chosen->axes[1];
    if (chosen->axes.size() > 2) {
        info.frames = chosen->axes[2];
        if (auto s = secondsPerUnit(info.frames.units))
            info.frameInterval_s = info.frames.scale * *s;
    }
    info.x.name = "x";
    info.y.name = "y";
    info.intensity = chosen->brightness;
    info.imageName = chosen->entry.name;
    info.imageIndex = chosen->entry.index;
    for (const DmImage& img : images)
        info.imagesInFile.push_back(img.entry);
    if (chosen->dataType == 5 || chosen->dataType == 27 || chosen->dataType == 28)
        info.notes.push_back("packed complex FFT: the file stores the half-plane, " + std::to_string(chosen->width)
                             + " columns; it is returned as stored");
    if (chosen->bgraOrder)
        info.notes.push_back("RGB(A) image: frames for analysis use its luminance");
    if (isComplex(chosen->pixelType))
        info.notes.push_back("complex image: frames for analysis use its modulus");
    addSummaryMetadata(chosen->imageTags, le, info);
    if (chosen->imageTags != nullptr)
        flatten(*chosen->imageTags, le, "ImageTags.", info, 0);
    return reader;
}

} // namespace hrtem
