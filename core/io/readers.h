#pragma once
// Factories of the concrete readers; openStack() picks one. Internal to core/io.
#include "core/io/stack.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace hrtem {

std::unique_ptr<StackReader> openDmStack(const std::string& path, const OpenOptions& options);
std::unique_ptr<StackReader> openTiffStack(const std::string& path, const OpenOptions& options);
std::unique_ptr<StackReader> openVideoStack(const std::string& path, const OpenOptions& options);
std::unique_ptr<StackReader> openImageSequence(const std::string& folder, const OpenOptions& options);
/// MRC / MRC2014 (.mrc, .mrcs, .st, .map): sections as frames (mrc_reader.cpp).
std::unique_ptr<StackReader> openMrcStack(const std::string& path, const OpenOptions& options);
/// Whether the file carries MRC2000/2014's "MAP " stamp.
bool isMrcFile(const std::string& path);
/// FEI/Thermo TIA .ser series of images (or the .emi beside one) (ser_reader.cpp).
std::unique_ptr<StackReader> openSerStack(const std::string& path, const OpenOptions& options);
bool isSerMagic(const std::uint8_t* magic, std::size_t length);
/// Velox or Berkeley EMD (HDF5) images (emd_reader.cpp).
std::unique_ptr<StackReader> openEmdStack(const std::string& path, const OpenOptions& options);
/// A PNG/JPEG/BMP… file as a one-frame stack (through OpenCV).
std::unique_ptr<StackReader> openSingleImage(const std::string& path, const OpenOptions& options);

} // namespace hrtem
