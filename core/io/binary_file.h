#pragma once
#include <cstdint>
#include <string>

namespace hrtem {

/// A read-only file with bounds-checked positional reads. Every read past the end throws an
/// IoError that says the file is truncated, so a damaged file can never be read out of bounds.
/// Positional reads (pread) keep it usable from several threads at once.
class BinaryFile {
public:
    explicit BinaryFile(const std::string& path);
    ~BinaryFile();
    BinaryFile(const BinaryFile&) = delete;
    BinaryFile& operator=(const BinaryFile&) = delete;

    const std::string& path() const { return mPath; }
    std::uint64_t size() const { return mSize; }
    /// True if [offset, offset + length) lies inside the file (overflow-safe).
    bool contains(std::uint64_t offset, std::uint64_t length) const
    {
        return offset <= mSize && length <= mSize - offset;
    }
    void readAt(std::uint64_t offset, void* destination, std::uint64_t length) const;

private:
    std::string mPath;
    int mFd = -1;
    std::uint64_t mSize = 0;
};

/// Sequential big/little-endian reads on top of a BinaryFile, with a small read-ahead buffer
/// (DM tag trees are thousands of tiny fields).
class ByteCursor {
public:
    ByteCursor(const BinaryFile& file, std::uint64_t position);

    std::uint64_t position() const { return mPosition; }
    void seek(std::uint64_t position) { mPosition = position; }
    void skip(std::uint64_t bytes);
    void read(void* destination, std::uint64_t length);
    std::uint8_t u8();
    std::uint64_t bigEndian(std::size_t width); ///< unsigned integer of 1..8 bytes, big-endian
    std::uint64_t remaining() const { return mPosition <= mFile.size() ? mFile.size() - mPosition : 0; }

private:
    const BinaryFile& mFile;
    std::uint64_t mPosition;
    std::uint64_t mBufferStart = 0;
    std::uint64_t mBufferLength = 0;
    std::uint8_t mBuffer[65536];
};

} // namespace hrtem
