#pragma once
// Reads the CSV files HRTEM Studio writes and the simulator's ground truth (for `hrtem evaluate`
// and the tests): a header row naming the columns, then rows of cells, addressed by column
// name. Quoted cells ("a,b", "say ""hi""") are understood.
#include <string>
#include <vector>

namespace hrtem {

class CsvTable {
public:
    /// Throws IoError naming the file when it cannot be read, is empty, or a row has the
    /// wrong number of cells (with the line number).
    static CsvTable read(const std::string& path);
    static CsvTable parse(const std::string& text, const std::string& nameForErrors);

    int rows() const { return static_cast<int>(mRows.size()); }
    bool hasColumn(const std::string& name) const { return columnIndex(name) >= 0; }
    /// Throws IoError naming the file and the missing column.
    int column(const std::string& name) const;
    const std::string& text(int row, int column) const { return mRows[row][column]; }
    double number(int row, int column) const; ///< NaN for an empty cell; IoError when not a number
    int integer(int row, int column) const;

private:
    int columnIndex(const std::string& name) const;

    std::string mName;
    std::vector<std::string> mHeader;
    std::vector<std::vector<std::string>> mRows;
};

} // namespace hrtem
