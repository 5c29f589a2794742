#include "bench/robustness_matrix.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <utility>

namespace hrtem::bench {

std::vector<Cell> matrix()
{
    std::vector<Cell> cells;
    for (const auto& [contrast, defocus] : {std::pair<const char*, double>{"strong", 4.0}, {"weak", 1.5}})
        for (double counts : {5.0, 20.0, 200.0}) {
            Cell c;
            c.name = std::string(contrast) + " contrast, " + std::to_string(int(counts)) + " counts/px";
            c.counts = counts;
            c.defocus_nm = defocus;
            cells.push_back(c);
        }
    auto vary = [&](const std::string& name, auto set) {
        Cell c;
        c.name = name;
        set(c);
        cells.push_back(c);
    };
    vary("blur 0 px", [](Cell& c) { c.blur_px = 0.0; });
    vary("blur 1 px", [](Cell& c) { c.blur_px = 1.0; });
    vary("pixel 0.01 nm", [](Cell& c) { c.pixel_nm = 0.01; });
    vary("pixel 0.04 nm", [](Cell& c) { c.pixel_nm = 0.04; });
    vary("diameter 3 nm", [](Cell& c) { c.diameter_nm = 3.0; });
    vary("diameter 10 nm", [](Cell& c) { c.diameter_nm = 10.0; });
    vary("drift 0 px/frame", [](Cell& c) { c.drift_px = 0.0; });
    vary("drift 1 px/frame", [](Cell& c) { c.drift_px = 1.0; });
    return cells;
}

sim::SimulationSettings settingsFor(const Cell& c, std::uint64_t seed, int frames)
{
    sim::SimulationSettings s = sim::preset("demo");
    s.seed = seed;
    s.frames = frames;
    s.pixel_nm = c.pixel_nm;
    s.microscope.defocus_nm = c.defocus_nm;
    s.microscope.mtfBlur_px = c.blur_px;
    // The demo particle's shape scaled to the diameter (its radii are 2.3/2.6/1.7 nm).
    const double scale = c.diameter_nm / 4.6;
    s.specimen.radius111_nm = 2.3 * scale;
    s.specimen.radius100_nm = 2.6 * scale;
    s.specimen.base_nm = 1.7 * scale;
    s.dynamics.driftX_px = c.drift_px * 0.9;
    s.dynamics.driftY_px = c.drift_px * 0.44;
    // The field holds the particle and some support: 3 nm around it, 256 to 768 px.
    const int side = static_cast<int>(std::clamp((c.diameter_nm + 3.0) / c.pixel_nm, 256.0, 768.0));
    s.width = s.height = side / 8 * 8;
    s.setCountsPerPixel(c.counts);
    return s;
}

bool MatrixOptions::selected(const std::string& cellName) const
{
    if (cells.empty())
        return true;
    std::stringstream in(cells);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty() && cellName.find(item) != std::string::npos)
            return true;
    return false;
}

std::string MatrixOptions::value(const std::string& key, const std::string& fallback) const
{
    const auto it = more.find(key);
    return it == more.end() ? fallback : it->second;
}

MatrixOptions parseMatrixOptions(int argc, char** argv, const std::vector<std::string>& more)
{
    MatrixOptions o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--seeds")
            o.seeds = std::atoi(value.c_str());
        else if (key == "--frames")
            o.frames = std::atoi(value.c_str());
        else if (key == "--markdown")
            o.markdown = value;
        else if (key == "--cells")
            o.cells = value;
        else if (std::find(more.begin(), more.end(), key) != more.end())
            o.more[key] = value;
    }
    return o;
}

} // namespace hrtem::bench
