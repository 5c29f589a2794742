// The readers of issue 21 against ../shared/testdata/reference-tia-emd-mrc.json: shape, pixel
// type, calibration and value statistics of every file, as the file's own header (mrc_raw,
// read by python3-mrcfile) records them, or a refusal that says what the file holds.
#include "core/io/stack.h"
#include "tests/support/testdata.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>

#include <cmath>
#include <fstream>

using namespace hrtem;
using nlohmann::json;

namespace {

json reference()
{
    const auto dir = test::testDataDir();
    REQUIRE(dir);
    std::ifstream in(*dir / "reference-tia-emd-mrc.json");
    return json::parse(in);
}

std::string pathOf(const std::string& file) { return (*test::testDataDir() / file).string(); }

struct Stats {
    double min = INFINITY, max = -INFINITY, sum = 0.0, sumSquares = 0.0, first = 0.0, last = 0.0;
    long n = 0;
    double mean() const { return sum / double(n); }
    double std() const { return std::sqrt(std::max(0.0, sumSquares / double(n) - mean() * mean())); }
};

Stats statistics(StackReader& stack)
{
    Stats s;
    for (int f = 0; f < stack.info().frameCount; ++f) {
        const RawImage raw = stack.readRaw(f);
        for (int y = 0; y < raw.height(); ++y)
            for (int x = 0; x < raw.width(); ++x) {
                const double v = raw.component(x, y);
                if (s.n == 0)
                    s.first = v;
                s.last = v;
                s.min = std::min(s.min, v);
                s.max = std::max(s.max, v);
                s.sum += v;
                s.sumSquares += v * v;
                ++s.n;
            }
    }
    return s;
}

bool close(double actual, double expected, double relative)
{
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

std::string pixelTypeOfDtype(const std::string& dtype)
{
    if (dtype == "int8") return "int8";
    if (dtype == "int16") return "int16";
    if (dtype == "uint16") return "uint16";
    if (dtype == "float32" || dtype == "float16") return "float32";
    if (dtype == "complex64") return "complex64";
    return dtype;
}

} // namespace

TEST_CASE("every MRC file opens with the shape, type, pixel size and values its header records", "[io][mrc]")
{
    const json ref = reference();
    int checked = 0;
    for (auto it = ref.begin(); it != ref.end(); ++it) {
        if (it.key().rfind("mrc/", 0) != 0)
            continue;
        INFO(it.key());
        const json& raw = (*it)["mrc_raw"];
        auto stack = openStack(pathOf(it.key()));
        const StackInfo& info = stack->info();
        CHECK(info.format == "MRC");
        CHECK(info.width == raw["nx"].get<int>());
        CHECK(info.height == raw["ny"].get<int>());
        CHECK(info.frameCount == raw["nz"].get<int>());
        CHECK(pixelTypeName(info.pixelType) == pixelTypeOfDtype(raw["dtype"].get<std::string>()));
        const double voxelA = raw["voxel_size_angstrom"][0].get<double>();
        if (voxelA > 0) {
            CHECK(info.x.units == "nm");
            CHECK(close(info.x.scale, voxelA / 10.0, 1e-6));
            CHECK(close(info.y.scale, raw["voxel_size_angstrom"][1].get<double>() / 10.0, 1e-6));
        } else {
            CHECK_FALSE(info.x.hasUnits()); // zero or negative cells: not calibrated
        }
        const Stats s = statistics(*stack);
        const json& st = raw["stats"];
        CHECK(s.first == Approx(st["first"].get<double>()));
        CHECK(s.last == Approx(st["last"].get<double>()));
        CHECK(s.min == Approx(st["min"].get<double>()));
        CHECK(s.max == Approx(st["max"].get<double>()));
        CHECK(close(s.mean(), st["mean"].get<double>(), 1e-6));
        CHECK(close(s.std(), st["std"].get<double>(), 1e-5));
        ++checked;
    }
    CHECK(checked == 5);
}

TEST_CASE("MRC: the big-endian file with a little-endian stamp is read big-endian", "[io][mrc]")
{
    auto stack = openStack(pathOf("mrc/swapped_byte_order.mrc"));
    CHECK(*stack->info().metadataValue("Byte order") == "big-endian");
    CHECK(stack->readFrame(0).at<float>(0, 0) == 0.0f);
}

TEST_CASE("MRC: a truncated file names what is missing", "[io][mrc]")
{
    test::TempDir dir("mrc-truncated");
    const std::vector<char> bytes = test::readBytes(pathOf("mrc/Custom_movie.mrc"));
    const auto cut = dir.path() / "cut.mrc";
    test::writeBytes(cut, bytes.data(), bytes.size() - 100);
    CHECK_THROWS_WITH(openStack(cut.string()), Catch::Contains("cut.mrc") && Catch::Contains("truncated"));
    test::writeBytes(cut, bytes.data(), 500);
    CHECK_THROWS_WITH(openStack(cut.string()), Catch::Contains("shorter than an MRC header"));
}

TEST_CASE("every TIA series of images opens as its header and HyperSpy report; spectra are refused", "[io][tia]")
{
    const json ref = reference();
    int images = 0, refused = 0;
    for (auto it = ref.begin(); it != ref.end(); ++it) {
        if (it.key().rfind("tia/", 0) != 0)
            continue;
        INFO(it.key());
        const json& entry = *it;
        const std::string path = pathOf(it.key());
        // The .emi's entry has HyperSpy's view; its series file's entry the raw header.
        const std::string serKey = it.key().size() > 4 && it.key().substr(it.key().size() - 4) == ".emi"
                                       ? it.key().substr(0, it.key().size() - 4) + "_1.ser"
                                       : it.key();
        const json& raw = ref[serKey]["ser_raw"];
        if (raw["data_type_id"] == "0x4120") {
            CHECK_THROWS_WITH(openStack(path), Catch::Contains("spectr"));
            ++refused;
            continue;
        }
        auto stack = openStack(path);
        const StackInfo& info = stack->info();
        const json& element = raw["first_element"];
        CHECK(info.format == "TIA SER");
        CHECK(info.width == element["array_size_x"].get<int>());
        CHECK(info.height == element["array_size_y"].get<int>());
        CHECK(info.frameCount == raw["valid_number_elements"].get<int>());
        CHECK(pixelTypeName(info.pixelType) == element["dtype"].get<std::string>());
        // Stored bottom row first: the first stored value is the bottom-left pixel.
        const RawImage first = stack->readRaw(0);
        CHECK(first.component(0, info.height - 1) == element["stored_first_value"].get<double>());
        // HyperSpy flips too: its first value is our top-left one. Where it reads every
        // element (total = valid), its statistics are ours.
        const json& hs = entry["hyperspy"][0];
        CHECK(first.component(0, 0) == hs["stats"]["first"].get<double>());
        if (raw["total_number_elements"] == raw["valid_number_elements"]) {
            const Stats s = statistics(*stack);
            CHECK(s.min == Approx(hs["stats"]["min"].get<double>()));
            CHECK(s.max == Approx(hs["stats"]["max"].get<double>()));
            CHECK(close(s.mean(), hs["stats"]["mean"].get<double>(), 1e-6));
            CHECK(close(s.std(), hs["stats"]["std"].get<double>(), 1e-5));
        }
        // Scale: metres to nm (1/m to 1/nm for diffraction, which the .emi says); HyperSpy's
        // scale for the .emi agrees, its offsets are left in metres (a quirk), so they come
        // from the raw header.
        const bool withEmi = it.key().substr(it.key().size() - 4) == ".emi" ||
                             std::filesystem::exists(pathOf(it.key().substr(0, it.key().size() - 6) + ".emi"));
        if (withEmi) {
            const std::string emiKey = serKey.substr(0, serKey.size() - 6) + ".emi";
            const json& axis = ref[emiKey]["hyperspy"][0]["axes"].back();
            CHECK(close(info.x.scale, axis["scale"].get<double>(), 1e-9));
            const bool reciprocal = axis["units"].get<std::string>().find("1") != std::string::npos;
            CHECK(info.x.units == (reciprocal ? "1/nm" : "nm"));
            CHECK(close(info.x.offset, element["calibration_offset_x"].get<double>() * (reciprocal ? 1e-9 : 1e9), 1e-9));
        }
        ++images;
    }
    CHECK(images == 6);  // three series, each through its .ser and its .emi
    CHECK(refused == 2); // the point spectrum, both ways
}

namespace {

double metres(const json& value) { return value.is_string() ? std::stod(value.get<std::string>()) : value.get<double>(); }

void checkStats(StackReader& stack, const json& st)
{
    const Stats s = statistics(stack);
    CHECK(s.first == Approx(st["first"].get<double>()));
    CHECK(s.last == Approx(st["last"].get<double>()));
    CHECK(s.min == Approx(st["min"].get<double>()));
    CHECK(s.max == Approx(st["max"].get<double>()));
    CHECK(close(s.mean(), st["mean"].get<double>(), 1e-6));
    CHECK(close(s.std(), st["std"].get<double>(), 1e-5));
}

} // namespace

TEST_CASE("every EMD image opens as the file's HDF5 layout records it; spectra are skipped or refused", "[io][emd]")
{
    const json ref = reference();
    int velox = 0, berkeley = 0;
    for (auto it = ref.begin(); it != ref.end(); ++it) {
        if (it.key().rfind("emd/", 0) != 0)
            continue;
        const json& raw = (*it)["emd_raw"];
        if (raw["flavour"] == "velox") {
            for (std::size_t i = 0; i < raw["images"].size(); ++i) {
                INFO(it.key() << " image " << i);
                const json& image = raw["images"][i];
                OpenOptions options;
                options.imageIndex = int(i);
                auto stack = openStack(pathOf(it.key()), options);
                const StackInfo& info = stack->info();
                CHECK(info.format == "EMD");
                CHECK(info.height == image["file_shape"][0].get<int>());
                CHECK(info.width == image["file_shape"][1].get<int>());
                CHECK(info.frameCount == image["frames"].get<int>());
                CHECK(info.imageName == image["detector"].get<std::string>());
                const bool complex = image["dtype"].get<std::string>().find("real") != std::string::npos;
                CHECK(pixelTypeName(info.pixelType) == (complex ? "complex64" : image["dtype"].get<std::string>()));
                const bool reciprocal = image["pixel_unit"][0] == "1/m";
                CHECK(info.x.units == (reciprocal ? "1/nm" : "nm"));
                const double factor = reciprocal ? 1e-9 : 1e9;
                CHECK(close(info.x.scale, metres(image["pixel_size"]["width"]) * factor, 1e-9));
                CHECK(close(info.y.scale, metres(image["pixel_size"]["height"]) * factor, 1e-9));
                CHECK(close(info.x.offset, metres(image["offset"]["x"]) * factor, 1e-9));
                CHECK(close(info.y.offset, metres(image["offset"]["y"]) * factor, 1e-9));
                REQUIRE(info.frameInterval_s);
                CHECK(close(*info.frameInterval_s, image["frame_time_s"].get<double>(), 1e-9));
                if (complex) {
                    // The FFT: modulus statistics (what toFloat32 gives and the viewer shows).
                    const cv::Mat modulus = stack->readFrame(0);
                    double lo, hi;
                    cv::minMaxLoc(modulus, &lo, &hi);
                    CHECK(lo == Approx(image["stats"]["abs_min"].get<double>()));
                    CHECK(hi == Approx(image["stats"]["abs_max"].get<double>()));
                    CHECK(close(cv::mean(modulus)[0], image["stats"]["abs_mean"].get<double>(), 1e-5));
                } else {
                    checkStats(*stack, image["stats"]);
                }
                ++velox;
            }
            // Spectra and spectrum-image streams are listed, skipped and said.
            const bool spectra = raw.contains("SpectrumImage") || raw.contains("Spectrum") || raw.contains("SpectrumStream");
            auto stack = openStack(pathOf(it.key()));
            bool noted = false;
            for (const std::string& note : stack->info().notes)
                noted = noted || note.find("spectrum") != std::string::npos;
            CHECK(noted == spectra);
        } else {
            for (const json& dataset : raw["datasets"]) {
                INFO(it.key() << " " << dataset["group"]);
                auto stack = openStack(pathOf(it.key()));
                const StackInfo& info = stack->info();
                CHECK(info.formatDetail == "Berkeley EMD");
                const json& shape = dataset["file_shape"];
                CHECK(info.width == shape[0].get<int>());
                CHECK(info.height == shape[1].get<int>());
                CHECK(info.frameCount == (shape.size() == 3 ? shape[2].get<int>() : 1));
                CHECK(pixelTypeName(info.pixelType) == dataset["dtype"].get<std::string>());
                CHECK(close(info.x.scale, dataset["dims"][0]["step"].get<double>(), 1e-6));
                if (dataset["dims"][0]["units"] == "[n_m]")
                    CHECK(info.x.units == "nm");
                checkStats(*stack, dataset["stats"]);
                ++berkeley;
            }
        }
    }
    CHECK(velox == 9);
    CHECK(berkeley == 2);
}

TEST_CASE("EMD: a file of spectra only, and a damaged HDF5 file, are refused by name", "[io][emd]")
{
    test::TempDir dir("emd-refusals");
    const std::vector<char> bytes = test::readBytes(pathOf("emd/EMDReader_Image_FEI.emd"));
    const auto cut = dir.path() / "cut.emd";
    test::writeBytes(cut, bytes.data(), bytes.size() / 2);
    CHECK_THROWS_WITH(openStack(cut.string())->readFrame(0), Catch::Contains("cut.emd"));
    const auto text = dir.path() / "text.emd";
    test::writeBytes(text, "not hdf5 at all", 15);
    CHECK_THROWS_WITH(openStack(text.string()), Catch::Contains("text.emd") && Catch::Contains("HDF5"));
}
