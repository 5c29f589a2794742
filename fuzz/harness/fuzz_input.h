#pragma once
// What every harness needs: the fuzzer's bytes as a file (the readers take paths, as the
// program's callers do), and the one rule a harness checks — a damaged input may only ever
// end in the project's own error type, which names the file; anything else escaping
// (another exception, a crash, a leak, undefined behaviour) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

namespace hrtem::fuzz {

/// The input written to a file of its own under $TMPDIR (or /tmp), one per process, named
/// `input<extension>`; rewritten on each call.
std::string writeInput(const std::uint8_t* data, std::size_t size, const std::string& extension);

/// A folder of its own (created once per process, emptied on each call).
std::string emptyScratchFolder();

/// Opens `path` as the program does (openStack) and reads its first, middle and last frames
/// as raw pixels and as floats. IoError is the expected outcome of a damaged file.
void openAndReadStack(const std::string& path);

} // namespace hrtem::fuzz
