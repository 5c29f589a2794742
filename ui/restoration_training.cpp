#include "ui/restoration_training.h"

#include "ui/analysis_editor.h"
#include "ui/dialogs/mark_frames_dialog.h"
#include "ui/dialogs/training_dialog.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/restoration_compare.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/playback_bar.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>

namespace hrtem::ui {

RestorationTraining::RestorationTraining(MainWindow* window) : QObject(window), mWindow(window), mMarks(new FrameMarks(this))
{
    connect(window->document(), &StackDocument::stackOpened, this, &RestorationTraining::onStackOpened);
    connect(window->document(), &StackDocument::stackClosed, mMarks, &FrameMarks::clearMovie);
    connect(mMarks, &FrameMarks::changed, this, &RestorationTraining::showMarks);
}

TrainingDialog* RestorationTraining::trainingDialog() const { return mTraining; }

RestorationTraining::~RestorationTraining()
{
    delete mTraining; // cancels and waits for a running training before the window goes
    delete mMarkDialog;
}

void RestorationTraining::createMenus()
{
    QMenu* menu = mWindow->analysisEditor()->analysisMenu();
    menu->addSeparator();
    auto add = [this, menu](QKeySequence key) {
        auto* action = new QAction(this);
        action->setShortcut(key);
        menu->addAction(action);
        return action;
    };
    mMarkHigh = add(QKeySequence(Qt::Key_H));
    mMarkLow = add(QKeySequence(Qt::Key_L));
    mUnmark = add(QKeySequence(Qt::Key_U));
    mMarkDialogAction = add({});
    mClearMarks = add({});
    mTrainAction = add({});
    connect(mMarkHigh, &QAction::triggered, this, [this] { markCurrentFrame(FrameMark::High); });
    connect(mMarkLow, &QAction::triggered, this, [this] { markCurrentFrame(FrameMark::Low); });
    connect(mUnmark, &QAction::triggered, this, [this] { markCurrentFrame(FrameMark::None); });
    connect(mMarkDialogAction, &QAction::triggered, this, &RestorationTraining::showMarkDialog);
    connect(mClearMarks, &QAction::triggered, mMarks, &FrameMarks::clearAll);
    connect(mTrainAction, &QAction::triggered, this, [this] {
        TrainingDialog* dialog = showTrainingDialog();
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    for (QAction* action : {mMarkHigh, mMarkLow, mUnmark, mMarkDialogAction})
        action->setEnabled(false);
    retranslate();
}

void RestorationTraining::retranslate()
{
    if (mMarkHigh == nullptr)
        return;
    mMarkHigh->setText(tr("Mark frame &high quality"));
    mMarkHigh->setStatusTip(tr("Mark the frame shown as a high-quality example for training a restoration network"));
    mMarkLow->setText(tr("Mark frame &low quality"));
    mMarkLow->setStatusTip(tr("Mark the frame shown as a low-quality frame the network should learn to restore"));
    mUnmark->setText(tr("&Unmark frame"));
    mMarkDialogAction->setText(tr("&Mark frames…"));
    mMarkDialogAction->setStatusTip(tr("Mark a range of frames, or every frame from its quality score"));
    mClearMarks->setText(tr("Clear all marks"));
    mTrainAction->setText(tr("&Train restoration network…"));
    mTrainAction->setStatusTip(tr("Train HRTEM-GAN on the frames marked high and low quality (unpaired)"));
}

void RestorationTraining::onStackOpened()
{
    const StackDocument* stack = mWindow->document();
    const StackInfo& info = stack->info();
    mMarks->setMovie(stack->path(), stack->stackFactory(), QSize(info.width, info.height), info.frameCount);
    for (QAction* action : {mMarkHigh, mMarkLow, mUnmark, mMarkDialogAction})
        if (action != nullptr)
            action->setEnabled(true);
}

void RestorationTraining::showMarks()
{
    const QVector<int> high = mMarks->frames(FrameMark::High), low = mMarks->frames(FrameMark::Low);
    mWindow->playbackBar()->setMarks(high, low);
    if (const TrainingDialog* dialog = mTraining; dialog != nullptr && !dialog->isRunning())
        showTrainingDialog(); // its sources follow the marks
}

void RestorationTraining::markCurrentFrame(FrameMark mark)
{
    const StackDocument* stack = mWindow->document();
    if (!stack->hasStack())
        return;
    const int frame = stack->currentFrame();
    mMarks->mark(frame, frame, mark);
    const QString what = mark == FrameMark::High ? tr("Frame %1 marked high quality") : mark == FrameMark::Low ? tr("Frame %1 marked low quality")
                                                                                                             : tr("Frame %1 unmarked");
    mWindow->statusBar()->showMessage(what.arg(frame) + tr(" (%1 high, %2 low in this movie)")
                                                            .arg(mMarks->frames(FrameMark::High).size())
                                                            .arg(mMarks->frames(FrameMark::Low).size()),
                                      5000);
}

MarkFramesDialog* RestorationTraining::showMarkDialog()
{
    const StackDocument* stack = mWindow->document();
    if (!stack->hasStack())
        return nullptr;
    delete mMarkDialog; // one per movie: its scores are the movie's
    mMarkDialog = new MarkFramesDialog(mMarks, stack->stackFactory(), stack->frameCount(), stack->currentFrame(), mWindow);
    mMarkDialog->show();
    return mMarkDialog;
}

TrainingDialog* RestorationTraining::showTrainingDialog()
{
    TrainingDialog* dialog = mTraining;
    if (dialog == nullptr) {
        dialog = new TrainingDialog(mWindow);
        mTraining = dialog;
        connect(dialog, &TrainingDialog::useWeightsRequested, this, &RestorationTraining::useWeights);
        dialog->show();
    }
    if (!dialog->isRunning()) {
        std::vector<MarkedSource> sources;
        for (const MarkedMovie& movie : mMarks->markedMovies()) {
            MarkedSource source;
            source.label = movie.path; // the whole path: the model card must say which movie
            source.frameSize = movie.frameSize;
            source.open = [factory = movie.factory] { return std::shared_ptr<StackReader>(factory(OpenOptions{}).release()); };
            source.high = movie.high;
            source.low = movie.low;
            sources.push_back(std::move(source));
        }
        dialog->setMarkedMovies(std::move(sources));
    }
    return dialog;
}

void RestorationTraining::useWeights(const QString& weights)
{
    AnalysisSettings settings = mWindow->analysisPanel()->settings();
    settings.restore = "gan";
    settings.ganWeights = weights.toStdString();
    mWindow->analysisPanel()->setSettings(settings);
    mWindow->restorationCompare()->setMethod(QStringLiteral("gan"));
    mWindow->statusBar()->showMessage(tr("The analysis restores with %1 now (Analysis panel, Restoration)").arg(QFileInfo(weights).fileName()), 8000);
}

} // namespace hrtem::ui
