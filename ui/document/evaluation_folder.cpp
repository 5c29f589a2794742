#include "ui/document/evaluation_folder.h"

#include "core/io/csv_table.h"
#include "core/io/io_error.h"
#include "core/io/json_file.h"
#include "core/io/stack.h"

#include <algorithm>
#include <filesystem>

namespace hrtem::ui {

std::vector<std::string> EvaluationFolder::mapSets() const
{
    std::vector<std::string> sets;
    for (const MapPoint& p : map)
        if (std::find(sets.begin(), sets.end(), p.set) == sets.end())
            sets.push_back(p.set);
    return sets;
}

EvaluationFolder readEvaluationFolder(const std::string& folder)
{
    namespace fs = std::filesystem;
    EvaluationFolder e;
    e.folder = folder;
    const std::string scores = (fs::path(folder) / "evaluation.json").string();
    e.scores = readJsonFile(scores, " as restoration scores");
    if (!e.scores.is_object() || !e.scores.contains("methods") || !e.scores["methods"].is_array())
        throw IoError(scores, "holds no \"methods\" list: not written by hrtem evaluate-restoration");

    const CsvTable map = CsvTable::read((fs::path(folder) / "tsne.csv").string());
    const int set = map.column("set"), x = map.column("x"), y = map.column("y");
    for (int r = 0; r < map.rows(); ++r)
        e.map.push_back({map.text(r, set), map.number(r, x), map.number(r, y)});

    const std::string names = (fs::path(folder) / "spectra.csv").string();
    const CsvTable pages = CsvTable::read(names);
    const int page = pages.column("page"), method = pages.column("method");
    const std::unique_ptr<StackReader> stack = openStack((fs::path(folder) / "spectra.tif").string());
    for (int r = 0; r < pages.rows(); ++r) {
        const int index = pages.integer(r, page);
        if (index < 0 || index >= stack->info().frameCount)
            throw IoError(names, "names page " + std::to_string(index) + " but spectra.tif has "
                                     + std::to_string(stack->info().frameCount));
        e.spectra.push_back({pages.text(r, method), stack->readFrame(index)});
    }
    return e;
}

} // namespace hrtem::ui
