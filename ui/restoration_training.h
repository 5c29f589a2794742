#pragma once
// Training a restoration network from the window (issue 31): frames marked high or low quality
// with keys (H, L, U on the current frame) or in Analysis → Mark frames… (a range, or the
// quality score with thresholds), the marks along the frame slider, and Analysis → Train
// restoration network…, whose weights the analysis can then use. Marks of every movie opened in
// the session feed one training.
#include "ui/document/frame_marks.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

class QAction;

namespace hrtem::ui {

class MainWindow;
class MarkFramesDialog;
class TrainingDialog;

class RestorationTraining : public QObject {
    // Its texts are the window's (context hrtem::ui::MainWindow in translations/*.ts).
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::MainWindow)
public:
    explicit RestorationTraining(MainWindow* window);
    ~RestorationTraining() override;

    /// Its actions into the Analysis menu.
    void createMenus();
    void retranslate();

    FrameMarks* marks() const { return mMarks; }
    /// Marks (or with None clears) the frame shown.
    void markCurrentFrame(FrameMark mark);
    MarkFramesDialog* showMarkDialog();
    /// Opens (or raises) the training dialog with the marked frames of every movie.
    TrainingDialog* showTrainingDialog();
    TrainingDialog* trainingDialog() const;
    /// Restoration with these weights in the Analysis panel and the restored view.
    void useWeights(const QString& weights);

private:
    void onStackOpened();
    void showMarks();

    MainWindow* mWindow;
    FrameMarks* mMarks;
    QPointer<MarkFramesDialog> mMarkDialog;
    QPointer<TrainingDialog> mTraining;
    QAction* mMarkHigh = nullptr;
    QAction* mMarkLow = nullptr;
    QAction* mUnmark = nullptr;
    QAction* mMarkDialogAction = nullptr;
    QAction* mClearMarks = nullptr;
    QAction* mTrainAction = nullptr;
};

} // namespace hrtem::ui
