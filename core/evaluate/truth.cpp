#include "core/evaluate/truth.h"

#include "core/io/csv_table.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace hrtem {

nlohmann::json readSimulationParameters(const std::string& folder)
{
    return readJsonFile((std::filesystem::path(folder) / "parameters.json").string(),
                        " (is this a simulation folder?)");
}

TruthMovie readTruth(const std::string& folder)
{
    TruthMovie t;
    const nlohmann::json j = readSimulationParameters(folder);
    try {
        t.pixel_nm = j.at("pixel_nm").get<double>();
        t.frames = j.at("frames").get<int>();
        t.countsPerPixel = j.at("counts_per_pixel").get<double>();
        t.nearestNeighbour_nm = j.at("derived").at("nearest_neighbour_nm").get<double>();
        t.d111_nm = j.at("derived").at("d111_nm").get<double>();
    } catch (const std::exception& e) {
        throw IoError((std::filesystem::path(folder) / "parameters.json").string(),
                      std::string("not valid simulation parameters: ") + e.what());
    }
    const std::string path = (std::filesystem::path(folder) / "truth" / "columns.csv").string();
    const CsvTable csv = CsvTable::read(path);
    const int cFrame = csv.column("frame"), cId = csv.column("column_id"), cX = csv.column("x_px"),
              cY = csv.column("y_px"), cOccupancy = csv.column("occupancy"), cSite = csv.column("site"),
              cBehaviour = csv.column("behaviour"), cAdatom = csv.column("adatom");
    t.columns.assign(static_cast<std::size_t>(t.frames), {});
    for (int row = 0; row < csv.rows(); ++row) {
        const int frame = csv.integer(row, cFrame);
        if (frame < 0 || frame >= t.frames)
            throw IoError(path, "row " + std::to_string(row + 2) + ": frame " + std::to_string(frame) + " out of range");
        TruthColumn c;
        c.id = csv.integer(row, cId);
        c.x = csv.number(row, cX);
        c.y = csv.number(row, cY);
        c.occupancy = csv.integer(row, cOccupancy);
        c.surface = csv.text(row, cSite) == "surface";
        c.behaviour = csv.text(row, cBehaviour);
        c.adatom = csv.text(row, cAdatom) == "1";
        t.columns[static_cast<std::size_t>(frame)].push_back(c);
    }
    t.drift.assign(static_cast<std::size_t>(t.frames), {});
    const std::string driftPath = (std::filesystem::path(folder) / "truth" / "drift.csv").string();
    if (std::filesystem::exists(driftPath)) {
        const CsvTable drift = CsvTable::read(driftPath);
        const int dFrame = drift.column("frame"), dX = drift.column("drift_x_px"), dY = drift.column("drift_y_px");
        for (int row = 0; row < drift.rows(); ++row) {
            const int frame = drift.integer(row, dFrame);
            if (frame < 0 || frame >= t.frames)
                throw IoError(driftPath, "row " + std::to_string(row + 2) + ": frame " + std::to_string(frame) + " out of range");
            t.drift[static_cast<std::size_t>(frame)] = {drift.number(row, dX), drift.number(row, dY)};
        }
    }
    return t;
}

} // namespace hrtem
