#include "ui/dialogs/help_dialogs.h"

#include "ui/app/language.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace hrtem::ui {

namespace {

/// The dialogs' texts, under one translation context.
struct HelpTexts {
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::HelpDialogs)
};

QDialog* makeDialog(QMainWindow* window, const QString& title, QWidget* content, const QString& name)
{
    auto* dialog = new QDialog(window);
    dialog->setObjectName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    content->setParent(dialog);
    layout->addWidget(content, 1);
    layout->addWidget(buttons);
    dialog->resize(760, 640);
    dialog->show();
    return dialog;
}

/// Menu path › action text, without the mnemonic ampersands.
QString plain(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return text.replace(QStringLiteral("…"), QString());
}

void collectShortcuts(const QMenu* menu, const QString& path, QList<QPair<QString, QString>>& rows)
{
    for (QAction* action : menu->actions()) {
        if (action->menu() != nullptr) {
            collectShortcuts(action->menu(), path + QStringLiteral(" › ") + plain(action->menu()->title()), rows);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            rows.append({path + QStringLiteral(" › ") + plain(action->text()), keys.join(QStringLiteral(", "))});
    }
}

} // namespace

QDialog* showManual(QMainWindow* window)
{
    QFile file(QStringLiteral(":/manual/manual_%1.md").arg(currentLanguage()));
    if (!file.open(QIODevice::ReadOnly)) {
        file.setFileName(QStringLiteral(":/manual/manual_en.md"));
        file.open(QIODevice::ReadOnly);
    }
    auto* browser = new QTextBrowser;
    browser->setObjectName(QStringLiteral("manualText"));
    browser->setOpenExternalLinks(true);
    browser->setMarkdown(QString::fromUtf8(file.readAll()));
    return makeDialog(window, HelpTexts::tr("HRTEM Studio manual"), browser, QStringLiteral("manualDialog"));
}

QDialog* showShortcuts(QMainWindow* window)
{
    QList<QPair<QString, QString>> rows;
    for (QAction* top : window->menuBar()->actions())
        if (top->menu() != nullptr)
            collectShortcuts(top->menu(), plain(top->menu()->title()), rows);
    // Keys the frame view and playback bar handle themselves.
    rows.append({HelpTexts::tr("Frame view › Next / previous frame"), HelpTexts::tr("Right, Left (Shift: 10 frames)")});
    rows.append({HelpTexts::tr("Frame view › First / last frame"), HelpTexts::tr("Home, End")});
    rows.append({HelpTexts::tr("Frame view › Play / pause"), HelpTexts::tr("Space")});
    rows.append({HelpTexts::tr("Frame view › Zoom about the cursor"), HelpTexts::tr("Mouse wheel")});
    rows.append({HelpTexts::tr("Frame view › Pan"), HelpTexts::tr("Drag")});
    rows.append({HelpTexts::tr("Frame view › Draw an FFT region"), HelpTexts::tr("Shift+drag")});
    rows.append({HelpTexts::tr("Frame view › Clear the FFT region"), HelpTexts::tr("Esc")});
    rows.append({HelpTexts::tr("Frame view › Fit"), HelpTexts::tr("Double click")});
    auto* table = new QTableWidget(int(rows.size()), 2);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({HelpTexts::tr("Command"), HelpTexts::tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    return makeDialog(window, HelpTexts::tr("Keyboard shortcuts"), table, QStringLiteral("shortcutsDialog"));
}

} // namespace hrtem::ui
