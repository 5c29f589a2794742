// libFuzzer harness: EMD (HDF5: Velox and Berkeley EMD). The file's structure is read in a
// child process (core/io/emd_structure), so what libhdf5 does with a damaged file can end
// that child only; this harness checks the whole path, the child's report included.
#include "fuzz/harness/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    hrtem::fuzz::openAndReadStack(hrtem::fuzz::writeInput(data, size, ".emd"));
    return 0;
}
