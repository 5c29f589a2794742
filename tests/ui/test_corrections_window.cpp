// Corrections by hand and sessions in the window (issue 19), offscreen: edits through the frame
// view's context menu and Edit → Delete, undo and redo through the Edit menu, the session saved
// and reopened in a fresh window, and the exports compared byte for byte with each other and
// with `hrtem analyze --session`.
#include "core/pipeline/session.h"
#include "tests/support/analysis_window.h"
#include "tests/support/qt_wait.h"
#include "tests/support/result_files_compare.h"
#include "ui/document/analysis_document.h"
#include "ui/document/analysis_selection.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_overlay.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/result_table_models.h"
#include "ui/widgets/result_tables.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QUndoStack>

#include <algorithm>
#include <memory>

using namespace hrtem;
using namespace hrtem::ui;
using hrtem::test::analyse;
using hrtem::test::openWindow;
using hrtem::test::showFrame;
using hrtem::test::readAll;
using hrtem::test::requireSameResultFiles;
using hrtem::test::runProgram;
using hrtem::test::simulatedMovie;
using hrtem::test::waitUntil;

namespace {

/// The frame-view image position of an atoms.csv position.
QPointF imagePos(Point2 p)
{
    return {p.x + 0.5, p.y + 0.5};
}

/// Triggers the context-menu entry `text` (in a submenu when `submenu` is given) at `at`.
void chooseFromMenu(MainWindow& window, Point2 at, const QString& text, const QString& submenu = QString())
{
    std::unique_ptr<QMenu> menu(window.correctionMenuAt(imagePos(at)));
    REQUIRE(menu);
    QMenu* where = menu.get();
    if (!submenu.isEmpty()) {
        where = nullptr;
        for (QAction* a : menu->actions())
            if (a->menu() && a->text() == submenu)
                where = a->menu();
        REQUIRE(where != nullptr);
    }
    for (QAction* a : where->actions())
        if (a->text() == text) {
            a->trigger();
            return;
        }
    FAIL("no menu entry " << text.toStdString());
}

QString exportTo(MainWindow& window, const QTemporaryDir& dir, const QString& name)
{
    const QString folder = dir.filePath(name);
    QString error;
    REQUIRE(window.exportAnalysisFiles(folder, &error));
    return folder;
}

/// Two tracks, the second starting after the first ends, near each other: a pair the linker split.
std::pair<int, int> splitPair(const AnalysisResult& r)
{
    std::pair<int, int> best{-1, -1};
    double bestDistance = 1e9;
    for (const Track& a : r.tracking.tracks)
        for (const Track& b : r.tracking.tracks) {
            if (b.points.front().frame <= a.points.back().frame || a.points.back().atomIndex < 0)
                continue;
            const double d = std::hypot(a.points.back().x - b.points.front().x, a.points.back().y - b.points.front().y);
            if (d < bestDistance) {
                bestDistance = d;
                best = {a.id, b.id};
            }
        }
    return best;
}

} // namespace

TEST_CASE("gui: edits undo to the unedited result, redo, and a reopened session exports the same files as "
          "hrtem analyze --session",
          "[gui][corrections][session]")
{
    const QString movie = simulatedMovie(512, 40);
    auto window = openWindow(movie);
    window->setAskBeforeDiscarding(false);
    analyse(*window);
    QTemporaryDir out;
    const QString unedited = exportTo(*window, out, QStringLiteral("unedited"));
    AnalysisDocument* doc = window->analysis();
    auto result = [&]() -> const AnalysisResult& { return *doc->result(); };

    // 1. Delete a tracked column of frame 20: click it, Edit → Delete selected column.
    const int frame = 20;
    showFrame(*window, frame);
    window->frameView()->zoomActualSize();
    QApplication::processEvents();
    const FrameAnalysis& f20 = *doc->frame(frame);
    const std::size_t atomsBefore = f20.atoms.size();
    const Atom victim = f20.atoms[atomsBefore / 2];
    test::clickAt(window->frameView(), window->frameView()->toWidget(imagePos({victim.x, victim.y})));
    REQUIRE(window->selection()->atomIndex() >= 0);
    QAction* deleteAction = nullptr;
    for (QAction* a : window->findChildren<QAction*>())
        if (a->text() == QStringLiteral("&Delete selected column"))
            deleteAction = a;
    REQUIRE(deleteAction != nullptr);
    deleteAction->trigger();
    CHECK(doc->frame(frame)->atoms.size() == atomsBefore - 1);
    CHECK(doc->undoStack()->count() == 1);
    CHECK(window->isWindowModified());

    // 2. Add a column on the support of frame 25, from the context menu.
    showFrame(*window, 25);
    const std::size_t atoms25 = doc->frame(25)->atoms.size();
    chooseFromMenu(*window, {40.0, 40.0}, QStringLiteral("Add column here"));
    REQUIRE(doc->frame(25)->atoms.size() == atoms25 + 1);
    CHECK(doc->frame(25)->atoms.back().edited);
    // The tables show it as edited.
    ResultTables* tables = window->resultTables();
    bool shownEdited = false;
    for (int row = 0; row < tables->atomsModel()->rowCount(); ++row)
        shownEdited = shownEdited || !tables->atomsModel()->index(row, AtomsTableModel::Edited).data().toString().isEmpty();
    CHECK(shownEdited);

    // 3. Merge two tracks the linker split: select the first, merge from the second's menu.
    const auto [first, second] = splitPair(result());
    REQUIRE(first >= 0);
    const Track secondTrack = result().tracking.tracks[std::size_t(second)];
    const std::size_t tracksBefore = result().tracking.tracks.size();
    window->selection()->selectTrack(first);
    const int secondFrame = result().frames[std::size_t(secondTrack.points.front().frame)].frame;
    showFrame(*window, secondFrame);
    chooseFromMenu(*window, {secondTrack.points.front().x, secondTrack.points.front().y},
                   QStringLiteral("Merge with the selected track"));
    CHECK(result().tracking.tracks.size() == tracksBefore - 1);

    // 4. Relabel a column of frame 30 as hopping.
    showFrame(*window, 30);
    const FrameAnalysis& f30 = *doc->frame(30);
    const auto tracked = std::find_if(f30.atoms.begin(), f30.atoms.end(), [](const Atom& a) { return a.trackId >= 0; });
    REQUIRE(tracked != f30.atoms.end());
    const Point2 relabelled{tracked->x, tracked->y};
    chooseFromMenu(*window, relabelled, QStringLiteral("Hopping"), QStringLiteral("Relabel behaviour as"));
    REQUIRE(doc->undoStack()->count() == 4);
    REQUIRE(doc->corrections().size() == 4);
    // For the closing note's pictures (HRTEM_SCREENSHOTS=DIR): the window after the edits, with
    // the History panel, and the context menu on a column.
    if (const QByteArray dir = qgetenv("HRTEM_SCREENSHOTS"); !dir.isEmpty()) {
        for (QDockWidget* dock : window->findChildren<QDockWidget*>())
            if (dock->objectName() == QStringLiteral("historyDock")) {
                dock->show();
                dock->raise();
            }
        showFrame(*window, 25);
        window->frameView()->zoomActualSize();
        QApplication::processEvents();
        window->grab().save(QString::fromUtf8(dir) + QStringLiteral("/corrections_window.png"));
        std::unique_ptr<QMenu> menu(window->correctionMenuAt(imagePos({doc->frame(25)->atoms.front().x, doc->frame(25)->atoms.front().y})));
        menu->adjustSize();
        menu->grab().save(QString::fromUtf8(dir) + QStringLiteral("/corrections_menu.png"));
        showFrame(*window, 30); // where the session's view is checked below
    }
    const QString edited = exportTo(*window, out, QStringLiteral("edited"));
    CHECK(readAll(edited + QStringLiteral("/atoms.csv")) != readAll(unedited + QStringLiteral("/atoms.csv")));
    CHECK(readAll(edited + QStringLiteral("/events.csv")).contains(",1\n")); // the relabelled hop, marked edited

    // Undo all four from the Edit menu: the files of the unedited analysis, byte for byte.
    for (int i = 0; i < 4; ++i) {
        REQUIRE(window->undoAction()->isEnabled());
        window->undoAction()->trigger();
    }
    CHECK_FALSE(window->undoAction()->isEnabled());
    CHECK_FALSE(window->isWindowModified());
    requireSameResultFiles(exportTo(*window, out, QStringLiteral("undone")), unedited);
    // Redo all four: the edited files again.
    for (int i = 0; i < 4; ++i)
        window->redoAction()->trigger();
    requireSameResultFiles(exportTo(*window, out, QStringLiteral("redone")), edited);

    // Save the session; reopen it in a fresh window: the analysis reruns, the edits replay.
    const QString sessionPath = out.filePath(QStringLiteral("work.hrtems"));
    QString error;
    REQUIRE(window->saveSession(sessionPath, &error));
    window.reset();
    auto reopened = std::make_unique<MainWindow>(false);
    reopened->setAskBeforeDiscarding(false);
    reopened->show();
    bool opened = false, ok = false;
    QObject::connect(reopened.get(), &MainWindow::sessionOpened, [&](bool success, const QString& problem) {
        opened = true;
        ok = success;
        INFO(problem.toStdString());
    });
    REQUIRE(reopened->openSession(sessionPath, &error));
    REQUIRE(waitUntil([&] { return opened; }, 120000));
    REQUIRE(ok);
    CHECK(reopened->analysis()->undoStack()->count() == 4); // the edits are undoable after reopening
    CHECK(reopened->document()->currentFrame() == 30);        // the view state came back
    requireSameResultFiles(exportTo(*reopened, out, QStringLiteral("reopened")), edited);

    // The CLI applies the same session to the same files.
    QString log;
    REQUIRE(runProgram(QStringLiteral(HRTEM_CLI_EXECUTABLE),
                       {QStringLiteral("analyze"), QStringLiteral("--session"), sessionPath, QStringLiteral("--out"),
                        out.filePath(QStringLiteral("cli")), QStringLiteral("--quiet")},
                       &log) == 0);
    INFO(log.toStdString());
    requireSameResultFiles(out.filePath(QStringLiteral("cli")), edited);
}

TEST_CASE("gui: a session with a changed input, a missing network or a broken file is refused and changes nothing",
          "[gui][session]")
{
    QTemporaryDir dir;
    const QString movie = dir.filePath(QStringLiteral("movie.tif"));
    REQUIRE(QFile::copy(simulatedMovie(128, 4), movie));
    Session s;
    s.inputPath = movie.toStdString();
    recordSessionInput(s);
    const QString good = dir.filePath(QStringLiteral("good.hrtems"));
    saveSession(s, good.toStdString());

    auto window = std::make_unique<MainWindow>(false);
    window->setAskBeforeDiscarding(false);
    QString error;
    // A changed input: refused, naming the input.
    {
        QFile f(movie);
        REQUIRE(f.open(QIODevice::ReadWrite));
        f.seek(f.size() - 1);
        f.write("x");
    }
    CHECK_FALSE(window->openSession(good, &error));
    CHECK(error.contains(QStringLiteral("movie.tif")));
    CHECK(error.contains(QStringLiteral("changed")));
    CHECK_FALSE(window->document()->hasStack());

    // A missing weights file: refused, naming it.
    Session withModel = s;
    recordSessionInput(withModel);
    withModel.inputSha256.clear();
    withModel.inputSize = -1;
    withModel.models.push_back({"restoration", dir.filePath(QStringLiteral("hrtem_gan.safetensors")).toStdString(), "0", ""});
    const QString model = dir.filePath(QStringLiteral("model.hrtems"));
    saveSession(withModel, model.toStdString());
    CHECK_FALSE(window->openSession(model, &error));
    CHECK(error.contains(QStringLiteral("hrtem_gan.safetensors")));

    // Truncated, and not JSON at all: a clear error naming the file.
    const QByteArray text = readAll(good);
    QFile cut(dir.filePath(QStringLiteral("cut.hrtems")));
    REQUIRE(cut.open(QIODevice::WriteOnly));
    cut.write(text.left(text.size() / 3));
    cut.close();
    CHECK_FALSE(window->openSession(cut.fileName(), &error));
    CHECK(error.contains(QStringLiteral("cut.hrtems")));
    // A moved input that the user does not find: refused, nothing opened.
    Session moved = s;
    moved.inputPath = dir.filePath(QStringLiteral("elsewhere/movie.tif")).toStdString();
    const QString movedPath = dir.filePath(QStringLiteral("moved.hrtems"));
    saveSession(moved, movedPath.toStdString());
    window->setInputLocator([](const QString&) { return QString(); });
    CHECK_FALSE(window->openSession(movedPath, &error));
    CHECK(error.contains(QStringLiteral("elsewhere")));
    CHECK_FALSE(window->document()->hasStack());
    CHECK(window->analysis()->corrections().empty());
}

TEST_CASE("gui: autosave writes a recovery session only while there are unsaved edits", "[gui][session]")
{
    QFile::remove(MainWindow::recoveryPath());
    auto window = openWindow(simulatedMovie(256, 6));
    window->setAskBeforeDiscarding(false);
    analyse(*window);
    window->autosave();
    CHECK_FALSE(QFile::exists(MainWindow::recoveryPath())); // nothing unsaved
    const FrameAnalysis& f = window->analysis()->result()->frames[2];
    Correction c;
    c.kind = Correction::Kind::DeleteAtom;
    c.frame = f.frame;
    c.at = {f.atoms[0].x, f.atoms[0].y};
    REQUIRE(window->applyCorrection(c));
    window->autosave();
    REQUIRE(QFile::exists(MainWindow::recoveryPath()));
    const Session recovered = loadSession(MainWindow::recoveryPath().toStdString());
    CHECK(recovered.corrections.size() == 1);
    CHECK(QFileInfo(QString::fromStdString(recovered.inputPath)) == QFileInfo(window->document()->path()));
    window->close(); // a clean end removes it
    CHECK_FALSE(QFile::exists(MainWindow::recoveryPath()));
}

TEST_CASE("gui: overlay choices persist into the next window", "[gui][settings]")
{
    {
        MainWindow first(false);
        first.overlayAction(AnalysisOverlay::Bonds)->setChecked(false);
        first.overlayAction(AnalysisOverlay::Uncertainty)->setChecked(true);
    }
    MainWindow second(false);
    CHECK_FALSE(second.overlay()->isLayerVisible(AnalysisOverlay::Bonds));
    CHECK(second.overlay()->isLayerVisible(AnalysisOverlay::Uncertainty));
    second.overlayAction(AnalysisOverlay::Bonds)->setChecked(true);
    second.overlayAction(AnalysisOverlay::Uncertainty)->setChecked(false);
    MainWindow third(false);
    CHECK(third.overlay()->isLayerVisible(AnalysisOverlay::Bonds));
    CHECK_FALSE(third.overlay()->isLayerVisible(AnalysisOverlay::Uncertainty));
}
