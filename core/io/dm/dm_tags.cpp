#include "core/io/dm/dm_tags.h"

#include "core/io/binary_file.h"
#include "core/io/io_error.h"
#include "core/util/endian.h"
#include "core/util/text.h"
#include "core/util/units.h"

#include <cstring>
#include <limits>

namespace hrtem::dm {

std::size_t elementSize(int type)
{
    switch (type) {
    case kInt16:
    case kUInt16: return 2;
    case kInt32:
    case kUInt32:
    case kFloat32: return 4;
    case kFloat64:
    case kInt64:
    case kUInt64: return 8;
    case kBool:
    case kInt8:
    case kUInt8: return 1;
    default: return 0;
    }
}

const Tag* Tag::child(std::string_view childName) const
{
    for (const Tag& c : children)
        if (c.name == childName)
            return &c;
    return nullptr;
}

const Tag* Tag::childAt(std::size_t index) const { return index < children.size() ? &children[index] : nullptr; }

const Tag* Tag::find(std::initializer_list<std::string_view> names) const
{
    const Tag* t = this;
    for (std::string_view n : names) {
        t = t->child(n);
        if (t == nullptr)
            return nullptr;
    }
    return t;
}

namespace {

constexpr int kMaxDepth = 64;
constexpr std::uint64_t kMaxTags = 5'000'000;
constexpr std::uint64_t kMaxInfoWords = 4096;

class Parser {
public:
    explicit Parser(const BinaryFile& file) : mFile(file), mCursor(file, 0) {}

    TagFile parse()
    {
        TagFile result;
        if (mFile.size() < 16)
            fail("too short to be a DigitalMicrograph file (" + std::to_string(mFile.size()) + " bytes)");
        result.version = static_cast<int>(mCursor.bigEndian(4));
        if (result.version != 3 && result.version != 4)
            fail("not a DM3/DM4 file (version field is " + std::to_string(result.version) + ")");
        mWordSize = result.version == 4 ? 8 : 4;
        mCursor.bigEndian(mWordSize); // root length: not reliable, files are read by structure
        const std::uint64_t byteOrder = mCursor.bigEndian(4);
        if (byteOrder > 1)
            fail("not a DM3/DM4 file (byte-order flag is " + std::to_string(byteOrder) + ")");
        result.littleEndian = byteOrder == 1;
        result.root.isGroup = true;
        parseGroup(result.root, 0);
        return result;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const { throw IoError(mFile.path(), problem); }

    void parseGroup(Tag& group, int depth)
    {
        if (depth > kMaxDepth)
            fail("tag groups nested deeper than " + std::to_string(kMaxDepth) + " levels: the file is damaged");
        mCursor.u8(); // sorted
        mCursor.u8(); // open
        const std::uint64_t count = mCursor.bigEndian(mWordSize);
        // Each entry takes at least 4 bytes; a larger count cannot fit in the rest of the file.
        if (count > mCursor.remaining() / 4)
            fail("tag group at offset " + std::to_string(mCursor.position()) + " claims " + std::to_string(count)
                 + " entries, more than the rest of the file can hold: the file is damaged or truncated");
        for (std::uint64_t i = 0; i < count; ++i) {
            group.children.emplace_back();
            parseEntry(group.children.back(), depth);
        }
    }

    void parseEntry(Tag& tag, int depth)
    {
        if (++mTagCount > kMaxTags)
            fail("more than " + std::to_string(kMaxTags) + " tags: the file is damaged");
        const std::uint64_t at = mCursor.position();
        const int kind = mCursor.u8();
        const std::size_t nameLength = static_cast<std::size_t>(mCursor.bigEndian(2));
        std::string rawName(nameLength, '\0');
        mCursor.read(rawName.data(), nameLength);
        tag.name = latin1ToUtf8(rawName);
        if (mWordSize == 8)
            mCursor.bigEndian(8); // DM4 entry size: redundant with the structure
        if (kind == 20) {
            tag.isGroup = true;
            parseGroup(tag, depth + 1);
        } else if (kind == 21) {
            parseData(tag);
        } else {
            fail("tag entry at offset " + std::to_string(at) + " has kind " + std::to_string(kind)
                 + " (expected 20 or 21): the file is damaged");
        }
    }

    std::uint64_t checkedProduct(std::uint64_t a, std::uint64_t b, const Tag& tag) const
    {
        if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
            fail("tag '" + printable(tag.name) + "' has an impossible size: the file is damaged");
        return a * b;
    }

    std::uint64_t structSize(const std::vector<int>& fields, const Tag& tag) const
    {
        std::uint64_t size = 0;
        for (int f : fields) {
            const std::size_t s = elementSize(f);
            if (s == 0)
                fail("tag '" + printable(tag.name) + "' has a struct field of unknown type " + std::to_string(f));
            size += s;
        }
        return size;
    }

    void parseData(Tag& tag)
    {
        char delimiter[4];
        mCursor.read(delimiter, 4);
        if (std::memcmp(delimiter, "%%%%", 4) != 0)
            fail("tag '" + printable(tag.name) + "' at offset " + std::to_string(mCursor.position() - 4)
                 + " lacks its '%%%%' marker: the file is damaged");
        const std::uint64_t infoCount = mCursor.bigEndian(mWordSize);
        if (infoCount == 0 || infoCount > kMaxInfoWords)
            fail("tag '" + printable(tag.name) + "' has " + std::to_string(infoCount) + " type words: the file is damaged");
        std::vector<std::uint64_t> info(static_cast<std::size_t>(infoCount));
        for (auto& word : info)
            word = mCursor.bigEndian(mWordSize);

        TagValue& v = tag.value;
        const std::uint64_t type = info[0];
        auto badLayout = [&]() {
            fail("tag '" + printable(tag.name) + "' has an invalid type description (type " + std::to_string(type) + ", "
                 + std::to_string(infoCount) + " words): the file is damaged");
        };
        if (type == kStruct) {
            if (infoCount < 3)
                badLayout();
            const std::uint64_t fields = info[2];
            // Compared as (count - 3) / 2 so that a huge field count cannot wrap the sum.
            if (fields != (infoCount - 3) / 2 || infoCount != 3 + 2 * fields)
                badLayout();
            v.shape = TagValue::Shape::Struct;
            for (std::uint64_t k = 0; k < fields; ++k)
                v.fieldTypes.push_back(static_cast<int>(info[3 + 2 * k + 1]));
            v.byteSize = structSize(v.fieldTypes, tag);
        } else if (type == kString) {
            if (infoCount != 2)
                badLayout();
            v.shape = TagValue::Shape::String;
            v.count = info[1];
            v.byteSize = v.count;
        } else if (type == kArray) {
            if (infoCount < 3)
                badLayout();
            if (info[1] == kStruct) {
                if (infoCount < 5)
                    badLayout();
                const std::uint64_t fields = info[3];
                if (fields != (infoCount - 5) / 2 || infoCount != 5 + 2 * fields)
                    badLayout();
                v.shape = TagValue::Shape::StructArray;
                for (std::uint64_t k = 0; k < fields; ++k)
                    v.fieldTypes.push_back(static_cast<int>(info[4 + 2 * k + 1]));
                v.count = info.back();
                v.byteSize = checkedProduct(v.count, structSize(v.fieldTypes, tag), tag);
            } else {
                if (infoCount != 3 || elementSize(static_cast<int>(info[1])) == 0)
                    badLayout();
                v.shape = TagValue::Shape::Array;
                v.elementType = static_cast<int>(info[1]);
                v.count = info[2];
                v.byteSize = checkedProduct(v.count, elementSize(v.elementType), tag);
            }
        } else {
            if (infoCount != 1 || elementSize(static_cast<int>(type)) == 0)
                badLayout();
            v.shape = TagValue::Shape::Scalar;
            v.elementType = static_cast<int>(type);
            v.byteSize = elementSize(v.elementType);
        }
        v.offset = mCursor.position();
        if (!mFile.contains(v.offset, v.byteSize))
            fail("file is truncated: tag '" + tag.name + "' needs " + std::to_string(v.byteSize) + " bytes at offset "
                 + std::to_string(v.offset) + " but the file has " + std::to_string(mFile.size()) + " bytes");
        if (v.byteSize <= kInlineValueBytes) {
            v.bytes.resize(static_cast<std::size_t>(v.byteSize));
            mCursor.read(v.bytes.data(), v.byteSize);
        } else {
            mCursor.skip(v.byteSize);
        }
    }

    const BinaryFile& mFile;
    ByteCursor mCursor;
    std::size_t mWordSize = 4;
    std::uint64_t mTagCount = 0;
};

double decodeElement(const std::uint8_t* p, int type, bool littleEndian)
{
    const std::size_t size = elementSize(type);
    const std::uint64_t bits = littleEndian ? readLittleEndian(p, size) : readBigEndian(p, size);
    switch (type) {
    case kInt16: return static_cast<std::int16_t>(bits);
    case kInt32: return static_cast<std::int32_t>(bits);
    case kUInt16:
    case kUInt32:
    case kUInt8: return static_cast<double>(bits);
    case kBool: return bits != 0 ? 1.0 : 0.0;
    case kInt8: return static_cast<std::int8_t>(bits);
    case kInt64: return static_cast<double>(static_cast<std::int64_t>(bits));
    case kUInt64: return static_cast<double>(bits);
    case kFloat32: {
        const auto b32 = static_cast<std::uint32_t>(bits);
        float f;
        std::memcpy(&f, &b32, 4);
        return f;
    }
    case kFloat64: {
        double d;
        std::memcpy(&d, &bits, 8);
        return d;
    }
    default: return 0.0;
    }
}

} // namespace

TagFile readTagFile(const BinaryFile& file) { return Parser(file).parse(); }

std::optional<double> scalarValue(const Tag& tag, bool littleEndian)
{
    const TagValue& v = tag.value;
    if (tag.isGroup || v.shape != TagValue::Shape::Scalar || v.bytes.size() != elementSize(v.elementType))
        return std::nullopt;
    return decodeElement(v.bytes.data(), v.elementType, littleEndian);
}

std::vector<double> numericValues(const Tag& tag, bool littleEndian, std::size_t maxCount)
{
    std::vector<double> out;
    const TagValue& v = tag.value;
    if (tag.isGroup || v.bytes.size() != v.byteSize)
        return out;
    const std::uint8_t* p = v.bytes.data();
    switch (v.shape) {
    case TagValue::Shape::Scalar:
        out.push_back(decodeElement(p, v.elementType, littleEndian));
        break;
    case TagValue::Shape::Array:
        for (std::uint64_t i = 0; i < v.count && out.size() < maxCount; ++i)
            out.push_back(decodeElement(p + i * elementSize(v.elementType), v.elementType, littleEndian));
        break;
    case TagValue::Shape::Struct:
    case TagValue::Shape::StructArray: {
        const std::uint64_t records = v.shape == TagValue::Shape::Struct ? 1 : v.count;
        for (std::uint64_t r = 0; r < records; ++r)
            for (int f : v.fieldTypes) {
                if (out.size() >= maxCount)
                    return out;
                out.push_back(decodeElement(p, f, littleEndian));
                p += elementSize(f);
            }
        break;
    }
    default: break;
    }
    return out;
}

std::optional<std::string> textValue(const Tag& tag, bool littleEndian)
{
    const TagValue& v = tag.value;
    if (tag.isGroup || v.bytes.size() != v.byteSize)
        return std::nullopt;
    if (v.shape == TagValue::Shape::String)
        return latin1ToUtf8(std::string(v.bytes.begin(), v.bytes.end()));
    if (v.shape != TagValue::Shape::Array)
        return std::nullopt;
    if (v.elementType == kUInt16) {
        std::u16string units(static_cast<std::size_t>(v.count), u'\0');
        for (std::size_t i = 0; i < units.size(); ++i) {
            const std::uint8_t* p = v.bytes.data() + 2 * i;
            units[i] = static_cast<char16_t>(littleEndian ? readLittleEndian(p, 2) : readBigEndian(p, 2));
        }
        while (!units.empty() && units.back() == u'\0')
            units.pop_back();
        return utf16ToUtf8(units);
    }
    if (v.elementType == kUInt8 || v.elementType == kInt8) {
        std::string s(v.bytes.begin(), v.bytes.end());
        while (!s.empty() && s.back() == '\0')
            s.pop_back();
        return isValidUtf8(s) ? s : latin1ToUtf8(s);
    }
    return std::nullopt;
}

std::string displayValue(const Tag& tag, bool littleEndian)
{
    const TagValue& v = tag.value;
    if (tag.isGroup)
        return {};
    if (v.bytes.size() != v.byteSize)
        return "<" + std::to_string(v.count) + " values, " + std::to_string(v.byteSize) + " bytes>";
    if (v.shape == TagValue::Shape::String || (v.shape == TagValue::Shape::Array && v.elementType == kUInt16)) {
        if (auto text = textValue(tag, littleEndian))
            return *text;
    }
    if (v.shape == TagValue::Shape::Scalar && v.elementType == kBool)
        return v.bytes[0] != 0 ? "true" : "false";
    const std::vector<double> values = numericValues(tag, littleEndian, 16);
    if (values.size() == 1 && v.shape == TagValue::Shape::Scalar)
        return formatNumber(values[0], 10);
    std::string s = "{";
    for (std::size_t i = 0; i < values.size(); ++i)
        s += (i ? ", " : "") + formatNumber(values[i], 8);
    const std::uint64_t total = v.shape == TagValue::Shape::Array ? v.count
        : v.shape == TagValue::Shape::StructArray ? v.count * v.fieldTypes.size()
                                                  : v.fieldTypes.size();
    if (total > values.size())
        s += ", … (" + std::to_string(total) + " values)";
    return s + "}";
}

} // namespace hrtem::dm
