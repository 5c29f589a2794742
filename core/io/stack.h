#pragma once
#include "core/util/progress.h"
#include "core/io/calibration.h"
#include "core/io/io_error.h"
#include "core/io/raw_image.h"

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hrtem {

/// One image a file holds, as listed by `hrtem info` (DM files can hold several, plus
/// thumbnails and spectra that are not opened as stacks).
struct ImageEntry {
    enum class Kind { Image, Thumbnail, Spectrum, SpectrumImage, Unsupported };
    int index = 0;              ///< position in the file (DM: ImageList entry)
    std::string name;
    Kind kind = Kind::Image;
    std::vector<std::uint64_t> dimensions; ///< fastest axis first, as the file stores them
    std::string pixelType;
    std::string note;           ///< why it is not opened, for anything but Kind::Image
};

std::string kindName(ImageEntry::Kind kind);

/// Everything known about a stack without reading its frames.
struct StackInfo {
    std::string path;
    std::string format;       ///< "TIFF", "BigTIFF", "DM3", "DM4", "Video", "Image sequence", "Demo"
    std::string formatDetail; ///< e.g. "ImageJ", "DigitalMicrograph export", codec name
    int width = 0;
    int height = 0;
    int frameCount = 0;
    PixelType pixelType = PixelType::Float32;
    AxisCalibration x{"x"};
    AxisCalibration y{"y"};
    AxisCalibration frames{"frame"};      ///< time when the file says so ("s"), else z or plain index
    std::optional<double> frameInterval_s; ///< seconds between frames, when known
    AxisCalibration intensity{"intensity"};
    std::string imageName;
    int imageIndex = 0;                   ///< which ImageEntry this stack is
    std::vector<ImageEntry> imagesInFile; ///< all images the file holds
    std::vector<std::pair<std::string, std::string>> metadata; ///< ordered key/value pairs
    std::vector<std::string> notes;       ///< what the reader had to decide, in plain words

    const std::string* metadataValue(const std::string& key) const;
};

/// A lazily read sequence of frames. Opening reads headers only; frames are read on demand,
/// so a multi-gigabyte stack opens at once and scrubbing costs one frame of memory.
/// readRaw/readFrame are safe to call from several threads.
class StackReader {
public:
    virtual ~StackReader() = default;
    const StackInfo& info() const { return mInfo; }

    /// The frame as stored (native type). Throws IoError for an index out of range or bad data.
    RawImage readRaw(int frame);
    /// The frame as single-channel float32 (RawImage::toFloat32).
    cv::Mat readFrame(int frame);

protected:
    virtual RawImage readRawUnlocked(int frame) = 0;
    StackInfo mInfo;

private:
    std::mutex mMutex;
};

struct OpenOptions {
    int imageIndex = -1; ///< DM: which ImageList entry; -1 = first real image
    Progress progress;   ///< reports 0..1 while indexing big files; its flag cancels
};

/// Opens a TIFF, DM3/DM4, video, single image or folder of numbered images, chosen by content
/// (magic bytes), not by extension. Throws IoError naming the file and the problem.
std::unique_ptr<StackReader> openStack(const std::string& path, const OpenOptions& options = {});

/// Helper for readers: a cancel flag check that throws Cancelled.
inline void throwIfCancelled(const std::atomic<bool>* cancel)
{
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}
inline void throwIfCancelled(const Progress& progress)
{
    throwIfCancelled(progress.cancelFlag());
}

} // namespace hrtem
