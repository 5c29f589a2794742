// Plots and the trajectory view in the main window (issue 18), offscreen: the plotted data are
// the columns of frames.csv, a click on a time plot moves the frame view, a track chosen in the
// trajectory view is the selection of the tables and the frame view, and every plot exports.
#include "core/io/csv_table.h"
#include "core/io/stack.h"
#include "ui/app/language.h"
#include "ui/document/background_job.h"
#include "tests/support/analysis_window.h"
#include "ui/document/analysis_selection.h"
#include "ui/plot/qcustomplot_include.h"
#include "ui/widgets/plots_panel.h"
#include "ui/widgets/result_tables.h"
#include "ui/widgets/trajectory_view.h"

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cmath>

using namespace hrtem;
using namespace hrtem::ui;
using hrtem::test::analyse;
using hrtem::test::clickAt;
using hrtem::test::openWindow;
using hrtem::test::simulatedMovie;
using hrtem::test::waitUntil;

namespace {

/// Raises the dock that holds `widget` (the plots and trajectories share a tab group).
void raiseDockOf(QWidget* widget)
{
    for (QWidget* w = widget; w != nullptr; w = w->parentWidget())
        if (auto* dock = qobject_cast<QDockWidget*>(w)) {
            dock->show();
            dock->raise();
            break;
        }
    QApplication::processEvents();
}

} // namespace

TEST_CASE("gui: the plots of the analysed demo are the columns of frames.csv", "[gui][plots]")
{
    auto window = openWindow(simulatedMovie(512, 40));
    analyse(*window);
    QApplication::processEvents();
    QTemporaryDir out;
    QString error;
    REQUIRE(window->exportAnalysisFiles(out.path(), &error));
    const CsvTable frames = CsvTable::read(out.filePath(QStringLiteral("frames.csv")).toStdString());
    REQUIRE(frames.rows() == 40);
    const double pixel_nm = window->analysis()->result()->pixel_nm;
    REQUIRE(pixel_nm > 0);

    PlotsPanel* plots = window->plotsPanel();
    REQUIRE(plots != nullptr);
    struct Series {
        const char* plot;
        const char* column;
        double scale;     ///< CSV value times this is the plotted one
        double tolerance; ///< the CSV's rounding
    };
    const Series series[] = {{"Atoms per frame", "atoms", 1.0, 0.0},
                             {"Surface atoms per frame", "surface_atoms", 1.0, 0.0},
                             {"Mean nearest-neighbour distance", "mean_nn_nm", 1.0, 1e-5},
                             {"{111} lattice spacing", "d111_nm", 1.0, 1e-5},
                             {"{200} lattice spacing", "d200_px", pixel_nm, 1e-4 * pixel_nm},
                             {"Particle area", "particle_area_nm2", 1.0, 1e-3},
                             {"Equivalent diameter", "equivalent_diameter_nm", 1.0, 1e-3},
                             {"Frame quality", "quality_db", 1.0, 0.01},
                             {"Events per frame", "events", 1.0, 0.0}};
    const int time = frames.column("time_s");
    for (const Series& s : series) {
        INFO(s.plot);
        plots->showSeries(QString::fromLatin1(s.plot));
        const std::vector<QPointF> points = plots->plottedPoints();
        REQUIRE(points.size() == std::size_t(frames.rows()));
        const int column = frames.column(s.column);
        for (int row = 0; row < frames.rows(); ++row) {
            CHECK(points[std::size_t(row)].x() == Approx(frames.number(row, time)).margin(1e-4));
            const double expected = frames.number(row, column) * s.scale;
            if (std::isnan(expected))
                CHECK(std::isnan(points[std::size_t(row)].y()));
            else
                CHECK(points[std::size_t(row)].y() == Approx(expected).margin(s.tolerance + 1e-12));
        }
    }
    // Drift: the length of the drift vector of frames.csv, in nm.
    plots->showSeries(QStringLiteral("Drift"));
    const std::vector<QPointF> drift = plots->plottedPoints();
    REQUIRE(drift.size() == std::size_t(frames.rows()));
    const int dx = frames.column("drift_x_px"), dy = frames.column("drift_y_px");
    for (int row = 0; row < frames.rows(); ++row)
        CHECK(drift[std::size_t(row)].y() ==
              Approx(std::hypot(frames.number(row, dx), frames.number(row, dy)) * pixel_nm).margin(2e-3 * pixel_nm));
}

TEST_CASE("gui: a click on a time plot shows that frame, and the current frame is marked", "[gui][plots]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    PlotsPanel* plots = window->plotsPanel();
    raiseDockOf(plots);
    plots->showSeries(QStringLiteral("Atoms per frame"));
    auto* plot = plots->findChild<QCustomPlot*>();
    REQUIRE(plot != nullptr);
    plot->replot();
    const std::vector<QPointF> points = plots->plottedPoints();
    REQUIRE(points.size() == 8);
    const QPointF at(plot->xAxis->coordToPixel(points[5].x()), plot->yAxis->coordToPixel(points[5].y()));
    QMouseEvent press(QEvent::MouseButtonPress, at, plot->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(plot, &press);
    const int frame = window->analysis()->result()->frames[5].frame;
    CHECK(window->document()->currentFrame() == frame);
    REQUIRE(waitUntil([&] { return window->overlay() != nullptr && window->document()->currentFrameData() &&
                                   window->document()->currentFrameData()->index == frame; }));
    auto* line = plot->findChild<QCPItemStraightLine*>();
    REQUIRE(line != nullptr);
    CHECK(line->visible());
    CHECK(line->point1->coords().x() == Approx(points[5].x()));
}

TEST_CASE("gui: a track chosen in the trajectory view is selected in the tables and the frame view", "[gui][trajectory]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    TrajectoryView* view = window->trajectoryView();
    REQUIRE(view != nullptr);
    raiseDockOf(view);
    view->fitToWindow();
    QApplication::processEvents();
    const AnalysisResult& r = *window->analysis()->result();
    // A long track whose own point is picked as itself (not a neighbour's polyline).
    int chosen = -1;
    QPointF where;
    for (const Track& t : r.tracking.tracks) {
        if (t.points.size() < 6)
            continue;
        const QPointF p = view->toWidget(QPointF(t.points[2].x + 0.5, t.points[2].y + 0.5));
        if (view->trackAt(p) == t.id) {
            chosen = t.id;
            where = p;
            break;
        }
    }
    REQUIRE(chosen >= 0);
    clickAt(view, where);
    CHECK(window->selection()->trackId() == chosen);
    CHECK(window->resultTables()->selectedTrack() == chosen);
    CHECK(view->selectedTrack() == chosen);
    // ... and the other way: a track chosen elsewhere is the trajectory view's too.
    const int other = r.tracking.tracks.front().id == chosen ? r.tracking.tracks.back().id : r.tracking.tracks.front().id;
    window->selection()->selectTrack(other);
    CHECK(view->selectedTrack() == other);
    window->selection()->clear();
    CHECK(view->selectedTrack() == -1);
}

TEST_CASE("gui: every plot exports to PNG, SVG and PDF that read back, and its data to CSV", "[gui][plots][export]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    PlotsPanel* plots = window->plotsPanel();
    raiseDockOf(plots);
    QTemporaryDir out;
    int index = 0;
    for (const QString& name : plots->seriesNames()) {
        INFO(name.toStdString());
        plots->showSeries(name);
        const QString base = out.filePath(QStringLiteral("plot%1").arg(index++));
        REQUIRE(plots->exportPlot(base + QStringLiteral(".png")));
        const QImage png(base + QStringLiteral(".png"));
        CHECK_FALSE(png.isNull());
        CHECK(png.width() >= 200);
        REQUIRE(plots->exportPlot(base + QStringLiteral(".svg")));
        QSvgRenderer svg(base + QStringLiteral(".svg"));
        CHECK(svg.isValid());
        REQUIRE(plots->exportPlot(base + QStringLiteral(".pdf")));
        QFile pdf(base + QStringLiteral(".pdf"));
        REQUIRE(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        CHECK(bytes.startsWith("%PDF-"));
        CHECK(bytes.trimmed().endsWith("%%EOF"));
        // The plotted numbers: a header and one row per point, the values as plotted.
        REQUIRE(plots->exportPlot(base + QStringLiteral(".csv")));
        const CsvTable data = CsvTable::read((base + QStringLiteral(".csv")).toStdString());
        const std::vector<QPointF> points = plots->plottedPoints();
        REQUIRE(data.rows() == int(points.size()));
        for (int row = 0; row < data.rows(); ++row) {
            CHECK(data.number(row, 0) == Approx(points[std::size_t(row)].x()).epsilon(1e-8));
            if (std::isfinite(points[std::size_t(row)].y()))
                CHECK(data.number(row, 1) == Approx(points[std::size_t(row)].y()).epsilon(1e-8));
        }
    }
}

TEST_CASE("gui: the movie with overlays exports as a TIFF stack and a video, in the background", "[gui][export][movie]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    QTemporaryDir out;
    for (const char* name : {"movie.tif", "movie.avi"}) {
        INFO(name);
        const QString path = out.filePath(QLatin1String(name));
        BackgroundJob::Outcome outcome = BackgroundJob::Outcome::Failed;
        bool ended = false;
        auto connection = QObject::connect(window->movieJob(), &BackgroundJob::finished,
                                           [&](BackgroundJob::Outcome o, const QString&) { outcome = o, ended = true; });
        REQUIRE(window->exportOverlayMovie(path));
        REQUIRE(waitUntil([&] { return ended; }, 120000));
        QObject::disconnect(connection);
        CHECK(outcome == BackgroundJob::Outcome::Done);
        cv::VideoCapture video(path.toStdString());
        if (QString::fromLatin1(name).endsWith(QLatin1String(".tif"))) {
            std::unique_ptr<StackReader> back = openStack(path.toStdString());
            CHECK(back->info().frameCount == 8);
        } else {
            REQUIRE(video.isOpened());
            int frames = 0;
            cv::Mat image;
            while (video.read(image))
                ++frames;
            CHECK(frames == 8);
        }
    }
}

// Not part of the suite (hidden tag): the screenshots of the closing note, written into
// $HRTEM_SCREENSHOTS. Run: HRTEM_SCREENSHOTS=DIR xvfb-run build/tests/test_ui_plots "[.screenshots]"
TEST_CASE("gui: screenshots of the plots and the trajectory view, in English and Chinese", "[.screenshots]")
{
    const QString dir = qEnvironmentVariable("HRTEM_SCREENSHOTS");
    REQUIRE_FALSE(dir.isEmpty());
    auto window = openWindow(simulatedMovie(512, 40));
    window->resize(1600, 1000);
    analyse(*window);
    QApplication::processEvents();
    window->document()->setCurrentFrame(20);
    REQUIRE(waitUntil([&] { return window->document()->currentFrameData() && window->document()->currentFrameData()->index == 20; }));
    const AnalysisResult& r = *window->analysis()->result();
    // The longest track that hops: the one a microscopist would pick.
    int chosen = r.tracking.tracks.front().id;
    std::size_t best = 0;
    for (std::size_t t = 0; t < r.tracking.tracks.size() && t < r.behaviours.perTrackPoint.size(); ++t) {
        const auto& labels = r.behaviours.perTrackPoint[t];
        if (std::find(labels.begin(), labels.end(), Behaviour::Hopping) != labels.end() && labels.size() > best) {
            best = labels.size();
            chosen = r.tracking.tracks[t].id;
        }
    }
    for (const char* language : {"en", "zh_CN"}) {
        applyLanguage(QString::fromLatin1(language));
        QApplication::processEvents();
        PlotsPanel* plots = window->plotsPanel();
        raiseDockOf(plots);
        plots->showSeries(plots->seriesNames().at(0));
        QApplication::processEvents();
        window->grab().save(dir + QStringLiteral("/plots-%1.png").arg(QLatin1String(language)));
        TrajectoryView* view = window->trajectoryView();
        raiseDockOf(view);
        auto* colour = view->parentWidget()->findChild<QComboBox*>();
        REQUIRE(colour != nullptr);
        colour->setCurrentIndex(1); // behaviour
        window->selection()->selectTrack(chosen);
        view->fitToWindow();
        QApplication::processEvents();
        window->grab().save(dir + QStringLiteral("/trajectories-%1.png").arg(QLatin1String(language)));
        // The view on its own, large enough to read: its dock floated and enlarged.
        auto* dock = qobject_cast<QDockWidget*>(view->parentWidget()->parentWidget());
        REQUIRE(dock != nullptr);
        dock->setFloating(true);
        dock->resize(900, 850);
        QApplication::processEvents();
        view->fitToWindow();
        QApplication::processEvents();
        dock->grab().save(dir + QStringLiteral("/trajectory-view-%1.png").arg(QLatin1String(language)));
        dock->setFloating(false);
    }
    applyLanguage(QStringLiteral("en"));
}
