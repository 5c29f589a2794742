// Restorations in the window (issue 31), offscreen: the raw frame beside the frame restored with
// the method chosen, the trust check's regions on the restored side, and the restored stack
// exported byte for byte as `hrtem restore` writes it.
#include "core/io/stack.h"
#include "core/locate/noise_model.h"
#include "core/restore/frame_restorer.h"
#include "core/result/analysis_result.h"
#include "tests/support/analysis_window.h"
#include "tests/support/qt_wait.h"
#include "tests/support/result_files_compare.h"
#include "core/util/sha256.h"
#include "ui/dialogs/mark_frames_dialog.h"
#include "ui/dialogs/training_dialog.h"
#include "ui/document/background_job.h"
#include "ui/document/frame_marks.h"
#include "ui/restoration_training.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/playback_bar.h"
#include "ui/document/restoration_document.h"
#include "ui/image_bridge.h"
#include "ui/restoration_compare.h"
#include "ui/widgets/frame_view.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

#include <QAction>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QThread>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace hrtem;
using namespace hrtem::ui;
using hrtem::test::openWindow;
using hrtem::test::showFrame;
using hrtem::test::readAll;
using hrtem::test::runProgram;
using hrtem::test::simulatedMovie;
using hrtem::test::waitUntil;

namespace {

/// Red pixels (the trust check's dashed outline) in `area` of `image`.
int reddish(const QImage& image, const QRect& area)
{
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += c.red() > 180 && c.green() < 90 && c.blue() < 90;
        }
    return count;
}

} // namespace

TEST_CASE("gui: side by side shows the frame restored with the method chosen; the exported restored stack is hrtem restore's",
          "[gui][restoration]")
{
    const QString movie = simulatedMovie(256, 6);
    auto window = openWindow(movie);
    RestorationCompare* compare = window->restorationCompare();
    FrameView* view = window->frameView();
    const std::unique_ptr<StackReader> stack = openStack(movie.toStdString());
    const NoiseModel noise = estimateNoiseModel(stack->readFrame(0)); // the stack's own model, as hrtem restore takes it
    const cv::Mat raw = stack->readFrame(3);
    showFrame(*window, 3);
    compare->setMode(RestorationCompare::Mode::SideBySide);

    QImage previous;
    for (const char* method : {"wiener", "nlm", "gan"}) {
        INFO(method);
        compare->setMethod(QString::fromLatin1(method));
        REQUIRE(compare->method() == QLatin1String(method));
        REQUIRE(waitUntil([&] { return compare->frameComplete(); }, 120000));
        const FrameDataPtr shown = compare->document()->restoredFrame(3);
        REQUIRE(shown);
        const cv::Mat expected = restore::makeFrameRestorer(method)->restore(raw, &noise);
        // The classical filters are exact; the network's tiles may sum in another order.
        CHECK(cv::norm(shown->frame, expected, cv::NORM_INF) <= 1e-4 * cv::norm(expected, cv::NORM_INF));
        CHECK(view->comparison() == FrameView::Comparison::SideBySide);
        CHECK(view->comparisonImage() == renderFrame(shown->frame, shown->autoLevels.low, shown->autoLevels.high));
        const DisplayLevels levels = window->document()->levels();
        CHECK(view->image() == renderFrame(raw, levels.low, levels.high)); // the raw frame stays on the left
        CHECK(view->comparisonImage() != previous);                         // each method its own picture
        previous = view->comparisonImage();
    }

    // Split: both images in place, the line where it is dragged to; restored alone; raw alone.
    compare->setMode(RestorationCompare::Mode::Split);
    CHECK(view->comparison() == FrameView::Comparison::Split);
    CHECK(view->comparisonOffset() == QPointF(0, 0));
    view->setSplit(0.25);
    CHECK(view->split() == Approx(0.25));
    compare->setMode(RestorationCompare::Mode::Restored);
    CHECK(view->comparison() == FrameView::Comparison::Off);
    CHECK(view->image() == previous);
    compare->setMode(RestorationCompare::Mode::Raw);
    CHECK(view->comparison() == FrameView::Comparison::Off);

    // File → Export restored stack writes what hrtem restore writes, byte for byte.
    QTemporaryDir out;
    REQUIRE(out.isValid());
    compare->setMethod(QStringLiteral("wiener"));
    const QString exported = out.filePath(QStringLiteral("window.tif"));
    REQUIRE(compare->exportRestoredStack(exported));
    REQUIRE(waitUntil([&] { return !compare->document()->exportJob()->running(); }, 120000));
    const QString cli = out.filePath(QStringLiteral("cli.tif"));
    QString log;
    REQUIRE(runProgram(QStringLiteral(HRTEM_CLI_EXECUTABLE),
                       {QStringLiteral("restore"), movie, QStringLiteral("--method"), QStringLiteral("wiener"), QStringLiteral("--out"), cli,
                        QStringLiteral("--quiet")},
                       &log) == 0);
    INFO(log.toStdString());
    const QByteArray mine = readAll(exported);
    REQUIRE(mine.size() > 6 * 256 * 256 * 4);
    CHECK(mine == readAll(cli));
    const std::unique_ptr<StackReader> written = openStack(exported.toStdString());
    CHECK(written->info().frameCount == 6);
    CHECK(written->info().x.scale == Approx(stack->info().x.scale));
}

TEST_CASE("gui: the restored side outlines the regions the analysis' trust check flagged", "[gui][restoration]")
{
    const QString movie = simulatedMovie(256, 6);
    auto window = openWindow(movie);
    RestorationCompare* compare = window->restorationCompare();
    FrameView* view = window->frameView();
    showFrame(*window, 2);
    compare->setMethod(QStringLiteral("wiener"));
    compare->setMode(RestorationCompare::Mode::SideBySide);
    REQUIRE(waitUntil([&] { return compare->frameComplete(); }, 60000));

    // An analysis that restored with Wiener and whose trust check flagged one region of frame 2.
    auto result = std::make_shared<AnalysisResult>();
    result->settings.restore = "wiener";
    result->width = result->height = 256;
    FrameAnalysis frame;
    frame.frame = 2;
    frame.restored = true;
    frame.trust.judged = frame.trust.flagged = true;
    frame.trust.support = 0.2;
    TrustRegion region;
    region.area = cv::Rect(64, 64, 64, 64);
    region.flagged = true;
    frame.trust.regions.push_back(region);
    result->frames.push_back(frame);
    window->analysis()->setResult(result);

    auto outlineArea = [&](QPointF offset) {
        return QRectF(view->toWidget(offset + QPointF(60, 60)), view->toWidget(offset + QPointF(132, 132))).toAlignedRect();
    };
    const QImage shot = view->grab().toImage();
    const int onRestored = reddish(shot, outlineArea(view->comparisonOffset()));
    CHECK(onRestored > 40);

    // Shown with another method than the analysis', the outline does not apply.
    compare->setMethod(QStringLiteral("nlm"));
    REQUIRE(waitUntil([&] { return compare->frameComplete(); }, 60000));
    CHECK(reddish(view->grab().toImage(), outlineArea(view->comparisonOffset())) < onRestored / 4);
}

namespace {

/// Reads a .safetensors file by the format's own definition, independently of the program's
/// reader: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
/// shape and [begin, end) byte offsets into the data that follows. Returns the tensor count, or
/// -1 with `problem` when the file breaks the format (offsets that overlap, leave gaps or miss
/// the end; sizes that disagree with shape x dtype; non-finite F32 values).
int readSafetensorsPlainly(const QByteArray& bytes, std::string& problem)
{
    if (bytes.size() < 8) {
        problem = "shorter than its header length";
        return -1;
    }
    std::uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | static_cast<unsigned char>(bytes[i]);
    if (8 + headerLength > std::uint64_t(bytes.size())) {
        problem = "header runs past the end";
        return -1;
    }
    const nlohmann::json header = nlohmann::json::parse(bytes.mid(8, int(headerLength)).toStdString());
    const char* data = bytes.constData() + 8 + headerLength;
    const std::uint64_t dataLength = bytes.size() - 8 - headerLength;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
    int tensors = 0;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__")
            continue;
        const std::string dtype = entry.at("dtype");
        std::uint64_t elements = 1;
        for (const auto& d : entry.at("shape"))
            elements *= d.get<std::uint64_t>();
        const std::uint64_t begin = entry.at("data_offsets")[0], end = entry.at("data_offsets")[1];
        const std::uint64_t itemSize = dtype == "F32" || dtype == "I32" ? 4 : dtype == "F64" || dtype == "I64" ? 8 : 2;
        if (end - begin != elements * itemSize || end > dataLength) {
            problem = name + ": byte size disagrees with its shape and dtype";
            return -1;
        }
        if (dtype == "F32")
            for (std::uint64_t i = 0; i < elements; ++i) {
                float v;
                std::memcpy(&v, data + begin + 4 * i, 4);
                if (!std::isfinite(v)) {
                    problem = name + ": a value is not finite";
                    return -1;
                }
            }
        spans.emplace_back(begin, end);
        ++tensors;
    }
    std::sort(spans.begin(), spans.end());
    std::uint64_t at = 0;
    for (const auto& [begin, end] : spans) {
        if (begin != at) {
            problem = "tensor data overlaps or leaves a gap";
            return -1;
        }
        at = end;
    }
    if (at != dataLength) {
        problem = "data does not end with the last tensor";
        return -1;
    }
    return tensors;
}

/// Networks and patches small enough that a step takes milliseconds on a CPU.
nlohmann::json tinyGanOptions()
{
    return nlohmann::json::parse(R"({
        "generator": {"base_channels": 4, "levels": 2, "vit_layers": 1, "vit_heads": 2},
        "discriminator": {"base_channels": 4, "layers": 2},
        "cf_probes": 8, "patch_size": 32, "batch_size": 2})");
}

QAction* actionWithShortcut(QWidget* window, Qt::Key key)
{
    for (QAction* action : window->findChildren<QAction*>())
        if (action->shortcut() == QKeySequence(key))
            return action;
    return nullptr;
}

} // namespace

TEST_CASE("gui: train a restoration network on frames marked in two movies, stop, continue, and use it in an analysis",
          "[gui][train][restoration]")
{
    QTemporaryDir out;
    REQUIRE(out.isValid());
    const QString movieA = simulatedMovie(256, 6), movieB = simulatedMovie(256, 8);
    auto window = openWindow(movieA);
    RestorationTraining* training = window->restorationTraining();
    FrameMarks* marks = training->marks();

    // Movie A: frames 0 and 1 high quality by key (H), 3-5 low quality as a range.
    QAction* markHigh = actionWithShortcut(window.get(), Qt::Key_H);
    REQUIRE(markHigh != nullptr);
    for (int frame : {0, 1}) {
        showFrame(*window, frame);
        markHigh->trigger();
    }
    MarkFramesDialog* markDialog = training->showMarkDialog();
    REQUIRE(markDialog != nullptr);
    markDialog->markRange(3, 5, FrameMark::Low);
    CHECK(marks->frames(FrameMark::High) == QVector<int>({0, 1}));
    CHECK(marks->frames(FrameMark::Low) == QVector<int>({3, 4, 5}));
    CHECK(window->playbackBar()->findChild<QSlider*>()->toolTip().contains(QStringLiteral("2 high quality")));

    // Movie B: every frame from its quality score, split at the median.
    window->openFile(movieB);
    REQUIRE(waitUntil([&] { return window->document()->path() == movieB && window->document()->currentFrameData() != nullptr; }));
    CHECK(marks->frames(FrameMark::High).isEmpty());
    markDialog = training->showMarkDialog();
    REQUIRE(waitUntil([&] { return markDialog->qualityReady(); }, 60000));
    QVector<double> scores = markDialog->quality();
    REQUIRE(scores.size() == 8);
    std::sort(scores.begin(), scores.end());
    REQUIRE(scores[4] > scores[3]);
    const double median = 0.5 * (scores[3] + scores[4]);
    markDialog->setThresholds(median, median);
    markDialog->markFromQuality();
    CHECK(marks->frames(FrameMark::High).size() == 4);
    CHECK(marks->frames(FrameMark::Low).size() == 4);
    REQUIRE(marks->markedMovies().size() == 2);

    // Train from the Analysis menu on both movies' marks, watch it learn, pause, stop.
    TrainingDialog* dialog = training->showTrainingDialog();
    REQUIRE(dialog != nullptr);
    const QString weights = out.filePath(QStringLiteral("mine.safetensors"));
    dialog->setOutputPath(weights);
    dialog->setSteps(400);
    dialog->setDevice(QStringLiteral("cpu"));
    dialog->setOptions(tinyGanOptions());
    CHECK(dialog->findChildren<QLineEdit*>().at(0)->text().contains(QStringLiteral("6 frames marked H in 2 movie(s)")));
    dialog->start();
    REQUIRE(dialog->isRunning());
    REQUIRE(waitUntil([&] { return dialog->lossPointCount() >= 3 && !dialog->previewImage().isNull(); }, 120000));
    const QImage firstPreview = dialog->previewImage();
    REQUIRE(waitUntil([&] { return dialog->previewImage() != firstPreview; }, 120000)); // the preview refreshes
    dialog->setPaused(true);
    QThread::msleep(300);
    QCoreApplication::processEvents();
    const int pausedAt = dialog->lossPointCount();
    QElapsedTimer held;
    held.start();
    waitUntil([] { return false; }, 600);
    CHECK(dialog->lossPointCount() == pausedAt); // paused: no step
    dialog->setPaused(false);
    REQUIRE(waitUntil([&] { return dialog->lossPointCount() > pausedAt; }, 60000));
    dialog->cancel();
    REQUIRE(waitUntil([&] { return !dialog->isRunning(); }, 60000));
    REQUIRE(QFileInfo::exists(weights));
    REQUIRE(QFileInfo::exists(weights + QStringLiteral(".checkpoint")));
    const int stoppedPoints = dialog->lossPointCount();

    // Continue from the checkpoint to the end, as after a restart.
    REQUIRE(dialog->stepsDone() > 0);
    dialog->setSteps(dialog->stepsDone() + 20); // twenty steps past where it stopped
    REQUIRE(dialog->canContinueFromCheckpoint());
    dialog->setContinueFromCheckpoint(true);
    bool finishedOk = false;
    QObject::connect(dialog, &TrainingDialog::finished, [&](bool ok, const QString&) { finishedOk = ok; });
    dialog->start();
    REQUIRE(waitUntil([&] { return !dialog->isRunning(); }, 180000));
    CHECK(finishedOk);
    CHECK(dialog->lossPointCount() > stoppedPoints); // the curves go on
    const QString card = dialog->modelCardPath();
    REQUIRE(QFileInfo::exists(card));
    const QByteArray cardText = readAll(card);
    CHECK(cardText.contains("resumed from step"));
    CHECK(cardText.contains(("frames 0-1 of " + movieA).toUtf8()));
    CHECK(cardText.contains(QByteArray::fromStdString(sha256OfFile(weights.toStdString()))));

    // Use them: the analysis restores with them, and names them with their SHA-256.
    for (QPushButton* button : dialog->findChildren<QPushButton*>())
        if (button->text() == QStringLiteral("Use these weights"))
            button->click();
    CHECK(window->analysisPanel()->settings().restore == "gan");
    CHECK(window->analysisPanel()->settings().ganWeights == weights.toStdString());
    AnalysisSettings settings = window->analysisPanel()->settings();
    settings.endFrame = 3;
    window->analysisPanel()->setSettings(settings);
    hrtem::test::analyse(*window);
    const auto result = window->analysis()->result();
    REQUIRE(result->models.size() >= 1);
    CHECK(result->models[0].path == weights.toStdString());
    CHECK(result->models[0].sha256 == sha256OfFile(weights.toStdString()));
    QString error;
    const QString session = out.filePath(QStringLiteral("work.hrtems"));
    REQUIRE(window->saveSession(session, &error));
    CHECK(readAll(session).contains(QByteArray::fromStdString(sha256OfFile(weights.toStdString()))));

    // The file loads in hrtem restore and in a plain safetensors reader.
    QString log;
    CHECK(runProgram(QStringLiteral(HRTEM_CLI_EXECUTABLE),
                     {QStringLiteral("restore"), movieB, QStringLiteral("--weights"), weights, QStringLiteral("--device"), QStringLiteral("cpu"),
                      QStringLiteral("--frames"), QStringLiteral("0:2"), QStringLiteral("--out"), out.filePath(QStringLiteral("r.tif")),
                      QStringLiteral("--quiet")},
                     &log) == 0);
    INFO(log.toStdString());
    std::string problem;
    CHECK(readSafetensorsPlainly(readAll(weights), problem) > 10);
    INFO(problem);
    CHECK(problem.empty());
}

TEST_CASE("gui: training refuses too few marked frames and movies of different frame sizes, by name", "[gui][train][restoration]")
{
    QTemporaryDir out;
    REQUIRE(out.isValid());
    auto window = openWindow(simulatedMovie(256, 6));
    FrameMarks* marks = window->restorationTraining()->marks();
    marks->mark(0, 0, FrameMark::High);
    marks->mark(3, 5, FrameMark::Low);
    TrainingDialog* dialog = window->restorationTraining()->showTrainingDialog();
    dialog->setOutputPath(out.filePath(QStringLiteral("w.safetensors")));
    dialog->setOptions(tinyGanOptions());
    dialog->setDevice(QStringLiteral("cpu"));
    QString message;
    QObject::connect(dialog, &TrainingDialog::finished, [&](bool, const QString& m) { message = m; });
    dialog->start();
    CHECK_FALSE(dialog->isRunning());
    CHECK(message.contains(QStringLiteral("Too few frames marked high quality: 1")));

    // A second movie of another size.
    marks->mark(1, 1, FrameMark::High);
    window->openFile(simulatedMovie(128, 6));
    REQUIRE(waitUntil([&] { return window->document()->info().width == 128; }));
    marks->mark(0, 2, FrameMark::High);
    dialog = window->restorationTraining()->showTrainingDialog();
    dialog->setSteps(10);
    message.clear();
    dialog->start();
    REQUIRE(waitUntil([&] { return !dialog->isRunning(); }, 60000));
    CHECK(message.contains(QStringLiteral("differ in size")));
    CHECK(message.contains(QStringLiteral("256 x 256")));
    CHECK(message.contains(QStringLiteral("128 x 128")));
}
