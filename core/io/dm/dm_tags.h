#pragma once
// The DigitalMicrograph (DM3/DM4) tag tree, parsed lazily: small values are kept, large arrays
// (the pixel data) are only located, so opening a multi-gigabyte DM4 reads a few kilobytes.
// Format facts: ../shared/docs/REFERENCE-formats.md.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hrtem {
class BinaryFile;
}

namespace hrtem::dm {

/// Element type codes of tag values (not the image DataType codes).
enum ElementType : int {
    kInt16 = 2, kInt32 = 3, kUInt16 = 4, kUInt32 = 5, kFloat32 = 6, kFloat64 = 7,
    kBool = 8, kInt8 = 9, kUInt8 = 10, kInt64 = 11, kUInt64 = 12,
    kStruct = 15, kString = 18, kArray = 20
};

/// Bytes per element of a simple type; 0 if `type` is not a simple type.
std::size_t elementSize(int type);

struct TagValue {
    enum class Shape { None, Scalar, String, Array, Struct, StructArray };
    Shape shape = Shape::None;
    int elementType = 0;          ///< Scalar and Array
    std::vector<int> fieldTypes;  ///< Struct and StructArray
    std::uint64_t count = 1;      ///< elements of an array, bytes of a string
    std::uint64_t offset = 0;     ///< file offset of the value's first byte
    std::uint64_t byteSize = 0;
    std::vector<std::uint8_t> bytes; ///< the value itself when small (file byte order)
};

struct Tag {
    std::string name; ///< may be empty: list entries (ImageList, Dimensions) are unnamed
    bool isGroup = false;
    std::vector<Tag> children;
    TagValue value;

    const Tag* child(std::string_view childName) const;
    const Tag* childAt(std::size_t index) const;
    /// Follows named children, e.g. find({"ImageData", "Calibrations", "Brightness"}).
    const Tag* find(std::initializer_list<std::string_view> names) const;
};

struct TagFile {
    int version = 0;          ///< 3 or 4
    bool littleEndian = true; ///< byte order of values and pixel data (the structure is big-endian)
    Tag root;
};

/// Values up to this size are read into TagValue::bytes while parsing.
constexpr std::uint64_t kInlineValueBytes = 4096;

/// Parses the whole tag tree. Throws IoError if the file is not DM3/DM4 or is damaged.
TagFile readTagFile(const BinaryFile& file);

/// Decoding of parsed values (need the file's byte order).
std::optional<double> scalarValue(const Tag& tag, bool littleEndian);
/// Elements of a small array or struct, as doubles (at most `maxCount`).
std::vector<double> numericValues(const Tag& tag, bool littleEndian, std::size_t maxCount = 64);
/// Text: a uint16 array (UTF-16), a byte array or a string value, as UTF-8.
std::optional<std::string> textValue(const Tag& tag, bool littleEndian);
/// Human-readable rendering for metadata listings.
std::string displayValue(const Tag& tag, bool littleEndian);

} // namespace hrtem::dm
