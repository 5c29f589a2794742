// libFuzzer harness: a safetensors file, the format of every network's weights and checkpoints.
#include "fuzz/harness/fuzz_input.h"

#include "models/io/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = hrtem::fuzz::writeInput(data, size, ".safetensors");
    try {
        hrtem::models::readSafetensors(path);
    } catch (const hrtem::models::SafetensorsError&) {
    }
    return 0;
}
