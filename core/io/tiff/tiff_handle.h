#pragma once
// RAII around libtiff's TIFF* with per-handle error capture (libtiff >= 4.5 TIFFOpenExt):
// libtiff's own messages end up in our IoError text instead of on stderr.
#include <string>
#include <utility>

typedef struct tiff TIFF;

namespace hrtem {

class TiffHandle {
public:
    /// mode as for TIFFOpen ("r", "w", "w8", "wb"...). Throws IoError when libtiff refuses.
    TiffHandle(const std::string& path, const char* mode);
    ~TiffHandle();
    TiffHandle(const TiffHandle&) = delete;
    TiffHandle& operator=(const TiffHandle&) = delete;

    TIFF* get() const { return mTiff; }
    const std::string& path() const { return mPath; }
    /// The last error libtiff reported on this handle (empty if none); clears it.
    std::string takeError();
    /// Closes now (flushes a file being written); throws IoError if libtiff reports a failure.
    void close();

    /// Called by libtiff's handlers (C callbacks) for this handle.
    void recordError(std::string message);
    void recordWarning(std::string message) { mLastWarning = std::move(message); }

private:
    std::string mLastError;
    std::string mLastWarning;
    std::string mPath;
    TIFF* mTiff = nullptr;
};

} // namespace hrtem
