// libFuzzer harness: DigitalMicrograph DM3/DM4 (tag tree, image data).
#include "fuzz/harness/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    hrtem::fuzz::openAndReadStack(hrtem::fuzz::writeInput(data, size, ".dm4"));
    return 0;
}
