// Benchmark (issue 31, bar 3): the GUI thread while HRTEM-GAN trains from the window. Opens the
// demo movie, marks 8 frames high and 8 low quality, starts Analysis > Train restoration network
// with the shipped CPU-size network (64 px patches, batch 4) and, for the time given, works as a
// user would: steps through frames, toggles the side-by-side restored view, opens the Mark frames
// dialog. A 5 ms timer records every event-loop gap; the longest is the worst stall the user
// could feel. Prints JSON. Usage: bench_training_gui [SECONDS=60] [--screenshots DIR] [--lang zh_CN]
// (--screenshots: the training dialog and the window, side by side view on, half-way through).
#include "core/runtime/torch_runtime.h"
#include "ui/app/language.h"
#include "ui/dialogs/mark_frames_dialog.h"
#include "ui/dialogs/training_dialog.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/restoration_compare.h"
#include "ui/restoration_training.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <vector>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    int seconds = 60;
    QString screenshots, language;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--screenshots") && i + 1 < args.size())
            screenshots = args[++i];
        else if (args[i] == QLatin1String("--lang") && i + 1 < args.size())
            language = args[++i];
        else
            seconds = std::max(5, args[i].toInt());
    }
    if (!language.isEmpty())
        hrtem::ui::applyLanguage(language);
    const hrtem::ComputeRuntime runtime = hrtem::computeRuntime();
    QTemporaryDir out;

    hrtem::ui::MainWindow window(false);
    window.resize(1400, 900);
    window.show();
    window.openDemo();
    auto pump = [](const std::function<bool()>& done, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return done();
    };
    if (!pump([&] { return window.document()->currentFrameData() != nullptr; }, 60000)) {
        std::cerr << "the demo movie did not open\n";
        return 1;
    }
    hrtem::ui::RestorationTraining* training = window.restorationTraining();
    training->marks()->mark(0, 7, hrtem::ui::FrameMark::High);
    training->marks()->mark(20, 27, hrtem::ui::FrameMark::Low);
    hrtem::ui::TrainingDialog* dialog = training->showTrainingDialog();
    dialog->setOutputPath(out.filePath(QStringLiteral("bench.safetensors")));
    dialog->setSteps(200); // a loss point every step: the plot redraws as often as it can
    dialog->setTimeBudget(0);
    dialog->setDevice(QStringLiteral("cpu"));

    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    std::vector<qint64> gaps;
    nlohmann::json longGaps = nlohmann::json::array(); ///< [when (s), gap (ms)] of those over 50 ms
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        gaps.push_back(now - last);
        if (now - last > 50)
            longGaps.push_back({now / 1000.0, now - last});
        last = now;
    });
    // What the user does meanwhile: a frame every 150 ms, the restored view on and off every 3 s,
    // the Mark frames dialog (which scores every frame in the background) once.
    int userSteps = 0;
    QTimer user;
    user.setInterval(150);
    QObject::connect(&user, &QTimer::timeout, [&] {
        ++userSteps;
        window.document()->setCurrentFrame(userSteps % window.document()->frameCount());
        if (userSteps % 20 == 0)
            window.restorationCompare()->setMode(userSteps % 40 == 0 ? hrtem::ui::RestorationCompare::Mode::Raw
                                                                     : hrtem::ui::RestorationCompare::Mode::SideBySide);
        if (userSteps == 30)
            training->showMarkDialog();
    });
    dialog->start();
    last = clock.elapsed();
    probe.start();
    user.start();
    if (!screenshots.isEmpty()) {
        // Half-way: the window with raw and restored side by side, and the dialog mid-training.
        pump([&] { return clock.elapsed() > seconds * 500; }, seconds * 1000);
        user.stop();
        probe.stop(); // the screenshots' own rendering is not the user's wait
        window.restorationCompare()->setMode(hrtem::ui::RestorationCompare::Mode::SideBySide);
        window.document()->setCurrentFrame(24);
        pump([&] { return window.restorationCompare()->frameComplete() && !window.document()->isBusy(); }, 60000);
        const QString suffix = language.isEmpty() ? QString() : QLatin1Char('_') + language;
        window.grab().save(screenshots + QStringLiteral("/window_training") + suffix + QStringLiteral(".png"));
        dialog->grab().save(screenshots + QStringLiteral("/training_dialog") + suffix + QStringLiteral(".png"));
        user.start();
        last = clock.elapsed();
        probe.start();
    }
    pump([&] { return clock.elapsed() > seconds * 1000; }, seconds * 1000 + 1000);
    const int lossPoints = dialog->lossPointCount();
    user.stop();
    probe.stop();
    dialog->cancel();
    pump([&] { return !dialog->isRunning(); }, 120000);

    std::vector<qint64> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const auto over = [&](qint64 ms) { return std::count_if(gaps.begin(), gaps.end(), [ms](qint64 g) { return g > ms; }); };
    nlohmann::json report = {
        {"benchmark", "training_gui_thread"},
        {"seconds", seconds},
        {"runtime", runtime.description},
        {"network", "shipped CPU size (16 base channels, 3 levels, ViT 2x4), 64 px patches, batch 4"},
        {"loss_points_logged", lossPoints},
        {"user_actions", userSteps},
        {"event_loop_gaps", gaps.size()},
        {"worst_gap_ms", sorted.empty() ? 0 : sorted.back()},
        {"p99_gap_ms", sorted.empty() ? 0 : sorted[sorted.size() * 99 / 100]},
        {"median_gap_ms", sorted.empty() ? 0 : sorted[sorted.size() / 2]},
        {"gaps_over_50_ms", over(50)},
        {"gaps_over_100_ms", over(100)},
        {"gaps_over_50_ms_at", longGaps},
        {"bar_worst_gap_at_most_100_ms", !sorted.empty() && sorted.back() <= 100},
    };
    std::cout << report.dump(2) << std::endl;
    return 0;
}
