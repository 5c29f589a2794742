// libFuzzer harness: no extension: the format is decided by the first bytes alone (openStack's sniffing), so one input can reach any reader.
#include "fuzz/harness/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    hrtem::fuzz::openAndReadStack(hrtem::fuzz::writeInput(data, size, ""));
    return 0;
}
