// The viewer on real instrument files: what a microscopist sees after opening them.
#include "core/io/stack.h"
#include "tests/support/qt_wait.h"
#include "tests/support/testdata.h"
#include "ui/app/problem_message.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/metadata_panel.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QMessageBox>
#include <QProcess>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <QTreeWidget>

using namespace hrtem;
using namespace hrtem::ui;

namespace {
QString testFile(const char* relative)
{
    return QString::fromStdString((*test::testDataDir() / relative).string());
}
} // namespace

TEST_CASE("a real lattice opens with frame, levels, FFT, metadata and cursor readout", "[ui][files]")
{
    MainWindow window(false);
    window.show();
    StackDocument* doc = window.document();
    window.openFile(testFile("dm/DMReader_Image_SI-Survey.dm3"));
    REQUIRE(test::waitUntil([&] { return doc->hasStack() && !doc->isBusy() && doc->fft() != nullptr; }));
    CHECK(window.windowTitle().contains(QStringLiteral("DMReader_Image_SI-Survey.dm3")));
    CHECK(window.frameView()->image().size() == QSize(512, 512));
    const FrameData* data = doc->currentFrameData();
    REQUIRE(data != nullptr);
    CHECK(data->min == 2833418.0); // reference.json
    CHECK(data->max == 3235793.0);
    CHECK(doc->levels().low > data->min);
    CHECK(doc->levels().high < data->max);
    CHECK(doc->fft()->size == 512);
    const QList<QTreeWidgetItem*> voltage =
        window.metadataPanel()->tree()->findItems(QStringLiteral("Voltage (kV)"), Qt::MatchExactly | Qt::MatchRecursive);
    REQUIRE(voltage.size() == 1);
    CHECK(voltage.first()->text(1) == QStringLiteral("200"));
    const QString readout = window.cursorReadout(QPointF(10.5, 20.5));
    CHECK(readout.startsWith(QStringLiteral("x 10  y 20 px")));
    CHECK(readout.endsWith(QString::number(static_cast<double>(data->frame.at<float>(20, 10)), 'g', 7)));
}

TEST_CASE("a calibrated file gives the scale bar and readout physical units", "[ui][files]")
{
    MainWindow window(false);
    window.show();
    StackDocument* doc = window.document();
    window.openFile(testFile("dm/test_STEM_image.dm3"));
    REQUIRE(test::waitUntil([&] { return doc->hasStack() && !doc->isBusy(); }));
    // x = offset + index * scale with offset 51.447 nm (origin -207 px), scale 0.2485 nm
    const QString readout = window.cursorReadout(QPointF(0.5, 0.5));
    CHECK(readout.contains(QStringLiteral("(51.4474, 42.5000) nm")));
}

TEST_CASE("a file that cannot be opened gets a dialog naming the file and the problem", "[ui][files][errors]")
{
    MainWindow window(false);
    window.show();
    StackDocument* doc = window.document();
    bool failed = false;
    QObject::connect(doc, &StackDocument::loadFailed, [&] { failed = true; });
    window.openFile(testFile("dm/08_carbon.dm3"));
    REQUIRE(test::waitUntil([&] { return failed; }));
    QCoreApplication::processEvents();
    const QList<QMessageBox*> boxes = window.findChildren<QMessageBox*>();
    REQUIRE(boxes.size() == 1);
    CHECK(boxes.first()->text().contains(QStringLiteral("08_carbon.dm3")));
    CHECK(boxes.first()->informativeText().contains(QStringLiteral("holds a spectrum, not an image")));
    CHECK_FALSE(doc->hasStack()); // nothing half-open
    boxes.first()->close();
}

TEST_CASE("hrtem-studio --screenshot renders the loaded window to a PNG", "[ui][files][screenshot]")
{
    const test::TempDir temp("shot");
    const QString png = QString::fromStdString((temp / "shot.png").string());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HRTEM_STUDIO_EXECUTABLE),
                  {QStringLiteral("--screenshot"), png, QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                   testFile("dm/DMReader_Image_SI-Survey.dm3")});
    REQUIRE(process.waitForFinished(120000));
    CHECK(process.exitCode() == 0);
    const QImage shot(png);
    REQUIRE_FALSE(shot.isNull());
    CHECK(shot.size() == QSize(1400, 900));
    // Not blank: the lattice gives the image thousands of distinct grey levels.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    CHECK(colours.size() > 200);

    // A file that cannot be opened: exit code 1 and the reason on stderr.
    process.start(QStringLiteral(HRTEM_STUDIO_EXECUTABLE),
                  {QStringLiteral("--screenshot"), png, testFile("dm/08_carbon.dm3")});
    REQUIRE(process.waitForFinished(120000));
    CHECK(process.exitCode() == 1);
    CHECK(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("spectrum")));
}

TEST_CASE("gui: error dialogs say the problem in words and keep the library's text under Show Details", "[gui][errors]")
{
    QTemporaryDir dir;
    // A real instrument TIFF cut at three quarters: the reader names the rows it cannot decode,
    // then quotes libtiff.
    const std::filesystem::path source = *test::testDataDir() / "tiff" / "test_loading_image_saved_with_imageJ_stack.tif";
    const std::string truncated = (dir.path() + QStringLiteral("/cut.tif")).toStdString();
    {
        std::ifstream in(source, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(truncated, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() * 3 / 4));
    }
    QString tiffProblem;
    try {
        openStack(truncated)->readFrame(0);
    } catch (const std::exception& e) {
        tiffProblem = QString::fromStdString(e.what());
    }
    REQUIRE(tiffProblem.contains(QStringLiteral("TIFFReadEncodedStrip")));
    const ProblemMessage tiff = splitProblem(tiffProblem);
    CHECK(tiff.plain.contains(QStringLiteral("cannot decode rows")));
    CHECK_FALSE(tiff.plain.contains(QStringLiteral("TIFF")));
    CHECK(tiff.technical.startsWith(QStringLiteral("TIFFReadEncodedStrip:")));

    // A settings file with a syntax error, loaded in the Analysis panel: the line and column in
    // words, the parser's text behind Show Details.
    const QString settings = dir.path() + QStringLiteral("/broken.json");
    {
        QFile file(settings);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"settings\": {\"threshold\": 1,}\n}\n");
    }
    AnalysisPanel panel;
    QString jsonProblem;
    REQUIRE_FALSE(panel.loadSettingsFile(settings, &jsonProblem));
    REQUIRE(jsonProblem.contains(QStringLiteral("json.exception")));
    const ProblemMessage json = splitProblem(jsonProblem);
    CHECK(json.plain.contains(QStringLiteral("line 2, column")));
    CHECK_FALSE(json.plain.contains(QStringLiteral("json.exception")));
    CHECK(json.technical.contains(QStringLiteral("json.exception.parse_error")));

    // The dialog shows them so.
    QWidget parent;
    showProblem(&parent, QStringLiteral("Cannot load settings"), QStringLiteral("Not loaded."), jsonProblem, settings);
    auto* box = parent.findChild<QMessageBox*>(QStringLiteral("problemBox"));
    REQUIRE(box != nullptr);
    CHECK(box->informativeText() == json.plain);
    CHECK(box->detailedText().contains(QStringLiteral("json.exception.parse_error")));
    CHECK(box->detailedText().contains(settings));
    box->close();

    // A message without a library's text stays whole.
    const ProblemMessage plain = splitProblem(QStringLiteral("cut.tif: does not start like a TIFF file: the file is damaged or not a TIFF"));
    CHECK(plain.technical.isEmpty());
    CHECK(plain.plain.endsWith(QStringLiteral("not a TIFF")));
}
