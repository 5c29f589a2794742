// The analysis in the window (issue 15), offscreen: run, overlays, the shared selection between
// the frame view and the tables, the frame summary and hover text, settings files and the
// command line, cancel, and the export compared byte for byte with `hrtem analyze`.
#include "core/sim/simulation.h"
#include "core/sim/structure_image.h"
#include "tests/support/small_movie.h"
#include "tests/support/analysis_window.h"
#include "tests/support/qt_wait.h"
#include "tests/support/result_files_compare.h"
#include "ui/document/analysis_document.h"
#include "ui/document/analysis_selection.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_overlay.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/result_table_models.h"
#include "ui/widgets/result_tables.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QFile>
#include <QImage>
#include <QItemSelectionModel>
#include <QMouseEvent>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QElapsedTimer>

#include <algorithm>
#include <memory>

using namespace hrtem;
using namespace hrtem::ui;
using hrtem::test::analyse;
using hrtem::test::clickAt;
using hrtem::test::openWindow;
using hrtem::test::simulatedMovie;
using hrtem::test::waitUntil;
using hrtem::test::readAll;
using hrtem::test::requireSameResultFiles;
using hrtem::test::runProgram;

TEST_CASE("gui: the demo movie analysed in the window: overlays, linked selection, export byte for byte as hrtem analyze",
          "[gui][analysis]")
{
    const QString movie = simulatedMovie(512, 40);
    auto window = openWindow(movie);
    analyse(*window);
    const AnalysisResult& r = *window->analysis()->result();
    CHECK(r.frames.size() == 40);
    CHECK(r.tracking.tracks.size() > 100);

    // Every overlay layer toggles, from its View > Overlays action, and changes the picture.
    const int frame = r.frames[20].frame;
    window->document()->setCurrentFrame(frame);
    REQUIRE(waitUntil([&] { return window->document()->currentFrameData() && window->document()->currentFrameData()->index == frame; }));
    QApplication::processEvents();
    window->overlayAction(AnalysisOverlay::Uncertainty)->setChecked(true);
    const QImage all = window->frameView()->grab().toImage();
    for (int layer = 0; layer < AnalysisOverlay::LayerCount; ++layer) {
        INFO("layer " << layer);
        window->overlayAction(layer)->trigger();
        CHECK_FALSE(window->overlay()->isLayerVisible(AnalysisOverlay::Layer(layer)));
        CHECK(window->frameView()->grab().toImage() != all);
        window->overlayAction(layer)->trigger();
    }
    CHECK(window->frameView()->grab().toImage() == all);

    // Table -> frame view: a track chosen in the tracks table is the selection, shown in its frame.
    ResultTables* tables = window->resultTables();
    const Track& track = r.tracking.tracks[r.tracking.tracks.size() / 2];
    int row = -1;
    for (int i = 0; i < tables->tracksModel()->rowCount(); ++i)
        if (tables->tracksModel()->index(i, 0).data(ResultTableModel::TrackIdRole).toInt() == track.id)
            row = i;
    REQUIRE(row >= 0);
    tables->tableView(ResultTables::TracksTab)->selectRow(row);
    CHECK(window->selection()->trackId() == track.id);
    const FrameAnalysis* shown = window->analysis()->frame(window->document()->currentFrame());
    REQUIRE(shown != nullptr);
    CHECK(std::any_of(shown->atoms.begin(), shown->atoms.end(), [&](const Atom& a) { return a.trackId == track.id; }));
    // ... and the reverse: a click on a column of the frame selects its rows.
    const Atom* target = nullptr;
    for (const Atom& a : shown->atoms)
        if (a.trackId >= 0 && a.trackId != track.id)
            target = &a;
    REQUIRE(target != nullptr);
    window->frameView()->zoomActualSize();
    QApplication::processEvents();
    clickAt(window->frameView(), window->frameView()->toWidget(QPointF(target->x + 0.5, target->y + 0.5)));
    CHECK(window->selection()->trackId() == target->trackId);
    CHECK(tables->selectedTrack() == target->trackId);

    // Export: the files of `hrtem analyze` on the same movie with the same settings.
    QTemporaryDir out;
    QString error;
    REQUIRE(window->exportAnalysisFiles(out.path(), &error));
    CHECK(error.isEmpty());
    QString log;
    REQUIRE(runProgram(QStringLiteral(HRTEM_CLI_EXECUTABLE),
                       {QStringLiteral("analyze"), movie, QStringLiteral("--out"), out.filePath(QStringLiteral("cli")),
                        QStringLiteral("--quiet")},
                       &log) == 0);
    requireSameResultFiles(out.path(), out.filePath(QStringLiteral("cli")));
}

TEST_CASE("gui: frames appear while the analysis runs, and Cancel keeps the finished ones", "[gui][analysis]")
{
    auto window = openWindow(simulatedMovie(256, 60));
    AnalysisSettings s;
    s.threads = 1; // slow enough to cancel in the middle
    window->analysisPanel()->setSettings(s);
    int arrived = 0;
    QObject::connect(window->analysis(), &AnalysisDocument::frameAnalysed, [&arrived](int) { ++arrived; });
    REQUIRE(window->runAnalysis());
    CHECK_FALSE(window->runAnalysis()); // one run at a time
    CHECK(window->analysisPanel()->cancelButton()->isEnabled());
    REQUIRE(waitUntil([&] { return arrived >= 2; }, 60000));
    // The first frame is shown with its atoms before the run ends.
    CHECK(window->analysis()->frame(0) != nullptr);
    CHECK(window->frameSummaryText().contains(QString::number(window->analysis()->frame(0)->atoms.size())));

    QElapsedTimer clock;
    clock.start();
    window->analysisPanel()->cancelButton()->click();
    REQUIRE(waitUntil([&] { return !window->analysis()->isRunning(); }, 10000));
    INFO("cancel took " << clock.elapsed() << " ms"); // the run stopped early: fewer than 60 frames below
    const AnalysisResult& r = *window->analysis()->result();
    CHECK(r.cancelled);
    CHECK(r.frames.size() >= 2);
    CHECK(r.frames.size() < 60);
    CHECK(window->analysisPanel()->runButton()->isEnabled());
    CHECK(window->analysisPanel()->logText().contains(QStringLiteral("Cancelled")));
}

TEST_CASE("gui: every overlay layer toggles from View > Overlays and changes the picture", "[gui][overlays]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    // A later frame, so tails have a history; one with a twin boundary where there is one.
    const AnalysisResult& r = *window->analysis()->result();
    int frame = int(r.frames.size()) - 1;
    for (const FrameAnalysis& f : r.frames)
        if (!f.twinBoundaries.empty() && f.frame > 2)
            frame = f.frame;
    window->document()->setCurrentFrame(frame);
    REQUIRE(waitUntil([&] { return window->document()->currentFrameData() && window->document()->currentFrameData()->index == frame; }));
    QApplication::processEvents();
    const FrameAnalysis& shown = *window->analysis()->frame(frame);

    window->overlayAction(AnalysisOverlay::Uncertainty)->setChecked(true);
    const QImage all = window->frameView()->grab().toImage();
    for (int layer = 0; layer < AnalysisOverlay::LayerCount; ++layer) {
        INFO("layer " << layer);
        QAction* action = window->overlayAction(layer);
        REQUIRE(action != nullptr);
        CHECK_FALSE(action->shortcut().isEmpty());
        CHECK(action->isChecked());
        action->trigger(); // as from the menu or toolbar
        CHECK_FALSE(window->overlay()->isLayerVisible(AnalysisOverlay::Layer(layer)));
        const QImage without = window->frameView()->grab().toImage();
        const bool hasContent = layer != AnalysisOverlay::Twins || !shown.twinBoundaries.empty();
        if (hasContent)
            CHECK(without != all);
        action->trigger();
        CHECK(window->overlay()->isLayerVisible(AnalysisOverlay::Layer(layer)));
        CHECK(window->frameView()->grab().toImage() == all);
    }
    // The legend names what is drawn.
    const auto legend = window->overlay()->legendEntries();
    CHECK(legend.size() >= 8);
    window->overlay()->setColouring(AnalysisOverlay::Colouring::Coordination);
    CHECK(window->frameView()->grab().toImage() != all);
}

TEST_CASE("gui: a track chosen in the table is selected in the frame, and a clicked column selects its row",
          "[gui][selection]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    const AnalysisResult& r = *window->analysis()->result();
    ResultTables* tables = window->resultTables();

    // Table -> frame: a track that starts after frame 0 moves the view to its frame.
    const Track* later = nullptr;
    for (const Track& t : r.tracking.tracks)
        if (t.points.front().frame >= 2 && t.points.size() >= 2)
            later = &t;
    if (later == nullptr)
        later = &r.tracking.tracks.back();
    tables->setCurrentTab(ResultTables::TracksTab);
    QSortFilterProxyModel* model = tables->tracksModel();
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i)
        if (model->index(i, 0).data(ResultTableModel::TrackIdRole).toInt() == later->id)
            row = i;
    REQUIRE(row >= 0);
    tables->tableView(ResultTables::TracksTab)->selectRow(row);
    CHECK(window->selection()->trackId() == later->id);
    const int firstStackFrame = r.frames[std::size_t(later->points.front().frame)].frame;
    CHECK(window->document()->currentFrame() == firstStackFrame);
    REQUIRE(waitUntil([&] { return window->overlay()->stackFrame() == firstStackFrame; }));

    // Frame -> table: click on another column of the frame shown.
    const FrameAnalysis& f = *window->analysis()->frame(firstStackFrame);
    const Atom* target = nullptr;
    for (const Atom& a : f.atoms)
        if (a.trackId >= 0 && a.trackId != later->id)
            target = &a;
    REQUIRE(target != nullptr);
    FrameView* view = window->frameView();
    view->zoomActualSize();
    QApplication::processEvents();
    const QPointF at = view->toWidget(QPointF(target->x + 0.5, target->y + 0.5));
    clickAt(view, at);
    CHECK(window->selection()->trackId() == target->trackId);
    CHECK(window->selection()->stackFrame() == firstStackFrame);
    CHECK(tables->selectedTrack() == target->trackId);
    const QModelIndexList atomRows = tables->tableView(ResultTables::AtomsTab)->selectionModel()->selectedRows();
    REQUIRE(atomRows.size() == 1);
    CHECK(atomRows[0].data(ResultTableModel::TrackIdRole).toInt() == target->trackId);
    const QModelIndexList trackRows = tables->tableView(ResultTables::TracksTab)->selectionModel()->selectedRows();
    REQUIRE(trackRows.size() == 1);
    CHECK(trackRows[0].data(ResultTableModel::TrackIdRole).toInt() == target->trackId);

    // A click on empty support clears the selection everywhere.
    clickAt(view, QPointF(3, 3));
    CHECK(window->selection()->isEmpty());
    CHECK(tables->selectedTrack() == -1);
}

TEST_CASE("gui: the frame summary and the hover text describe the current frame", "[gui][summary]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    const AnalysisResult& r = *window->analysis()->result();
    const FrameAnalysis& f = r.frames[0];
    const QString summary = window->frameSummaryText();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("atoms %1").arg(f.atoms.size())));
    if (f.relations.lattice.valid)
        CHECK(summary.contains(QStringLiteral("d111 %1 nm").arg(r.toNm(f.relations.lattice.spacing111_px), 0, 'f', 4)));
    CHECK(summary.contains(QStringLiteral("quality")));
    CHECK(summary.contains(QStringLiteral("events ")));

    // Hover: the column under the cursor, with id, px and nm, sigma, coordination and track.
    const Atom& a = f.atoms[f.atoms.size() / 2];
    FrameView* view = window->frameView();
    const QPointF imagePos(a.x + 0.5, a.y + 0.5);
    const QString text = window->overlay()->toolTipAt(imagePos + QPointF(0.3 / view->zoom(), 0), *view);
    INFO(text.toStdString());
    CHECK(text.contains(QStringLiteral("Column %1").arg(a.id)));
    CHECK(text.contains(QStringLiteral("%1, %2) px").arg(a.x, 0, 'f', 2).arg(a.y, 0, 'f', 2)));
    CHECK(text.contains(QStringLiteral("nm")));
    CHECK(text.contains(QStringLiteral("coordination %1").arg(a.coordination)));
    if (a.trackId >= 0)
        CHECK(text.contains(QStringLiteral("track %1").arg(a.trackId)));
    // Far from any column: nothing.
    CHECK(window->overlay()->toolTipAt(QPointF(-50, -50), *view).isEmpty());
}

TEST_CASE("gui: analysis settings load and save as --config JSON and copy as the hrtem analyze command", "[gui][settings]")
{
    const QString movie = simulatedMovie(256, 8);
    auto window = openWindow(movie);
    AnalysisPanel* panel = window->analysisPanel();
    AnalysisSettings s;
    s.restore = "wiener";
    s.firstFrame = 1;
    s.endFrame = 6;
    s.maxGap = 5;
    s.localization.polarity = LocalizationSettings::Polarity::Bright;
    panel->setSettings(s);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.json"));
    QString error;
    REQUIRE(panel->saveSettingsFile(file, &error));
    panel->setSettings(AnalysisSettings{});
    REQUIRE(panel->loadSettingsFile(file, &error));
    CHECK(toJson(panel->settings()) == toJson(s));

    // A typo in a config file is refused with the file and the key named.
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    REQUIRE(badFile.open(QIODevice::WriteOnly));
    badFile.write(R"({"max_gapp": 2})");
    badFile.close();
    CHECK_FALSE(panel->loadSettingsFile(bad, &error));
    CHECK(error.contains(QStringLiteral("bad.json")));
    CHECK(error.contains(QStringLiteral("max_gapp")));
    CHECK(toJson(panel->settings()) == toJson(s)); // unchanged

    panel->copyCommandLine();
    const QString command = QApplication::clipboard()->text();
    INFO(command.toStdString());
    CHECK(command.startsWith(QStringLiteral("hrtem analyze ") + movie));
    CHECK(command.contains(QStringLiteral("--restore wiener")));
    // Every setting has its flag (setting_descriptions.h): no inline --config any more.
    CHECK(command.contains(QStringLiteral("--first-frame 1 --end-frame 6")));
    CHECK(command.contains(QStringLiteral("--max-gap 5")));
    CHECK(command.contains(QStringLiteral("--polarity bright")));
    CHECK_FALSE(command.contains(QStringLiteral("--config")));
    CHECK_FALSE(command.contains(QStringLiteral("patch-size"))); // defaults are left out

    // The command, run by bash, analyses with the same settings as the panel (into movie_analysis/).
    QString runnable = command;
    runnable.replace(0, 5, QStringLiteral(HRTEM_CLI_EXECUTABLE));
    runnable += QStringLiteral(" --quiet");
    QString output;
    REQUIRE(runProgram(QStringLiteral("bash"), {QStringLiteral("-c"), runnable}, &output) == 0);
    INFO(output.toStdString());
    const QString summaryPath = QFileInfo(movie).path() + QStringLiteral("/movie_analysis/summary.json");
    const nlohmann::json summary = nlohmann::json::parse(readAll(summaryPath).toStdString());
    CHECK(summary["settings"] == toJson(s));
}

TEST_CASE("gui: File > Open analysis shows a result folder of hrtem analyze over its movie", "[gui][open]")
{
    const QString movie = simulatedMovie(256, 8);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("cli"));
    REQUIRE(runProgram(QStringLiteral(HRTEM_CLI_EXECUTABLE),
                       {QStringLiteral("analyze"), movie, QStringLiteral("--out"), folder, QStringLiteral("--quiet")}) == 0);

    // Nothing open yet: the folder brings its movie.
    MainWindow window(false);
    window.resize(1300, 900);
    window.show();
    bool ran = false;
    QObject::connect(window.analysis(), &AnalysisDocument::started, [&ran] { ran = true; });
    window.openAnalysisFolder(folder);
    REQUIRE(waitUntil([&] { return window.document()->hasStack() && window.analysis()->result() != nullptr; }, 60000));
    CHECK_FALSE(ran);
    CHECK(QFileInfo(window.document()->path()) == QFileInfo(movie));
    const AnalysisResult& r = *window.analysis()->result();
    CHECK(r.frames.size() == 8);
    CHECK_FALSE(r.tracking.tracks.empty());
    CHECK_FALSE(r.frames[0].relations.bonds.empty());
    CHECK(window.frameSummaryText().contains(QStringLiteral("atoms %1").arg(r.frames[0].atoms.size())));
    CHECK(window.resultTables()->tracksModel()->rowCount() == int(r.tracking.tracks.size()));

    // Exported again, the tables of the run come out as they went in.
    QString error;
    REQUIRE(window.exportAnalysisFiles(dir.filePath(QStringLiteral("again")), &error));
    CHECK(readAll(dir.filePath(QStringLiteral("again/events.csv"))) == readAll(QDir(folder).filePath(QStringLiteral("events.csv"))));

    // A folder that is not an analysis: an error naming it, the current result kept.
    bool failed = false;
    QObject::connect(window.analysis(), &AnalysisDocument::folderFailed, [&failed](const QString&, const QString& problem) {
        failed = problem.contains(QStringLiteral("summary.json"));
    });
    window.openAnalysisFolder(dir.path());
    REQUIRE(waitUntil([&] { return failed; }, 20000));
    CHECK(window.analysis()->result()->frames.size() == 8);
}

TEST_CASE("gui: hrtem-studio --analyze --export --screenshot writes the CLI's files and a picture with overlays",
          "[gui][scripted]")
{
    const QString movie = simulatedMovie(256, 8);
    QTemporaryDir dir;
    const QString gui = dir.filePath(QStringLiteral("gui")), cli = dir.filePath(QStringLiteral("cli"));
    const QString shot = dir.filePath(QStringLiteral("shot.png"));
    QString log;
    const int code = runProgram(QStringLiteral(HRTEM_STUDIO_EXECUTABLE),
                                {movie, QStringLiteral("--analyze"), QStringLiteral("--export"), gui,
                                 QStringLiteral("--screenshot"), shot},
                                &log);
    INFO(log.toStdString());
    REQUIRE(code == 0);
    REQUIRE(runProgram(QStringLiteral(HRTEM_CLI_EXECUTABLE),
                       {QStringLiteral("analyze"), movie, QStringLiteral("--out"), cli, QStringLiteral("--quiet")}) == 0);
    requireSameResultFiles(gui, cli);

    // The screenshot shows the overlays: many pixels of the bulk-column blue (0, 114, 178).
    const QImage image(shot);
    REQUIRE_FALSE(image.isNull());
    long blue = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            blue += std::abs(c.red() - 0) < 30 && std::abs(c.green() - 114) < 30 && std::abs(c.blue() - 178) < 30;
        }
    CHECK(blue > 500);

    // Failures exit non-zero with the problem named.
    CHECK(runProgram(QStringLiteral(HRTEM_STUDIO_EXECUTABLE),
                     {dir.filePath(QStringLiteral("missing.tif")), QStringLiteral("--analyze")}, &log) == 1);
    CHECK(log.contains(QStringLiteral("missing.tif")));
}

TEST_CASE("gui: the structure setting names the model's planes in the frame summary, and warns when it does not fit",
          "[gui][summary][structure]")
{
    // A perovskite [001] particle, Z-contrast (sim/structure_image.h): Sr and Ti-O columns.
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    sim::StructureImageSettings s;
    s.structure = "perovskite";
    s.zoneAxis = "[001]";
    s.radiusInBonds = 10.0;
    sim::writeStructureImage(sim::renderStructureImage(s), s, dir.path().toStdString());
    auto window = openWindow(dir.filePath(QStringLiteral("movie.tif")));
    AnalysisPanel* panel = window->analysisPanel();
    auto* structure = panel->findChild<QComboBox*>(QStringLiteral("structure"));
    auto* constant = panel->findChild<QDoubleSpinBox*>(QStringLiteral("latticeConstant"));
    REQUIRE(structure != nullptr);
    REQUIRE(constant != nullptr);
    CHECK(structure->currentData().toString() == QStringLiteral("auto"));
    CHECK_FALSE(constant->isEnabled()); // no model, no constant

    // Automatic: the measured cell, no fcc spacings.
    analyse(*window);
    QString summary = window->frameSummaryText();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("square lattice: a1 0.39")));
    CHECK_FALSE(summary.contains(QStringLiteral("d111")));

    // Perovskite: its zone axis found and its planes named, in nm.
    structure->setCurrentIndex(structure->findData(QStringLiteral("perovskite")));
    CHECK(constant->isEnabled());
    constant->setValue(0.3905);
    CHECK(panel->settings().structure == "perovskite:0.3905");
    CHECK(panel->commandLine().contains(QStringLiteral("--structure perovskite:0.3905")));
    analyse(*window);
    summary = window->frameSummaryText();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("perovskite [001]: d{100} 0.390")));
    CHECK(summary.contains(QStringLiteral("d{110} 0.276")));
    CHECK_FALSE(summary.contains(QStringLiteral("does not fit")));
    const FrameAnalysis& f = window->analysis()->result()->frames[0];
    CHECK(f.relations.indexing.zoneAxis == "[001]");
    CHECK(f.relations.indexing.latticeConstant_nm == Approx(0.3905).epsilon(0.005));

    // A graphene-like (hexagonal) model cannot fit a square cell: the summary warns and names no
    // planes. (fcc would fit: its [001] projection is square too, at a = 2 x 0.39 nm.)
    structure->setCurrentIndex(structure->findData(QStringLiteral("graphene")));
    constant->setValue(0.0);
    analyse(*window);
    summary = window->frameSummaryText();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("the chosen structure does not fit")));
    CHECK(summary.contains(QStringLiteral("graphene does not fit")));
    CHECK_FALSE(summary.contains(QStringLiteral("d{")));

    // The right model at a wrong lattice constant does not fit either.
    structure->setCurrentIndex(structure->findData(QStringLiteral("perovskite")));
    constant->setValue(0.30);
    analyse(*window);
    summary = window->frameSummaryText();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("does not fit")));
    CHECK(summary.contains(QStringLiteral("a = 0.39")));
}

TEST_CASE("gui: an Events row goes to the event's frame, also when its track is in the frame shown", "[gui][selection]")
{
    auto window = openWindow(simulatedMovie(512, 40));
    analyse(*window);
    const AnalysisResult& r = *window->analysis()->result();
    ResultTables* tables = window->resultTables();
    tables->setCurrentTab(ResultTables::EventsTab);
    QSortFilterProxyModel* model = tables->eventsModel();
    REQUIRE(model->rowCount() >= 2);
    int checked = 0;
    for (int row = 0; row < model->rowCount() && checked < 4; ++row) {
        const int frame = model->index(row, 0).data(ResultTableModel::StackFrameRole).toInt();
        const int trackId = model->index(row, 0).data(ResultTableModel::TrackIdRole).toInt();
        // Stand on another frame in which the event's track is seen: the case that did not move.
        const Track* track = nullptr;
        for (const Track& t : r.tracking.tracks)
            if (t.id == trackId)
                track = &t;
        REQUIRE(track != nullptr);
        int elsewhere = -1;
        for (const TrackPoint& p : track->points)
            if (r.frames[std::size_t(p.frame)].frame != frame && p.atomIndex >= 0)
                elsewhere = r.frames[std::size_t(p.frame)].frame;
        if (elsewhere < 0)
            continue;
        tables->tableView(ResultTables::EventsTab)->clearSelection();
        window->document()->setCurrentFrame(elsewhere);
        REQUIRE(waitUntil([&] { return window->document()->currentFrame() == elsewhere; }));
        tables->tableView(ResultTables::EventsTab)->selectRow(row);
        INFO("event row " << row << " at frame " << frame << ", track " << trackId << ", shown " << elsewhere);
        CHECK(window->document()->currentFrame() == frame);
        CHECK(window->selection()->trackId() == trackId);
        ++checked;
    }
    CHECK(checked >= 2);
}

TEST_CASE("gui: opening another movie clears the last analysis' log and progress", "[gui][analysis]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    CHECK_FALSE(window->analysisPanel()->logText().isEmpty());
    CHECK(window->analysisPanel()->progressText().contains(QStringLiteral("100")));
    window->openFile(simulatedMovie(256, 6));
    REQUIRE(waitUntil([&] { return window->document()->frameCount() == 6; }));
    CHECK(window->analysisPanel()->logText().isEmpty());
    CHECK(window->analysisPanel()->progressText() == QStringLiteral("Not running"));
}

TEST_CASE("gui: after an analysis the window fits 1366 x 768 and 1600 x 1000 with every dock open, none overlapping",
          "[gui][layout]")
{
    for (const QSize screen : {QSize(1366, 768), QSize(1600, 1000)}) {
        INFO(screen.width() << " x " << screen.height());
        // The size the user gave the window holds through the analysis (its docks appear then).
        auto window = openWindow(simulatedMovie(256, 8));
        window->resize(screen);
        QApplication::processEvents();
        analyse(*window);
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        CHECK(window->size() == screen);
        const QList<QDockWidget*> docks = window->findChildren<QDockWidget*>();
        REQUIRE(docks.size() >= 8);
        for (QDockWidget* dock : docks)
            dock->show();
        window->resize(screen);
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        CHECK(window->minimumSizeHint().width() <= screen.width());
        CHECK(window->minimumSizeHint().height() <= screen.height());
        CHECK(window->size() == screen);
        // Docks on screen (a tab that is not in front has no visible region) do not overlap.
        QList<QDockWidget*> shown;
        for (QDockWidget* dock : docks)
            if (dock->isVisible() && !dock->visibleRegion().isEmpty())
                shown << dock;
        CHECK(shown.size() >= 5);
        for (int a = 0; a < shown.size(); ++a)
            for (int b = a + 1; b < shown.size(); ++b) {
                INFO(shown[a]->objectName().toStdString() << " and " << shown[b]->objectName().toStdString());
                CHECK_FALSE(shown[a]->geometry().intersects(shown[b]->geometry()));
            }
        // Each within the window, and the frame view keeps a usable size.
        for (QDockWidget* dock : shown)
            CHECK(window->rect().contains(dock->geometry()));
        CHECK(window->frameView()->width() >= 300);
        CHECK(window->frameView()->height() >= 250);
    }
}
