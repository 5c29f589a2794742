// Benchmark: how long the GUI thread can be blocked while the viewer opens a large stack and
// the user scrubs through 100 frames. A 5 ms timer records every event-loop gap. Prints JSON.
// Usage: bench_viewer_responsiveness STACK   (e.g. the 4 GiB file bench_open_large_stack makes)
#include "ui/document/stack_document.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <random>

namespace {
double residentMiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    return -1.0;
}
} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    if (argc < 2) {
        std::cerr << "usage: bench_viewer_responsiveness STACK\n";
        return 2;
    }
    hrtem::ui::MainWindow window(false);
    window.show();
    hrtem::ui::StackDocument* doc = window.document();

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
    auto waitIdle = [&](int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while ((doc->isBusy() || !doc->hasStack()) && t.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    };
    for (int i = 0; i < 20; ++i) // let the window settle before measuring
        QCoreApplication::processEvents();

    nlohmann::json result;
    result["benchmark"] = "viewer_responsiveness";
    result["stack"] = argv[1];
    result["rss_before_open_mib"] = residentMiB();
    last = clock.elapsed();
    probe.start();
    const qint64 openStart = clock.elapsed();
    window.openFile(QString::fromLocal8Bit(argv[1]));
    waitIdle(60000);
    result["open_to_first_frame_s"] = (clock.elapsed() - openStart) / 1000.0;
    result["open_max_gui_stall_ms"] = worstGap;

    worstGap = 0;
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> pick(0, std::max(0, doc->frameCount() - 1));
    double peakRss = residentMiB();
    const qint64 scrubStart = clock.elapsed();
    for (int k = 0; k < 100; ++k) { // a drag: a new frame request every 20 ms
        doc->setCurrentFrame(pick(rng));
        QElapsedTimer step;
        step.start();
        while (step.elapsed() < 20)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        peakRss = std::max(peakRss, residentMiB());
    }
    waitIdle(60000);
    result["scrub_requests"] = 100;
    result["scrub_s"] = (clock.elapsed() - scrubStart) / 1000.0;
    result["scrub_max_gui_stall_ms"] = worstGap;
    result["peak_rss_mib"] = peakRss;
    result["frames"] = doc->frameCount();
    std::cout << result.dump(2) << std::endl;
    return 0;
}
