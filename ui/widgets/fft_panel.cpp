#include "ui/widgets/fft_panel.h"

#include "ui/document/stack_document.h"
#include "ui/image_bridge.h"
#include "ui/widgets/frame_view.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace hrtem::ui {

FftPanel::FftPanel(StackDocument* document, QWidget* parent) : QWidget(parent), mDocument(document)
{
    mView = new FrameView(this);
    mView->setSpace(FrameView::Space::Reciprocal);
    mView->setMinimumSize(140, 120);
    mRegionLabel = new QLabel(this);
    mReadout = new QLabel(this);
    mReadout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mWholeFrame = new QPushButton(this);
    connect(mWholeFrame, &QPushButton::clicked, this, [this] { mDocument->setFftRegion(QRect()); });
    auto* row = new QHBoxLayout;
    row->addWidget(mRegionLabel, 1);
    row->addWidget(mWholeFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(mView, 1);
    layout->addLayout(row);
    layout->addWidget(mReadout);
    connect(mDocument, &StackDocument::fftReady, this, &FftPanel::updateFft);
    connect(mView, &FrameView::cursorMoved, this, &FftPanel::showReadout);
    connect(mView, &FrameView::cursorLeft, mReadout, &QLabel::clear);
    connect(mDocument, &StackDocument::stackClosed, this, [this] { mView->setImage(QImage()); });
    retranslate();
}

void FftPanel::retranslate()
{
    mWholeFrame->setText(tr("Whole frame"));
    mWholeFrame->setToolTip(tr("Transform the whole frame instead of the drawn region"));
    mView->setPlaceholderText(tr("FFT of the frame, or of a region drawn with Shift+drag"));
    updateFft();
}

void FftPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FftPanel::updateFft()
{
    const FftView* fft = mDocument->fft();
    if (fft == nullptr || fft->size == 0)
        return;
    // Display range: from the median (the noise floor) up to just below the strongest spots,
    // so lattice reflections stand out.
    const DisplayLevels levels = percentileLevels(fft->logMagnitude, 50.0, 99.95);
    mView->setImage(renderFrame(fft->logMagnitude, levels.low, levels.high));
    mView->setCalibration(fft->reciprocalScale, QString::fromStdString(fft->reciprocalUnits));
    const cv::Rect r = fft->region;
    mRegionLabel->setText(mDocument->fftRegion().isEmpty()
                              ? tr("Whole frame: %1 × %1 px").arg(fft->size)
                              : tr("Region at (%1, %2): %3 × %3 px").arg(r.x).arg(r.y).arg(fft->size));
    mWholeFrame->setEnabled(!mDocument->fftRegion().isEmpty());
}

void FftPanel::showReadout(QPointF fftPos)
{
    const FftView* fft = mDocument->fft();
    if (fft == nullptr || fft->size == 0)
        return;
    // FFT pixel centres are at integer + 0.5 in view coordinates.
    const double g = fft->frequencyAt(std::floor(fftPos.x()), std::floor(fftPos.y()));
    const QString units = QString::fromStdString(fft->reciprocalUnits);
    if (g <= 0.0) {
        mReadout->setText(tr("|g| = 0 (zero frequency)"));
        return;
    }
    const QString realUnits = units.startsWith(QLatin1String("1/")) ? units.mid(2) : QString();
    mReadout->setText(tr("|g| = %1 %2    d = %3 %4")
                          .arg(g, 0, 'f', 3)
                          .arg(units)
                          .arg(1.0 / g, 0, 'f', 4)
                          .arg(realUnits));
}

} // namespace hrtem::ui
