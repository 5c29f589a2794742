// Replays files through a libFuzzer harness without libFuzzer: the test suite's way to run
// every input the fuzzers kept (fuzz/regressions/) and their seeds, in the ordinary GCC build
// with AddressSanitizer and UndefinedBehaviorSanitizer, on machines without clang.
//   fuzz_replay_NAME FOLDER_OR_FILE...   (missing folders are skipped)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path p(argv[i]);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const fs::directory_entry& e : fs::recursive_directory_iterator(p, ec))
                if (e.is_regular_file(ec))
                    inputs.push_back(e.path());
        } else if (fs::is_regular_file(p, ec)) {
            inputs.push_back(p);
        }
    }
    std::sort(inputs.begin(), inputs.end());
    for (const fs::path& p : inputs) {
        std::ifstream in(p, std::ios::binary);
        const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        std::fprintf(stderr, "replaying %s (%zu bytes)\n", p.c_str(), bytes.size());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::printf("replayed %zu input(s) without a finding\n", inputs.size());
    // No input at all means the folders moved: a replay that checks nothing must not pass.
    return inputs.empty() ? 1 : 0;
}
