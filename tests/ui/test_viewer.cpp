// The viewer without instrument files: view geometry, scale bars, the demo movie, languages.
#include "tests/support/qt_wait.h"
#include "core/sim/settings.h"
#include "ui/app/language.h"
#include "ui/dialogs/simulation_dialog.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/fft_panel.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/scale_bar.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QMenuBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QWheelEvent>

using namespace hrtem;
using namespace hrtem::ui;

TEST_CASE("scale bars choose round physical lengths in a readable unit", "[ui][scalebar]")
{
    ScaleBar bar = chooseScaleBar(0.02, QStringLiteral("nm"), 200); // 4 nm across -> 2 nm
    CHECK(bar.label == QStringLiteral("2 nm"));
    CHECK(bar.lengthPixels == Approx(100));
    bar = chooseScaleBar(0.001, QStringLiteral("µm"), 300); // 0.3 µm -> shown as 200 nm
    CHECK(bar.label == QStringLiteral("200 nm"));
    CHECK(bar.lengthPixels == Approx(200));
    bar = chooseScaleBar(1.0, QString(), 220); // uncalibrated
    CHECK(bar.label == QStringLiteral("200 px"));
    bar = chooseScaleBar(0.1, QStringLiteral("1/nm"), 100); // FFT: reciprocal units kept
    CHECK(bar.label == QStringLiteral("10 1/nm"));
    CHECK(bar.lengthPixels == Approx(100));
}

TEST_CASE("wheel zoom keeps the image point under the cursor fixed", "[ui][view]")
{
    FrameView view;
    view.resize(400, 400);
    QImage image(100, 80, QImage::Format_Grayscale8);
    image.fill(128);
    view.setImage(image);
    view.show();
    CHECK(view.isFitting());
    const QPointF cursor(123.0, 211.0);
    const QPointF before = view.toImage(cursor);
    const double zoomBefore = view.zoom();
    QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    CHECK(view.zoom() == Approx(zoomBefore * 1.2));
    CHECK(view.toImage(cursor).x() == Approx(before.x()));
    CHECK(view.toImage(cursor).y() == Approx(before.y()));
    CHECK_FALSE(view.isFitting());
    view.zoomActualSize();
    CHECK(view.zoom() == 1.0);
    view.fitToWindow();
    CHECK(view.zoom() == Approx(0.98 * 4.0)); // 400 px for 100 px of image
}

TEST_CASE("the demo movie opens, scrubbing ends on the last requested frame", "[ui][document]")
{
    MainWindow window(false);
    window.show();
    StackDocument* doc = window.document();
    window.openDemo();
    REQUIRE(test::waitUntil([&] { return doc->hasStack() && !doc->isBusy() && doc->fft() != nullptr; }));
    CHECK(doc->frameCount() == 40);
    CHECK(window.frameView()->image().size() == QSize(512, 512));
    CHECK(doc->info().x.units == "nm");
    // A user dragging the slider: many requests, only the latest matters.
    for (int f = 1; f < 40; ++f)
        doc->setCurrentFrame(f);
    REQUIRE(test::waitUntil([&] { return !doc->isBusy(); }));
    REQUIRE(doc->currentFrameData() != nullptr);
    CHECK(doc->currentFrameData()->index == 39);
    CHECK(doc->currentFrame() == 39);
    // Auto contrast follows the frame's percentiles.
    CHECK(doc->levels().low == Approx(doc->currentFrameData()->autoLevels.low));
    CHECK(doc->levels().high == Approx(doc->currentFrameData()->autoLevels.high));
}

TEST_CASE("a region drawn on the frame is what the FFT transforms", "[ui][fft]")
{
    MainWindow window(false);
    window.show();
    StackDocument* doc = window.document();
    window.openDemo();
    REQUIRE(test::waitUntil([&] { return doc->hasStack() && !doc->isBusy() && doc->fft() != nullptr; }));
    CHECK(doc->fft()->size == 512);
    window.frameView()->setRegion(QRect(10, 20, 120, 80));
    REQUIRE(test::waitUntil([&] { return !doc->isBusy() && doc->fft()->size == 80; }));
    CHECK(doc->fft()->region == cv::Rect(30, 20, 80, 80)); // largest centred square
    CHECK(doc->fft()->reciprocalUnits == "1/nm");
    CHECK(window.fftPanel()->view()->image().size() == QSize(80, 80));
}

TEST_CASE("switching the language retranslates the open window", "[ui][i18n]")
{
    MainWindow window(false);
    window.show();
    const QString english = window.menuBar()->actions().first()->text();
    CHECK(english == QStringLiteral("&File"));
    applyLanguage(QStringLiteral("zh_CN"));
    QCoreApplication::processEvents();
    CHECK(window.menuBar()->actions().first()->text() == QStringLiteral("文件(&F)"));
    applyLanguage(QStringLiteral("en"));
    QCoreApplication::processEvents();
    CHECK(window.menuBar()->actions().first()->text() == english);
}

TEST_CASE("the simulation dialog opens the chosen movie in the viewer", "[ui][sim]")
{
    MainWindow window(false);
    window.show();
    window.showSimulationDialog();
    QCoreApplication::processEvents();
    auto* dialog = window.findChild<SimulationDialog*>();
    REQUIRE(dialog != nullptr);
    auto* preset = dialog->findChild<QComboBox*>();
    REQUIRE(preset != nullptr);
    preset->setCurrentText(QStringLiteral("medium"));
    const sim::SimulationSettings medium = dialog->settings();
    CHECK(medium.preset == "medium");
    CHECK(medium.countsPerPixel() == Approx(20.0));
    sim::SimulationSettings small = medium;
    small.width = small.height = 128;
    small.frames = 3;
    Q_EMIT dialog->openRequested(small);
    StackDocument* doc = window.document();
    REQUIRE(test::waitUntil([&] { return doc->hasStack() && !doc->isBusy(); }));
    CHECK(doc->frameCount() == 3);
    CHECK(doc->info().width == 128);
    CHECK(doc->info().format == "Simulation");
    dialog->close();
}

TEST_CASE("gui: Help opens the manual in the interface's language and lists every menu shortcut", "[gui][help]")
{
    MainWindow window(false);
    window.show();
    QMenu* help = window.menuBar()->actions().last()->menu();
    REQUIRE(help != nullptr);
    auto trigger = [&](const QString& text) {
        for (QAction* action : help->actions())
            if (action->text() == text) {
                action->trigger();
                return true;
            }
        return false;
    };
    for (const char* language : {"en", "zh_CN"}) {
        INFO(language);
        applyLanguage(QString::fromLatin1(language));
        QCoreApplication::processEvents();
        const bool zh = QLatin1String(language) == QLatin1String("zh_CN");
        REQUIRE(trigger(zh ? QStringLiteral("使用手册(&M)") : QStringLiteral("&Manual")));
        auto* manual = window.findChild<QDialog*>(QStringLiteral("manualDialog"));
        REQUIRE(manual != nullptr);
        CHECK(manual->isVisible());
        const QString text = manual->findChild<QTextBrowser*>()->toPlainText();
        CHECK(text.contains(zh ? QStringLiteral("用自己的帧训练复原网络") : QStringLiteral("Training a restoration network on your frames")));
        CHECK(text.contains(QStringLiteral("hrtem analyze")));
        delete manual;

        REQUIRE(trigger(zh ? QStringLiteral("键盘快捷键(&K)") : QStringLiteral("&Keyboard shortcuts")));
        auto* shortcuts = window.findChild<QDialog*>(QStringLiteral("shortcutsDialog"));
        REQUIRE(shortcuts != nullptr);
        const QTableWidget* table = shortcuts->findChild<QTableWidget*>();
        REQUIRE(table != nullptr);
        QStringList keys, commands;
        for (int row = 0; row < table->rowCount(); ++row) {
            commands << table->item(row, 0)->text();
            keys << table->item(row, 1)->text();
        }
        // Read from the menus: the open, run and mark keys are there, each once with its command.
        CHECK(table->rowCount() >= 20);
        CHECK(keys.contains(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
        CHECK(keys.contains(QStringLiteral("H")));
        CHECK(keys.contains(QStringLiteral("F5")));
        CHECK(commands.filter(zh ? QStringLiteral("标记本帧为高质量") : QStringLiteral("Mark frame high quality")).size() == 1);
        delete shortcuts;
    }
    applyLanguage(QStringLiteral("en"));
}
