#include "ui/document/background_job.h"
#include "ui/document/thread_handoff.h"

#include "core/io/io_error.h"

#include <QElapsedTimer>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <algorithm>

namespace hrtem::ui {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) { mPool.setMaxThreadCount(1); }

BackgroundJob::~BackgroundJob()
{
    if (mCancel)
        mCancel->store(true);
    mPool.waitForDone();
}

bool BackgroundJob::start(Work work)
{
    if (mRunning || !work)
        return false;
    mRunning = true;
    mCancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++mGeneration;
    auto cancel = mCancel;
    // `this` outlives the work: the destructor cancels and waits for mPool.
    runInPool(&mPool, [this, work = std::move(work), cancel, generation] {
        QElapsedTimer sinceReport;
        sinceReport.start();
        const auto report = [this, &sinceReport, generation](const std::string&, double f) {
            if (sinceReport.elapsed() < 50 && f < 1.0)
                return;
            sinceReport.restart();
            postToGuiThread(this, [this, f, generation] {
                if (generation == mGeneration && mRunning)
                    Q_EMIT progress(f);
            });
        };
        Outcome outcome = Outcome::Done;
        QString problem;
        try {
            work(Progress(report, cancel.get()));
            if (cancel->load())
                outcome = Outcome::Cancelled;
        } catch (const Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            problem = QString::fromStdString(e.what());
        }
        postToGuiThread(this, [this, outcome, problem, generation] {
            if (generation != mGeneration)
                return;
            mRunning = false;
            mCancel.reset();
            Q_EMIT finished(outcome, problem);
        });
    });
    return true;
}

void BackgroundJob::cancel()
{
    if (mRunning && mCancel)
        mCancel->store(true);
}

void BackgroundJob::cancelAndWait()
{
    cancel();
    mPool.waitForDone();
}

void lowerThisThreadsPriority()
{
#ifdef __linux__
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, std::min(19, ::getpriority(PRIO_PROCESS, static_cast<id_t>(::getpid())) + 5));
#endif
}

} // namespace hrtem::ui
