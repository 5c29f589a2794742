#include "core/io/stack.h"

#include "core/io/binary_file.h"
#include "core/io/hdf5/hdf5_file.h"
#include "core/io/readers.h"
#include "core/util/text.h"

#include <cstdio>
#include <filesystem>

namespace hrtem {

std::string kindName(ImageEntry::Kind kind)
{
    switch (kind) {
    case ImageEntry::Kind::Image: return "image";
    case ImageEntry::Kind::Thumbnail: return "thumbnail";
    case ImageEntry::Kind::Spectrum: return "spectrum";
    case ImageEntry::Kind::SpectrumImage: return "spectrum image";
    case ImageEntry::Kind::Unsupported: return "unsupported";
    }
    return "unknown";
}

const std::string* StackInfo::metadataValue(const std::string& key) const
{
    for (const auto& [k, v] : metadata)
        if (k == key)
            return &v;
    return nullptr;
}

RawImage StackReader::readRaw(int frame)
{
    if (frame < 0 || frame >= mInfo.frameCount)
        throw IoError(mInfo.path, "frame " + std::to_string(frame) + " does not exist (the stack has "
                                      + std::to_string(mInfo.frameCount) + " frames)");
    std::lock_guard<std::mutex> lock(mMutex);
    RawImage raw = readRawUnlocked(frame);
    if (raw.width() != mInfo.width || raw.height() != mInfo.height)
        throw IoError(mInfo.path, "frame " + std::to_string(frame) + " is " + std::to_string(raw.width()) + " x "
                                      + std::to_string(raw.height()) + " pixels, but the stack is "
                                      + std::to_string(mInfo.width) + " x " + std::to_string(mInfo.height));
    return raw;
}

cv::Mat StackReader::readFrame(int frame) { return readRaw(frame).toFloat32(); }

namespace {

bool isTiffMagic(const std::uint8_t* m, std::size_t n)
{
    if (n < 4)
        return false;
    const bool little = m[0] == 'I' && m[1] == 'I' && (m[2] == 42 || m[2] == 43) && m[3] == 0;
    const bool big = m[0] == 'M' && m[1] == 'M' && m[2] == 0 && (m[3] == 42 || m[3] == 43);
    return little || big;
}

bool isDmMagic(const std::uint8_t* m, std::size_t n)
{
    if (n < 16 || m[0] != 0 || m[1] != 0 || m[2] != 0 || (m[3] != 3 && m[3] != 4))
        return false;
    const std::size_t flagAt = m[3] == 3 ? 8 : 12; // DM4's root length is 8 bytes
    return m[flagAt] == 0 && m[flagAt + 1] == 0 && m[flagAt + 2] == 0 && m[flagAt + 3] <= 1;
}

bool hasExtension(const std::string& path, std::initializer_list<const char*> extensions)
{
    const std::string ext = toLower(std::filesystem::path(path).extension().string());
    for (const char* e : extensions)
        if (ext == e)
            return true;
    return false;
}

std::string hexBytes(const std::uint8_t* m, std::size_t n)
{
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        char b[4];
        std::snprintf(b, sizeof b, "%02X", m[i]);
        s += (i ? " " : "") + std::string(b);
    }
    return s;
}

} // namespace

std::unique_ptr<StackReader> openStack(const std::string& path, const OpenOptions& options)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw IoError(path, "no such file or folder");
    if (fs::is_directory(status))
        return openImageSequence(path, options);

    std::uint8_t magic[16] = {};
    std::size_t magicLength = 0;
    {
        BinaryFile probe(path);
        if (probe.size() == 0)
            throw IoError(path, "the file is empty");
        magicLength = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof magic, probe.size()));
        probe.readAt(0, magic, magicLength);
    }
    if (isTiffMagic(magic, magicLength))
        return openTiffStack(path, options);
    if (isDmMagic(magic, magicLength))
        return openDmStack(path, options);
    if (h5::isHdf5Magic(magic, magicLength) || hasExtension(path, {".emd", ".h5", ".hdf5"}))
        return openEmdStack(path, options);
    if (isSerMagic(magic, magicLength) || hasExtension(path, {".emi"}))
        return openSerStack(path, options);
    if (hasExtension(path, {".mrc", ".mrcs", ".st", ".map", ".ali", ".rec"}) || isMrcFile(path))
        return openMrcStack(path, options);
    if (hasExtension(path, {".avi", ".mp4", ".mov", ".mkv", ".m4v", ".wmv", ".mpg", ".mpeg", ".webm", ".ogv"}))
        return openVideoStack(path, options);
    if (hasExtension(path, {".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".ppm", ".webp", ".jp2"}))
        return openSingleImage(path, options);
    if (hasExtension(path, {".dm3", ".dm4"}))
        throw IoError(path, "does not start like a DM3/DM4 file (first bytes " + hexBytes(magic, std::min<std::size_t>(magicLength, 8))
                                + "): the file is damaged or not a DigitalMicrograph file");
    if (hasExtension(path, {".tif", ".tiff"}))
        throw IoError(path, "does not start like a TIFF file (first bytes " + hexBytes(magic, std::min<std::size_t>(magicLength, 8))
                                + "): the file is damaged or not a TIFF");
    throw IoError(path, "not a recognised format (expected TIFF, DM3/DM4, MRC, TIA SER, EMD, a video, an image or a folder of "
                        "numbered images); the file starts with bytes "
                            + hexBytes(magic, std::min<std::size_t>(magicLength, 8)));
}

} // namespace hrtem
