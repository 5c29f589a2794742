#pragma once
// Result files are written whole or not at all: the text goes to a temporary file beside the
// target, which is renamed over it only when everything was written. A crash, a full disk or a
// cancelled job never leaves a half-written CSV where a previous good one stood.
#include <string>

namespace hrtem {

/// Writes `content` to `path` atomically (temporary file in the same folder + rename). Creates
/// missing parent folders. Throws IoError naming the file when anything fails; the target is
/// then untouched and the temporary file removed.
void writeFileAtomically(const std::string& path, const std::string& content);

} // namespace hrtem
