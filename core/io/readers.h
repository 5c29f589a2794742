#pragma once
// Factories of the concrete readers; openStack() picks one. Internal to core/io.
#include "core/io/stack.h"

#include <memory>
#include <string>

namespace hrtem {

std::unique_ptr<StackReader> openDmStack(const std::string& path, const OpenOptions& options);
std::unique_ptr<StackReader> openTiffStack(const std::string& path, const OpenOptions& options);
std::unique_ptr<StackReader> openVideoStack(const std::string& path, const OpenOptions& options);
std::unique_ptr<StackReader> openImageSequence(const std::string& folder, const OpenOptions& options);
/// A PNG/JPEG/BMP… file as a one-frame stack (through OpenCV).
std::unique_ptr<StackReader> openSingleImage(const std::string& path, const OpenOptions& options);

} // namespace hrtem
