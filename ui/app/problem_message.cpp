#include "ui/app/problem_message.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QRegularExpression>

namespace hrtem::ui {

ProblemMessage splitProblem(const QString& problem)
{
    // nlohmann::json: "[json.exception.parse_error.101] parse error at line 1, column 30: syntax …"
    static const QRegularExpression json(QStringLiteral(R"(\[json\.exception\.[a-z_]+\.\d+\][^\n]*?(?:at line (\d+), column (\d+))?:)"));
    // libtiff and libhdf5 name their function first: "TIFFReadEncodedStrip: …", "H5Dread(): …".
    static const QRegularExpression library(QStringLiteral(R"((?:^|:\s+)((?:TIFF|_TIFF|H5)[A-Za-z_]*(?:\(\))?:\s))"));
    ProblemMessage message{problem.trimmed(), QString()};
    if (const QRegularExpressionMatch m = json.match(problem); m.hasMatch()) {
        QString head = problem.left(m.capturedStart()).trimmed();
        if (head.endsWith(QLatin1Char(':')))
            head.chop(1);
        message.plain = m.captured(1).isEmpty()
                            ? head
                            : QCoreApplication::translate("hrtem::ui::MainWindow", "%1 (line %2, column %3)")
                                  .arg(head, m.captured(1), m.captured(2));
        message.technical = problem.mid(m.capturedStart()).trimmed();
    } else if (const QRegularExpressionMatch m = library.match(problem); m.hasMatch() && m.capturedStart(1) > 0) {
        QString head = problem.left(m.capturedStart(1)).trimmed();
        if (head.endsWith(QLatin1Char(':')))
            head.chop(1);
        message.plain = head;
        message.technical = problem.mid(m.capturedStart(1)).trimmed();
    }
    return message;
}

void showProblem(QWidget* parent, const QString& title, const QString& text, const QString& problem, const QString& file)
{
    const ProblemMessage message = splitProblem(problem);
    auto* box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("problemBox"));
    box->setInformativeText(message.plain);
    QString details = message.technical;
    if (!file.isEmpty())
        details += (details.isEmpty() ? QString() : QStringLiteral("\n\n"))
            + QCoreApplication::translate("hrtem::ui::MainWindow", "File: %1").arg(file);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace hrtem::ui
