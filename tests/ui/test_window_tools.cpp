// The window's tools for a working day (issue 32), offscreen: distances, angles and line
// profiles drawn with the mouse against known pixel distances and the frame's calibration; ends
// snapped to the analysis' columns carry their fitted errors; the measurements are in the
// exported view and CSV; View → Reset layout; a tooltip on every setting.
#include "core/export/result_files.h"
#include "core/image/measurement.h"
#include "core/io/readers.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/camera_writer.h"
#include "tests/support/small_movie.h"
#include "ui/live_watch.h"
#include "ui/widgets/analysis_panel.h"
#include "tests/support/analysis_window.h"
#include "ui/dialogs/export_dialog.h"
#include "ui/dialogs/mark_frames_dialog.h"
#include "ui/dialogs/simulation_dialog.h"
#include "ui/dialogs/training_dialog.h"
#include "ui/document/frame_data.h"
#include "ui/document/frame_marks.h"
#include "ui/app/language.h"
#include "ui/measuring.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/measure_tool.h"
#include "ui/widgets/measurements_panel.h"

#include <catch2/catch.hpp>

#include <QAbstractSpinBox>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMouseEvent>
#include <QScreen>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>
#include <filesystem>
#include <thread>

using namespace hrtem;
using namespace hrtem::ui;
using hrtem::test::analyse;
using hrtem::test::openWindow;
using hrtem::test::simulatedMovie;
using hrtem::test::waitUntil;

namespace {

/// The widget position of frame pixel (x, y) (pixel centres at integers).
QPointF widgetAt(const FrameView& view, double x, double y) { return view.toWidget(QPointF(x + 0.5, y + 0.5)); }

void mouse(FrameView& view, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, view.mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(&view, &event);
}

/// A press at frame pixel a, a drag through the middle, a release at b.
void drag(FrameView& view, QPointF a, QPointF b)
{
    mouse(view, QEvent::MouseButtonPress, widgetAt(view, a.x(), a.y()), Qt::LeftButton);
    mouse(view, QEvent::MouseMove, widgetAt(view, (a.x() + b.x()) / 2, (a.y() + b.y()) / 2), Qt::LeftButton);
    mouse(view, QEvent::MouseButtonRelease, widgetAt(view, b.x(), b.y()), Qt::NoButton);
}

const Atom* nearestTo(const FrameAnalysis& frame, double x, double y)
{
    const Atom* best = &frame.atoms.front();
    for (const Atom& a : frame.atoms)
        if (std::hypot(a.x - x, a.y - y) < std::hypot(best->x - x, best->y - y))
            best = &a;
    return best;
}

void click(FrameView& view, QPointF a)
{
    mouse(view, QEvent::MouseButtonPress, widgetAt(view, a.x(), a.y()), Qt::LeftButton);
    mouse(view, QEvent::MouseButtonRelease, widgetAt(view, a.x(), a.y()), Qt::NoButton);
}

} // namespace

TEST_CASE("gui: the measure tools give known distances, angles and profiles in the frame's units", "[gui][measure]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    FrameView& view = *window->frameView();
    Measuring& measuring = *window->measuring();
    MeasureTool& tool = *measuring.tool();
    const double nmPerPx = window->document()->info().x.scale;
    REQUIRE(window->document()->info().x.units == "nm");
    REQUIRE(nmPerPx > 0.0);
    view.zoomActualSize(); // any zoom works: positions go through toWidget()
    view.zoomBy(1.7);
    QApplication::processEvents();

    // Not measuring: a drag pans the view and measures nothing.
    drag(view, {100, 100}, {130, 140});
    CHECK(tool.measurements().empty());
    view.fitToWindow();

    // Distance: 30 x 40 px -> 50 px.
    measuring.toolAction(0)->trigger();
    REQUIRE(tool.isActive());
    CHECK(measuring.dock()->isVisible());
    drag(view, {20, 30}, {50, 70});
    REQUIRE(tool.measurements().size() == 1);
    const MeasureTool::Value distance = tool.valueOf(tool.measurements()[0]);
    CHECK(distance.value == Approx(50.0 * nmPerPx).epsilon(1e-6));
    CHECK_FALSE(distance.hasError); // hand-placed ends: no columns, no error
    CHECK(distance.units == QStringLiteral("nm"));
    CHECK(measuring.panel()->table()->rowCount() == 1);
    CHECK(measuring.panel()->table()->item(0, 3)->text() == MeasureTool::formatValue(distance));

    // Angle: first arm dragged to the vertex, the second end clicked: a right angle, and 45°.
    measuring.toolAction(1)->trigger();
    drag(view, {30, 100}, {80, 100});
    CHECK(tool.measurements().size() == 1); // waits for the third point
    click(view, {80, 40});
    REQUIRE(tool.measurements().size() == 2);
    CHECK(tool.valueOf(tool.measurements()[1]).value == Approx(90.0).epsilon(1e-6));
    // Three clicks do the same.
    click(view, {30, 150});
    click(view, {80, 150});
    click(view, {130, 200});
    REQUIRE(tool.measurements().size() == 3);
    CHECK(tool.valueOf(tool.measurements()[2]).value == Approx(135.0).epsilon(1e-6));
    // Escape drops one half drawn.
    click(view, {10, 10});
    QKeyEvent escape(QEvent::KeyPress, Qt::Key_Escape, Qt::NoModifier);
    QApplication::sendEvent(&view, &escape);
    click(view, {20, 10});
    click(view, {30, 10});
    CHECK(tool.measurements().size() == 3);
    QApplication::sendEvent(&view, &escape);

    // Line profile along row 120 from x = 10 to 40: the frame's own pixel values, 31 samples.
    measuring.toolAction(2)->trigger();
    drag(view, {10, 120}, {40, 120});
    REQUIRE(tool.measurements().size() == 4);
    const std::vector<ProfileSample> profile = measuring.panel()->currentProfile();
    const cv::Mat& frame = window->document()->currentFrameData()->frame;
    REQUIRE(profile.size() == 31);
    for (int i = 0; i <= 30; i += 5) {
        CHECK(profile[std::size_t(i)].distance == Approx(i * nmPerPx).epsilon(1e-6));
        CHECK(profile[std::size_t(i)].value == Approx(frame.at<float>(120, 10 + i)).epsilon(1e-5));
    }
    CHECK(measuring.panel()->profileCsv().count(QLatin1Char('\n')) == 32);

    // Choosing the active tool again stops measuring: drags pan again.
    measuring.toolAction(2)->trigger();
    CHECK_FALSE(tool.isActive());
    drag(view, {60, 60}, {90, 90});
    CHECK(tool.measurements().size() == 4);
}

TEST_CASE("gui: ends snap to the analysed columns and give the distance their errors; the exported view shows it",
          "[gui][measure]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    analyse(*window);
    const FrameAnalysis* frame = window->analysis()->frame(window->document()->currentFrame());
    REQUIRE(frame != nullptr);
    REQUIRE(frame->atoms.size() >= 2);
    // Two columns a few periods apart.
    const Atom& a = frame->atoms.front();
    const Atom* b = nullptr;
    for (const Atom& atom : frame->atoms)
        if (std::hypot(atom.x - a.x, atom.y - a.y) > 2.5 * window->analysis()->result()->period_px) {
            b = &atom;
            break;
        }
    REQUIRE(b != nullptr);
    FrameView& view = *window->frameView();
    Measuring& measuring = *window->measuring();
    measuring.toolAction(0)->trigger();
    // Dropped 1 px beside each column: both snap to the fitted positions.
    drag(view, {a.x + 1.0, a.y - 0.7}, {b->x - 0.8, b->y + 1.0});
    REQUIRE(measuring.tool()->measurements().size() == 1);
    const MeasureTool::Measurement& m = measuring.tool()->measurements()[0];
    CHECK(m.points[0].atomId == a.id);
    CHECK(m.points[1].atomId == b->id);
    const double nmPerPx = window->document()->info().x.scale;
    const MeasureTool::Value v = measuring.tool()->valueOf(m);
    const double dx = b->x - a.x, dy = b->y - a.y, d = std::hypot(dx, dy);
    CHECK(v.value == Approx(d * nmPerPx).epsilon(1e-9));
    REQUIRE(v.hasError);
    const double ux = dx / d, uy = dy / d;
    const double sigmaPx = std::sqrt(ux * ux * (a.errX * a.errX + b->errX * b->errX) + uy * uy * (a.errY * a.errY + b->errY * b->errY));
    CHECK(v.error == Approx(sigmaPx * nmPerPx).epsilon(1e-9));
    CHECK(measuring.panel()->measurementsCsv().contains(QStringLiteral(",%1,").arg(a.id)));

    // The exported view is the frame at its own size with the measurement drawn on it.
    const QImage scene = view.renderSceneImage();
    const cv::Mat& pixels = window->document()->currentFrameData()->frame;
    CHECK(scene.size() == QSize(pixels.cols, pixels.rows));
    // The measurement is what differs from the same scene without it: pixels along its line.
    measuring.tool()->setSelected(-1);
    const QImage withLine = view.renderSceneImage();
    const std::vector<MeasureTool::Measurement> kept = measuring.tool()->measurements();
    measuring.tool()->clear();
    const QImage without = view.renderSceneImage();
    int alongLine = 0;
    for (int i = 1; i < 10; ++i) { // points between the ends, clear of the end markers and label
        const double t = 0.1 * i;
        const int x = int(a.x + t * dx + 0.5), y = int(a.y + t * dy + 0.5);
        bool differs = false;
        for (int oy = -1; oy <= 1; ++oy)
            for (int ox = -1; ox <= 1; ++ox)
                differs = differs || withLine.pixel(x + ox, y + oy) != without.pixel(x + ox, y + oy);
        alongLine += differs;
    }
    CHECK(alongLine >= 8);
    CHECK(kept.size() == 1);
}

TEST_CASE("gui: View > Reset layout puts the docks back and fits the window to the screen", "[gui][layout]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    QDockWidget* fft = window->findChild<QDockWidget*>(QStringLiteral("fftDock"));
    QDockWidget* levels = window->findChild<QDockWidget*>(QStringLiteral("levelsDock"));
    REQUIRE(fft != nullptr);
    REQUIRE(levels != nullptr);
    REQUIRE(fft->isVisible());
    fft->hide();
    levels->setFloating(true);
    window->resize(3000, 2000);
    window->resetLayout();
    QApplication::processEvents();
    CHECK(fft->isVisible());
    CHECK_FALSE(levels->isFloating());
    CHECK(window->dockWidgetArea(levels) == Qt::RightDockWidgetArea);
    // Within the screen, or at the window's minimum where the screen is smaller still (the
    // offscreen test screen is 800 x 600).
    const QRect screen = window->screen()->availableGeometry();
    CHECK(window->width() <= std::max(screen.width(), window->minimumSizeHint().width()));
    CHECK(window->height() <= std::max(screen.height(), window->minimumSizeHint().height()));
}

TEST_CASE("gui: every setting in the window and its dialogs says in a tooltip what it does", "[gui][help]")
{
    auto window = openWindow(simulatedMovie(256, 8));
    FrameMarks marks;
    QList<QWidget*> roots = {window.get(), new SimulationDialog(window.get()), new TrainingDialog(window.get()),
                             new ExportDialog(window.get()),
                             new MarkFramesDialog(&marks, window->document()->stackFactory(), window->document()->frameCount(), 0,
                                                  window.get())};
    int fields = 0;
    for (QWidget* root : roots) {
        QList<QWidget*> settings;
        for (QWidget* w : root->findChildren<QWidget*>()) {
            const bool field = qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QCheckBox*>(w)
                || qobject_cast<QLineEdit*>(w);
            // The line edit inside a spin or combo box is part of it; the dialogs' own are checked
            // with their dialog.
            const bool inner = qobject_cast<QLineEdit*>(w)
                && (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) || qobject_cast<QComboBox*>(w->parentWidget()));
            if (field && !inner && (root != window.get() || qobject_cast<QDialog*>(w->window()) == nullptr))
                settings << w;
        }
        for (QWidget* w : settings) {
            QString where;
            for (QWidget* p = w; p != nullptr && p != root; p = p->parentWidget())
                where = QStringLiteral("%1(%2)/").arg(QString::fromLatin1(p->metaObject()->className()), p->objectName()) + where;
            INFO(root->metaObject()->className() << ": " << where.toStdString());
            CHECK_FALSE(w->toolTip().trimmed().isEmpty());
        }
        fields += int(settings.size());
    }
    CHECK(fields >= 60);
}

TEST_CASE("gui: screenshots of the window measuring after an analysis, at 1600 x 1000 and 1366 x 768, in English and Chinese",
          "[.screenshots]")
{
    const QString dir = qEnvironmentVariable("HRTEM_SCREENSHOTS");
    REQUIRE_FALSE(dir.isEmpty());
    for (const QSize screen : {QSize(1600, 1000), QSize(1366, 768)}) {
        auto window = openWindow(simulatedMovie(512, 40));
        window->resize(screen);
        analyse(*window);
        hrtem::test::showFrame(*window, 20);
        const FrameAnalysis* frame = window->analysis()->frame(20);
        REQUIRE(frame != nullptr);
        REQUIRE(frame->atoms.size() > 10);
        // Two columns four periods apart near the particle's centre, an angle and a profile.
        const double period = window->analysis()->result()->period_px;
        double cx = 0, cy = 0;
        for (const Atom& a : frame->atoms) {
            cx += a.x / double(frame->atoms.size());
            cy += a.y / double(frame->atoms.size());
        }
        const Atom* centre = &frame->atoms.front();
        for (const Atom& a : frame->atoms)
            if (std::hypot(a.x - cx, a.y - cy) < std::hypot(centre->x - cx, centre->y - cy))
                centre = &a;
        const Atom* far = centre;
        for (const Atom& a : frame->atoms)
            if (std::abs(std::hypot(a.x - centre->x, a.y - centre->y) - 4 * period) < std::abs(std::hypot(far->x - centre->x, far->y - centre->y) - 4 * period))
                far = &a;
        FrameView& view = *window->frameView();
        // Zoomed in on the particle's centre, as one measures.
        view.zoomActualSize();
        view.setZoom(1.6, view.toWidget(QPointF(centre->x + 0.5, centre->y + 0.5)));
        view.setZoom(1.6, QPointF(view.width() / 2.0, view.height() / 2.0));
        Measuring& measuring = *window->measuring();
        measuring.toolAction(0)->trigger();
        drag(view, {centre->x, centre->y}, {far->x, far->y});
        // An angle below it, a profile above it.
        const Atom* a1 = nearestTo(*frame, centre->x - 2 * period, centre->y + 2 * period);
        const Atom* a2 = nearestTo(*frame, centre->x, centre->y + 3 * period);
        const Atom* a3 = nearestTo(*frame, centre->x + 2 * period, centre->y + 2 * period);
        measuring.toolAction(1)->trigger();
        drag(view, {a1->x, a1->y}, {a2->x, a2->y});
        click(view, {a3->x, a3->y});
        measuring.toolAction(2)->trigger();
        drag(view, {centre->x - 3 * period, centre->y - 2 * period}, {centre->x + 3 * period, centre->y - 2 * period});
        QApplication::processEvents();
        for (const char* language : {"en", "zh_CN"}) {
            applyLanguage(QString::fromLatin1(language));
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
            window->grab().save(dir + QStringLiteral("/measure-%1x%2-%3.png").arg(screen.width()).arg(screen.height()).arg(QLatin1String(language)));
        }
        view.renderSceneImage().save(dir + QStringLiteral("/view-%1x%2.png").arg(screen.width()).arg(screen.height()));
        applyLanguage(QStringLiteral("en"));
    }
}

TEST_CASE("gui: File > Watch folder analyses frames as a camera writes them and ends on the folder's analysis", "[gui][live]")
{
    MainWindow window(false);
    window.resize(1300, 900);
    window.show();
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("camera"));
    const auto source = sim::makeSimulatedStack(hrtem::test::smallMovie("demo", 4, 12));
    std::thread camera([&] { sim::writeFramesLikeACamera(*source, 12, folder.toStdString(), 20.0); });
    REQUIRE(window.liveWatch()->watch(folder, 1.0));
    CHECK(window.findChild<QWidget*>(QStringLiteral("liveWatchDialog"))->isVisible());
    const bool shown = waitUntil([&] {
        return window.document()->hasStack() && window.analysis()->result() && window.analysis()->result()->frames.size() == 12;
    }, 60000);
    camera.join();
    REQUIRE(shown);
    CHECK(window.liveWatch()->framesAnalysed() >= 12);
    CHECK(window.document()->frameCount() == 12);
    // The same result as the offline analysis of the finished folder.
    const AnalysisResult offline = analyzeStack(*openImageSequence(folder.toStdString(), {}), window.analysisPanel()->settings());
    CHECK(atomsCsv(*window.analysis()->result()) == atomsCsv(offline));
    CHECK(tracksCsv(*window.analysis()->result()) == tracksCsv(offline));
}
