#pragma once
#include "core/io/calibration.h"
#include "core/io/raw_image.h"
#include "core/io/stack.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hrtem {

class TiffHandle;

struct TiffWriteOptions {
    enum class Container { Automatic, Classic, BigTiff };
    Container container = Container::Automatic; ///< Automatic: BigTIFF once data nears 4 GB
    bool bigEndian = false;
    bool deflate = false;                       ///< lossless compression (slower to write)
    AxisCalibration x{"x"};
    AxisCalibration y{"y"};
    AxisCalibration frames{"frame"};            ///< time axis when units are seconds
    std::string imageName;
};

/// Writes a multi-page TIFF that Fiji/ImageJ opens at the right scale: pixel size in
/// X/YResolution, unit and frame interval in an ImageJ description, plus the exact
/// calibration as `hrtem.*` keys so HRTEM Studio reads back every digit.
/// Frames are written to `path.part` and renamed on finish(): a crash or a cancel never
/// leaves a half-written file under the real name.
class TiffStackWriter {
public:
    TiffStackWriter(const std::string& path, int width, int height, PixelType type, int frameCount,
                    const TiffWriteOptions& options);
    ~TiffStackWriter(); ///< without finish(): removes the partial file
    TiffStackWriter(const TiffStackWriter&) = delete;
    TiffStackWriter& operator=(const TiffStackWriter&) = delete;

    void append(const RawImage& frame);
    void finish();

private:
    std::string mPath;
    std::string mPartPath;
    int mWidth;
    int mHeight;
    PixelType mType;
    int mFrameCount;
    int mWritten = 0;
    TiffWriteOptions mOptions;
    std::string mDescription;
    std::vector<std::uint8_t> mScratch;
    std::unique_ptr<TiffHandle> mTiff;
};

/// Convenience: writes every frame of `source` (native pixel type) with its calibration.
void writeTiffStack(const std::string& path, StackReader& source, TiffWriteOptions options = {},
                    const Progress& progress = {});

} // namespace hrtem
