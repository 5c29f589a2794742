// Benchmark (issue 35, item 4): a long working session in the window, offscreen. Each cycle
// reopens the movie, starts an analysis, cancels it after its first frame (odd cycles) or lets it
// finish (even cycles), moves an atom by hand, undoes that, and goes on. Resident memory and open
// file descriptors are sampled every 100 cycles; the bar is memory after the last cycle within 5%
// of memory after cycle 100 (the caches and the networks are loaded by then).
// Prints JSON. Usage: bench_soak MOVIE [CYCLES]
#include "bench/bench_support.h"
#include "core/result/analysis_result.h"
#include "core/result/analysis_settings.h"
#include "core/result/corrections.h"
#include "ui/document/analysis_document.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_panel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QPushButton>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

using namespace hrtem;
using hrtem::bench::residentMiB;
using hrtem::bench::waitFor;

namespace {

int openDescriptors()
{
    int n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

/// One cycle; false (with the reason on standard error) when a step does not happen.
bool cycle(ui::MainWindow& window, const QString& movie, bool cancel)
{
    window.openFile(movie);
    if (!waitFor([&] { return window.document()->hasStack() && window.document()->currentFrameData() && !window.document()->isBusy(); }, 60000)) {
        std::cerr << "the movie did not open\n";
        return false;
    }
    int arrived = 0;
    const auto connection = QObject::connect(window.analysis(), &ui::AnalysisDocument::frameAnalysed, [&](int) { ++arrived; });
    if (!window.runAnalysis()) {
        std::cerr << "the analysis did not start\n";
        return false;
    }
    if (cancel) {
        waitFor([&] { return arrived >= 1 || !window.analysis()->isRunning(); }, 120000);
        window.analysisPanel()->cancelButton()->click();
    }
    const bool ended = waitFor([&] { return !window.analysis()->isRunning(); }, 300000);
    QObject::disconnect(connection);
    const std::shared_ptr<const AnalysisResult> result = window.analysis()->result();
    if (!ended || result == nullptr || result->frames.empty() || result->frames.front().atoms.empty()) {
        std::cerr << "the analysis did not end with columns\n";
        return false;
    }
    const Atom& atom = result->frames.front().atoms.front();
    Correction move;
    move.kind = Correction::Kind::MoveAtom;
    move.frame = result->frames.front().frame;
    move.at = {atom.x, atom.y};
    move.to = {atom.x + 0.5, atom.y - 0.5};
    if (!window.applyCorrection(move)) {
        std::cerr << "the correction was refused\n";
        return false;
    }
    window.undoAction()->trigger();
    QApplication::processEvents();
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: bench_soak MOVIE [CYCLES]\n";
        return 2;
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString movie = QString::fromLocal8Bit(argv[1]);
    const int cycles = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1000;
    ui::MainWindow window(false);
    window.resize(1300, 900);
    window.show();
    AnalysisSettings settings;
    settings.threads = 2;
    settings.device = "cpu";
    window.analysisPanel()->setSettings(settings);

    nlohmann::json samples = nlohmann::json::array();
    const auto start = SteadyClock::now();
    double at100 = -1.0, last = -1.0;
    for (int c = 1; c <= cycles; ++c) {
        if (!cycle(window, movie, c % 2 == 1)) {
            std::cout << nlohmann::json{{"benchmark", "soak"}, {"failed_at_cycle", c}}.dump(2) << std::endl;
            return 1;
        }
        if (c == 1 || c % 100 == 0 || c == cycles) {
            last = residentMiB();
            if (c == 100)
                at100 = last;
            samples.push_back({{"cycle", c}, {"rss_mib", last}, {"open_fds", openDescriptors()},
                               {"seconds", secondsSince(start)}});
            std::cerr << samples.back().dump() << std::endl;
        }
    }
    const double growth = at100 > 0 ? last / at100 - 1.0 : 0.0;
    std::cout << nlohmann::json{{"benchmark", "soak"},
                                {"movie", argv[1]},
                                {"cycles", cycles},
                                {"samples", samples},
                                {"rss_growth_after_cycle_100", growth},
                                {"target_growth", 0.05},
                                {"pass", at100 > 0 && growth <= 0.05}}
                     .dump(2)
              << std::endl;
    return 0;
}
