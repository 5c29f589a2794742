// EMD files (HDF5): Thermo Fisher Velox and Berkeley EMD 0.2 (issue 21).
//  - Velox: each image is a group /Data/Image/<id> with a dataset Data of (rows, columns,
//    frames) and Metadata, a (bytes, frames) uint8 array holding each frame's JSON: pixel size
//    and offset in BinaryResult (metres, or 1/m for an FFT), the detector, the frame time in
//    Scan. Spectra, spectrum images and spectrum streams (/Data/Spectrum*) are listed and
//    skipped, with a note; a file holding only those is refused, saying so.
//  - Berkeley EMD: any group whose attribute emd_group_type is 1, holding `data` and one dim
//    vector per axis (`dim1`..`dimN`, with `name` and `units` attributes). dim1 and dim2 are the
//    image's x and y, dim3 (if any) the frames.
// Frames are read one at a time as HDF5 blocks, so a file of any size opens at once.
// The structure (emd_layout.cpp) is read in a child process: libhdf5 1.10.8 reads freed memory
// on some corrupted object headers, and such a file must end the probe only, not the program.
#include "core/io/child_process.h"
#include "core/io/emd_layout.h"
#include "core/io/hdf5/hdf5_file.h"
#include "core/io/readers.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <mutex>

namespace hrtem {

namespace {

class EmdStackReader : public StackReader {
public:
    EmdStackReader(std::unique_ptr<h5::File> file, EmdImage image) : mFile(std::move(file)), mImage(std::move(image)) {}
    StackInfo& mutableInfo() { return mInfo; }

protected:
    RawImage readRawUnlocked(int frame) override
    {
        const EmdImage& im = mImage;
        const int w = int(im.width), h = int(im.height);
        RawImage raw(im.type, w, h);
        const bool stack3 = im.frames > 1 || mFile->shape(im.dataset).size() == 3;
        std::vector<std::uint64_t> start = {0, 0}, count;
        if (im.berkeley) {
            count = {im.width, im.height};
        } else {
            count = {im.height, im.width};
        }
        if (stack3) {
            start.push_back(std::uint64_t(frame));
            count.push_back(1);
        }
        if (!im.berkeley) {
            mFile->readBlock(im.dataset, start, count, im.element, raw.data());
            return raw;
        }
        // Berkeley stores x slowest: transpose into rows.
        RawImage block(im.type, h, w);
        mFile->readBlock(im.dataset, start, count, im.element, block.data());
        const std::size_t px = bytesPerPixel(im.type);
        for (int x = 0; x < w; ++x)
            for (int y = 0; y < h; ++y)
                std::memcpy(raw.data() + (std::size_t(y) * w + x) * px, block.data() + (std::size_t(x) * h + y) * px, px);
        return raw;
    }

private:
    std::unique_ptr<h5::File> mFile;
    EmdImage mImage;
};

/// One pixel of the first and the last frame, read as the frames will be.
void readCorners(const h5::File& file, const EmdImage& im)
{
    const std::size_t rank = file.shape(im.dataset).size();
    if (rank < 2 || rank > 3)
        throw IoError(file.path(), im.dataset + " is not an image dataset");
    std::vector<unsigned char> pixel(16);
    for (std::uint64_t frame : {std::uint64_t(0), im.frames - 1}) {
        std::vector<std::uint64_t> start(rank, 0), count(rank, 1);
        if (rank == 3)
            start[2] = frame;
        file.readBlock(im.dataset, start, count, im.element, pixel.data());
    }
}

/// The file's layout, read by libhdf5 in a child process that also reads one pixel of each
/// image's first and last frames (so a damaged chunk index ends the child too), then checked.
EmdLayout readLayoutInChildProcess(const std::string& path)
{
    // Every libhdf5 call holds this lock: forking with it held gives the child a library that
    // no other thread is half-way through.
    const std::lock_guard<std::recursive_mutex> lock(h5::libraryLock());
    const std::string answer = runInChildProcess(path, "its HDF5 structure", [&] {
        h5::takeLibraryLockInForkedChild();
        const h5::File file(path);
        const EmdLayout layout = readEmdLayout(file);
        for (const EmdImage& im : layout.images)
            readCorners(file, im);
        return toJson(layout).dump();
    });
    const nlohmann::json json = nlohmann::json::parse(answer, nullptr, false);
    if (json.is_discarded())
        throw IoError(path, "the EMD structure reader's answer is not JSON");
    return emdLayoutFromJson(json, path);
}

} // namespace

std::unique_ptr<StackReader> openEmdStack(const std::string& path, const OpenOptions& options)
{
    const EmdLayout layout = readLayoutInChildProcess(path);
    const std::vector<EmdImage>& images = layout.images;
    const std::vector<ImageEntry>& entries = layout.entries;
    const bool isVelox = layout.velox;
    if (images.empty()) {
        std::string what;
        for (const ImageEntry& e : entries)
            what += (what.empty() ? "" : "; ") + e.name + ": " + e.note;
        throw IoError(path, entries.empty() ? std::string("is HDF5 but holds no Velox or Berkeley EMD image")
                                            : "holds no image HRTEM Studio opens (" + what + ")");
    }
    // The image asked for (index among the entries, as `hrtem info` lists them), else the first.
    std::size_t pick = 0;
    int imageEntry = 0;
    for (std::size_t i = 0, k = 0; i < entries.size(); ++i) {
        if (entries[i].kind != ImageEntry::Kind::Image)
            continue;
        if (int(i) == options.imageIndex || (options.imageIndex < 0 && k == 0)) {
            pick = k;
            imageEntry = int(i);
            if (int(i) == options.imageIndex)
                break;
        }
        ++k;
    }
    const EmdImage image = images[pick];
    auto reader = std::make_unique<EmdStackReader>(std::make_unique<h5::File>(path), image);
    StackInfo& info = reader->mutableInfo();
    info.path = path;
    info.format = "EMD";
    info.formatDetail = isVelox ? "Velox" : "Berkeley EMD";
    info.width = int(image.width);
    info.height = int(image.height);
    info.frameCount = int(image.frames);
    info.pixelType = image.type;
    info.x = image.x;
    info.y = image.y;
    info.frames = image.z;
    if (image.frameTime_s) {
        info.frames = AxisCalibration("t", *image.frameTime_s, 0.0, "s");
        info.frameInterval_s = image.frameTime_s;
    }
    info.imageName = image.name;
    info.imageIndex = imageEntry;
    info.imagesInFile = entries;
    info.metadata = image.metadata;
    for (const ImageEntry& e : entries)
        if (e.kind != ImageEntry::Kind::Image)
            info.notes.push_back("skipped " + e.name + ": " + e.note);
    return reader;
}

} // namespace hrtem
