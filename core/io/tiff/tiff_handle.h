#pragma once
// RAII around libtiff's TIFF* with per-handle error capture (libtiff >= 4.5 TIFFOpenExt):
// libtiff's own messages end up in our IoError text instead of on stderr.
#include <string>

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

    // libtiff calls these through C function pointers.
    std::string mLastError;
    std::string mLastWarning;

private:
    std::string mPath;
    TIFF* mTiff = nullptr;
};

} // namespace hrtem
