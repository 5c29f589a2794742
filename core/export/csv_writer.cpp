#include "core/export/csv_writer.h"

#include <cmath>
#include <cstdio>

namespace hrtem {

CsvWriter::CsvWriter(const std::vector<std::string>& header)
{
    for (const std::string& name : header)
        add(name);
    endRow();
}

void CsvWriter::separator()
{
    if (mRowStarted)
        mText += ',';
    mRowStarted = true;
}

CsvWriter& CsvWriter::add(double value, int decimals)
{
    separator();
    if (!std::isfinite(value))
        return *this;
    char buffer[64];
    // snprintf with "%.*f" ignores the locale's decimal separator only in the "C" locale, which
    // is what a C++ program runs in unless it calls setlocale (Qt does not for numbers).
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    // "-0.000" and "0.000" are the same number: write it one way.
    std::string s(buffer);
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos)
        s.erase(0, 1);
    mText += s;
    return *this;
}

CsvWriter& CsvWriter::add(long long value)
{
    separator();
    mText += std::to_string(value);
    return *this;
}

CsvWriter& CsvWriter::add(const std::string& text)
{
    separator();
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        mText += text;
        return *this;
    }
    mText += '"';
    for (char c : text) {
        if (c == '"')
            mText += '"';
        mText += c;
    }
    mText += '"';
    return *this;
}

CsvWriter& CsvWriter::empty()
{
    separator();
    return *this;
}

void CsvWriter::endRow()
{
    mText += '\n';
    mRowStarted = false;
}

} // namespace hrtem
