#pragma once
// Ground truth written by the simulator (truth/columns.csv and parameters.json), read back
// for `hrtem evaluate` and the accuracy tests.
#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace hrtem {

struct TruthColumn {
    int id = 0;
    double x = 0.0, y = 0.0; ///< px
    int occupancy = 0;
    bool surface = false;
    std::string behaviour;   ///< stable, hopping, adsorbed, desorbed
    bool adatom = false;
};

/// The image translation of one frame (truth/drift.csv; absent in older folders: zero).
struct TruthDrift {
    double x = 0.0, y = 0.0; ///< px
};

struct TruthMovie {
    double pixel_nm = 0.0;
    double nearestNeighbour_nm = 0.0;
    double d111_nm = 0.0;
    double countsPerPixel = 0.0;
    int frames = 0;
    std::vector<std::vector<TruthColumn>> columns; ///< per frame
    std::vector<TruthDrift> drift;                 ///< per frame

    double nearestNeighbour_px() const { return nearestNeighbour_nm / pixel_nm; }
};

/// parameters.json of a simulation folder. Throws IoError naming the file when it is missing
/// or not JSON.
nlohmann::json readSimulationParameters(const std::string& folder);

/// Reads a simulation folder. Throws IoError naming the file when something is missing.
TruthMovie readTruth(const std::string& folder);

} // namespace hrtem
