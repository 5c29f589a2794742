#include "core/io/csv_table.h"

#include "core/io/io_error.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace hrtem {

namespace {

/// Splits one CSV record starting at `pos`; advances `pos` past its line end.
std::vector<std::string> splitRecord(const std::string& text, std::size_t& pos)
{
    std::vector<std::string> cells(1);
    bool quoted = false;
    while (pos < text.size()) {
        const char c = text[pos++];
        if (quoted) {
            if (c == '"' && pos < text.size() && text[pos] == '"') {
                cells.back() += '"';
                ++pos;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            cells.back() += c;
        }
    }
    return cells;
}

} // namespace

CsvTable CsvTable::read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw IoError(path, "cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), path);
}

CsvTable CsvTable::parse(const std::string& text, const std::string& name)
{
    CsvTable table;
    table.mName = name;
    std::size_t pos = 0;
    if (text.empty())
        throw IoError(name, "the file is empty (no header row)");
    table.mHeader = splitRecord(text, pos);
    int line = 1;
    while (pos < text.size()) {
        ++line;
        std::vector<std::string> cells = splitRecord(text, pos);
        if (cells.size() == 1 && cells[0].empty())
            continue; // blank line (the last newline)
        if (cells.size() != table.mHeader.size())
            throw IoError(name, "line " + std::to_string(line) + " has " + std::to_string(cells.size()) +
                                    " cells but the header names " + std::to_string(table.mHeader.size()));
        table.mRows.push_back(std::move(cells));
    }
    return table;
}

int CsvTable::columnIndex(const std::string& name) const
{
    for (std::size_t i = 0; i < mHeader.size(); ++i)
        if (mHeader[i] == name)
            return static_cast<int>(i);
    return -1;
}

int CsvTable::column(const std::string& name) const
{
    const int i = columnIndex(name);
    if (i < 0)
        throw IoError(mName, "has no column '" + name + "'");
    return i;
}

double CsvTable::number(int row, int column) const
{
    const std::string& cell = mRows[row][column];
    if (cell.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::istringstream in(cell);
    in.imbue(std::locale::classic());
    double value = 0;
    in >> value;
    if (in.fail() || !in.eof())
        throw IoError(mName, "row " + std::to_string(row + 2) + ": '" + cell + "' in column '" + mHeader[column] +
                                 "' is not a number");
    return value;
}

int CsvTable::integer(int row, int column) const
{
    const double v = number(row, column);
    if (!std::isfinite(v) || v != std::floor(v))
        throw IoError(mName, "row " + std::to_string(row + 2) + ": column '" + mHeader[column] +
                                 "' must hold a whole number, not '" + mRows[row][column] + "'");
    return static_cast<int>(v);
}

} // namespace hrtem
