#include "ui/dialogs/training_dialog.h"
#include "ui/document/thread_handoff.h"

#include "core/image/contrast.h"
#include "core/io/io_error.h"
#include "core/io/stack.h"
#include "core/io/tiff/tiff_writer.h"
#include "core/training/gan_training.h"
#include "ui/image_bridge.h"
#include "ui/plot/qcustomplot_include.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QRegularExpression>
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
    std::string modelCard;
    bool timeUp = false;
    std::string error; ///< non-empty: training failed with this message
};

namespace {

const char* const kDevices[] = {"auto", "cpu", "cuda"};

// Curves of the loss plot, in the order of the graphs: every term the trainer reports.
enum Curve { GeneratorTotal, Adversarial, Cycle, Identity, Fft, Cf, DiscriminatorHq, DiscriminatorLq, CurveCount };
const QColor kCurveColours[CurveCount] = {QColor(40, 90, 180),  QColor(90, 160, 220), QColor(40, 150, 60), QColor(140, 190, 60),
                                          QColor(120, 90, 50),  QColor(0, 150, 150),  QColor(210, 110, 0), QColor(170, 50, 150)};

// The chapter-4 variants (options merged over the rest); the masks they need come only with
// simulated movies, and the trainer refuses them by name otherwise.
const char* const kVariants[] = {R"({"mask_weight": 0, "lambda_segmentation": 0})", R"({"mask_weight": 1, "lambda_segmentation": 0})",
                                 R"({"mask_weight": 0, "lambda_segmentation": 1})"};

/// "m:ss" or "h:mm:ss".
QString formatDuration(double seconds)
{
    const long long total = std::max(0LL, static_cast<long long>(std::llround(seconds)));
    const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
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
    mMinutesLabel = new QLabel(mSettingsBox);
    mMinutes = new QSpinBox(mSettingsBox);
    mMinutes->setRange(0, 100000);
    mPatchLabel = new QLabel(mSettingsBox);
    mPatch = new QSpinBox(mSettingsBox);
    mPatch->setRange(16, 512);
    mPatch->setSingleStep(16);
    mPatch->setSuffix(QStringLiteral(" px"));
    mBatchLabel = new QLabel(mSettingsBox);
    mBatch = new QSpinBox(mSettingsBox);
    mBatch->setRange(1, 256);
    mVariantLabel = new QLabel(mSettingsBox);
    mVariant = new QComboBox(mSettingsBox);
    for (int i = 0; i < 3; ++i)
        mVariant->addItem(QString());
    mResume = new QCheckBox(mSettingsBox);
    mOutputLabel = new QLabel(mSettingsBox);
    mOutputEdit = new QLineEdit(mSettingsBox);
    mOutputBrowse = new QPushButton(mSettingsBox);
    const QString weightsFolder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/weights");
    mOutputEdit->setText(QDir::toNativeSeparators(
        weightsFolder + QStringLiteral("/hrtem_gan_%1.safetensors").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss")))));
    connect(mOutputBrowse, &QPushButton::clicked, this, &TrainingDialog::browseOutput);
    connect(mOutputEdit, &QLineEdit::textChanged, this, &TrainingDialog::updateResumeChoice);
    auto* settings = new QGridLayout(mSettingsBox);
    settings->addWidget(mStepsLabel, 0, 0);
    settings->addWidget(mSteps, 0, 1);
    settings->addWidget(mMinutesLabel, 0, 2);
    settings->addWidget(mMinutes, 0, 3);
    settings->addWidget(mDeviceLabel, 0, 4);
    settings->addWidget(mDevice, 0, 5);
    settings->addWidget(mPatchLabel, 1, 0);
    settings->addWidget(mPatch, 1, 1);
    settings->addWidget(mBatchLabel, 1, 2);
    settings->addWidget(mBatch, 1, 3);
    settings->addWidget(mVariantLabel, 1, 4);
    settings->addWidget(mVariant, 1, 5);
    settings->addWidget(mOutputLabel, 2, 0);
    settings->addWidget(mOutputEdit, 2, 1, 1, 4);
    settings->addWidget(mOutputBrowse, 2, 5);
    settings->addWidget(mResume, 3, 1, 1, 5);
    settings->setColumnStretch(1, 1);
    settings->setColumnStretch(3, 1);
    settings->setColumnStretch(5, 1);

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
    // Eight terms: the legend goes right of the axes, so that it hides no curve.
    mPlot->legend->setVisible(true);
    mPlot->axisRect()->insetLayout()->take(mPlot->legend);
    mPlot->plotLayout()->addElement(0, 1, mPlot->legend);
    mPlot->plotLayout()->setColumnStretchFactor(1, 0.001);
    mPlot->legend->setBorderPen(Qt::NoPen);
    mPlot->legend->setMargins(QMargins(4, 4, 4, 4));
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    mPlot->legend->setFont(legendFont);
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
    mPauseButton = mButtons->addButton(QString(), QDialogButtonBox::ActionRole);
    mPauseButton->setCheckable(true);
    connect(mPauseButton, &QPushButton::toggled, this, &TrainingDialog::setPaused);
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
    resize(860, 720);

    setOptions(nlohmann::json::object());
    retranslate();
    updateButtons();
    updateResumeChoice();
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
    mHqEdit->setToolTip(tr("Frames that show what a restored frame should look like: the frames marked H (Analysis > Mark frames), or a stack or folder of them"));
    mLqEdit->setToolTip(tr("Frames to learn to restore: the frames marked L, or a stack or folder of them. Unpaired: they need not show the same scene"));
    mHqBrowse->setText(tr("Browse…"));
    mLqBrowse->setText(tr("Browse…"));
    mSettingsBox->setTitle(tr("Training"));
    mStepsLabel->setText(tr("Steps"));
    mSteps->setToolTip(tr("Training steps; each step trains on one batch of patches from each domain"));
    mMinutesLabel->setText(tr("Time budget"));
    mMinutes->setSuffix(tr(" min"));
    mMinutes->setSpecialValueText(tr("no limit"));
    mMinutes->setToolTip(tr("Stop after this long even if steps remain; the weights so far are saved"));
    mPatchLabel->setText(tr("Patch size"));
    mPatch->setToolTip(tr("Side of the square patches cut from the frames; restoration tiles use the same size"));
    mBatchLabel->setText(tr("Batch"));
    mBatch->setToolTip(tr("Patches of each domain per step"));
    mVariantLabel->setText(tr("Variant"));
    mVariant->setItemText(0, tr("Paper (plain cycle loss)"));
    mVariant->setItemText(1, tr("Thesis ch. 4: mask-weighted cycle loss"));
    mVariant->setItemText(2, tr("Thesis ch. 4: generation-guided segmentation"));
    mVariant->setToolTip(tr("The chapter-4 variants need the simulator's atom-column masks: train them on simulated movies"));
    mResume->setText(tr("Continue from the checkpoint beside these weights"));
    mResume->setToolTip(tr("Resume the run that wrote the checkpoint (same networks), up to the steps set here"));
    mDeviceLabel->setText(tr("Device"));
    mDevice->setToolTip(tr("Where the networks train: a CUDA GPU when there is one, or the CPU (slower; the window stays responsive)"));
    mDevice->setItemText(0, tr("Automatic (CUDA if present)"));
    mDevice->setItemText(1, tr("CPU"));
    mDevice->setItemText(2, tr("CUDA"));
    mOutputLabel->setText(tr("Save weights as"));
    mOutputEdit->setToolTip(tr("The weights file (.safetensors); its model card, checkpoint and log are written beside it"));
    mOutputBrowse->setText(tr("Browse…"));
    mPlot->xAxis->setLabel(tr("Step"));
    mPlot->yAxis->setLabel(tr("Loss"));
    const QString names[CurveCount] = {tr("Generator total"), tr("Adversarial"),      tr("Cycle"),           tr("Identity"),
                                       tr("FFT"),             tr("Characteristic function"), tr("Discriminator HQ"), tr("Discriminator LQ")};
    for (int i = 0; i < CurveCount; ++i)
        mPlot->graph(i)->setName(names[i]);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    mPreviewCaption->setText(tr("Low-quality patch (left) and its restoration (right)"));
    if (mPreview.isNull())
        mPreviewLabel->setText(tr("The preview appears as training runs."));
    mStart->setText(tr("Start training"));
    mPauseButton->setText(mPauseButton->isChecked() ? tr("Continue") : tr("Pause"));
    mPauseButton->setToolTip(tr("Hold the training between two steps; the window stays free"));
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
    auto text = [this](bool high) {
        const int movies = int(std::count_if(mMarked.begin(), mMarked.end(), [high](const MarkedSource& m) { return !(high ? m.high : m.low).isEmpty(); }));
        const int frames = countMarkedFrames(mMarked, high);
        return high ? tr("%1 frames marked H in %2 movie(s)").arg(frames).arg(movies) : tr("%1 frames marked L in %2 movie(s)").arg(frames).arg(movies);
    };
    if (mHqFromMarks)
        mHqEdit->setText(text(true));
    if (mLqFromMarks)
        mLqEdit->setText(text(false));
}

void TrainingDialog::updateButtons()
{
    mStart->setEnabled(!mRunning);
    mPauseButton->setEnabled(mRunning);
    if (!mRunning && mPauseButton->isChecked())
        mPauseButton->setChecked(false);
    mStop->setEnabled(mRunning);
    mUseWeights->setEnabled(!mRunning && mWeightsReady);
    mSourcesBox->setEnabled(!mRunning);
    mSettingsBox->setEnabled(!mRunning);
}

void TrainingDialog::setMarkedFrames(std::shared_ptr<StackReader> stack, QVector<int> highFrames, QVector<int> lowFrames)
{
    std::vector<MarkedSource> sources;
    if (stack) {
        MarkedSource source;
        const std::string& path = stack->info().path;
        source.label = path.empty() ? QStringLiteral("the open stack") : QFileInfo(QString::fromStdString(path)).fileName();
        source.frameSize = QSize(stack->info().width, stack->info().height);
        source.open = [stack] { return stack; };
        source.high = std::move(highFrames);
        source.low = std::move(lowFrames);
        sources.push_back(std::move(source));
    }
    setMarkedMovies(std::move(sources));
}

void TrainingDialog::setMarkedMovies(std::vector<MarkedSource> sources)
{
    const bool hadHq = mHqFromMarks, hadLq = mLqFromMarks;
    mMarked = std::move(sources);
    mHqFromMarks = countMarkedFrames(mMarked, true) > 0;
    mLqFromMarks = countMarkedFrames(mMarked, false) > 0;
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
    mPatch->setValue(mOptions.value("patch_size", 64));
    mBatch->setValue(mOptions.value("batch_size", 4));
    mVariant->setCurrentIndex(mOptions.value("lambda_segmentation", 0.0) > 0.0 ? 2 : mOptions.value("mask_weight", 0.0) > 0.0 ? 1 : 0);
}

void TrainingDialog::setTimeBudget(double minutes) { mMinutes->setValue(int(std::lround(minutes))); }

void TrainingDialog::setContinueFromCheckpoint(bool on) { mResume->setChecked(on && canContinueFromCheckpoint()); }

bool TrainingDialog::canContinueFromCheckpoint() const
{
    const QString weights = mOutputEdit->text().trimmed();
    return !weights.isEmpty() && QFileInfo::exists(weights + QStringLiteral(".checkpoint"));
}

void TrainingDialog::updateResumeChoice()
{
    const bool can = canContinueFromCheckpoint();
    mResume->setEnabled(can && !mRunning);
    if (!can)
        mResume->setChecked(false);
}

void TrainingDialog::setPaused(bool paused)
{
    if (!mRunning)
        paused = false;
    mPause->store(paused);
    if (mPauseButton->isChecked() != paused)
        mPauseButton->setChecked(paused);
    mPauseButton->setText(paused ? tr("Continue") : tr("Pause"));
    if (mRunning)
        appendLog(paused ? tr("Paused: the training waits between two steps.") : tr("Continuing."));
}

bool TrainingDialog::isPaused() const { return mPause->load(); }

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

QString TrainingDialog::prepareRun(GanTrainingSettings& settings, bool& fromMarks)
{
    const bool hqMarks = mHqFromMarks && countMarkedFrames(mMarked, true) > 0;
    const bool lqMarks = mLqFromMarks && countMarkedFrames(mMarked, false) > 0;
    QString hq = hqMarks ? QString() : mHqEdit->text().trimmed();
    QString lq = lqMarks ? QString() : mLqEdit->text().trimmed();
    if (!hqMarks && hq.isEmpty())
        return tr("No high-quality frames: mark frames H in the window, or choose a stack or folder of frames.");
    if (!lqMarks && lq.isEmpty())
        return tr("No low-quality frames: mark frames L in the window, or choose a stack or folder of frames.");
    if (hqMarks && countMarkedFrames(mMarked, true) < kMinMarkedFrames)
        return tr("Too few frames marked high quality: %1; mark at least %2.").arg(countMarkedFrames(mMarked, true)).arg(kMinMarkedFrames);
    if (lqMarks && countMarkedFrames(mMarked, false) < kMinMarkedFrames)
        return tr("Too few frames marked low quality: %1; mark at least %2.").arg(countMarkedFrames(mMarked, false)).arg(kMinMarkedFrames);
    const QString weights = mOutputEdit->text().trimmed();
    if (weights.isEmpty())
        return tr("Choose where to save the weights.");
    if (!QDir().mkpath(QFileInfo(weights).absolutePath()))
        return tr("Cannot create the folder %1").arg(QFileInfo(weights).absolutePath());
    fromMarks = hqMarks || lqMarks;
    if (fromMarks) {
        mTempDir = std::make_unique<QTemporaryDir>();
        if (!mTempDir->isValid())
            return tr("Cannot create a temporary folder for the marked frames: %1").arg(mTempDir->errorString());
        if (hqMarks)
            hq = mTempDir->filePath(QStringLiteral("hq"));
        if (lqMarks)
            lq = mTempDir->filePath(QStringLiteral("lq"));
    }
    settings.hq = QDir::toNativeSeparators(hq).toStdString();
    settings.lq = QDir::toNativeSeparators(lq).toStdString();
    settings.hqDescription = hqMarks ? describeMarkedFrames(mMarked, true) : std::string();
    settings.lqDescription = lqMarks ? describeMarkedFrames(mMarked, false) : std::string();
    settings.outWeights = weights.toStdString();
    settings.steps = mSteps->value();
    settings.maxSeconds = 60.0 * mMinutes->value();
    settings.logEvery = std::clamp(settings.steps / 200, 1, 10);
    settings.checkpointEvery = std::max(250, settings.steps / 8);
    settings.device = mDevice->currentData().toString().toStdString();
    settings.options = mOptions;
    settings.options["patch_size"] = mPatch->value();
    settings.options["batch_size"] = mBatch->value();
    settings.options.merge_patch(nlohmann::json::parse(kVariants[std::max(0, mVariant->currentIndex())]));
    if (mResume->isChecked() && canContinueFromCheckpoint())
        settings.resume = settings.outWeights + ".checkpoint";
    return {};
}

void TrainingDialog::start()
{
    if (mRunning)
        return;
    GanTrainingSettings settings;
    bool fromMarks = false;
    if (const QString problem = prepareRun(settings, fromMarks); !problem.isEmpty()) {
        appendLog(problem);
        mTimeLabel->setText(problem);
        Q_EMIT finished(false, problem);
        return;
    }
    const std::vector<MarkedSource> marked = fromMarks ? mMarked : std::vector<MarkedSource>{};
    const bool hqMarks = !settings.hqDescription.empty(), lqMarks = !settings.lqDescription.empty();

    // A fresh run clears the curves, the preview and the result of the last one; a continued
    // run keeps the curves (its steps go on from the checkpoint's).
    if (settings.resume.empty())
        for (int i = 0; i < CurveCount; ++i)
            mPlot->graph(i)->data()->clear();
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    mPreview = QImage();
    mPreviewLabel->clear();
    mPreviewLabel->setText(tr("The preview appears as training runs."));
    mProgress->setRange(0, settings.steps);
    mProgress->setValue(0);
    mTimeLabel->setText(tr("Starting…"));
    mWeightsPath = QString::fromStdString(settings.outWeights);
    mWeightsReady = false;
    mModelCard.clear();
    mStopRequested = false;
    mPause->store(false);
    mRunning = true;
    updateButtons();
    updateResumeChoice();
    const QString hqShown = hqMarks ? displayMarkedFrames(marked, true) : QString::fromStdString(settings.hq);
    const QString lqShown = lqMarks ? displayMarkedFrames(marked, false) : QString::fromStdString(settings.lq);
    appendLog(tr("Training %1 steps: high quality %2, low quality %3; weights: %4%5")
                  .arg(settings.steps)
                  .arg(hqShown, lqShown, mWeightsPath,
                       settings.resume.empty() ? QString() : tr(" (continuing from %1)").arg(QString::fromStdString(settings.resume))));

    const int previewEvery = std::clamp(settings.steps / 20, 1, 50);
    mOutcome = std::make_shared<Outcome>();
    mOutcome->weights = settings.outWeights;
    // Cancelled and failed runs are told by the job's own outcome (BackgroundJob); the summary
    // of a run that ended goes through mOutcome.
    mJob->start([this, settings, marked, hqMarks, lqMarks, previewEvery, hqShown, lqShown, pause = mPause,
                 outcome = mOutcome](const Progress& progress) {
        lowerThisThreadsPriority(); // hours of training must not make the window stutter
        if (hqMarks)
            writeMarkedFrames(marked, true, settings.hq, progress.cancelFlag());
        if (lqMarks)
            writeMarkedFrames(marked, false, settings.lq, progress.cancelFlag());
        GanTrainingObserver observer;
        observer.cancel = progress.cancelFlag();
        observer.pause = pause.get();
        observer.previewEvery = previewEvery;
        observer.progress = [this](const GanTrainingProgress& p) {
            postToGuiThread(this, [this, p] { showProgress(p); });
        };
        observer.message = [this, hqShown, lqShown](const std::string& text) {
            // Core's summary of the data, in the interface's language (it writes English).
            static const QRegularExpression patches(QStringLiteral("^training patches: (\\d+) HQ frames from .*, (\\d+) LQ frames from .*$"));
            const QRegularExpressionMatch m = patches.match(QString::fromStdString(text));
            const QString line = m.hasMatch() ? tr("Training patches: %1 high-quality frames from %2, %3 low-quality frames from %4")
                                                    .arg(m.captured(1), hqShown, m.captured(2), lqShown)
                                              : QString::fromStdString(text);
            postToGuiThread(this, [this, line] { appendLog(line); });
        };
        observer.preview = [this](const cv::Mat& lqPatch, const cv::Mat& restored) {
            const cv::Mat a = lqPatch.clone(), b = restored.clone();
            postToGuiThread(this, [this, a, b] { showPreview(a, b); });
        };
        const GanTrainingSummary summary = trainGan(settings, observer);
        outcome->cancelled = summary.cancelled;
        outcome->timeUp = summary.timeUp;
        outcome->steps = summary.steps;
        outcome->seconds = summary.seconds;
        outcome->device = summary.device;
        outcome->weights = summary.weights;
        outcome->modelCard = summary.modelCard;
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
    const double values[CurveCount] = {p.generatorTotal, p.generatorAdversarial, p.cycle, p.identity,
                                       p.fft,            p.cf,                   p.discriminatorHq, p.discriminatorLq};
    for (int i = 0; i < CurveCount; ++i)
        if (std::isfinite(values[i])) {
            mPlot->graph(i)->addData(p.step, values[i]);
            // A term whose weight is 0 stays 0: no curve and no legend entry for it.
            const bool shown = mPlot->graph(i)->visible() || values[i] != 0.0;
            mPlot->graph(i)->setVisible(shown);
            if (shown)
                mPlot->graph(i)->addToLegend();
            else
                mPlot->graph(i)->removeFromLegend();
        }
    mPlot->rescaleAxes();
    mPlot->replot(QCustomPlot::rpQueuedReplot);
    mProgress->setRange(0, std::max(1, p.steps));
    mProgress->setValue(p.step);
    mStepsDone = p.step;
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
    mPause->store(false);
    updateResumeChoice();
    bool ok = false;
    QString message;
    const QString weights = QString::fromStdString(outcome.weights);
    if (!outcome.error.empty()) {
        message = tr("Training failed: %1").arg(QString::fromStdString(outcome.error));
        // Checkpoints are written whole or not at all: the last one survives any failure.
        if (const QString checkpoint = weights + QStringLiteral(".checkpoint"); QFileInfo::exists(checkpoint))
            message += tr(". The last checkpoint is kept (%1): tick “Continue from the checkpoint” to go on from it.").arg(checkpoint);
    } else if (outcome.timeUp) {
        mWeightsReady = true;
        message = tr("Time budget reached after %1 steps; weights saved in %2").arg(outcome.steps).arg(weights);
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
    mModelCard = QString::fromStdString(outcome.modelCard);
    if (mWeightsReady && !mModelCard.isEmpty())
        message += tr("; model card %1").arg(mModelCard);
    if (mWeightsReady)
        message += tr(". Use these weights for the analysis with the button below.");
    mTimeLabel->setText(message);
    appendLog(message);
    updateButtons();
    Q_EMIT finished(ok, message);
}

} // namespace hrtem::ui
