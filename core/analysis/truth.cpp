#include "core/analysis/truth.h"

#include "core/io/io_error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace hrtem {

TruthMovie readTruth(const std::string& folder)
{
    namespace fs = std::filesystem;
    TruthMovie t;
    const fs::path params = fs::path(folder) / "parameters.json";
    std::ifstream p(params);
    if (!p)
        throw IoError(params.string(), "cannot read the simulation parameters (is this a simulation folder?)");
    try {
        const nlohmann::json j = nlohmann::json::parse(p);
        t.pixel_nm = j.at("pixel_nm").get<double>();
        t.frames = j.at("frames").get<int>();
        t.countsPerPixel = j.at("counts_per_pixel").get<double>();
        t.nearestNeighbour_nm = j.at("derived").at("nearest_neighbour_nm").get<double>();
        t.d111_nm = j.at("derived").at("d111_nm").get<double>();
    } catch (const std::exception& e) {
        throw IoError(params.string(), std::string("not valid simulation parameters: ") + e.what());
    }
    const fs::path csv = fs::path(folder) / "truth" / "columns.csv";
    std::ifstream in(csv);
    if (!in)
        throw IoError(csv.string(), "cannot read the ground-truth columns");
    t.columns.assign(static_cast<std::size_t>(t.frames), {});
    std::string line;
    std::getline(in, line); // header
    int lineNumber = 1;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (line.empty())
            continue;
        std::stringstream row(line);
        std::vector<std::string> f;
        for (std::string cell; std::getline(row, cell, ',');)
            f.push_back(cell);
        if (f.size() < 12)
            throw IoError(csv.string(), "line " + std::to_string(lineNumber) + " has " + std::to_string(f.size())
                                            + " fields, expected 12");
        const int frame = std::stoi(f[0]);
        if (frame < 0 || frame >= t.frames)
            throw IoError(csv.string(), "line " + std::to_string(lineNumber) + ": frame " + f[0] + " out of range");
        TruthColumn c;
        c.id = std::stoi(f[2]);
        c.x = std::stod(f[3]);
        c.y = std::stod(f[4]);
        c.occupancy = std::stoi(f[7]);
        c.surface = f[8] == "surface";
        c.behaviour = f[9];
        c.adatom = f[11] == "1";
        t.columns[static_cast<std::size_t>(frame)].push_back(c);
    }
    return t;
}

} // namespace hrtem
