#pragma once
#include <nlohmann/json.hpp>

#include "ui/dialogs/training_sources.h"
#include "ui/document/background_job.h"

#include <QDialog>
#include <QImage>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTemporaryDir;

namespace cv {
class Mat;
}

namespace hrtem {
class StackReader;
struct GanTrainingProgress;
struct GanTrainingSettings;
}

namespace hrtem::ui {

/// Analysis → Train restoration network…: trains HRTEM-GAN (core's trainGan, as `hrtem train gan`
/// does) on unpaired high- and low-quality frames, either the frames marked H/L in the window's
/// movies (written to a temporary folder of float TIFFs for the run) or two stacks/folders chosen
/// here. Training runs on a worker thread; it pauses, stops and continues from its checkpoint
/// (also after a restart); every loss term plots live, a low-quality patch and its restoration
/// preview as it learns; the weights end with a model card and can be used for the analysis.
class TrainingDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainingDialog(QWidget* parent = nullptr);
    ~TrainingDialog() override; ///< cancels and joins a running training

    /// The frames marked high (H) and low (L) quality in `stack`: used as the two domains
    /// (either list may be empty; that domain then needs a source chosen with setSources/Browse).
    void setMarkedFrames(std::shared_ptr<hrtem::StackReader> stack, QVector<int> highFrames, QVector<int> lowFrames);
    /// The frames marked in several movies (the window's FrameMarks): both domains from them.
    void setMarkedMovies(std::vector<MarkedSource> sources);
    /// Stack files or folders of frames of each domain (an empty string keeps that domain's source).
    void setSources(const QString& hq, const QString& lq);
    void setSteps(int steps);
    void setOutputPath(const QString& weights); ///< .safetensors
    void setDevice(const QString& device);      ///< "auto", "cpu" or "cuda"
    /// Trainer options (networks, patch and batch size...) merged over defaultGanOptions().
    void setOptions(const nlohmann::json& options);
    /// Stop after this many minutes even if steps remain (0: no limit).
    void setTimeBudget(double minutes);
    /// Continue from the checkpoint beside the weights (WEIGHTS.checkpoint) when it exists.
    void setContinueFromCheckpoint(bool on);
    bool canContinueFromCheckpoint() const;

    void start();
    void cancel();
    /// Holds the training between two steps (the worker waits; its time stops counting).
    void setPaused(bool paused);
    bool isPaused() const;
    bool isRunning() const { return mRunning; }
    QString modelCardPath() const { return mModelCard; }
    int lossPointCount() const;
    /// Steps done so far in the run shown (its last progress report; a continued run counts on).
    int stepsDone() const { return mStepsDone; }
    QImage previewImage() const { return mPreview; }
    QString weightsPath() const;

Q_SIGNALS:
    void finished(bool ok, QString message);
    void useWeightsRequested(QString weightsPath);

public Q_SLOTS:
    void reject() override; ///< also the window's close button: cancels and waits for the worker

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Outcome;

    void retranslate();
    void updateSourceTexts();
    void updateButtons();
    void browseSource(bool hq);
    void browseOutput();
    void appendLog(const QString& text);
    void showProgress(const hrtem::GanTrainingProgress& progress);
    void updateResumeChoice();
    /// The run's settings from the widgets; an empty message, or why it cannot start.
    QString prepareRun(hrtem::GanTrainingSettings& settings, bool& fromMarks);
    void showPreview(const cv::Mat& lq, const cv::Mat& restored);
    void jobFinished(BackgroundJob::Outcome how, const QString& problem);
    void workerDone(const Outcome& outcome);
    void stopWorker();

    // Sources: frames marked in the window's movies, or a path per domain.
    std::vector<MarkedSource> mMarked;
    bool mHqFromMarks = false;
    bool mLqFromMarks = false;
    std::unique_ptr<QTemporaryDir> mTempDir;
    nlohmann::json mOptions;

    std::unique_ptr<BackgroundJob> mJob;      ///< the training, off the GUI thread
    std::shared_ptr<Outcome> mOutcome;        ///< what the running job reports beyond its outcome
    bool mStopRequested = false;
    std::shared_ptr<std::atomic<bool>> mPause = std::make_shared<std::atomic<bool>>(false);
    QString mModelCard;
    int mStepsDone = 0;
    bool mRunning = false;
    QString mWeightsPath;
    bool mWeightsReady = false;
    QImage mPreview;

    QGroupBox* mSourcesBox;
    QGroupBox* mSettingsBox;
    QLabel* mHqLabel;
    QLabel* mLqLabel;
    QLineEdit* mHqEdit;
    QLineEdit* mLqEdit;
    QPushButton* mHqBrowse;
    QPushButton* mLqBrowse;
    QLabel* mStepsLabel;
    QSpinBox* mSteps;
    QLabel* mDeviceLabel;
    QComboBox* mDevice;
    QLabel* mMinutesLabel;
    QSpinBox* mMinutes;
    QLabel* mPatchLabel;
    QSpinBox* mPatch;
    QLabel* mBatchLabel;
    QSpinBox* mBatch;
    QLabel* mVariantLabel;
    QComboBox* mVariant;
    QCheckBox* mResume;
    QLabel* mOutputLabel;
    QLineEdit* mOutputEdit;
    QPushButton* mOutputBrowse;
    QProgressBar* mProgress;
    QLabel* mTimeLabel;
    QCustomPlot* mPlot;
    QLabel* mPreviewLabel;
    QLabel* mPreviewCaption;
    QPlainTextEdit* mLog;
    QDialogButtonBox* mButtons;
    QPushButton* mStart;
    QPushButton* mPauseButton;
    QPushButton* mStop;
    QPushButton* mUseWeights;
    QPushButton* mClose;
};

} // namespace hrtem::ui
