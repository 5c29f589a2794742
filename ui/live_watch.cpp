#include "ui/live_watch.h"
#include "ui/document/thread_handoff.h"

#include "core/pipeline/live_analysis.h"
#include "ui/document/background_job.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/workspace.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QProgressDialog>
#include <QStatusBar>

namespace hrtem::ui {

LiveWatch::LiveWatch(MainWindow* window) : QObject(window), mWindow(window), mJob(new BackgroundJob(this))
{
    connect(mJob, &BackgroundJob::finished, this, [this](BackgroundJob::Outcome how, const QString& problem) {
        if (mDialog != nullptr)
            mDialog->hide();
        mAction->setEnabled(true);
        if (how == BackgroundJob::Outcome::Failed) {
            mWindow->showError(tr("Watching failed"), tr("The frames written into “%1” could not be analysed.").arg(QDir::toNativeSeparators(mFolder)),
                               problem);
            return;
        }
        if (how == BackgroundJob::Outcome::Done && mResult) {
            mWindow->statusBar()->showMessage(tr("Acquisition over: %1 frame(s) analysed").arg(mResult->frames.size()), 10000);
            mWindow->workspace()->showResult(std::move(mResult)); // opens the folder with its analysis
        }
    });
}

LiveWatch::~LiveWatch()
{
    mJob->cancelAndWait(); // the work reads this object's flags
}

void LiveWatch::createMenus()
{
    mAction = new QAction(this);
    mWindow->fileMenu()->insertAction(mWindow->closeAction(), mAction);
    mWindow->fileMenu()->insertSeparator(mWindow->closeAction());
    connect(mAction, &QAction::triggered, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(mWindow, tr("Watch the folder the camera writes into"), mWindow->movieFolder());
        if (!folder.isEmpty())
            watch(folder);
    });
    retranslate();
}

void LiveWatch::retranslate()
{
    if (mAction == nullptr)
        return;
    mAction->setText(tr("&Watch folder…"));
    mAction->setStatusTip(tr("Analyse frames as the camera writes them into a folder; tracks and events when the acquisition is over"));
}

bool LiveWatch::watching() const { return mJob->running(); }

bool LiveWatch::watch(const QString& folder, double idleSeconds)
{
    if (mJob->running())
        return false;
    mFolder = folder;
    mStop = false;
    mFrames = 0;
    mResult.reset();
    const AnalysisSettings settings = mWindow->analysisPanel()->settings();
    const std::string path = folder.toStdString();
    const bool started = mJob->start([this, settings, path, idleSeconds](const Progress& progress) {
        lowerThisThreadsPriority();
        LiveOptions options;
        options.idleSeconds = idleSeconds;
        options.stop = &mStop;
        AnalysisObserver observer;
        observer.progress = progress;
        auto result = std::make_shared<AnalysisResult>(watchFolder(path, settings, options, observer, [this](const LiveFrame& f) {
            ++mFrames;
            const double lag = f.doneSeconds - f.seenSeconds;
            postToGuiThread(this, [this, frame = f.frame, lag] { onFrame(frame, lag); });
        }));
        if (!progress.cancelled())
            mResult = std::move(result);
    });
    if (!started)
        return false;
    mAction->setEnabled(false);
    showDialog();
    return true;
}

void LiveWatch::stopAcquisition() { mStop = true; }

void LiveWatch::showDialog()
{
    if (mDialog == nullptr) {
        mDialog = new QProgressDialog(mWindow);
        mDialog->setObjectName(QStringLiteral("liveWatchDialog"));
        mDialog->setRange(0, 0); // as long as the camera writes
        mDialog->setAutoClose(false);
        mDialog->setAutoReset(false);
        mDialog->setModal(false);
        connect(mDialog, &QProgressDialog::canceled, this, &LiveWatch::stopAcquisition);
    }
    mDialog->setWindowTitle(tr("Watching %1").arg(QDir::toNativeSeparators(mFolder)));
    mDialog->setLabelText(tr("Waiting for the first frame in %1 …").arg(QDir::toNativeSeparators(mFolder)));
    mDialog->setCancelButtonText(tr("The acquisition is over"));
    mDialog->show();
}

void LiveWatch::onFrame(int frame, double lagSeconds)
{
    if (mDialog != nullptr)
        mDialog->setLabelText(tr("%1 frame(s) analysed; frame %2 %3 s after it arrived.\n"
                                 "Tracks and events come when the acquisition is over (no new frame for a while, or the button).")
                                  .arg(mFrames.load())
                                  .arg(frame)
                                  .arg(lagSeconds, 0, 'f', 2));
}

} // namespace hrtem::ui
