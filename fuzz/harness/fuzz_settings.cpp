// libFuzzer harness: an analysis settings file (hrtem analyse --settings, the window's presets).
#include "fuzz/harness/fuzz_input.h"

#include "core/io/io_error.h"
#include "core/result/analysis_settings.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = hrtem::fuzz::writeInput(data, size, ".json");
    try {
        const hrtem::AnalysisSettings settings = hrtem::readAnalysisSettingsFile(path);
        hrtem::toJson(settings).dump();
    } catch (const hrtem::IoError&) {
    }
    return 0;
}
