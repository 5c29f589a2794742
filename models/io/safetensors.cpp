#include "models/io/safetensors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include <unistd.h>

namespace hrtem::models {
namespace {

// The reference reader refuses longer headers (a guard against allocating on hostile input).
constexpr uint64_t kMaxHeaderBytes = 100'000'000;
constexpr char kMetadataKey[] = "__metadata__";

struct DtypeInfo {
    const char* name;
    int bits;                           // per element; some formats are narrower than a byte
    std::optional<torch::Dtype> torchDtype; // unset: valid in the format, not loadable here
};

// Every dtype of the format (so a valid file with, say, U16 is reported as "not supported by
// this program" rather than "invalid"). U16/U32/U64 and the 8-bit floats have no LibTorch 1.13
// counterpart; complex is left out of the project format on purpose.
const std::vector<DtypeInfo>& dtypeTable()
{
    static const std::vector<DtypeInfo> table = {
        {"BOOL", 8, torch::kBool},    {"U8", 8, torch::kByte},         {"I8", 8, torch::kChar},
        {"I16", 16, torch::kShort},   {"U16", 16, std::nullopt},       {"F16", 16, torch::kHalf},
        {"BF16", 16, torch::kBFloat16}, {"I32", 32, torch::kInt},      {"U32", 32, std::nullopt},
        {"F32", 32, torch::kFloat},   {"F64", 64, torch::kDouble},     {"I64", 64, torch::kLong},
        {"U64", 64, std::nullopt},    {"C64", 64, std::nullopt},       {"F8_E5M2", 8, std::nullopt},
        {"F8_E4M3", 8, std::nullopt}, {"F8_E8M0", 8, std::nullopt},    {"F8_E4M3FNUZ", 8, std::nullopt},
        {"F8_E5M2FNUZ", 8, std::nullopt}, {"F4", 4, std::nullopt},     {"F6_E2M3", 6, std::nullopt},
        {"F6_E3M2", 6, std::nullopt},
    };
    return table;
}

const DtypeInfo* findDtype(const std::string& name)
{
    for (const auto& info : dtypeTable())
        if (name == info.name)
            return &info;
    return nullptr;
}

const DtypeInfo* findDtype(torch::Dtype dtype)
{
    for (const auto& info : dtypeTable())
        if (info.torchDtype && *info.torchDtype == dtype)
            return &info;
    return nullptr;
}

[[noreturn]] void fail(const std::string& path, const std::string& problem)
{
    throw SafetensorsError(path + ": " + problem);
}

bool hostIsLittleEndian()
{
    const uint16_t probe = 1;
    unsigned char first = 0;
    std::memcpy(&first, &probe, 1);
    return first == 1;
}

// The format is little-endian; on a big-endian host every element is byte-reversed in place.
void swapElementBytes(unsigned char* data, size_t bytes, size_t elementSize)
{
    if (elementSize <= 1)
        return;
    for (size_t i = 0; i + elementSize <= bytes; i += elementSize)
        std::reverse(data + i, data + i + elementSize);
}

std::string shapeText(const std::vector<uint64_t>& shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? "," : "") + std::to_string(shape[i]);
    return s + "]";
}

// ---------------------------------------------------------------------------------------------
// Writing

struct OutputEntry {
    std::string name;
    const DtypeInfo* dtype;
    torch::Tensor data; // contiguous, CPU
};

std::string jsonString(const std::string& path, const std::string& text, const char* what)
{
    try {
        return nlohmann::json(text).dump();
    } catch (const nlohmann::json::exception&) {
        fail(path, std::string(what) + " is not valid UTF-8: " + text);
    }
}

std::string buildHeader(const std::string& path, const std::vector<OutputEntry>& entries,
                        const std::map<std::string, std::string>& metadata)
{
    // Written by hand rather than through nlohmann::json because the order matters: metadata
    // first, then tensors in file order, as the reference writer does.
    std::string header = "{\"" + std::string(kMetadataKey) + "\":{";
    bool first = true;
    for (const auto& [key, value] : metadata) {
        header += (first ? "" : ",") + jsonString(path, key, "metadata key") + ":"
            + jsonString(path, value, "metadata value");
        first = false;
    }
    header += "}";
    uint64_t offset = 0;
    for (const auto& e : entries) {
        const uint64_t bytes = static_cast<uint64_t>(e.data.numel()) * e.data.element_size();
        header += "," + jsonString(path, e.name, "tensor name") + ":{\"dtype\":\"" + e.dtype->name + "\",\"shape\":[";
        for (int64_t d = 0; d < e.data.dim(); ++d)
            header += (d ? "," : "") + std::to_string(e.data.size(d));
        header += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + bytes) + "]}";
        offset += bytes;
    }
    header += "}";
    // Padding keeps the data buffer 8-byte aligned when the file is memory-mapped.
    header.append((8 - header.size() % 8) % 8, ' ');
    return header;
}

class TempFile {
public:
    explicit TempFile(std::string path) : mPath(std::move(path)) {}
    ~TempFile()
    {
        if (mFile)
            std::fclose(mFile);
        if (!mCommitted)
            std::remove(mPath.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    bool open()
    {
        mFile = std::fopen(mPath.c_str(), "wb");
        return mFile != nullptr;
    }
    bool write(const void* data, size_t bytes) { return bytes == 0 || std::fwrite(data, 1, bytes, mFile) == bytes; }
    bool finish()
    {
        bool ok = std::fflush(mFile) == 0;
        ok = ::fsync(::fileno(mFile)) == 0 && ok;
        ok = std::fclose(mFile) == 0 && ok;
        mFile = nullptr;
        return ok;
    }
    void committed() { mCommitted = true; }
    const std::string& path() const { return mPath; }

private:
    std::string mPath;
    std::FILE* mFile = nullptr;
    bool mCommitted = false;
};

// ---------------------------------------------------------------------------------------------
// Reading

struct HeaderEntry {
    std::string name;
    const DtypeInfo* dtype = nullptr;
    std::vector<uint64_t> shape;
    uint64_t begin = 0, end = 0;
};

// nlohmann::json keeps the last of two equal keys without a word, the reference reader rejects
// the file; this callback sees every key before the object is built.
nlohmann::json parseHeaderJson(const std::string& path, const std::string& text)
{
    std::vector<std::set<std::string>> openObjects;
    std::optional<std::string> duplicate;
    auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::object_start)
            openObjects.emplace_back();
        else if (event == Event::object_end && !openObjects.empty())
            openObjects.pop_back();
        else if (event == Event::key && !openObjects.empty()) {
            const auto& key = parsed.get_ref<const std::string&>();
            if (!openObjects.back().insert(key).second && !duplicate)
                duplicate = key;
        }
        return true;
    };
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(text, callback);
    } catch (const nlohmann::json::exception& e) {
        fail(path, std::string("header is not valid UTF-8 JSON: ") + e.what());
    }
    if (duplicate)
        fail(path, "header has the key \"" + *duplicate + "\" twice");
    if (!header.is_object())
        fail(path, "header is JSON but not an object");
    return header;
}

uint64_t readUnsigned(const std::string& path, const std::string& name, const char* field, const nlohmann::json& value)
{
    if (!value.is_number_unsigned())
        fail(path, "tensor \"" + name + "\": " + field + " must hold non-negative integers, found " + value.dump());
    return value.get<uint64_t>();
}

HeaderEntry parseEntry(const std::string& path, const std::string& name, const nlohmann::json& info)
{
    HeaderEntry entry;
    entry.name = name;
    if (!info.is_object())
        fail(path, "tensor \"" + name + "\": expected an object with dtype, shape and data_offsets, found " + info.dump());
    for (const char* field : {"dtype", "shape", "data_offsets"})
        if (!info.contains(field))
            fail(path, "tensor \"" + name + "\": missing \"" + field + "\"");
    const auto& dtype = info["dtype"];
    if (!dtype.is_string())
        fail(path, "tensor \"" + name + "\": dtype must be a string, found " + dtype.dump());
    entry.dtype = findDtype(dtype.get<std::string>());
    if (!entry.dtype)
        fail(path, "tensor \"" + name + "\": unknown dtype \"" + dtype.get<std::string>() + "\"");
    const auto& shape = info["shape"];
    if (!shape.is_array())
        fail(path, "tensor \"" + name + "\": shape must be an array, found " + shape.dump());
    for (const auto& d : shape) {
        entry.shape.push_back(readUnsigned(path, name, "shape", d));
        // LibTorch sizes are signed: a larger dimension (possible beside a zero one, whose
        // tensor has no bytes) would reach torch::empty negative.
        if (entry.shape.back() > uint64_t(std::numeric_limits<int64_t>::max()))
            fail(path, "tensor \"" + name + "\": shape " + shapeText(entry.shape) + " has a dimension beyond 2^63 - 1");
    }
    const auto& offsets = info["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2)
        fail(path, "tensor \"" + name + "\": data_offsets must be [begin, end], found " + offsets.dump());
    entry.begin = readUnsigned(path, name, "data_offsets", offsets[0]);
    entry.end = readUnsigned(path, name, "data_offsets", offsets[1]);
    return entry;
}

// Bytes the tensor needs, with the reference's overflow and sub-byte alignment checks.
uint64_t expectedBytes(const std::string& path, const HeaderEntry& e)
{
    uint64_t bits = static_cast<uint64_t>(e.dtype->bits);
    for (uint64_t d : e.shape) {
        if (d != 0 && bits > std::numeric_limits<uint64_t>::max() / d)
            fail(path, "tensor \"" + e.name + "\": shape " + shapeText(e.shape) + " overflows the size computation");
        bits *= d;
    }
    if (bits % 8 != 0)
        fail(path, "tensor \"" + e.name + "\": " + e.dtype->name + " " + shapeText(e.shape)
                       + " does not fill a whole number of bytes");
    return bits / 8;
}

std::map<std::string, std::string> parseMetadata(const std::string& path, const nlohmann::json& metadata)
{
    std::map<std::string, std::string> out;
    if (metadata.is_null())
        return out;
    if (!metadata.is_object())
        fail(path, "__metadata__ must be an object of strings, found " + metadata.dump());
    for (const auto& [key, value] : metadata.items()) {
        if (!value.is_string())
            fail(path, "__metadata__ value of \"" + key + "\" must be a string, found " + value.dump());
        out[key] = value.get<std::string>();
    }
    return out;
}

} // namespace

void writeSafetensors(const std::string& path, const TensorFile& file)
{
    // Everything that can be checked is checked before the temporary file exists.
    std::vector<OutputEntry> entries;
    for (const auto& [name, tensor] : file.tensors) {
        if (name == kMetadataKey)
            fail(path, std::string("a tensor cannot be named ") + kMetadataKey);
        if (!tensor.defined())
            fail(path, "tensor \"" + name + "\" is undefined");
        const DtypeInfo* dtype = findDtype(tensor.scalar_type());
        if (!dtype)
            fail(path, "tensor \"" + name + "\" has dtype " + std::string(c10::toString(tensor.scalar_type()))
                           + ", which the project's safetensors files do not store");
        entries.push_back({name, dtype, tensor.detach().to(torch::kCPU).contiguous()});
    }
    // Widest element first keeps every tensor aligned to its element size (the reference
    // writer's order); names break ties so the same content always gives the same bytes.
    std::sort(entries.begin(), entries.end(), [](const OutputEntry& a, const OutputEntry& b) {
        if (a.dtype->bits != b.dtype->bits)
            return a.dtype->bits > b.dtype->bits;
        return a.name < b.name;
    });
    const std::string header = buildHeader(path, entries, file.metadata);

    TempFile temp(path + ".tmp-" + std::to_string(::getpid()));
    if (!temp.open())
        fail(path, "cannot create " + temp.path() + ": " + std::strerror(errno));
    unsigned char length[8];
    for (int i = 0; i < 8; ++i)
        length[i] = static_cast<unsigned char>((static_cast<uint64_t>(header.size()) >> (8 * i)) & 0xFF);
    bool ok = temp.write(length, 8) && temp.write(header.data(), header.size());
    const bool swap = !hostIsLittleEndian();
    for (const auto& e : entries) {
        if (!ok)
            break;
        const size_t bytes = static_cast<size_t>(e.data.numel()) * e.data.element_size();
        if (!swap) {
            ok = temp.write(e.data.data_ptr(), bytes);
        } else {
            std::vector<unsigned char> copy(bytes);
            std::memcpy(copy.data(), e.data.data_ptr(), bytes);
            swapElementBytes(copy.data(), bytes, e.data.element_size());
            ok = temp.write(copy.data(), bytes);
        }
    }
    if (!ok)
        fail(path, "writing " + temp.path() + " failed: " + std::strerror(errno));
    if (!temp.finish())
        fail(path, "finishing " + temp.path() + " failed: " + std::strerror(errno));
    if (std::rename(temp.path().c_str(), path.c_str()) != 0)
        fail(path, "cannot replace the file with " + temp.path() + ": " + std::strerror(errno));
    temp.committed();
}

TensorFile readSafetensors(const std::string& path)
{
    std::error_code status;
    if (std::filesystem::exists(path, status) && !std::filesystem::is_regular_file(path, status))
        fail(path, "not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, std::string("cannot open: ") + std::strerror(errno));
    in.seekg(0, std::ios::end);
    const auto fileSize = static_cast<uint64_t>(in.tellg());
    in.seekg(0, std::ios::beg);
    if (fileSize < 8)
        fail(path, "truncated: " + std::to_string(fileSize) + " bytes, fewer than the 8-byte header length field");
    unsigned char length[8];
    in.read(reinterpret_cast<char*>(length), 8);
    uint64_t headerBytes = 0;
    for (int i = 7; i >= 0; --i)
        headerBytes = (headerBytes << 8) | length[i];
    if (headerBytes > kMaxHeaderBytes)
        fail(path, "header length " + std::to_string(headerBytes) + " exceeds the limit of "
                       + std::to_string(kMaxHeaderBytes) + " bytes");
    if (headerBytes > fileSize - 8)
        fail(path, "truncated: header says " + std::to_string(headerBytes) + " bytes but the file has "
                       + std::to_string(fileSize - 8) + " after the length field");
    std::string headerText(static_cast<size_t>(headerBytes), '\0');
    in.read(headerText.data(), static_cast<std::streamsize>(headerBytes));
    if (!in)
        fail(path, "reading the header failed");

    const nlohmann::json header = parseHeaderJson(path, headerText);
    TensorFile result;
    std::vector<HeaderEntry> entries;
    for (const auto& [name, info] : header.items()) {
        if (name == kMetadataKey)
            result.metadata = parseMetadata(path, info);
        else
            entries.push_back(parseEntry(path, name, info));
    }

    // The tensors must tile the data buffer: sorted by offsets, each starts where the previous
    // one ended, and the last one ends at the end of the file.
    std::sort(entries.begin(), entries.end(), [](const HeaderEntry& a, const HeaderEntry& b) {
        return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    const uint64_t bufferBytes = fileSize - 8 - headerBytes;
    uint64_t position = 0;
    std::string previous;
    for (const auto& e : entries) {
        if (e.end < e.begin)
            fail(path, "tensor \"" + e.name + "\": data_offsets [" + std::to_string(e.begin) + ", "
                           + std::to_string(e.end) + "] end before they begin");
        if (e.begin > position)
            fail(path, "gap in the data buffer: tensor \"" + e.name + "\" starts at byte " + std::to_string(e.begin)
                           + " but the data before it ends at byte " + std::to_string(position));
        if (e.begin < position)
            fail(path, "overlapping tensors: \"" + e.name + "\" starts at byte " + std::to_string(e.begin)
                           + ", inside \"" + previous + "\" which ends at byte " + std::to_string(position));
        const uint64_t needed = expectedBytes(path, e);
        if (e.end - e.begin != needed)
            fail(path, "tensor \"" + e.name + "\": " + e.dtype->name + " " + shapeText(e.shape) + " needs "
                           + std::to_string(needed) + " bytes but data_offsets span " + std::to_string(e.end - e.begin));
        position = e.end;
        previous = e.name;
    }
    if (position > bufferBytes)
        fail(path, "truncated: the tensors need " + std::to_string(position) + " data bytes but the file has "
                       + std::to_string(bufferBytes) + " after the header");
    if (position < bufferBytes)
        fail(path, "trailing bytes: the tensors end at data byte " + std::to_string(position) + " but the file has "
                       + std::to_string(bufferBytes) + " data bytes after the header");

    const bool swap = !hostIsLittleEndian();
    for (const auto& e : entries) {
        if (!e.dtype->torchDtype)
            fail(path, "tensor \"" + e.name + "\" has dtype " + e.dtype->name
                           + ", which is valid safetensors but not supported by this program");
        std::vector<int64_t> shape(e.shape.begin(), e.shape.end());
        torch::Tensor t = torch::empty(shape, torch::TensorOptions().dtype(*e.dtype->torchDtype));
        const uint64_t bytes = e.end - e.begin;
        if (bytes > 0) {
            in.seekg(static_cast<std::streamoff>(8 + headerBytes + e.begin), std::ios::beg);
            in.read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(bytes));
            if (!in)
                fail(path, "reading the data of tensor \"" + e.name + "\" failed");
            if (swap)
                swapElementBytes(static_cast<unsigned char*>(t.data_ptr()), bytes, t.element_size());
        }
        result.tensors[e.name] = t;
    }
    return result;
}

} // namespace hrtem::models
