#include "core/io/tiff/tiff_handle.h"

#include "core/io/io_error.h"

#include <tiffio.h>

#include <cstdarg>
#include <cstdio>

namespace hrtem {

namespace {

std::string format(const char* module, const char* fmt, va_list ap)
{
    char buffer[1024];
    std::vsnprintf(buffer, sizeof buffer, fmt, ap);
    std::string s = buffer;
    if (module != nullptr && *module != '\0')
        s = std::string(module) + ": " + s;
    return s;
}

int onError(TIFF*, void* user, const char* module, const char* fmt, va_list ap)
{
    static_cast<TiffHandle*>(user)->recordError(format(module, fmt, ap));
    return 1; // handled: nothing on stderr
}

int onWarning(TIFF*, void* user, const char* module, const char* fmt, va_list ap)
{
    static_cast<TiffHandle*>(user)->recordWarning(format(module, fmt, ap));
    return 1;
}

// libtiff's cap on any one allocation while decoding; a corrupt header cannot ask for more.
constexpr tmsize_t kMaxSingleAllocation = tmsize_t(1) << 31;

} // namespace

TiffHandle::TiffHandle(const std::string& path, const char* mode) : mPath(path)
{
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, onError, this);
    TIFFOpenOptionsSetWarningHandlerExtR(options, onWarning, this);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, kMaxSingleAllocation);
    mTiff = TIFFOpenExt(path.c_str(), mode, options);
    TIFFOpenOptionsFree(options);
    if (mTiff == nullptr)
        throw IoError(path, mLastError.empty() ? std::string("libtiff cannot open the file") : "not a readable TIFF: " + mLastError);
}

TiffHandle::~TiffHandle()
{
    if (mTiff != nullptr)
        TIFFClose(mTiff);
}

void TiffHandle::recordError(std::string message)
{
    if (mLastError.empty()) // the first error is the cause; later ones are consequences
        mLastError = std::move(message);
}

std::string TiffHandle::takeError()
{
    std::string e;
    e.swap(mLastError);
    return e;
}

void TiffHandle::close()
{
    if (mTiff == nullptr)
        return;
    const int flushed = TIFFFlush(mTiff);
    TIFFClose(mTiff);
    mTiff = nullptr;
    if (flushed != 1 || !mLastError.empty())
        throw IoError(mPath, "could not finish writing: " + (mLastError.empty() ? std::string("flush failed") : mLastError));
}

} // namespace hrtem
