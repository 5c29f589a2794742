#pragma once
// The main window in GUI tests (offscreen): a simulated movie on disk, a window that has it
// open, an analysis run to the end, and a mouse click. Shared by the analysis, plots and
// trajectory tests.
#include "core/sim/simulation.h"
#include "tests/support/qt_wait.h"
#include "tests/support/small_movie.h"
#include "ui/document/analysis_document.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QFile>
#include <QMouseEvent>
#include <QTemporaryDir>

#include <memory>

namespace hrtem::test {

/// A simulated movie on disk, written once per test process: `frames` frames of `size`² px
/// of the demo preset (bright-field gold particle with a twin, 60 counts/px).
inline QString simulatedMovie(int size, int frames)
{
    static QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("sim_%1_%2").arg(size).arg(frames));
    const QString movie = folder + QStringLiteral("/movie.tif");
    if (!QFile::exists(movie)) {
        // The demo itself at 512 px; at smaller sizes, a particle that fits.
        sim::SimulationSettings s = size < 512 ? test::smallMovie("demo", 1, frames, size) : sim::preset("demo");
        s.frames = frames;
        sim::writeSimulation(sim::Simulation(s), folder.toStdString());
    }
    return movie;
}

/// Opens `movie` in a fresh window and waits for its first frame.
inline std::unique_ptr<ui::MainWindow> openWindow(const QString& movie)
{
    auto window = std::make_unique<ui::MainWindow>(false);
    window->resize(1300, 900);
    window->show();
    window->openFile(movie);
    REQUIRE(waitUntil([&] { return window->document()->hasStack() && window->document()->currentFrameData() != nullptr; }));
    return window;
}

/// Shows stack frame `frame` and waits until it is drawn.
inline void showFrame(ui::MainWindow& window, int frame)
{
    window.document()->setCurrentFrame(frame);
    REQUIRE(waitUntil([&] { return window.document()->currentFrameData() && window.document()->currentFrameData()->index == frame; }));
    QApplication::processEvents();
}

/// Runs the analysis with the panel's settings and waits for it to end.
inline void analyse(ui::MainWindow& window)
{
    REQUIRE(window.runAnalysis());
    REQUIRE(waitUntil([&] { return !window.analysis()->isRunning(); }, 120000));
    REQUIRE(window.analysis()->result());
    REQUIRE_FALSE(window.analysis()->result()->frames.empty());
}

inline void clickAt(QWidget* widget, QPointF pos)
{
    QMouseEvent press(QEvent::MouseButtonPress, pos, widget->mapToGlobal(pos), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, pos, widget->mapToGlobal(pos), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &release);
}

} // namespace hrtem::test
