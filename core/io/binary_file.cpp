#include "core/io/binary_file.h"

#include "core/io/io_error.h"
#include "core/util/endian.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hrtem {

BinaryFile::BinaryFile(const std::string& path) : mPath(path)
{
    mFd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (mFd < 0)
        throw IoError(path, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(mFd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(mFd);
        throw IoError(path, "not a regular file");
    }
    mSize = static_cast<std::uint64_t>(st.st_size);
}

BinaryFile::~BinaryFile()
{
    if (mFd >= 0)
        ::close(mFd);
}

void BinaryFile::readAt(std::uint64_t offset, void* destination, std::uint64_t length) const
{
    if (length == 0 && offset <= mSize)
        return;
    if (!contains(offset, length))
        throw IoError(mPath, "file is truncated: needs " + std::to_string(length) + " bytes at offset "
                                 + std::to_string(offset) + " but the file has " + std::to_string(mSize) + " bytes");
    auto* out = static_cast<char*>(destination);
    while (length > 0) {
        const ssize_t got = ::pread(mFd, out, length, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            throw IoError(mPath, std::string("read error: ") + (got < 0 ? std::strerror(errno) : "unexpected end of file"));
        out += got;
        offset += static_cast<std::uint64_t>(got);
        length -= static_cast<std::uint64_t>(got);
    }
}

ByteCursor::ByteCursor(const BinaryFile& file, std::uint64_t position) : mFile(file), mPosition(position) {}

void ByteCursor::skip(std::uint64_t bytes)
{
    if (!mFile.contains(mPosition, bytes))
        throw IoError(mFile.path(), "file is truncated: a field of " + std::to_string(bytes) + " bytes at offset "
                                        + std::to_string(mPosition) + " runs past the end ("
                                        + std::to_string(mFile.size()) + " bytes)");
    mPosition += bytes;
}

void ByteCursor::read(void* destination, std::uint64_t length)
{
    if (length == 0) // empty names and values: destination may be null
        return;
    const bool inBuffer = mPosition >= mBufferStart && length <= mBufferLength
        && mPosition - mBufferStart <= mBufferLength - length;
    if (!inBuffer && length <= sizeof(mBuffer) / 2) {
        mBufferStart = mPosition;
        mBufferLength = std::min<std::uint64_t>(sizeof(mBuffer), mFile.size() > mPosition ? mFile.size() - mPosition : 0);
        if (mBufferLength < length)
            mFile.readAt(mPosition, destination, length); // throws: truncated
        mFile.readAt(mBufferStart, mBuffer, mBufferLength);
    }
    if (mPosition >= mBufferStart && length <= mBufferLength && mPosition - mBufferStart <= mBufferLength - length)
        std::memcpy(destination, mBuffer + (mPosition - mBufferStart), length);
    else
        mFile.readAt(mPosition, destination, length);
    mPosition += length;
}

std::uint8_t ByteCursor::u8()
{
    std::uint8_t v = 0;
    read(&v, 1);
    return v;
}

std::uint64_t ByteCursor::bigEndian(std::size_t width)
{
    std::uint8_t bytes[8];
    read(bytes, width);
    return readBigEndian(bytes, width);
}

} // namespace hrtem
