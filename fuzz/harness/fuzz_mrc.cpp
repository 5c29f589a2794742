// libFuzzer harness: MRC/MRC2014 (header, extended header, modes, byte order).
#include "fuzz/harness/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    hrtem::fuzz::openAndReadStack(hrtem::fuzz::writeInput(data, size, ".mrc"));
    return 0;
}
