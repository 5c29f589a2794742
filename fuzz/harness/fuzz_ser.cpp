// libFuzzer harness: TIA SER series (header, offset arrays, data elements, tags).
#include "fuzz/harness/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    hrtem::fuzz::openAndReadStack(hrtem::fuzz::writeInput(data, size, ".ser"));
    return 0;
}
