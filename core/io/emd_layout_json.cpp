// An EMD layout as JSON: how the child process that reads a file's HDF5 structure hands it to
// the parent (emd_reader.cpp). The parent checks it as untrusted input: the child read a file
// that may be damaged, and everything the parent then indexes or allocates comes from here.
#include "core/io/emd_layout.h"

#include "core/io/io_error.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <cmath>

namespace hrtem {
namespace {

using nlohmann::json;

json axisJson(const AxisCalibration& a) { return {{"name", a.name}, {"scale", a.scale}, {"offset", a.offset}, {"units", a.units}}; }

json imageJson(const EmdImage& im)
{
    json j = {{"dataset", im.dataset},     {"name", im.name},
              {"berkeley", im.berkeley},   {"width", im.width},
              {"height", im.height},       {"frames", im.frames},
              {"pixel_type", int(im.type)},
              {"element", {{"kind", int(im.element.kind)}, {"bytes", im.element.bytes}, {"signed", im.element.isSigned},
                           {"description", im.element.description}}},
              {"x", axisJson(im.x)},       {"y", axisJson(im.y)},
              {"z", axisJson(im.z)},       {"metadata", im.metadata}};
    if (im.frameTime_s)
        j["frame_time_s"] = *im.frameTime_s;
    return j;
}

json entryJson(const ImageEntry& e)
{
    return {{"index", e.index},           {"name", e.name},           {"kind", int(e.kind)},
            {"dimensions", e.dimensions}, {"pixel_type", e.pixelType}, {"note", e.note}};
}

/// Reading the child's answer; every problem names the file.
class Checked {
public:
    explicit Checked(const std::string& path) : mPath(path) {}

    [[noreturn]] void fail(const std::string& problem) const
    {
        throw IoError(mPath, "the EMD structure reader answered " + problem);
    }
    const json& field(const json& object, const char* key) const
    {
        if (!object.is_object() || !object.contains(key))
            fail(std::string("without \"") + key + "\"");
        return object[key];
    }
    std::string text(const json& object, const char* key) const
    {
        const json& v = field(object, key);
        if (!v.is_string())
            fail(std::string("a non-text \"") + key + "\"");
        return v.get<std::string>();
    }
    bool flag(const json& object, const char* key) const
    {
        const json& v = field(object, key);
        if (!v.is_boolean())
            fail(std::string("a non-boolean \"") + key + "\"");
        return v.get<bool>();
    }
    std::uint64_t count(const json& value, const char* key, std::uint64_t lo, std::uint64_t hi) const
    {
        // nlohmann keeps a non-negative int written from a signed type as signed.
        const bool whole = value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0);
        if (!whole || value.get<std::uint64_t>() < lo || value.get<std::uint64_t>() > hi)
            fail(std::string("\"") + key + "\" out of range: " + value.dump());
        return value.get<std::uint64_t>();
    }
    std::uint64_t count(const json& object, const char* key, std::uint64_t lo, std::uint64_t hi, int) const
    {
        return count(field(object, key), key, lo, hi);
    }
    double finite(const json& object, const char* key) const
    {
        const json& v = field(object, key);
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            fail(std::string("a non-finite \"") + key + "\"");
        return v.get<double>();
    }

private:
    std::string mPath;
};

AxisCalibration axisFrom(const Checked& c, const json& j)
{
    return AxisCalibration(c.text(j, "name"), c.finite(j, "scale"), c.finite(j, "offset"), c.text(j, "units"));
}

EmdImage imageFrom(const Checked& c, const json& j)
{
    EmdImage im;
    im.dataset = c.text(j, "dataset");
    if (im.dataset.empty())
        c.fail("an image without a dataset");
    im.name = c.text(j, "name");
    im.berkeley = c.flag(j, "berkeley");
    im.width = c.count(j, "width", 1, INT_MAX, 0);
    im.height = c.count(j, "height", 1, INT_MAX, 0);
    im.frames = c.count(j, "frames", 1, INT_MAX, 0);
    im.type = PixelType(c.count(j, "pixel_type", 0, int(PixelType::Bool), 0));
    const json& e = c.field(j, "element");
    im.element.kind = h5::ElementType::Kind(c.count(e, "kind", 0, int(h5::ElementType::Kind::Other), 0));
    im.element.bytes = int(c.count(e, "bytes", 1, 8, 0));
    im.element.isSigned = c.flag(e, "signed");
    im.element.description = c.text(e, "description");
    // The frame buffer is sized from the pixel type and filled as the element type says: they
    // must agree, component by component.
    const int components = im.element.kind == h5::ElementType::Kind::ComplexFloat ? 2 : 1;
    if (bytesPerPixel(im.type) != std::size_t(im.element.bytes * components))
        c.fail("an element type (" + im.element.description + ") that does not fill its pixel type");
    im.x = axisFrom(c, c.field(j, "x"));
    im.y = axisFrom(c, c.field(j, "y"));
    im.z = axisFrom(c, c.field(j, "z"));
    if (j.contains("frame_time_s")) {
        const double t = c.finite(j, "frame_time_s");
        if (t <= 0)
            c.fail("a frame time that is not positive");
        im.frameTime_s = t;
    }
    for (const json& pair : c.field(j, "metadata")) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
            c.fail("a metadata entry that is not a pair of texts");
        im.metadata.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
    return im;
}

ImageEntry entryFrom(const Checked& c, const json& j)
{
    ImageEntry e;
    e.index = int(c.count(j, "index", 0, INT_MAX, 0));
    e.name = c.text(j, "name");
    e.kind = ImageEntry::Kind(c.count(j, "kind", 0, int(ImageEntry::Kind::Unsupported), 0));
    const json& dims = c.field(j, "dimensions");
    if (!dims.is_array())
        c.fail("dimensions that are not a list");
    for (const json& d : dims)
        e.dimensions.push_back(c.count(d, "dimensions", 0, UINT64_MAX));
    e.pixelType = c.text(j, "pixel_type");
    e.note = c.text(j, "note");
    return e;
}

} // namespace

json toJson(const EmdLayout& layout)
{
    json images = json::array(), entries = json::array();
    for (const EmdImage& im : layout.images)
        images.push_back(imageJson(im));
    for (const ImageEntry& e : layout.entries)
        entries.push_back(entryJson(e));
    return {{"velox", layout.velox}, {"images", images}, {"entries", entries}};
}

EmdLayout emdLayoutFromJson(const json& j, const std::string& path)
{
    const Checked c(path);
    EmdLayout layout;
    layout.velox = c.flag(j, "velox");
    const json& images = c.field(j, "images");
    const json& entries = c.field(j, "entries");
    if (!images.is_array() || !entries.is_array())
        c.fail("images or entries that are not lists");
    for (const json& im : images)
        layout.images.push_back(imageFrom(c, im));
    std::size_t imageEntries = 0;
    for (const json& e : entries) {
        layout.entries.push_back(entryFrom(c, e));
        imageEntries += layout.entries.back().kind == ImageEntry::Kind::Image;
    }
    // openEmdStack picks the k-th image by counting the image entries.
    if (imageEntries != layout.images.size())
        c.fail(std::to_string(imageEntries) + " image entries for " + std::to_string(layout.images.size()) + " images");
    return layout;
}

} // namespace hrtem
