// hrtem-studio: the HRTEM Studio desktop application.
#include "core/runtime/torch_runtime.h"
#include "core/version.h"
#include "ui/app/app_icon.h"
#include "ui/app/language.h"
#include "ui/app/settings.h"
#include "ui/main_window.h"

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
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Stack to open (TIFF, DM3/DM4, video, folder)"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to PATH once loaded, then exit."),
                                        QStringLiteral("path"));
    const QCommandLineOption language(QStringLiteral("lang"), QStringLiteral("Interface language: en or zh_CN."),
                                      QStringLiteral("code"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the bundled demo movie."));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1400x900."),
                                  QStringLiteral("WxH"));
    parser.addOptions({screenshot, language, demo, size});
    parser.process(app);

    hrtem::computeRuntime(); // LibTorch thread pool sized from the hardware
    hrtem::ui::applyLanguage(parser.isSet(language) ? parser.value(language) : hrtem::ui::settings::language());

    const bool screenshotMode = parser.isSet(screenshot);
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
    if (screenshotMode) {
        window.setScreenshotPath(parser.value(screenshot));
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
        std::cerr << "hrtem-studio: --screenshot needs a file or --demo" << std::endl;
        return 2;
    }
    return app.exec();
}
