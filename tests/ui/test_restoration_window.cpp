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
#include "ui/document/background_job.h"
#include "ui/document/restoration_document.h"
#include "ui/image_bridge.h"
#include "ui/restoration_compare.h"
#include "ui/widgets/frame_view.h"

#include <catch2/catch.hpp>

#include <opencv2/core.hpp>

#include <QTemporaryDir>

using namespace hrtem;
using namespace hrtem::ui;
using hrtem::test::openWindow;
using hrtem::test::readAll;
using hrtem::test::runProgram;
using hrtem::test::simulatedMovie;
using hrtem::test::waitUntil;

namespace {

void showFrame(MainWindow& window, int frame)
{
    window.document()->setCurrentFrame(frame);
    REQUIRE(waitUntil([&] { return window.document()->currentFrameData() && window.document()->currentFrameData()->index == frame; }));
}

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
