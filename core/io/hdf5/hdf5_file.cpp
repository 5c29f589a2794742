#include "core/io/hdf5/hdf5_file.h"

#include "core/io/io_error.h"

#include <hdf5.h>

#include <cstring>

namespace hrtem::h5 {

namespace {
std::recursive_mutex* gLibraryLock = new std::recursive_mutex; // never destroyed: used at exit
} // namespace

std::recursive_mutex& libraryLock() { return *gLibraryLock; }

void takeLibraryLockInForkedChild()
{
    // The parent's lock, held across fork(), belongs to a thread id the child does not have;
    // the child is single-threaded and no thread was inside libhdf5 at the fork, so a fresh
    // lock is the state it needs. (The old one is left as it is: unlocking it is not ours.)
    gLibraryLock = new std::recursive_mutex;
}

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

/// HDF5 prints its own error stack to stderr by default; the errors are ours to report.
void silenceLibrary()
{
    static const bool silenced = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)silenced;
}

void closeId(Id id)
{
    if (id < 0)
        return;
    switch (H5Iget_type(id)) {
    case H5I_FILE: H5Fclose(id); break;
    case H5I_GROUP: H5Gclose(id); break;
    case H5I_DATASET: H5Dclose(id); break;
    case H5I_DATASPACE: H5Sclose(id); break;
    case H5I_DATATYPE: H5Tclose(id); break;
    case H5I_ATTR: H5Aclose(id); break;
    default: break;
    }
}

hid_t nativeType(const ElementType& t)
{
    switch (t.kind) {
    case ElementType::Kind::Float: return t.bytes == 8 ? H5T_NATIVE_DOUBLE : H5T_NATIVE_FLOAT;
    case ElementType::Kind::Integer:
        switch (t.bytes) {
        case 1: return t.isSigned ? H5T_NATIVE_SCHAR : H5T_NATIVE_UCHAR;
        case 2: return t.isSigned ? H5T_NATIVE_SHORT : H5T_NATIVE_USHORT;
        case 4: return t.isSigned ? H5T_NATIVE_INT : H5T_NATIVE_UINT;
        default: return t.isSigned ? H5T_NATIVE_LLONG : H5T_NATIVE_ULLONG;
        }
    default: return -1;
    }
}

} // namespace

Handle::~Handle()
{
    if (mId >= 0) {
        const Lock lock(libraryLock());
        closeId(mId);
    }
}

Handle& Handle::operator=(Handle&& other) noexcept
{
    if (this != &other) {
        if (mId >= 0) {
            const Lock lock(libraryLock());
            closeId(mId);
        }
        mId = other.mId;
        other.mId = -1;
    }
    return *this;
}

File::File(const std::string& path) : mPath(path)
{
    const Lock lock(libraryLock());
    silenceLibrary();
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw IoError(path, "is not an HDF5 file (no HDF5 signature): damaged, or not an EMD file");
    mFile = Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!mFile.valid())
        throw IoError(path, "cannot be opened as HDF5: the file is damaged or truncated");
}

bool File::exists(const std::string& objectPath) const
{
    const Lock lock(libraryLock());
    // Each link of the path must exist before the next is asked for.
    std::string partial;
    std::size_t from = objectPath.front() == '/' ? 1 : 0;
    while (from <= objectPath.size()) {
        const std::size_t slash = objectPath.find('/', from);
        partial = objectPath.substr(0, slash == std::string::npos ? objectPath.size() : slash);
        if (partial.empty() || partial == "/")
            return true;
        if (H5Lexists(mFile.id(), partial.c_str(), H5P_DEFAULT) <= 0)
            return false;
        if (slash == std::string::npos)
            break;
        from = slash + 1;
    }
    return H5Oexists_by_name(mFile.id(), objectPath.c_str(), H5P_DEFAULT) > 0;
}

bool File::isGroup(const std::string& objectPath) const
{
    const Lock lock(libraryLock());
    if (!exists(objectPath))
        return false;
    H5O_info_t info;
    if (H5Oget_info_by_name(mFile.id(), objectPath.c_str(), &info, H5P_DEFAULT) < 0)
        return false;
    return info.type == H5O_TYPE_GROUP;
}

std::vector<std::string> File::members(const std::string& groupPath) const
{
    const Lock lock(libraryLock());
    std::vector<std::string> names;
    const Handle group(H5Gopen2(mFile.id(), groupPath.c_str(), H5P_DEFAULT));
    if (!group.valid())
        return names;
    H5G_info_t info;
    if (H5Gget_info(group.id(), &info) < 0)
        return names;
    for (hsize_t i = 0; i < info.nlinks && i < 100000; ++i) {
        const ssize_t length = H5Lget_name_by_idx(group.id(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (length <= 0)
            continue;
        std::string name(std::size_t(length) + 1, '\0');
        H5Lget_name_by_idx(group.id(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        name.resize(std::size_t(length));
        names.push_back(name);
    }
    return names;
}

std::vector<std::uint64_t> File::shape(const std::string& datasetPath) const
{
    const Lock lock(libraryLock());
    const Handle dataset(H5Dopen2(mFile.id(), datasetPath.c_str(), H5P_DEFAULT));
    if (!dataset.valid())
        throw IoError(mPath, "has no readable dataset " + datasetPath);
    const Handle space(H5Dget_space(dataset.id()));
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank < 0 || rank > 32)
        throw IoError(mPath, "dataset " + datasetPath + " has a damaged dataspace");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    return std::vector<std::uint64_t>(dims.begin(), dims.end());
}

ElementType File::elementType(const std::string& datasetPath) const
{
    const Lock lock(libraryLock());
    const Handle dataset(H5Dopen2(mFile.id(), datasetPath.c_str(), H5P_DEFAULT));
    if (!dataset.valid())
        throw IoError(mPath, "has no readable dataset " + datasetPath);
    const Handle type(H5Dget_type(dataset.id()));
    ElementType t;
    const H5T_class_t cls = H5Tget_class(type.id());
    t.bytes = int(H5Tget_size(type.id()));
    if (cls == H5T_INTEGER) {
        t.kind = ElementType::Kind::Integer;
        t.isSigned = H5Tget_sign(type.id()) == H5T_SGN_2;
        t.description = std::string(t.isSigned ? "int" : "uint") + std::to_string(8 * t.bytes);
    } else if (cls == H5T_FLOAT) {
        t.kind = ElementType::Kind::Float;
        t.description = "float" + std::to_string(8 * t.bytes);
    } else if (cls == H5T_COMPOUND && H5Tget_nmembers(type.id()) == 2) {
        // Velox stores complex FFTs as {real, imaginary} float pairs.
        const Handle member(H5Tget_member_type(type.id(), 0));
        if (H5Tget_class(member.id()) == H5T_FLOAT) {
            t.kind = ElementType::Kind::ComplexFloat;
            t.bytes = int(H5Tget_size(member.id()));
            t.description = "complex (two float" + std::to_string(8 * t.bytes) + ")";
        }
    }
    if (t.description.empty())
        t.description = "HDF5 type class " + std::to_string(int(cls));
    return t;
}

void File::readBlock(const std::string& datasetPath, const std::vector<std::uint64_t>& start,
                     const std::vector<std::uint64_t>& count, const ElementType& memoryType, void* out) const
{
    const Lock lock(libraryLock());
    const Handle dataset(H5Dopen2(mFile.id(), datasetPath.c_str(), H5P_DEFAULT));
    if (!dataset.valid())
        throw IoError(mPath, "has no readable dataset " + datasetPath);
    const Handle space(H5Dget_space(dataset.id()));
    const std::vector<hsize_t> s(start.begin(), start.end()), c(count.begin(), count.end());
    if (H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, s.data(), nullptr, c.data(), nullptr) < 0)
        throw IoError(mPath, "dataset " + datasetPath + ": the block asked for lies outside it");
    const Handle memory(H5Screate_simple(int(c.size()), c.data(), nullptr));
    Handle complexType;
    hid_t type = nativeType(memoryType);
    if (memoryType.kind == ElementType::Kind::ComplexFloat) {
        const hid_t part = memoryType.bytes == 8 ? H5T_NATIVE_DOUBLE : H5T_NATIVE_FLOAT;
        complexType = Handle(H5Tcreate(H5T_COMPOUND, std::size_t(2 * memoryType.bytes)));
        // Members are matched by name: take the file's own two names.
        const Handle fileType(H5Dget_type(dataset.id()));
        for (unsigned m = 0; m < 2; ++m) {
            char* name = H5Tget_member_name(fileType.id(), m);
            H5Tinsert(complexType.id(), name, std::size_t(m * memoryType.bytes), part);
            H5free_memory(name);
        }
        type = complexType.id();
    }
    if (type < 0 || H5Dread(dataset.id(), type, memory.id(), space.id(), H5P_DEFAULT, out) < 0)
        throw IoError(mPath, "dataset " + datasetPath + " cannot be read: the file is damaged or truncated");
}

std::vector<std::uint8_t> File::readBytes(const std::string& datasetPath) const
{
    const Lock lock(libraryLock());
    std::uint64_t total = 1;
    const std::vector<std::uint64_t> dims = shape(datasetPath);
    for (std::uint64_t d : dims) {
        if (d != 0 && total > (256u << 20) / d)
            return {}; // larger than any metadata (and a product that could wrap)
        total *= d;
    }
    const ElementType t = elementType(datasetPath);
    if (t.kind != ElementType::Kind::Integer || t.bytes != 1)
        return {};
    std::vector<std::uint8_t> bytes(total);
    readBlock(datasetPath, std::vector<std::uint64_t>(dims.size(), 0), dims, t, bytes.data());
    return bytes;
}

std::vector<double> File::readDoubles(const std::string& datasetPath) const
{
    const Lock lock(libraryLock());
    const std::vector<std::uint64_t> dims = shape(datasetPath);
    if (dims.size() != 1 || dims[0] > (1u << 24))
        return {};
    std::vector<double> values(dims[0]);
    ElementType t;
    t.kind = ElementType::Kind::Float;
    t.bytes = 8;
    readBlock(datasetPath, {0}, dims, t, values.data());
    return values;
}

std::optional<std::string> File::textAttribute(const std::string& objectPath, const std::string& name) const
{
    const Lock lock(libraryLock());
    if (H5Aexists_by_name(mFile.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT) <= 0)
        return std::nullopt;
    const Handle attribute(H5Aopen_by_name(mFile.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
    const Handle type(H5Aget_type(attribute.id()));
    if (H5Tget_class(type.id()) != H5T_STRING)
        return std::nullopt;
    if (H5Tis_variable_str(type.id()) > 0) {
        char* text = nullptr;
        const Handle memory(H5Tcopy(H5T_C_S1));
        H5Tset_size(memory.id(), H5T_VARIABLE);
        if (H5Aread(attribute.id(), memory.id(), &text) < 0 || text == nullptr)
            return std::nullopt;
        std::string out(text);
        H5free_memory(text);
        return out;
    }
    std::string out(H5Tget_size(type.id()), '\0');
    if (H5Aread(attribute.id(), type.id(), out.data()) < 0)
        return std::nullopt;
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<double> File::numberAttribute(const std::string& objectPath, const std::string& name) const
{
    const Lock lock(libraryLock());
    if (H5Aexists_by_name(mFile.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT) <= 0)
        return std::nullopt;
    const Handle attribute(H5Aopen_by_name(mFile.id(), objectPath.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
    const Handle type(H5Aget_type(attribute.id()));
    const H5T_class_t cls = H5Tget_class(type.id());
    const Handle space(H5Aget_space(attribute.id()));
    if ((cls != H5T_INTEGER && cls != H5T_FLOAT) || H5Sget_simple_extent_npoints(space.id()) != 1)
        return std::nullopt;
    double value = 0.0;
    if (H5Aread(attribute.id(), H5T_NATIVE_DOUBLE, &value) < 0)
        return std::nullopt;
    return value;
}

bool isHdf5Magic(const std::uint8_t* m, std::size_t n)
{
    static const std::uint8_t signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    return n >= 8 && std::memcmp(m, signature, 8) == 0;
}

} // namespace hrtem::h5
