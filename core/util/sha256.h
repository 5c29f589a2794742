#pragma once
// SHA-256 (FIPS 180-4) of files, for recording exactly which weights produced a result.
#include <string>

namespace hrtem {

/// Lower-case hex digest of the file's bytes. Throws hrtem::IoError when it cannot be read.
std::string sha256OfFile(const std::string& path);
/// Lower-case hex digest of `bytes`.
std::string sha256(const std::string& bytes);

} // namespace hrtem
