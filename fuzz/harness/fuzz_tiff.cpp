// libFuzzer harness: TIFF and BigTIFF (libtiff underneath, ImageJ/DM/FEI descriptions, strips, truncation recovery).
#include "fuzz/harness/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    hrtem::fuzz::openAndReadStack(hrtem::fuzz::writeInput(data, size, ".tif"));
    return 0;
}
