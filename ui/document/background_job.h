#pragma once
// One cancellable piece of work off the GUI thread, reported the way the documents report
// theirs (stack_document, analysis_document): the job owns its cancel flag, progress is posted
// to the GUI thread at most every 50 ms, and exactly one finished() says how it ended. The
// work signals cancellation by throwing hrtem::Cancelled (core/io/io_error.h) or by returning
// once the flag is set; any other exception is a failure with its message. Destroying the job
// cancels it and waits, so the work never outlives what it reports to.
#include "core/util/progress.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace hrtem::ui {

class BackgroundJob : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Done, Cancelled, Failed };
    /// The work gets core's token (core/util/progress.h): it reports through it and stops when
    /// it says cancelled.
    using Work = std::function<void(const Progress& progress)>;

    explicit BackgroundJob(QObject* parent = nullptr);
    ~BackgroundJob() override;

    /// Starts `work` unless a job is running (then returns false).
    bool start(Work work);
    void cancel();
    /// Cancels and blocks until the work has returned (its finished() is still to come, queued).
    void cancelAndWait();
    bool running() const { return mRunning; }

Q_SIGNALS:
    void progress(double fraction);
    void finished(hrtem::ui::BackgroundJob::Outcome outcome, const QString& problem);

private:
    QThreadPool mPool;
    std::shared_ptr<std::atomic<bool>> mCancel;
    quint64 mGeneration = 0;
    bool mRunning = false;
};

/// Long work yields to the window: on Linux nice values are per thread and inherited by the
/// threads it starts (LibTorch's and OpenCV's workers), so lowering the calling thread lowers
/// every worker of the run, and the GUI thread is scheduled first when the cores are busy
/// (2-core laptops). Relative to the main thread's, so a reused pool thread does not sink further.
void lowerThisThreadsPriority();

} // namespace hrtem::ui
