#include "ui/widgets/histogram_panel.h"

#include "ui/app/settings.h"
#include "ui/document/stack_document.h"
#include "ui/plot/qcustomplot_include.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalBlocker>

#include <cmath>

namespace hrtem::ui {

HistogramPanel::HistogramPanel(StackDocument* document, QWidget* parent) : QWidget(parent), mDocument(document)
{
    mPlot = new QCustomPlot(this);
    mPlot->setMinimumHeight(70);
    mPlot->addGraph();
    mPlot->graph(0)->setLineStyle(QCPGraph::lsStepCenter);
    mPlot->graph(0)->setPen(QPen(QColor(60, 110, 180)));
    mPlot->graph(0)->setBrush(QColor(60, 110, 180, 90));
    mPlot->yAxis->setTickLabels(false);
    mPlot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msBottom);
    mPlot->axisRect()->setMargins(QMargins(0, 6, 6, 0));
    mLowLine = new QCPItemStraightLine(mPlot);
    mHighLine = new QCPItemStraightLine(mPlot);
    for (QCPItemStraightLine* line : {mLowLine, mHighLine})
        line->setPen(QPen(QColor(230, 120, 0), 2));
    mPlot->installEventFilter(this);

    mLow = new QDoubleSpinBox(this);
    mHigh = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* box : {mLow, mHigh}) {
        box->setRange(-1e15, 1e15);
        box->setDecimals(4);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, &HistogramPanel::levelsEdited);
    }
    mAuto = new QCheckBox(this);
    mAuto->setChecked(true);
    connect(mAuto, &QCheckBox::toggled, mDocument, &StackDocument::setAutoContrast);
    mLogCounts = new QCheckBox(this);
    mLogCounts->setChecked(true);
    connect(mLogCounts, &QCheckBox::toggled, this, &HistogramPanel::updateHistogram);
    mLowPercent = new QDoubleSpinBox(this);
    mHighPercent = new QDoubleSpinBox(this);
    mLowPercent->setRange(0.0, 49.0);
    mHighPercent->setRange(51.0, 100.0);
    for (QDoubleSpinBox* box : {mLowPercent, mHighPercent}) {
        box->setDecimals(2);
        box->setSingleStep(0.1);
        box->setSuffix(QStringLiteral(" %"));
        box->setKeyboardTracking(false);
    }
    mLowPercent->setValue(settings::autoContrastLowPercent());
    mHighPercent->setValue(settings::autoContrastHighPercent());
    auto percentsEdited = [this] {
        settings::setAutoContrastPercents(mLowPercent->value(), mHighPercent->value());
        mDocument->setAutoContrastPercents(mLowPercent->value(), mHighPercent->value());
    };
    connect(mLowPercent, &QDoubleSpinBox::valueChanged, this, percentsEdited);
    connect(mHighPercent, &QDoubleSpinBox::valueChanged, this, percentsEdited);
    mDocument->setAutoContrastPercents(mLowPercent->value(), mHighPercent->value());
    mResetButton = new QPushButton(this);
    connect(mResetButton, &QPushButton::clicked, this, [this] {
        if (const FrameData* d = mDocument->currentFrameData())
            mDocument->setLevels({d->min, d->max});
    });

    mLevelsLabel = new QLabel(this);
    mPercentLabel = new QLabel(this);
    mStatsLabel = new QLabel(this);
    mStatsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->addWidget(mPlot, 0, 0, 1, 4);
    grid->addWidget(mLevelsLabel, 1, 0);
    grid->addWidget(mLow, 1, 1);
    grid->addWidget(mHigh, 1, 2);
    grid->addWidget(mResetButton, 1, 3);
    grid->addWidget(mAuto, 2, 0);
    grid->addWidget(mLowPercent, 2, 1);
    grid->addWidget(mHighPercent, 2, 2);
    grid->addWidget(mLogCounts, 2, 3);
    grid->addWidget(mStatsLabel, 3, 0, 1, 4);

    connect(mDocument, &StackDocument::frameDataReady, this, &HistogramPanel::updateHistogram);
    connect(mDocument, &StackDocument::levelsChanged, this, &HistogramPanel::updateLevels);
    connect(mDocument, &StackDocument::stackClosed, this, [this] {
        mPlot->graph(0)->data()->clear();
        mPlot->replot();
        mStatsLabel->clear();
    });
    retranslate();
}

void HistogramPanel::retranslate()
{
    mLevelsLabel->setText(tr("Levels"));
    mLow->setToolTip(tr("Values at or below this are shown black"));
    mHigh->setToolTip(tr("Values at or above this are shown white"));
    mResetButton->setText(tr("Full range"));
    mResetButton->setToolTip(tr("Show the frame's full value range"));
    mAuto->setText(tr("Auto"));
    mAuto->setToolTip(tr("Set the levels from percentiles of every frame"));
    mLowPercent->setToolTip(tr("Lower percentile for automatic contrast"));
    mLogCounts->setToolTip(tr("Draw the histogram's counts on a logarithmic scale, so rare values show"));
    mHighPercent->setToolTip(tr("Upper percentile for automatic contrast"));
    mLogCounts->setText(tr("Log counts"));
    mPlot->xAxis->setLabel(tr("Value"));
    updateHistogram();
}

void HistogramPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistogramPanel::updateHistogram()
{
    const FrameData* d = mDocument->currentFrameData();
    if (d == nullptr)
        return;
    QVector<double> x, y;
    const Histogram& h = d->histogram;
    double top = 1.0;
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        x.push_back(h.binCentre(i));
        const double c = mLogCounts->isChecked() ? std::log10(1.0 + h.counts[i]) : h.counts[i];
        y.push_back(c);
        top = std::max(top, c);
    }
    mPlot->graph(0)->setData(x, y, true);
    const double span = std::max(h.high - h.low, 1e-12);
    mPlot->xAxis->setRange(h.low - 0.02 * span, h.high + 0.02 * span);
    mPlot->yAxis->setRange(0, top * 1.05);
    mStatsLabel->setText(tr("Frame min %1, max %2").arg(d->min, 0, 'g', 6).arg(d->max, 0, 'g', 6));
    updateLevels();
}

void HistogramPanel::updateLevels()
{
    const DisplayLevels levels = mDocument->levels();
    mUpdating = true;
    {
        const QSignalBlocker a(mLow), b(mHigh), c(mAuto);
        mLow->setValue(levels.low);
        mHigh->setValue(levels.high);
        mAuto->setChecked(mDocument->autoContrast());
    }
    mUpdating = false;
    mLowLine->point1->setCoords(levels.low, 0);
    mLowLine->point2->setCoords(levels.low, 1);
    mHighLine->point1->setCoords(levels.high, 0);
    mHighLine->point2->setCoords(levels.high, 1);
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPanel::levelsEdited()
{
    if (!mUpdating)
        mDocument->setLevels({mLow->value(), mHigh->value()});
}

bool HistogramPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != mPlot || mDocument->currentFrameData() == nullptr)
        return QWidget::eventFilter(watched, event);
    auto* mouse = dynamic_cast<QMouseEvent*>(event);
    if (mouse == nullptr)
        return QWidget::eventFilter(watched, event);
    const double x = mPlot->xAxis->pixelToCoord(mouse->position().x());
    const DisplayLevels levels = mDocument->levels();
    if (event->type() == QEvent::MouseButtonPress && mouse->button() == Qt::LeftButton) {
        // Grab the nearer level line.
        const double toLow = std::abs(mPlot->xAxis->coordToPixel(levels.low) - mouse->position().x());
        const double toHigh = std::abs(mPlot->xAxis->coordToPixel(levels.high) - mouse->position().x());
        mDragging = toLow <= toHigh ? 1 : 2;
        return true;
    }
    if (event->type() == QEvent::MouseMove && mDragging != 0) {
        DisplayLevels updated = levels;
        (mDragging == 1 ? updated.low : updated.high) = x;
        if (updated.high > updated.low)
            mDocument->setLevels(updated);
        return true;
    }
    if (event->type() == QEvent::MouseButtonRelease && mDragging != 0) {
        mDragging = 0;
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace hrtem::ui
