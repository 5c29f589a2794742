#pragma once
#include <nlohmann/json.hpp>

#include "ui/document/background_job.h"

#include <QDialog>
#include <QImage>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

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
}

namespace hrtem::ui {

/// Tools → Train restoration network…: trains HRTEM-GAN (core's trainGan, as `hrtem train gan`
/// does) on unpaired high- and low-quality frames, either the frames marked H/L in the window
/// (written to a temporary folder of float TIFFs for the run) or two stacks/folders chosen here.
/// Training runs on a worker thread; the losses plot live, a low-quality patch and its
/// restoration preview as it learns, and the result can be used for restoration at once.
class TrainingDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainingDialog(QWidget* parent = nullptr);
    ~TrainingDialog() override; ///< cancels and joins a running training

    /// The frames marked high (H) and low (L) quality in `stack`: used as the two domains
    /// (either list may be empty; that domain then needs a source chosen with setSources/Browse).
    void setMarkedFrames(std::shared_ptr<hrtem::StackReader> stack, QVector<int> highFrames, QVector<int> lowFrames);
    /// Stack files or folders of frames of each domain (an empty string keeps that domain's source).
    void setSources(const QString& hq, const QString& lq);
    void setSteps(int steps);
    void setOutputPath(const QString& weights); ///< .safetensors
    void setDevice(const QString& device);      ///< "auto", "cpu" or "cuda"
    /// Trainer options (networks, patch and batch size...) merged over defaultGanOptions().
    void setOptions(const nlohmann::json& options);

    void start();
    void cancel();
    bool isRunning() const { return mRunning; }
    int lossPointCount() const;
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
    void showPreview(const cv::Mat& lq, const cv::Mat& restored);
    void jobFinished(BackgroundJob::Outcome how, const QString& problem);
    void workerDone(const Outcome& outcome);
    void stopWorker();

    // Sources: marked frames of a stack, or a path per domain.
    std::shared_ptr<hrtem::StackReader> mStack;
    QVector<int> mHighFrames;
    QVector<int> mLowFrames;
    bool mHqFromMarks = false;
    bool mLqFromMarks = false;
    std::unique_ptr<QTemporaryDir> mTempDir;
    nlohmann::json mOptions;

    std::unique_ptr<BackgroundJob> mJob;      ///< the training, off the GUI thread
    std::shared_ptr<Outcome> mOutcome;        ///< what the running job reports beyond its outcome
    bool mStopRequested = false;
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
    QPushButton* mStop;
    QPushButton* mUseWeights;
    QPushButton* mClose;
};

} // namespace hrtem::ui
