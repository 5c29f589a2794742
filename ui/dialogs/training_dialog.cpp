#include "ui/dialogs/training_dialog.h"

#include "core/image/contrast.h"
#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"
#include "core/training/gan_training.h"
#include "ui/image_bridge.h"
#include "ui/plot/qcustomplot_include.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVBoxLayout>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace hrtem::ui {

struct TrainingDialog::Outcome {
    bool cancelled = false;
    int steps = 0;
    double seconds = 0.0;
    std::string device;
    std::string weights;
    std::string error; ///< non-empty: training failed with this message
};

namespace {

const char* const kDevices[] = {"auto", "cpu", "cuda"};

// Curves of the loss plot, in the order of the graphs.
enum Curve { GeneratorTotal, Cycle, DiscriminatorHq, DiscriminatorLq, CurveCount };
const QColor kCurveColours[CurveCount] = {QColor(40, 90, 180), QColor(40, 150, 60), QColor(210, 110, 0), QColor(170, 50, 150)};

/// "m:ss" or "h:mm:ss".
QString formatDuration(double seconds)
{
    const long long total = std::max(0LL, static_cast<long long>(std::llround(seconds)));
    const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

/// Writes `frames` of `stack` as single-page float32 TIFFs (frame_00001.tif, ...) into `folder`,
/// which core's image-sequence reader opens as one stack.
void writeMarkedFrames(StackReader& stack, const std::vector<int>& frames, const std::string& folder,
                       const std::atomic<bool>* cancel)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw IoError(folder, "cannot create the folder: " + ec.message());
    TiffWriteOptions options;
    options.x = stack.info().x;
    options.y = stack.info().y;
    int written = 0;
    for (int frame : frames) {
        throwIfCancelled(cancel);
        const cv::Mat image = stack.readFrame(frame);
        CV_Assert(image.type() == CV_32F);
        RawImage raw(PixelType::Float32, image.cols, image.rows);
        const std::size_t rowBytes = static_cast<std::size_t>(image.cols) * sizeof(float);
        for (int y = 0; y < image.rows; ++y)
            std::memcpy(raw.data() + static_cast<std::size_t>(y) * rowBytes, image.ptr<float>(y), rowBytes);
        char name[32];
        std::snprintf(name, sizeof name, "frame_%05d.tif", ++written);
        TiffStackWriter writer(folder + "/" + name, image.cols, image.rows, PixelType::Float32, 1, options);
        writer.append(raw);
        writer.finish();
    }
}

/// A float patch as 8-bit grey, its minimum black and its maximum white.
cv::Mat toGrey8(const cv::Mat& patch)
{
    cv::Mat f;
    if (patch.type() == CV_32F)
        f = patch;
    else
        patch.convertTo(f, CV_32F);
    double low = 0.0, high = 1.0;
    cv::minMaxLoc(f, &low, &high);
    if (!(high > low))
        high = low + 1.0;
    return renderGrey8(f, {low, high});
}

} // namespace

TrainingDialog::TrainingDialog(QWidget* parent)
    : QDialog(parent), mOptions(defaultGanOptions()), mJob(std::make_unique<BackgroundJob>())
{
    connect(mJob.get(), &BackgroundJob::finished, this, &TrainingDialog::jobFinished);
    // Sources.
    mSourcesBox = new QGroupBox(this);
    mHqLabel = new QLabel(mSourcesBox);
    mLqLabel = new QLabel(mSourcesBox);
    mHqEdit = new QLineEdit(mSourcesBox);
    mLqEdit = new QLineEdit(mSourcesBox);
    mHqBrowse = new QPushButton(mSourcesBox);
    mLqBrowse = new QPushButton(mSourcesBox);
    auto* sources = new QGridLayout(mSourcesBox);
    sources->addWidget(mHqLabel, 0, 0);
    sources->addWidget(mHqEdit, 0, 1);
    sources->addWidget(mHqBrowse, 0, 2);
    sources->addWidget(mLqLabel, 1, 0);
    sources->addWidget(mLqEdit, 1, 1);
    sources->addWidget(mLqBrowse, 1, 2);
    sources->setColumnStretch(1, 1);
    connect(mHqEdit, &QLineEdit::textEdited, this, [this] { mHqFromMarks = false; });
    connect(mLqEdit, &QLineEdit::textEdited, this, [this] { mLqFromMarks = false; });
    connect(mHqBrowse, &QPushButton::clicked, this, [this] { browseSource(true); });
    connect(mLqBrowse, &QPushButton::clicked, this, [this] { browseSource(false); });

    // Settings.
    mSettingsBox = new QGroupBox(this);
    mStepsLabel = new QLabel(mSettingsBox);
    mSteps = new QSpinBox(mSettingsBox);
    mSteps->setRange(1, 10000000);
    mSteps->setValue(2000);
    mDeviceLabel = new QLabel(mSettingsBox);
    mDevice = new QComboBox(mSettingsBox);
    for (const char* device : kDevices)
        mDevice->addItem(QString(), QString::fromLatin1(device));
    mOutputLabel = new QLabel(mSettingsBox);
    mOutputEdit = new QLineEdit(mSettingsBox);
    mOutputBrowse = new QPushButton(mSettingsBox);
    const QString weightsFolder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/weights");
    mOutputEdit->setText(QDir::toNativeSeparators(
        weightsFolder + QStringLiteral("/hrtem_gan_%1.safetensors").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss")))));
    connect(mOutputBrowse, &QPushButton::clicked, this, &TrainingDialog::browseOutput);
    auto* settings = new QGridLayout(mSettingsBox);
    settings->addWidget(mStepsLabel, 0, 0);
    settings->addWidget(mSteps, 0, 1);
    settings->addWidget(mDeviceLabel, 0, 2);
    settings->addWidget(mDevice, 0, 3);
    settings->addWidget(mOutputLabel, 1, 0);
    settings->addWidget(mOutputEdit, 1, 1, 1, 3);
    settings->addWidget(mOutputBrowse, 1, 4);
    settings->setColumnStretch(1, 1);
    settings->setColumnStretch(3, 1);

    // Progress.
    mProgress = new QProgressBar(this);
    mProgress->setRange(0, 1);
    mProgress->setValue(0);
    mProgress->setFormat(QStringLiteral("%v / %m"));
    mTimeLabel = new QLabel(this);

    // Loss plot and preview.
    mPlot = new QCustomPlot(this);
    mPlot->setMinimumSize(320, 200);
    for (int i = 0; i < CurveCount; ++i) {
        mPlot->addGraph();
        mPlot->graph(i)->setPen(QPen(kCurveColours[i], 1.5));
    }
    mPlot->legend->setVisible(true);
    mPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    mPreviewLabel = new QLabel(this);
    mPreviewLabel->setAlignment(Qt::AlignCenter);
    mPreviewLabel->setMinimumSize(256, 128);
    mPreviewCaption = new QLabel(this);
    mPreviewCaption->setAlignment(Qt::AlignCenter);
    mPreviewCaption->setWordWrap(true);
    auto* previewBox = new QWidget(this);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(mPreviewLabel, 1);
    previewLayout->addWidget(mPreviewCaption);
    auto* views = new QSplitter(Qt::Horizontal, this);
    views->addWidget(mPlot);
    views->addWidget(previewBox);
    views->setStretchFactor(0, 3);
    views->setStretchFactor(1, 2);
    views->setSizes({480, 320});

    mLog = new QPlainTextEdit(this);
    mLog->setReadOnly(true);
    mLog->setMaximumBlockCount(5000);
    mLog->setMinimumHeight(80);

    mButtons = new QDialogButtonBox(this);
    mStart = mButtons->addButton(QString(), QDialogButtonBox::ActionRole);
    mStop = mButtons->addButton(QString(), QDialogButtonBox::ActionRole);
    mUseWeights = mButtons->addButton(QString(), QDialogButtonBox::AcceptRole);
    mClose = mButtons->addButton(QDialogButtonBox::Close);
    connect(mStart, &QPushButton::clicked, this, &TrainingDialog::start);
    connect(mStop, &QPushButton::clicked, this, &TrainingDialog::cancel);
    connect(mUseWeights, &QPushButton::clicked, this, [this] {
        if (mRunning || !mWeightsReady)
            return;
        Q_EMIT useWeightsRequested(weightsPath());
        accept();
    });
    connect(mClose, &QPushButton::clicked, this, &TrainingDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mSourcesBox);
    layout->addWidget(mSettingsBox);
    layout->addWidget(mProgress);
    layout->addWidget(mTimeLabel);
    layout->addWidget(views, 3);
    layout->addWidget(mLog, 1);
    layout->addWidget(mButtons);
    resize(820, 680);

    retranslate();
    updateButtons();
}

TrainingDialog::~TrainingDialog()
{
    stopWorker();
}

void TrainingDialog::retranslate()
{
    setWindowTitle(tr("Train a restoration network (HRTEM-GAN)"));
    mSourcesBox->setTitle(tr("Training frames (unpaired)"));
    mHqLabel->setText(tr("High quality"));
    mLqLabel->setText(tr("Low quality"));
    mHqEdit->setPlaceholderText(tr("Frames marked H, or a stack or folder of frames"));
    mLqEdit->setPlaceholderText(tr("Frames marked L, or a stack or folder of frames"));
    mHqBrowse->setText(tr("Browse…"));
    mLqBrowse->setText(tr("Browse…"));
    mSettingsBox->setTitle(tr("Training"));
    mStepsLabel->setText(tr("Steps"));
    mSteps->setToolTip(tr("Training steps; each step trains on one batch of patches from each domain"));
    mDeviceLabel->setText(tr("Device"));
    mDevice->setItemText(0, tr("Automatic (CUDA if present)"));
    mDevice->setItemText(1, tr("CPU"));
    mDevice->setItemText(2, tr("CUDA"));
    mOutputLabel->setText(tr("Save weights as"));
    mOutputBrowse->setText(tr("Browse…"));
    mPlot->xAxis->setLabel(tr("Step"));
    mPlot->yAxis->setLabel(tr("Loss"));
    const QString names[CurveCount] = {tr("Generator total"), tr("Cycle"), tr("Discriminator HQ"), tr("Discriminator LQ")};
    for (int i = 0; i < CurveCount; ++i)
        mPlot->graph(i)->setName(names[i]);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    mPreviewCaption->setText(tr("Low-quality patch (left) and its restoration (right)"));
    if (mPreview.isNull())
        mPreviewLabel->setText(tr("The preview appears as training runs."));
    mStart->setText(tr("Start training"));
    mStop->setText(tr("Stop"));
    mStop->setToolTip(tr("Stop after the current step; the weights so far are saved"));
    mUseWeights->setText(tr("Use these weights"));
    mUseWeights->setToolTip(tr("Restore with the weights just trained"));
    mClose->setText(tr("Close"));
    updateSourceTexts();
}

void TrainingDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void TrainingDialog::updateSourceTexts()
{
    if (mHqFromMarks)
        mHqEdit->setText(tr("%1 frames marked H in the open stack").arg(mHighFrames.size()));
    if (mLqFromMarks)
        mLqEdit->setText(tr("%1 frames marked L in the open stack").arg(mLowFrames.size()));
}

void TrainingDialog::updateButtons()
{
    mStart->setEnabled(!mRunning);
    mStop->setEnabled(mRunning);
    mUseWeights->setEnabled(!mRunning && mWeightsReady);
    mSourcesBox->setEnabled(!mRunning);
    mSettingsBox->setEnabled(!mRunning);
}

void TrainingDialog::setMarkedFrames(std::shared_ptr<StackReader> stack, QVector<int> highFrames, QVector<int> lowFrames)
{
    const bool hadHq = mHqFromMarks, hadLq = mLqFromMarks;
    mStack = std::move(stack);
    mHighFrames = std::move(highFrames);
    mLowFrames = std::move(lowFrames);
    mHqFromMarks = mStack != nullptr && !mHighFrames.isEmpty();
    mLqFromMarks = mStack != nullptr && !mLowFrames.isEmpty();
    // A domain that no longer has marked frames needs a source chosen here.
    if (hadHq && !mHqFromMarks)
        mHqEdit->clear();
    if (hadLq && !mLqFromMarks)
        mLqEdit->clear();
    updateSourceTexts();
}

void TrainingDialog::setSources(const QString& hq, const QString& lq)
{
    if (!hq.isEmpty()) {
        mHqFromMarks = false;
        mHqEdit->setText(hq);
    }
    if (!lq.isEmpty()) {
        mLqFromMarks = false;
        mLqEdit->setText(lq);
    }
}

void TrainingDialog::setSteps(int steps)
{
    mSteps->setValue(steps);
}

void TrainingDialog::setOutputPath(const QString& weights)
{
    mOutputEdit->setText(weights);
}

void TrainingDialog::setDevice(const QString& device)
{
    const int index = mDevice->findData(device.toLower());
    if (index >= 0)
        mDevice->setCurrentIndex(index);
}

void TrainingDialog::setOptions(const nlohmann::json& options)
{
    mOptions = defaultGanOptions();
    if (options.is_object())
        mOptions.merge_patch(options);
}

int TrainingDialog::lossPointCount() const
{
    return mPlot->graph(GeneratorTotal)->dataCount();
}

QString TrainingDialog::weightsPath() const
{
    return mWeightsPath.isEmpty() ? mOutputEdit->text().trimmed() : mWeightsPath;
}

void TrainingDialog::browseSource(bool hq)
{
    const QString title = hq ? tr("High-quality frames") : tr("Low-quality frames");
    const QString path = QFileDialog::getOpenFileName(
        this, title, QString(), tr("Stacks (*.tif *.tiff *.dm3 *.dm4 *.avi *.mp4);;All files (*)"));
    if (path.isEmpty())
        return;
    if (hq)
        setSources(path, QString());
    else
        setSources(QString(), path);
}

void TrainingDialog::browseOutput()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the weights as"), mOutputEdit->text(),
                                                      tr("Safetensors weights (*.safetensors)"));
    if (path.isEmpty())
        return;
    mOutputEdit->setText(path.endsWith(QLatin1String(".safetensors")) ? path : path + QStringLiteral(".safetensors"));
}

void TrainingDialog::appendLog(const QString& text)
{
    mLog->appendPlainText(text);
}

void TrainingDialog::start()
{
    if (mRunning)
        return;
    auto refuse = [this](const QString& message) {
        appendLog(message);
        Q_EMIT finished(false, message);
    };

    const bool hqMarks = mHqFromMarks && mStack != nullptr && !mHighFrames.isEmpty();
    const bool lqMarks = mLqFromMarks && mStack != nullptr && !mLowFrames.isEmpty();
    QString hq = hqMarks ? QString() : mHqEdit->text().trimmed();
    QString lq = lqMarks ? QString() : mLqEdit->text().trimmed();
    if (!hqMarks && hq.isEmpty()) {
        refuse(tr("No high-quality frames: mark frames H in the window, or choose a stack or folder of frames."));
        return;
    }
    if (!lqMarks && lq.isEmpty()) {
        refuse(tr("No low-quality frames: mark frames L in the window, or choose a stack or folder of frames."));
        return;
    }
    const QString weights = mOutputEdit->text().trimmed();
    if (weights.isEmpty()) {
        refuse(tr("Choose where to save the weights."));
        return;
    }
    if (!QDir().mkpath(QFileInfo(weights).absolutePath())) {
        refuse(tr("Cannot create the folder %1").arg(QFileInfo(weights).absolutePath()));
        return;
    }
    if (hqMarks || lqMarks) {
        mTempDir = std::make_unique<QTemporaryDir>();
        if (!mTempDir->isValid()) {
            refuse(tr("Cannot create a temporary folder for the marked frames: %1").arg(mTempDir->errorString()));
            return;
        }
        if (hqMarks)
            hq = mTempDir->filePath(QStringLiteral("hq"));
        if (lqMarks)
            lq = mTempDir->filePath(QStringLiteral("lq"));
    }

    GanTrainingSettings settings;
    settings.hq = QDir::toNativeSeparators(hq).toStdString();
    settings.lq = QDir::toNativeSeparators(lq).toStdString();
    settings.outWeights = weights.toStdString();
    settings.steps = mSteps->value();
    settings.logEvery = std::clamp(settings.steps / 200, 1, 10);
    settings.checkpointEvery = std::max(250, settings.steps / 8);
    settings.device = mDevice->currentData().toString().toStdString();
    settings.options = mOptions;

    std::shared_ptr<StackReader> stack = (hqMarks || lqMarks) ? mStack : nullptr;
    std::vector<int> high, low;
    if (hqMarks)
        high.assign(mHighFrames.begin(), mHighFrames.end());
    if (lqMarks)
        low.assign(mLowFrames.begin(), mLowFrames.end());

    // A fresh run: clear the curves, the preview and the result of the last one.
    for (int i = 0; i < CurveCount; ++i)
        mPlot->graph(i)->data()->clear();
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    mPreview = QImage();
    mPreviewLabel->clear();
    mPreviewLabel->setText(tr("The preview appears as training runs."));
    mProgress->setRange(0, settings.steps);
    mProgress->setValue(0);
    mTimeLabel->setText(tr("Starting…"));
    mWeightsPath = weights;
    mWeightsReady = false;
    mStopRequested = false;
    mRunning = true;
    updateButtons();
    appendLog(tr("Training %1 steps: high quality %2, low quality %3; weights: %4")
                  .arg(settings.steps)
                  .arg(hqMarks ? tr("%1 marked frames").arg(high.size()) : hq)
                  .arg(lqMarks ? tr("%1 marked frames").arg(low.size()) : lq)
                  .arg(weights));

    const int previewEvery = std::clamp(settings.steps / 20, 1, 50);
    mOutcome = std::make_shared<Outcome>();
    mOutcome->weights = settings.outWeights;
    // Cancelled and failed runs are told by the job's own outcome (BackgroundJob); the summary
    // of a run that ended goes through mOutcome.
    mJob->start([this, settings, stack, high, low, previewEvery, outcome = mOutcome](const Progress& progress) {
        if (!high.empty())
            writeMarkedFrames(*stack, high, settings.hq, progress.cancelFlag());
        if (!low.empty())
            writeMarkedFrames(*stack, low, settings.lq, progress.cancelFlag());
        GanTrainingObserver observer;
        observer.cancel = progress.cancelFlag();
        observer.previewEvery = previewEvery;
        observer.progress = [this](const GanTrainingProgress& p) {
            QMetaObject::invokeMethod(this, [this, p] { showProgress(p); }, Qt::QueuedConnection);
        };
        observer.message = [this](const std::string& text) {
            const QString line = QString::fromStdString(text);
            QMetaObject::invokeMethod(this, [this, line] { appendLog(line); }, Qt::QueuedConnection);
        };
        observer.preview = [this](const cv::Mat& lqPatch, const cv::Mat& restored) {
            const cv::Mat a = lqPatch.clone(), b = restored.clone();
            QMetaObject::invokeMethod(this, [this, a, b] { showPreview(a, b); }, Qt::QueuedConnection);
        };
        const GanTrainingSummary summary = trainGan(settings, observer);
        outcome->cancelled = summary.cancelled;
        outcome->steps = summary.steps;
        outcome->seconds = summary.seconds;
        outcome->device = summary.device;
        outcome->weights = summary.weights;
    });
}

void TrainingDialog::jobFinished(BackgroundJob::Outcome how, const QString& problem)
{
    Outcome outcome = mOutcome ? *mOutcome : Outcome{};
    if (how == BackgroundJob::Outcome::Cancelled)
        outcome.cancelled = true;
    if (how == BackgroundJob::Outcome::Failed)
        outcome.error = problem.isEmpty() ? std::string("unknown error") : problem.toStdString();
    workerDone(outcome);
}

void TrainingDialog::cancel()
{
    if (mRunning && !mStopRequested) {
        mStopRequested = true;
        mJob->cancel();
        appendLog(tr("Stopping after the current step…"));
    }
}

void TrainingDialog::stopWorker()
{
    if (mJob)
        mJob->cancelAndWait();
}

void TrainingDialog::reject()
{
    if (mRunning) {
        cancel();
        stopWorker();
    }
    QDialog::reject();
}

void TrainingDialog::showProgress(const GanTrainingProgress& p)
{
    const double values[CurveCount] = {p.generatorTotal, p.cycle, p.discriminatorHq, p.discriminatorLq};
    for (int i = 0; i < CurveCount; ++i)
        if (std::isfinite(values[i]))
            mPlot->graph(i)->addData(p.step, values[i]);
    mPlot->rescaleAxes();
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    mProgress->setRange(0, std::max(1, p.steps));
    mProgress->setValue(p.step);
    const double left = p.step > 0 ? p.seconds / p.step * std::max(0, p.steps - p.step) : 0.0;
    mTimeLabel->setText(tr("Step %1 of %2 · %3 elapsed · about %4 left")
                            .arg(p.step)
                            .arg(p.steps)
                            .arg(formatDuration(p.seconds), formatDuration(left)));
}

void TrainingDialog::showPreview(const cv::Mat& lq, const cv::Mat& restored)
{
    if (lq.empty() || restored.empty())
        return;
    const cv::Mat a = toGrey8(lq), b = toGrey8(restored);
    const int gap = 2;
    cv::Mat canvas(std::max(a.rows, b.rows), a.cols + gap + b.cols, CV_8U, cv::Scalar(255));
    a.copyTo(canvas(cv::Rect(0, 0, a.cols, a.rows)));
    b.copyTo(canvas(cv::Rect(a.cols + gap, 0, b.cols, b.rows)));
    mPreview = toQImage(canvas);
    // Small patches shown larger, pixels kept sharp.
    const int scale = std::max(1, 192 / std::max(1, canvas.rows));
    mPreviewLabel->setPixmap(QPixmap::fromImage(mPreview.scaled(mPreview.size() * scale, Qt::KeepAspectRatio, Qt::FastTransformation)));
}

void TrainingDialog::workerDone(const Outcome& outcome)
{
    mRunning = false;
    bool ok = false;
    QString message;
    const QString weights = QString::fromStdString(outcome.weights);
    if (!outcome.error.empty()) {
        message = tr("Training failed: %1").arg(QString::fromStdString(outcome.error));
    } else if (outcome.cancelled) {
        const QFileInfo file(weights);
        mWeightsReady = outcome.steps > 0 && file.exists() && file.size() > 0;
        message = mWeightsReady ? tr("Training stopped after %1 steps; the weights so far are saved in %2").arg(outcome.steps).arg(weights)
                                : tr("Training cancelled.");
    } else {
        ok = true;
        mWeightsReady = true;
        message = tr("Trained %1 steps in %2 on %3; weights saved in %4")
                      .arg(outcome.steps)
                      .arg(formatDuration(outcome.seconds), QString::fromStdString(outcome.device), weights);
    }
    if (mWeightsReady)
        mWeightsPath = weights;
    mTimeLabel->setText(message);
    appendLog(message);
    updateButtons();
    Q_EMIT finished(ok, message);
}

} // namespace hrtem::ui
