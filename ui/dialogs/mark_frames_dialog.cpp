#include "ui/dialogs/mark_frames_dialog.h"

#include "core/classify/movie_quality.h"
#include "ui/document/background_job.h"
#include "ui/plot/qcustomplot_include.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace hrtem::ui {

namespace {
enum Graph { Unmarked, High, Low, GraphCount };
const QColor kGraphColours[GraphCount] = {QColor(130, 130, 130), QColor(30, 160, 60), QColor(230, 120, 0)};
} // namespace

MarkFramesDialog::MarkFramesDialog(FrameMarks* marks, std::function<std::unique_ptr<StackReader>(const OpenOptions&)> factory,
                                   int frameCount, int currentFrame, QWidget* parent)
    : QDialog(parent), mMarks(marks), mFrameCount(frameCount), mJob(new BackgroundJob(this))
{
    // A range.
    mRangeBox = new QGroupBox(this);
    mFirstLabel = new QLabel(mRangeBox);
    mLastLabel = new QLabel(mRangeBox);
    mFirst = new QSpinBox(mRangeBox);
    mLast = new QSpinBox(mRangeBox);
    for (QSpinBox* box : {mFirst, mLast}) {
        box->setRange(0, std::max(0, frameCount - 1));
        box->setValue(std::clamp(currentFrame, 0, std::max(0, frameCount - 1)));
    }
    mRangeHigh = new QPushButton(mRangeBox);
    mRangeLow = new QPushButton(mRangeBox);
    mRangeClear = new QPushButton(mRangeBox);
    auto* range = new QHBoxLayout(mRangeBox);
    range->addWidget(mFirstLabel);
    range->addWidget(mFirst);
    range->addWidget(mLastLabel);
    range->addWidget(mLast);
    range->addStretch(1);
    range->addWidget(mRangeHigh);
    range->addWidget(mRangeLow);
    range->addWidget(mRangeClear);
    connect(mRangeHigh, &QPushButton::clicked, this, [this] { markRange(mFirst->value(), mLast->value(), FrameMark::High); });
    connect(mRangeLow, &QPushButton::clicked, this, [this] { markRange(mFirst->value(), mLast->value(), FrameMark::Low); });
    connect(mRangeClear, &QPushButton::clicked, this, [this] { markRange(mFirst->value(), mLast->value(), FrameMark::None); });

    // The quality score with its two thresholds.
    mQualityBox = new QGroupBox(this);
    mPlot = new QCustomPlot(mQualityBox);
    mPlot->setMinimumSize(420, 220);
    for (int i = 0; i < GraphCount; ++i) {
        mPlot->addGraph();
        mPlot->graph(i)->setLineStyle(QCPGraph::lsNone);
        mPlot->graph(i)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kGraphColours[i], kGraphColours[i], 6));
    }
    mHighLine = new QCPItemStraightLine(mPlot);
    mLowLine = new QCPItemStraightLine(mPlot);
    mHighLine->setPen(QPen(kGraphColours[High], 1.5, Qt::DashLine));
    mLowLine->setPen(QPen(kGraphColours[Low], 1.5, Qt::DashLine));
    mHighLabel = new QLabel(mQualityBox);
    mLowLabel = new QLabel(mQualityBox);
    mHigh = new QDoubleSpinBox(mQualityBox);
    mLow = new QDoubleSpinBox(mQualityBox);
    for (QDoubleSpinBox* box : {mHigh, mLow}) {
        box->setRange(-100.0, 200.0);
        box->setDecimals(2);
        box->setSuffix(QStringLiteral(" dB"));
    }
    connect(mHigh, &QDoubleSpinBox::valueChanged, this, [this](double v) { setThresholds(v, std::min(mLowValue, v)); });
    connect(mLow, &QDoubleSpinBox::valueChanged, this, [this](double v) { setThresholds(std::max(mHighValue, v), v); });
    mApply = new QPushButton(mQualityBox);
    mApply->setEnabled(false);
    connect(mApply, &QPushButton::clicked, this, &MarkFramesDialog::markFromQuality);
    mStatus = new QLabel(mQualityBox);
    auto* quality = new QGridLayout(mQualityBox);
    quality->addWidget(mPlot, 0, 0, 1, 5);
    quality->addWidget(mHighLabel, 1, 0);
    quality->addWidget(mHigh, 1, 1);
    quality->addWidget(mLowLabel, 1, 2);
    quality->addWidget(mLow, 1, 3);
    quality->addWidget(mApply, 1, 4);
    quality->addWidget(mStatus, 2, 0, 1, 5);
    quality->setRowStretch(0, 1);
    connect(mPlot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { dragThreshold(e, true); });
    connect(mPlot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) { dragThreshold(e, false); });
    connect(mPlot, &QCustomPlot::mouseRelease, this, [this] { mDragging = 0; });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    mClose = buttons->button(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(mRangeBox);
    layout->addWidget(mQualityBox, 1);
    layout->addWidget(buttons);
    resize(640, 480);
    connect(mMarks, &FrameMarks::changed, this, &MarkFramesDialog::updatePlot);
    retranslate();

    // Scores in the background: the dialog is usable for ranges at once.
    auto result = std::make_shared<MovieQuality>();
    connect(mJob, &BackgroundJob::progress, this, [this](double f) { mStatus->setText(tr("Scoring the frames… %1%").arg(std::lround(f * 100))); });
    connect(mJob, &BackgroundJob::finished, this, [this, result](BackgroundJob::Outcome how, const QString& problem) {
        if (how == BackgroundJob::Outcome::Failed) {
            mStatus->setText(tr("The frames could not be scored: %1").arg(problem));
            return;
        }
        if (how != BackgroundJob::Outcome::Done)
            return;
        mQuality = QVector<double>(result->quality_dB.begin(), result->quality_dB.end());
        if (result->period_px <= 0.0 || std::all_of(mQuality.begin(), mQuality.end(), [](double q) { return q == 0.0; })) {
            mQuality.clear();
            mStatus->setText(tr("No lattice found in the first frame: mark frames by range instead."));
            return;
        }
        setThresholds(result->suggestedThreshold_dB, result->suggestedThreshold_dB);
        showQuality();
    });
    mStatus->setText(tr("Scoring the frames…"));
    mJob->start([factory, result](const Progress& progress) {
        lowerThisThreadsPriority();
        const std::unique_ptr<StackReader> stack = factory(OpenOptions{});
        *result = scoreMovieQuality(*stack, 32, progress);
    });
}

MarkFramesDialog::~MarkFramesDialog() { mJob->cancelAndWait(); }

void MarkFramesDialog::retranslate()
{
    setWindowTitle(tr("Mark frames for training"));
    mRangeBox->setTitle(tr("Frames"));
    mFirstLabel->setText(tr("From"));
    mLastLabel->setText(tr("to"));
    mFirst->setToolTip(tr("First frame of the range to mark"));
    mLast->setToolTip(tr("Last frame of the range to mark (included)"));
    mRangeHigh->setText(tr("Mark high quality"));
    mRangeLow->setText(tr("Mark low quality"));
    mRangeClear->setText(tr("Clear marks"));
    mQualityBox->setTitle(tr("From the quality score"));
    mHighLabel->setText(tr("High quality at or above"));
    mLowLabel->setText(tr("Low quality at or below"));
    mHigh->setToolTip(tr("Frames scoring at least this are marked high quality; or drag the green line"));
    mLow->setToolTip(tr("Frames scoring at most this are marked low quality; or drag the orange line"));
    mApply->setText(tr("Mark every frame"));
    mApply->setToolTip(tr("Mark every frame from its score; frames between the thresholds are unmarked"));
    mPlot->xAxis->setLabel(tr("Frame"));
    mPlot->yAxis->setLabel(tr("Quality (lattice signal over noise, dB)"));
    const QString names[GraphCount] = {tr("Unmarked"), tr("High quality"), tr("Low quality")};
    for (int i = 0; i < GraphCount; ++i)
        mPlot->graph(i)->setName(names[i]);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void MarkFramesDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void MarkFramesDialog::setThresholds(double high_dB, double low_dB)
{
    mHighValue = high_dB;
    mLowValue = std::min(low_dB, high_dB);
    const QSignalBlocker blockHigh(mHigh), blockLow(mLow);
    mHigh->setValue(mHighValue);
    mLow->setValue(mLowValue);
    updatePlot();
}

double MarkFramesDialog::highThreshold() const { return mHighValue; }
double MarkFramesDialog::lowThreshold() const { return mLowValue; }

void MarkFramesDialog::markFromQuality()
{
    if (mQuality.isEmpty())
        return;
    std::vector<FrameMark> marks(mQuality.size(), FrameMark::None);
    for (int f = 0; f < mQuality.size(); ++f)
        marks[f] = mQuality[f] >= highThreshold() ? FrameMark::High : mQuality[f] <= lowThreshold() ? FrameMark::Low : FrameMark::None;
    mMarks->setMarks(marks);
}

void MarkFramesDialog::markRange(int first, int last, FrameMark mark) { mMarks->mark(first, last, mark); }

void MarkFramesDialog::showQuality()
{
    mApply->setEnabled(true);
    const auto [lo, hi] = std::minmax_element(mQuality.begin(), mQuality.end());
    const double pad = std::max(1.0, 0.1 * (*hi - *lo));
    mPlot->xAxis->setRange(-0.5, mQuality.size() - 0.5);
    mPlot->yAxis->setRange(*lo - pad, *hi + pad);
    mStatus->setText(tr("%1 frames scored; suggested threshold %2 dB (drag the lines to change)").arg(mQuality.size()).arg(mHighValue, 0, 'f', 1));
    updatePlot();
}

void MarkFramesDialog::updatePlot()
{
    QVector<double> x[GraphCount], y[GraphCount];
    for (int f = 0; f < mQuality.size(); ++f) {
        const FrameMark mark = mMarks->markOf(f);
        const int g = mark == FrameMark::High ? High : mark == FrameMark::Low ? Low : Unmarked;
        x[g].push_back(f);
        y[g].push_back(mQuality[f]);
    }
    for (int i = 0; i < GraphCount; ++i)
        mPlot->graph(i)->setData(x[i], y[i], true);
    mHighLine->point1->setCoords(0, mHighValue);
    mHighLine->point2->setCoords(1, mHighValue);
    mLowLine->point1->setCoords(0, mLowValue);
    mLowLine->point2->setCoords(1, mLowValue);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void MarkFramesDialog::dragThreshold(QMouseEvent* event, bool press)
{
    if (mQuality.isEmpty())
        return;
    const double value = mPlot->yAxis->pixelToCoord(event->position().y());
    if (press) {
        // The line nearer the click follows the mouse.
        mDragging = std::abs(value - mHighValue) <= std::abs(value - mLowValue) ? 1 : -1;
    } else if (mDragging == 0 || !(event->buttons() & Qt::LeftButton)) {
        return;
    }
    if (mDragging > 0)
        setThresholds(std::max(value, mLowValue), mLowValue);
    else
        setThresholds(mHighValue, std::min(value, mHighValue));
}

} // namespace hrtem::ui
