// The one pattern for cancellable work off the GUI thread (issue 17): progress arrives on the
// GUI thread, each job ends with exactly one finished() whose outcome says how.
#include "core/io/io_error.h"
#include "ui/document/background_job.h"
#include "ui/document/thread_handoff.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

using hrtem::ui::BackgroundJob;

namespace {

struct Ending {
    int count = 0;
    BackgroundJob::Outcome outcome = BackgroundJob::Outcome::Done;
    QString problem;
};

/// Processes events until the job has reported, or 10 s have passed.
void waitFor(const Ending& ending)
{
    QElapsedTimer clock;
    clock.start();
    while (ending.count == 0 && clock.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

} // namespace

TEST_CASE("a background job reports progress on the GUI thread and ends once", "[ui][job]")
{
    BackgroundJob job;
    Ending ending;
    double last = -1.0;
    bool onGuiThread = true;
    QObject::connect(&job, &BackgroundJob::progress, [&](double f) {
        last = f;
        onGuiThread = onGuiThread && QThread::currentThread() == QCoreApplication::instance()->thread();
    });
    QObject::connect(&job, &BackgroundJob::finished, [&](BackgroundJob::Outcome o, const QString& p) {
        ++ending.count;
        ending.outcome = o;
        ending.problem = p;
    });
    REQUIRE(job.start([](const hrtem::Progress& progress) {
        for (int i = 1; i <= 4; ++i)
            progress.report(i / 4.0);
    }));
    CHECK_FALSE(job.start([](const hrtem::Progress&) {})); // one at a time
    waitFor(ending);
    QCoreApplication::processEvents();
    CHECK(ending.count == 1);
    CHECK(ending.outcome == BackgroundJob::Outcome::Done);
    CHECK(last == 1.0); // the last report always arrives
    CHECK(onGuiThread);
    CHECK_FALSE(job.running());
}

TEST_CASE("a cancelled background job says so, and a failing one gives its message", "[ui][job]")
{
    BackgroundJob job;
    Ending ending;
    QObject::connect(&job, &BackgroundJob::finished, [&](BackgroundJob::Outcome o, const QString& p) {
        ++ending.count;
        ending.outcome = o;
        ending.problem = p;
    });
    SECTION("cancel by throwing Cancelled")
    {
        job.start([](const hrtem::Progress& progress) {
            while (!progress.cancelled())
                QThread::msleep(1);
            throw hrtem::Cancelled();
        });
        job.cancel();
        waitFor(ending);
        CHECK(ending.outcome == BackgroundJob::Outcome::Cancelled);
    }
    SECTION("cancel by returning early")
    {
        job.start([](const hrtem::Progress& progress) {
            while (!progress.cancelled())
                QThread::msleep(1);
        });
        job.cancel();
        waitFor(ending);
        CHECK(ending.outcome == BackgroundJob::Outcome::Cancelled);
    }
    SECTION("failure")
    {
        job.start([](const hrtem::Progress&) {
            throw std::runtime_error("/data/x.tif: disk full");
        });
        waitFor(ending);
        CHECK(ending.outcome == BackgroundJob::Outcome::Failed);
        CHECK(ending.problem == QStringLiteral("/data/x.tif: disk full"));
    }
    CHECK(ending.count == 1);
}

TEST_CASE("destroying a running background job cancels it and waits", "[ui][job]")
{
    std::atomic<bool> sawCancel{false};
    {
        BackgroundJob job;
        job.start([&](const hrtem::Progress& progress) {
            while (!progress.cancelled())
                QThread::msleep(1);
            sawCancel = true;
        });
        QThread::msleep(20);
    }
    CHECK(sawCancel.load());
}

TEST_CASE("work handed to a pool runs there, and its calls back run on the GUI thread in order, not after their receiver is gone",
          "[ui][job]")
{
    QThreadPool pool;
    std::vector<int> order;
    std::vector<bool> onGuiThread;
    auto receiver = std::make_unique<QObject>();
    QPointer<QObject> gone;
    std::atomic<bool> workerOffGuiThread{false};
    hrtem::ui::runInPool(&pool, [&, r = QPointer<QObject>(receiver.get())] {
        workerOffGuiThread = QThread::currentThread() != QCoreApplication::instance()->thread();
        for (int i = 0; i < 50; ++i)
            hrtem::ui::postToGuiThread(r, [&, i] {
                order.push_back(i);
                onGuiThread.push_back(QThread::currentThread() == QCoreApplication::instance()->thread());
            });
    });
    pool.waitForDone();
    // A receiver deleted before its calls are delivered: they are dropped.
    auto doomed = std::make_unique<QObject>();
    bool ranForDoomed = false;
    hrtem::ui::postToGuiThread(doomed.get(), [&] { ranForDoomed = true; });
    doomed.reset();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    CHECK(workerOffGuiThread.load());
    REQUIRE(order.size() == 50);
    for (int i = 0; i < 50; ++i) {
        CHECK(order[std::size_t(i)] == i);
        CHECK(onGuiThread[std::size_t(i)]);
    }
    CHECK_FALSE(ranForDoomed);
}
