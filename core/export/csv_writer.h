#pragma once
// Builds CSV text with fixed, locale-independent number formatting: the same numbers always
// give the same bytes (a session reopened in the GUI must export what `hrtem analyze` wrote).
#include <string>
#include <vector>

namespace hrtem {

class CsvWriter {
public:
    explicit CsvWriter(const std::vector<std::string>& header);

    CsvWriter& add(double value, int decimals); ///< NaN/inf: empty cell
    CsvWriter& add(long long value);
    CsvWriter& add(int value) { return add(static_cast<long long>(value)); }
    CsvWriter& add(const std::string& text);    ///< quoted when it holds a comma, quote or newline
    CsvWriter& empty();
    void endRow();

    const std::string& text() const { return mText; }

private:
    void separator();

    std::string mText;
    bool mRowStarted = false;
};

} // namespace hrtem
