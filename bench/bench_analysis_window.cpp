// Benchmark (issue 15, bar 3): the window stays responsive while the analysis runs.
//  - gui_stall_max_ms: the longest gap of a 5 ms event-loop timer while the demo movie (a file
//    written by `hrtem simulate --preset demo`, or any stack given) is analysed in the window
//    and the user steps through frames;
//  - cancel_ms: from Cancel to control back (run ended, buttons enabled), over several tries;
//  - repaint_ms: one repaint of the frame view at fit zoom with ~2,000 columns, bonds and tails
//    (the analysed frames tiled on a grid until one frame holds 2,000+), median and worst of 30.
// Prints JSON. Usage: bench_analysis_window MOVIE
#include "bench/bench_support.h"
#include "core/result/analysis_result.h"
#include "ui/document/analysis_document.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_overlay.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/frame_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

using namespace hrtem;
using hrtem::bench::waitFor;
using namespace hrtem::ui;

namespace {

/// The analysed frames' atoms tiled on a grid (each copy shifted by the frame size) until the
/// last frame carries at least 2,000 columns: a dense view.
std::shared_ptr<AnalysisResult> tiled(const AnalysisResult& r)
{
    auto out = std::make_shared<AnalysisResult>(r);
    const std::size_t perFrame = std::max<std::size_t>(1, r.frames.back().atoms.size());
    const int copies = int(std::clamp<std::size_t>((2000 + perFrame - 1) / perFrame, 1, 16));
    const int grid = int(std::ceil(std::sqrt(double(copies))));
    for (std::size_t i = 0; i < r.frames.size(); ++i) {
        FrameAnalysis& f = out->frames[i];
        const FrameAnalysis& src = r.frames[i];
        const int n = int(src.atoms.size());
        for (int copy = 1; copy < copies; ++copy) {
            const double dx = (copy % grid) * r.width, dy = (copy / grid) * r.height;
            for (Atom a : src.atoms) {
                a.x += dx;
                a.y += dy;
                a.trackId = -1;
                f.atoms.push_back(a);
            }
            for (Bond b : src.relations.bonds) {
                b.a += copy * n;
                b.b += copy * n;
                f.relations.bonds.push_back(b);
            }
        }
    }
    // Tracks copied with their points shifted too, so tails are four times as many.
    const std::size_t tracks = r.tracking.tracks.size();
    for (int copy = 1; copy < copies; ++copy)
        for (std::size_t t = 0; t < tracks; ++t) {
            Track track = r.tracking.tracks[t];
            track.id = int(out->tracking.tracks.size());
            for (TrackPoint& p : track.points) {
                p.x += (copy % grid) * r.width;
                p.y += (copy / grid) * r.height;
            }
            out->tracking.tracks.push_back(track);
            if (t < r.behaviours.perTrackPoint.size())
                out->behaviours.perTrackPoint.push_back(r.behaviours.perTrackPoint[t]);
        }
    out->width *= grid;
    out->height *= grid;
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    if (argc < 2) {
        std::cerr << "usage: bench_analysis_window MOVIE\n";
        return 2;
    }
    MainWindow window(false);
    window.resize(1400, 900);
    window.show();
    window.openFile(QString::fromLocal8Bit(argv[1]));
    if (!waitFor([&] { return window.document()->hasStack() && window.document()->currentFrameData(); }, 60000)) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 1;
    }

    // 1. The longest event-loop stall during a whole analysis, while stepping through frames.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, worstGap = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worstGap = std::max(worstGap, now - last);
        last = now;
    });
    QTimer stepper;
    stepper.setInterval(100);
    QObject::connect(&stepper, &QTimer::timeout, [&] {
        StackDocument* doc = window.document();
        doc->setCurrentFrame((doc->currentFrame() + 1) % doc->frameCount());
    });
    last = clock.elapsed();
    probe.start();
    stepper.start();
    const qint64 runStart = clock.elapsed();
    window.runAnalysis();
    waitFor([&] { return !window.analysis()->isRunning(); }, 600000);
    const double runSeconds = (clock.elapsed() - runStart) / 1000.0;
    stepper.stop();
    probe.stop();
    const auto result = window.analysis()->result();
    const int frames = result ? int(result->frames.size()) : 0;

    // 2. Cancel: start, wait for two frames, cancel, time until control is back.
    std::vector<double> cancels;
    for (int attempt = 0; attempt < 5; ++attempt) {
        int arrived = 0;
        auto connection = QObject::connect(window.analysis(), &AnalysisDocument::frameAnalysed, [&arrived](int) { ++arrived; });
        window.runAnalysis();
        waitFor([&] { return arrived >= 2 + attempt; }, 60000);
        QElapsedTimer c;
        c.start();
        window.analysisPanel()->cancelButton()->click();
        waitFor([&] { return !window.analysis()->isRunning() && window.analysisPanel()->runButton()->isEnabled(); }, 60000);
        cancels.push_back(c.nsecsElapsed() / 1e6);
        QObject::disconnect(connection);
    }

    // 3. Repaint cost with ~2,000 columns at fit zoom, atoms, bonds and tails on.
    window.analysis()->setResult(nullptr);
    std::shared_ptr<AnalysisResult> dense;
    {
        window.runAnalysis();
        waitFor([&] { return !window.analysis()->isRunning(); }, 600000);
        dense = tiled(*window.analysis()->result());
    }
    waitFor([&] { return !window.document()->isBusy(); }, 60000);
    FrameView* view = window.frameView();
    QImage big(dense->width, dense->height, QImage::Format_RGB32);
    big.fill(QColor(90, 90, 90));
    view->setImage(big);
    view->fitToWindow();
    const int lastFrame = dense->frames.back().frame;
    window.analysis()->setResult(dense);
    window.overlay()->setStackFrame(lastFrame);
    window.overlay()->setResult(dense);
    QApplication::processEvents();
    QImage target(view->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> paints;
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer t;
        t.start();
        view->render(&target);
        paints.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(paints.begin(), paints.end());
    std::sort(cancels.begin(), cancels.end());
    const std::size_t columns = dense->frames.back().atoms.size();

    nlohmann::json out = {
        {"benchmark", "analysis_window"},
        {"movie", argv[1]},
        {"frames_analysed", frames},
        {"analysis_seconds", runSeconds},
        {"gui_stall_max_ms", worstGap},
        {"gui_stall_target_ms", 100},
        {"cancel_ms_median", cancels[cancels.size() / 2]},
        {"cancel_ms_max", cancels.back()},
        {"cancel_target_ms", 1000},
        {"repaint_columns", columns},
        {"repaint_bonds", dense->frames.back().relations.bonds.size()},
        {"repaint_view_px", {view->width(), view->height()}},
        {"repaint_ms_median", paints[paints.size() / 2]},
        {"repaint_ms_max", paints.back()},
        {"repaint_target_ms", 16},
    };
    std::cout << out.dump(2) << std::endl;
    return 0;
}
