// A folder of numbered images (frame_0001.tif, frame_0002.tif, ... or .dm4, .png) as one stack.
// Files are ordered by the number in their name (natural order: 2 before 10); each file is
// opened only when its frame is read, and must match the first file's size.
#include "core/io/readers.h"
#include "core/util/text.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace hrtem {
namespace {

bool isImageFile(const std::filesystem::path& p)
{
    static const char* const kExtensions[] = {".tif", ".tiff", ".dm3", ".dm4", ".png", ".jpg", ".jpeg", ".bmp", ".pgm"};
    const std::string ext = toLower(p.extension().string());
    return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

/// Natural order: runs of digits compare by value, so frame_2 sorts before frame_10.
bool naturalLess(const std::string& a, const std::string& b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
                ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
                ++je;
            std::string na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
            nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

class ImageSequenceReader : public StackReader {
public:
    ImageSequenceReader(const std::string& folder, const OpenOptions& options)
    {
        namespace fs = std::filesystem;
        std::error_code ec;
        for (const fs::directory_entry& e : fs::directory_iterator(folder, ec))
            if (e.is_regular_file(ec) && isImageFile(e.path()))
                mFiles.push_back(e.path().string());
        if (ec)
            throw IoError(folder, "cannot list the folder: " + ec.message());
        if (mFiles.empty())
            throw IoError(folder, "folder holds no TIFF, DM3/DM4 or image files");
        std::sort(mFiles.begin(), mFiles.end(), [](const std::string& a, const std::string& b) {
            return naturalLess(fs::path(a).filename().string(), fs::path(b).filename().string());
        });
        // Calibration and layout come from the first file.
        OpenOptions first = options;
        first.imageIndex = -1;
        auto reader = openStack(mFiles.front(), first);
        mInfo = reader->info();
        if (mInfo.frameCount != 1)
            mInfo.notes.push_back("the first file holds " + std::to_string(mInfo.frameCount)
                                  + " frames; only the first frame of each file is used");
        mInfo.path = folder;
        mInfo.format = "Image sequence";
        mInfo.formatDetail = std::to_string(mFiles.size()) + " files, first " + fs::path(mFiles.front()).filename().string();
        mInfo.frameCount = static_cast<int>(mFiles.size());
        mInfo.imagesInFile.clear();
        mInfo.imagesInFile.push_back({0, {}, ImageEntry::Kind::Image,
                                      {static_cast<std::uint64_t>(mInfo.width), static_cast<std::uint64_t>(mInfo.height),
                                       static_cast<std::uint64_t>(mInfo.frameCount)},
                                      pixelTypeName(mInfo.pixelType), {}});
        mCache = std::move(reader);
        mCachedIndex = 0;
    }

    const std::vector<std::string>& files() const { return mFiles; }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        const std::string& file = mFiles[static_cast<std::size_t>(frame)];
        if (mCachedIndex != frame) {
            mCache = openStack(file);
            mCachedIndex = frame;
        }
        RawImage raw = mCache->readRaw(0);
        if (raw.width() != mInfo.width || raw.height() != mInfo.height || raw.type() != mInfo.pixelType)
            throw IoError(file, "is " + std::to_string(raw.width()) + " x " + std::to_string(raw.height()) + " "
                                    + pixelTypeName(raw.type()) + " but the sequence is " + std::to_string(mInfo.width)
                                    + " x " + std::to_string(mInfo.height) + " " + pixelTypeName(mInfo.pixelType));
        return raw;
    }

private:
    std::vector<std::string> mFiles;
    std::unique_ptr<StackReader> mCache;
    int mCachedIndex = -1;
};

} // namespace

std::unique_ptr<StackReader> openImageSequence(const std::string& folder, const OpenOptions& options)
{
    return std::make_unique<ImageSequenceReader>(folder, options);
}

} // namespace hrtem
