// libFuzzer harness: a session file (JSON: input, settings, corrections, models, marks, view).
#include "fuzz/harness/fuzz_input.h"

#include "core/io/io_error.h"
#include "core/pipeline/session.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = hrtem::fuzz::writeInput(data, size, ".hrtem-session");
    try {
        hrtem::Session session = hrtem::loadSession(path);
        hrtem::toJson(session).dump(); // what was read can be written back
    } catch (const hrtem::IoError&) {
    }
    return 0;
}
