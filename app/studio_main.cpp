// hrtem-studio: the HRTEM Studio desktop application.
#include "core/runtime/torch_runtime.h"
#include "core/version.h"
#include "ui/app/app_icon.h"
#include "ui/app/language.h"
#include "ui/app/settings.h"
#include "ui/document/analysis_command.h"
#include "ui/main_window.h"
#include "ui/restoration_compare.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <iostream>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("HRTEM Studio"));
    QCoreApplication::setApplicationName(QStringLiteral("hrtem-studio"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(hrtem::kVersion));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("HRTEM Studio"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hrtem_studio.HrtemStudio"));
    QApplication::setWindowIcon(hrtem::ui::applicationIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("HRTEM Studio: in-situ HRTEM movie analysis"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Stack (TIFF, DM3/DM4, video, folder) or session (.hrtems) to open"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to PATH once loaded, then exit."),
                                        QStringLiteral("path"));
    const QCommandLineOption language(QStringLiteral("lang"), QStringLiteral("Interface language: en or zh_CN."),
                                      QStringLiteral("code"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the bundled demo movie."));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1400x900."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption analyze(QStringLiteral("analyze"),
                                     QStringLiteral("Analyse the stack once it is open (as hrtem analyze), then exit: "
                                                    "status 0, or 1 on failure."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Analysis settings for --analyze (the JSON hrtem analyze --config takes)."),
                                    QStringLiteral("file"));
    const QCommandLineOption exportDir(QStringLiteral("export"),
                                       QStringLiteral("With --analyze: write the result files of hrtem analyze into DIR."),
                                       QStringLiteral("dir"));
    const QCommandLineOption frame(QStringLiteral("frame"), QStringLiteral("Show frame N once the stack is open."),
                                   QStringLiteral("N"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("Show the frame raw, restored, side-by-side or split (View > Restoration)."),
                                     QStringLiteral("mode"));
    const QCommandLineOption compareMethod(QStringLiteral("restoration"),
                                           QStringLiteral("The restoration method the restored frame shows: wiener, absf, nlm, bm3d or gan."),
                                           QStringLiteral("method"));
    parser.addOptions({screenshot, language, demo, size, analyze, config, exportDir, frame, compare, compareMethod});
    parser.process(app);
    if ((parser.isSet(config) || parser.isSet(exportDir)) && !parser.isSet(analyze)) {
        std::cerr << "hrtem-studio: --config and --export go with --analyze" << std::endl;
        return 2;
    }
    hrtem::AnalysisSettings analysisSettings;
    if (parser.isSet(config)) {
        try {
            analysisSettings = hrtem::readAnalysisSettingsFile(parser.value(config).toStdString());
        } catch (const std::exception& e) {
            std::cerr << "hrtem-studio: " << e.what() << std::endl;
            return 2;
        }
    }

    hrtem::computeRuntime(); // LibTorch thread pool sized from the hardware
    hrtem::ui::applyLanguage(parser.isSet(language) ? parser.value(language) : hrtem::ui::settings::language());

    const bool screenshotMode = parser.isSet(screenshot) || parser.isSet(analyze);
    // Screenshots use a fixed layout, not the user's saved window state.
    hrtem::ui::MainWindow window(!screenshotMode);
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    } else if (screenshotMode) {
        window.resize(1400, 900);
    }
    window.show();
    if (parser.isSet(compareMethod))
        window.restorationCompare()->setMethod(parser.value(compareMethod));
    if (parser.isSet(compare)) {
        const QStringList modes = {QStringLiteral("raw"), QStringLiteral("restored"), QStringLiteral("side-by-side"), QStringLiteral("split")};
        const int mode = modes.indexOf(parser.value(compare));
        if (mode < 0) {
            std::cerr << "hrtem-studio: --compare takes raw, restored, side-by-side or split" << std::endl;
            return 2;
        }
        window.restorationCompare()->setMode(hrtem::ui::RestorationCompare::Mode(mode));
    }
    if (parser.isSet(analyze))
        window.setScriptedAnalysis(analysisSettings, parser.value(exportDir));
    if (parser.isSet(frame))
        window.setInitialFrame(parser.value(frame).toInt());
    if (parser.isSet(screenshot)) {
        window.setScreenshotPath(parser.value(screenshot));
        if (!parser.isSet(analyze)) // an analysis takes as long as it takes
            QTimer::singleShot(120000, &app, [] {
                std::cerr << "hrtem-studio: screenshot timed out" << std::endl;
                QCoreApplication::exit(2);
            });
    }
    if (parser.isSet(demo))
        window.openDemo();
    else if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().first());
    else if (screenshotMode) {
        std::cerr << "hrtem-studio: --screenshot and --analyze need a file or --demo" << std::endl;
        return 2;
    } else
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); }); // work left by a crash
    if (screenshotMode)
        window.setAskBeforeDiscarding(false);
    return app.exec();
}
