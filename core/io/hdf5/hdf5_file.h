#pragma once
// The HDF5 C API wrapped once (issue 21): handles closed by RAII, errors as IoError naming the
// file, and one lock around every call, because Debian's libhdf5 is built without thread
// safety while the viewer and the analysis read with readers of their own on several threads.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hrtem::h5 {

using Id = std::int64_t; ///< hid_t

/// Every call into libhdf5 holds this.
std::recursive_mutex& libraryLock();
/// In a child forked while the parent held libraryLock(): gives the child a lock of its own.
void takeLibraryLockInForkedChild();

/// An HDF5 object id that closes itself (file, group, dataset, dataspace, type, attribute).
class Handle {
public:
    Handle() = default;
    explicit Handle(Id id) : mId(id) {}
    ~Handle();
    Handle(Handle&& other) noexcept : mId(other.mId) { other.mId = -1; }
    Handle& operator=(Handle&& other) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Id id() const { return mId; }
    bool valid() const { return mId >= 0; }

private:
    Id mId = -1;
};

/// Element type of a dataset, as far as images go.
struct ElementType {
    enum class Kind { Integer, Float, ComplexFloat, Other } kind = Kind::Other;
    int bytes = 0;          ///< per component
    bool isSigned = false;
    std::string description; ///< for messages
};

class File {
public:
    /// Opens read-only. Throws IoError when the file is not HDF5 or cannot be read.
    explicit File(const std::string& path);
    const std::string& path() const { return mPath; }

    bool exists(const std::string& objectPath) const;
    bool isGroup(const std::string& objectPath) const;
    /// Names of the members of a group, in the file's order.
    std::vector<std::string> members(const std::string& groupPath) const;
    /// Dimensions of a dataset, slowest first (C order).
    std::vector<std::uint64_t> shape(const std::string& datasetPath) const;
    ElementType elementType(const std::string& datasetPath) const;
    /// Reads the block [start, start + count) of a dataset into `out` as `memoryType`
    /// (bytes per element, host order). Throws IoError on any failure.
    void readBlock(const std::string& datasetPath, const std::vector<std::uint64_t>& start,
                   const std::vector<std::uint64_t>& count, const ElementType& memoryType, void* out) const;
    /// A whole dataset of bytes (Velox keeps JSON metadata as uint8 arrays), or of text.
    std::vector<std::uint8_t> readBytes(const std::string& datasetPath) const;
    /// Doubles of a small 1-D numeric dataset (Berkeley EMD's dim vectors).
    std::vector<double> readDoubles(const std::string& datasetPath) const;
    /// An attribute as text (string attributes) or number; nullopt when absent.
    std::optional<std::string> textAttribute(const std::string& objectPath, const std::string& name) const;
    std::optional<double> numberAttribute(const std::string& objectPath, const std::string& name) const;

private:
    std::string mPath;
    Handle mFile;
};

/// Whether the first bytes are HDF5's signature (at offset 0; files with a user block are
/// recognised by extension).
bool isHdf5Magic(const std::uint8_t* magic, std::size_t length);

} // namespace hrtem::h5
