#pragma once
// What an EMD file holds, as far as opening it goes: its images (the HDF5 dataset of each, its
// size, element type and calibration) and every entry `hrtem info` lists. Read from the file by
// libhdf5 in a child process (emd_reader.cpp), handed to the parent as JSON, and checked there
// as any untrusted input is.
#include "core/io/calibration.h"
#include "core/io/hdf5/hdf5_file.h"
#include "core/io/pixel_type.h"
#include "core/io/stack.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hrtem {

struct EmdImage {
    std::string dataset;       ///< HDF5 path of the pixels
    std::string name;
    bool berkeley = false;     ///< (x, y, frames) layout; Velox is (rows, columns, frames)
    std::uint64_t width = 0, height = 0, frames = 1;
    PixelType type = PixelType::Float32;
    h5::ElementType element;
    AxisCalibration x{"x"}, y{"y"}, z{"frame"};
    std::optional<double> frameTime_s;
    std::vector<std::pair<std::string, std::string>> metadata;
};

struct EmdLayout {
    bool velox = false;
    std::vector<EmdImage> images;    ///< the entries that are images, in order
    std::vector<ImageEntry> entries; ///< everything listed, images included
};

/// Velox or Berkeley EMD: the structure of an open HDF5 file (libhdf5 calls only).
EmdLayout readEmdLayout(const h5::File& file);

nlohmann::json toJson(const EmdLayout& layout);
/// Reads what toJson writes. Throws IoError naming `path` when anything is missing, of the
/// wrong type or out of range (sizes that overflow, unknown pixel types, an element type that
/// does not match the pixel type).
EmdLayout emdLayoutFromJson(const nlohmann::json& json, const std::string& path);

} // namespace hrtem
