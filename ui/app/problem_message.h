#pragma once
// Error dialogs that say what went wrong in words, with the libraries' own text behind
// "Show Details…". The readers' messages name the file and the problem ("cannot decode rows
// 30-59 of page 0 (data missing or damaged)") and then quote the library that failed
// ("TIFFReadEncodedStrip: Read error at scanline …", "[json.exception.parse_error.101] …"):
// the first part is for the user, the quote for a bug report.
#include <QString>

class QWidget;

namespace hrtem::ui {

struct ProblemMessage {
    QString plain;     ///< the problem in words
    QString technical; ///< the library's text, empty when there is none
};

/// Splits a reader's or parser's message where it starts quoting libtiff, libhdf5 or the JSON
/// parser; a JSON parse error keeps its line and column in the plain part.
ProblemMessage splitProblem(const QString& problem);

/// A modal-less error box: `text` as its headline, the plain problem below it, the technical
/// part (and `file` when given) under Show Details. Deletes itself when closed.
void showProblem(QWidget* parent, const QString& title, const QString& text, const QString& problem,
                 const QString& file = QString());

} // namespace hrtem::ui
