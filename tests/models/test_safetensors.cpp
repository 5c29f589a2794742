// Weight files: the safetensors reader/writer, module weights and Adam state.
#include "models/io/module_weights.h"
#include "models/io/safetensors.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace hrtem::models;
using Catch::Matchers::Contains;

namespace {

struct TempDir {
    fs::path path;
    TempDir()
    {
        static int counter = 0;
        path = fs::temp_directory_path()
            / ("hrtem_weights_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string lengthField(uint64_t n)
{
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i)
        s[i] = static_cast<char>((n >> (8 * i)) & 0xFF);
    return s;
}

// A hand-made file: length field, header text, then `dataBytes` bytes of data.
std::string rawFile(const std::string& header, size_t dataBytes)
{
    return lengthField(header.size()) + header + std::string(dataBytes, '\x01');
}

bool sameBytes(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes())
        return false;
    const auto ca = a.contiguous(), cb = b.contiguous();
    const size_t bytes = static_cast<size_t>(ca.numel()) * ca.element_size();
    return bytes == 0 || std::memcmp(ca.data_ptr(), cb.data_ptr(), bytes) == 0;
}

TensorFile sampleFile()
{
    torch::manual_seed(7);
    TensorFile file;
    file.tensors["f32"] = torch::randn({3, 4});
    file.tensors["f64"] = torch::randn({2}, torch::kDouble);
    file.tensors["f16"] = torch::randn({5}).to(torch::kHalf);
    file.tensors["bf16"] = torch::randn({2, 3}).to(torch::kBFloat16);
    file.tensors["i64"] = torch::arange(-3, 5, torch::kLong);
    file.tensors["i32"] = torch::tensor({7, -8, 9}, torch::kInt);
    file.tensors["i16"] = torch::tensor({-300, 300}, torch::kShort);
    file.tensors["i8"] = torch::tensor({-5, 5, 127}, torch::kChar);
    file.tensors["u8"] = torch::tensor({0, 200, 255}, torch::kByte);
    file.tensors["bool"] = torch::tensor({1, 0, 1}, torch::kByte).to(torch::kBool);
    file.tensors["scalar"] = torch::tensor(3.5f).reshape({});
    file.tensors["empty"] = torch::zeros({0, 3});
    file.tensors["transposed"] = torch::randn({3, 5}).t(); // non-contiguous view
    file.metadata["epoch"] = "12";
    file.metadata["config"] = "{\"channels\": 32, \"name\": \"gen \\\"A\\\"\\n\"}";
    file.metadata["note"] = "Gitter \xC3\xA4 \xE6\x99\xB6\xE6\xA0\xBC"; // UTF-8
    return file;
}

struct MalformedCase {
    std::string label;
    std::string bytes;
    std::string problem; // expected in the message
};

const std::string kEntryA = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

std::vector<MalformedCase> malformedCases()
{
    return {
        {"too short", std::string("\x05\x00\x00", 3), "truncated"},
        {"length beyond the file", lengthField(1234) + std::string(100, ' '), "truncated: header says 1234 bytes"},
        {"huge header length", lengthField(200'000'000) + "{}", "exceeds"},
        {"bad json", rawFile("{\"a\":{\"dtype\":", 0), "not valid UTF-8 JSON"},
        {"invalid utf-8", rawFile("{\"\xFF\xFE\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", 0),
         "not valid UTF-8 JSON"},
        {"not an object", rawFile("[1,2]", 0), "not an object"},
        {"duplicate key", rawFile("{" + kEntryA + "," + kEntryA + "}", 8), "twice"},
        {"unknown dtype", rawFile("{\"a\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
         "unknown dtype"},
        {"negative shape", rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8),
         "non-negative"},
        {"gap", rawFile("{" + kEntryA + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20),
         "gap"},
        {"overlap", rawFile("{" + kEntryA + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
         "overlapping"},
        {"size mismatch", rawFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
         "needs 12 bytes"},
        {"trailing bytes", rawFile("{" + kEntryA + "}", 12), "trailing bytes"},
        {"data cut short", rawFile("{" + kEntryA + "}", 6), "truncated"},
        {"non-string metadata", rawFile("{\"__metadata__\":{\"epoch\":3}," + kEntryA + "}", 8), "must be a string"},
    };
}

fs::path pythonReader()
{
#ifdef HRTEM_SOURCE_DIR
    return fs::path(HRTEM_SOURCE_DIR) / "tests" / "models" / "read_safetensors.py";
#else
    return fs::path(__FILE__).parent_path() / "read_safetensors.py";
#endif
}

bool havePython()
{
    return std::system("python3 --version > /dev/null 2>&1") == 0 && fs::exists(pythonReader());
}

torch::nn::Sequential smallConvNet()
{
    return torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 4, 3).padding(1)),
                                 torch::nn::BatchNorm2d(4), torch::nn::ReLU(), torch::nn::Flatten(),
                                 torch::nn::Linear(4 * 6 * 6, 3));
}

std::vector<std::pair<std::string, torch::Tensor>> namedParameters(const torch::nn::Module& module)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& item : module.named_parameters())
        out.emplace_back(item.key(), item.value());
    return out;
}

} // namespace

TEST_CASE("safetensors round trip keeps dtypes, shapes, bytes and metadata", "[models][weights]")
{
    TempDir dir;
    const TensorFile original = sampleFile();
    const std::string path = dir.file("sample.safetensors");
    writeSafetensors(path, original);
    const TensorFile loaded = readSafetensors(path);

    REQUIRE(loaded.tensors.size() == original.tensors.size());
    for (const auto& [name, tensor] : original.tensors) {
        INFO(name);
        REQUIRE(loaded.tensors.count(name) == 1);
        const torch::Tensor& back = loaded.tensors.at(name);
        CHECK(back.scalar_type() == tensor.scalar_type());
        CHECK(back.sizes() == tensor.sizes());
        CHECK(back.is_contiguous());
        CHECK(sameBytes(back, tensor));
    }
    CHECK(loaded.tensors.at("scalar").dim() == 0);
    CHECK(loaded.tensors.at("empty").numel() == 0);
    CHECK(loaded.metadata == original.metadata);

    // Same content, same bytes: the file is a deterministic function of the TensorFile.
    const std::string again = dir.file("again.safetensors");
    writeSafetensors(again, loaded);
    CHECK(readBytes(again) == readBytes(path));
}

TEST_CASE("safetensors header is padded, metadata first, widest dtypes first", "[models][weights]")
{
    TempDir dir;
    const std::string path = dir.file("layout.safetensors");
    writeSafetensors(path, sampleFile());
    const std::string bytes = readBytes(path);
    REQUIRE(bytes.size() >= 8);
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | static_cast<unsigned char>(bytes[i]);
    CHECK(n % 8 == 0);
    const std::string header = bytes.substr(8, n);
    CHECK(header.rfind("{\"__metadata__\":", 0) == 0);

    const auto json = nlohmann::json::parse(header);
    auto begin = [&](const char* name) { return json[name]["data_offsets"][0].get<uint64_t>(); };
    CHECK(begin("f64") < begin("f32"));
    CHECK(begin("f32") < begin("bf16"));
    CHECK(begin("bf16") < begin("u8"));
    // Every tensor starts at a multiple of its element size (file offsets: 8 + n is a multiple of 8).
    for (const auto& [name, info] : json.items()) {
        if (name == "__metadata__")
            continue;
        const auto size = readSafetensors(path).tensors.at(name).element_size();
        CHECK(info["data_offsets"][0].get<uint64_t>() % static_cast<uint64_t>(size) == 0);
    }
}

TEST_CASE("safetensors reader rejects malformed files, naming the file", "[models][weights]")
{
    TempDir dir;
    const std::string good = dir.file("good.safetensors");
    writeBytes(good, rawFile("{" + kEntryA + "}", 8));
    CHECK(readSafetensors(good).tensors.at("a").numel() == 2);

    for (const auto& c : malformedCases()) {
        SECTION(c.label)
        {
            const std::string path = dir.file("broken.safetensors");
            writeBytes(path, c.bytes);
            CHECK_THROWS_AS(readSafetensors(path), SafetensorsError);
            CHECK_THROWS_WITH(readSafetensors(path), Contains("broken.safetensors") && Contains(c.problem));
        }
    }
    SECTION("missing file")
    {
        CHECK_THROWS_WITH(readSafetensors(dir.file("absent.safetensors")), Contains("absent.safetensors"));
    }
    SECTION("a directory")
    {
        fs::create_directory(dir.file("folder.safetensors"));
        CHECK_THROWS_WITH(readSafetensors(dir.file("folder.safetensors")),
                          Contains("folder.safetensors") && Contains("not a regular file"));
    }
}

TEST_CASE("safetensors write is atomic: a failed write keeps the previous file", "[models][weights]")
{
    TempDir dir;
    const std::string path = dir.file("weights.safetensors");
    TensorFile first;
    first.tensors["w"] = torch::arange(6, torch::kFloat).reshape({2, 3});
    writeSafetensors(path, first);
    const std::string before = readBytes(path);

    TensorFile unsupported = first;
    unsupported.tensors["z"] = torch::zeros({2}, torch::kComplexFloat);
    CHECK_THROWS_WITH(writeSafetensors(path, unsupported), Contains("weights.safetensors") && Contains("\"z\""));
    CHECK(readBytes(path) == before);

    TensorFile undefined = first;
    undefined.tensors["u"] = torch::Tensor();
    CHECK_THROWS_AS(writeSafetensors(path, undefined), SafetensorsError);
    CHECK(readBytes(path) == before);

    CHECK_THROWS_AS(writeSafetensors(dir.file("no/such/dir/w.safetensors"), first), SafetensorsError);

    // Renaming over a directory fails after the data is written: the temporary must go away.
    const std::string directory = dir.file("a_directory");
    fs::create_directory(directory);
    CHECK_THROWS_WITH(writeSafetensors(directory, first), Contains("a_directory"));
    CHECK(fs::is_directory(directory));

    int entries = 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
        ++entries;
    }
    CHECK(entries == 2); // weights.safetensors and a_directory
}

TEST_CASE("module weights round trip gives identical outputs", "[models][weights]")
{
    TempDir dir;
    torch::manual_seed(1);
    auto net = smallConvNet();
    const auto x = torch::randn({2, 1, 6, 6});
    net->train();
    for (int i = 0; i < 3; ++i)
        net->forward(torch::randn({4, 1, 6, 6})); // moves the BatchNorm running statistics
    net->eval();
    const auto expected = net->forward(x);

    const std::string path = dir.file("net.safetensors");
    saveModuleWeights(path, *net, {{"arch", "small-conv"}});
    const auto names = readSafetensors(path).tensors;
    CHECK(names.count("1.running_mean") == 1);
    CHECK(names.count("1.num_batches_tracked") == 1);
    CHECK(names.at("1.num_batches_tracked").scalar_type() == torch::kLong);

    torch::manual_seed(99);
    auto fresh = smallConvNet();
    fresh->eval();
    CHECK_FALSE(torch::equal(fresh->forward(x), expected));
    const auto metadata = loadModuleWeights(path, *fresh);
    CHECK(metadata.at("arch") == "small-conv");
    CHECK(torch::equal(fresh->forward(x), expected));
    CHECK(fresh->named_buffers()["1.num_batches_tracked"].item<int64_t>() == 3);

    // A float64 file loads into the float32 network (converted), values within float32 rounding.
    TensorFile wide = readSafetensors(path);
    for (auto& [name, t] : wide.tensors)
        if (t.is_floating_point())
            t = t.to(torch::kDouble);
    writeSafetensors(dir.file("wide.safetensors"), wide);
    torch::manual_seed(5);
    auto third = smallConvNet();
    third->eval();
    loadModuleWeights(dir.file("wide.safetensors"), *third);
    CHECK(third->named_parameters()["0.weight"].scalar_type() == torch::kFloat);
    CHECK(torch::allclose(third->forward(x), expected, /*rtol=*/0.0, /*atol=*/1e-6));
}

TEST_CASE("module weights mismatch lists every problem and changes nothing", "[models][weights]")
{
    TempDir dir;
    torch::manual_seed(2);
    torch::nn::Sequential net(torch::nn::Linear(4, 3), torch::nn::Linear(3, 2));
    TensorFile file;
    file.tensors["0.weight"] = torch::ones({3, 4});
    // 0.bias missing
    file.tensors["1.weight"] = torch::ones({5, 3});
    file.tensors["1.bias"] = torch::ones({2}, torch::kLong);
    file.tensors["extra.bias"] = torch::ones({1});
    const std::string path = dir.file("gen.safetensors");
    writeSafetensors(path, file);

    const auto before = net->named_parameters()["0.weight"].clone();
    try {
        loadModuleWeights(path, *net);
        FAIL("a mismatching file loaded");
    } catch (const WeightsMismatch& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Contains("gen.safetensors: "));
        CHECK_THAT(message, Contains("missing 0.bias"));
        CHECK_THAT(message, Contains("shape of 1.weight is [5,3] in the file but [2,3] in the network"));
        CHECK_THAT(message, Contains("dtype of 1.bias is Long in the file but Float in the network"));
        CHECK_THAT(message, Contains("unexpected extra.bias"));
    }
    CHECK(torch::equal(net->named_parameters()["0.weight"], before));
}

TEST_CASE("Adam state round trip continues training bitwise identically", "[models][weights]")
{
    TempDir dir;
    auto makeNet = [](uint64_t seed) {
        torch::manual_seed(seed);
        return torch::nn::Sequential(torch::nn::Linear(4, 8), torch::nn::Tanh(), torch::nn::Linear(8, 1));
    };
    const auto options = torch::optim::AdamOptions(1e-2).betas(std::make_tuple(0.5, 0.999));
    torch::manual_seed(3);
    const auto x = torch::randn({16, 4});
    const auto y = torch::randn({16, 1});
    auto step = [&](torch::nn::Sequential& net, torch::optim::Adam& adam) {
        adam.zero_grad();
        torch::mse_loss(net->forward(x), y).backward();
        adam.step();
    };

    auto net = makeNet(10);
    torch::optim::Adam adam(net->parameters(), options);
    step(net, adam);
    step(net, adam);

    TensorFile file;
    addModuleWeights(file, *net, "net.");
    addAdamState(file, adam, namedParameters(*net), "opt");
    const std::string path = dir.file("checkpoint.safetensors");
    writeSafetensors(path, file);
    const TensorFile loaded = readSafetensors(path);
    CHECK(loaded.tensors.at("opt/0.weight/step").item<int64_t>() == 2);
    CHECK(loaded.tensors.at("opt/0.weight/step").dim() == 0);
    CHECK(loaded.tensors.at("opt/2.bias/exp_avg_sq").sizes() == torch::IntArrayRef({1}));

    auto resumed = makeNet(20);
    torch::optim::Adam resumedAdam(resumed->parameters(), options);
    applyModuleWeights(loaded, *resumed, path, "net.");
    restoreAdamState(loaded, resumedAdam, namedParameters(*resumed), "opt", path);

    step(net, adam);
    step(resumed, resumedAdam);
    const auto a = net->named_parameters();
    const auto b = resumed->named_parameters();
    for (const auto& item : a) {
        INFO(item.key());
        CHECK(torch::equal(item.value(), b[item.key()]));
    }

    SECTION("inconsistent state is reported by name, before anything changes")
    {
        TensorFile broken = loaded;
        broken.tensors["opt/0.weight/exp_avg"] = torch::zeros({3, 3});
        broken.tensors.erase("opt/2.bias/exp_avg_sq");
        broken.tensors["opt/9.weight/exp_avg"] = torch::zeros({1});
        auto other = makeNet(30);
        torch::optim::Adam otherAdam(other->parameters(), options);
        CHECK_THROWS_WITH(restoreAdamState(broken, otherAdam, namedParameters(*other), "opt", path),
                          Contains("checkpoint.safetensors") && Contains("shape of opt/0.weight/exp_avg is [3,3]")
                              && Contains("missing opt/2.bias/exp_avg_sq") && Contains("unexpected opt/9.weight/exp_avg"));
        CHECK(otherAdam.state().empty());
    }
    SECTION("names must describe the optimizer's parameters")
    {
        auto names = namedParameters(*resumed);
        std::swap(names[0], names[1]);
        CHECK_THROWS_AS(addAdamState(file, resumedAdam, names, "opt"), std::invalid_argument);
    }
}

TEST_CASE("an independent Python reader accepts our files and rejects malformed ones", "[models][weights]")
{
    if (!havePython()) {
        WARN("python3 or " << pythonReader() << " not found: cross-check skipped");
        CHECK(true);
        return;
    }
    TempDir dir;
    const TensorFile original = sampleFile();
    const std::string path = dir.file("sample.safetensors");
    const std::string out = dir.file("summary.json");
    writeSafetensors(path, original);
    const std::string command = "python3 '" + pythonReader().string() + "' '" + path + "' > '" + out + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    const auto summary = nlohmann::json::parse(readBytes(out));

    REQUIRE(summary.size() == original.tensors.size());
    for (const auto& [name, tensor] : original.tensors) {
        INFO(name);
        REQUIRE(summary.contains(name));
        const auto& entry = summary[name];
        CHECK(entry["shape"].get<std::vector<int64_t>>() == tensor.sizes().vec());
        const auto dtype = tensor.scalar_type();
        if (dtype == torch::kFloat || dtype == torch::kDouble) {
            CHECK(entry["sum"].get<double>() == Approx(tensor.to(torch::kDouble).sum().item<double>()).epsilon(1e-12));
        } else if (dtype == torch::kLong || dtype == torch::kInt) {
            CHECK(entry["sum"].get<int64_t>() == tensor.to(torch::kLong).sum().item<int64_t>());
        }
    }
    CHECK(summary["f32"]["dtype"] == "F32");
    CHECK(summary["bf16"]["dtype"] == "BF16");

    for (const auto& c : malformedCases()) {
        INFO(c.label);
        const std::string broken = dir.file("broken.safetensors");
        writeBytes(broken, c.bytes);
        const std::string check = "python3 '" + pythonReader().string() + "' '" + broken + "' > /dev/null 2>&1";
        CHECK(std::system(check.c_str()) != 0);
    }
}
