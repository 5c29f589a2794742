#include "ui/widgets/playback_bar.h"

#include "ui/document/stack_document.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QPainter>
#include <QSlider>
#include <QStyleOptionSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <cmath>

namespace hrtem::ui {

/// The frame slider with the frames marked for training drawn along its groove.
class PlaybackBar::MarkedSlider : public QSlider {
public:
    explicit MarkedSlider(QWidget* parent) : QSlider(Qt::Horizontal, parent) {}

    void setMarks(const QVector<int>& high, const QVector<int>& low)
    {
        mHigh = high;
        mLow = low;
        update();
    }

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QSlider::paintEvent(event);
        if (mHigh.isEmpty() && mLow.isEmpty())
            return;
        QStyleOptionSlider option;
        initStyleOption(&option);
        const QRect groove = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, this);
        const QRect handle = style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
        const int span = groove.width() - handle.width();
        QPainter p(this);
        auto ticks = [&](const QVector<int>& frames, const QColor& colour, int top) {
            p.setPen(QPen(colour, 2));
            for (int frame : frames) {
                const int x = groove.x() + handle.width() / 2 + QStyle::sliderPositionFromValue(minimum(), maximum(), frame, span);
                p.drawLine(x, top, x, top + 4);
            }
        };
        ticks(mHigh, QColor(30, 160, 60), 0);
        ticks(mLow, QColor(230, 120, 0), height() - 5);
    }

private:
    QVector<int> mHigh, mLow;
};

PlaybackBar::PlaybackBar(StackDocument* document, QWidget* parent) : QWidget(parent), mDocument(document)
{
    mPlay = new QToolButton(this);
    mPlay->setCheckable(true);
    mSlider = new MarkedSlider(this);
    mFrame = new QSpinBox(this);
    mCount = new QLabel(this);
    mTime = new QLabel(this);
    mTime->setMinimumWidth(110);
    mFps = new QSpinBox(this);
    mFps->setRange(1, 200);
    mFps->setValue(10);
    mTimer = new QTimer(this);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 6, 2);
    row->addWidget(mPlay);
    row->addWidget(mSlider, 1);
    row->addWidget(mFrame);
    row->addWidget(mCount);
    row->addWidget(mTime);
    row->addWidget(mFps);

    connect(mPlay, &QToolButton::toggled, this, &PlaybackBar::setPlaying);
    connect(mSlider, &QSlider::valueChanged, mDocument, &StackDocument::setCurrentFrame);
    connect(mFrame, &QSpinBox::valueChanged, mDocument, &StackDocument::setCurrentFrame);
    connect(mFps, &QSpinBox::valueChanged, this, [this](int fps) { mTimer->setInterval(1000 / fps); });
    connect(mTimer, &QTimer::timeout, this, &PlaybackBar::advance);
    connect(mDocument, &StackDocument::stackOpened, this, [this] {
        setPlaying(false);
        if (const auto dt = mDocument->info().frameInterval_s; dt && *dt > 0)
            mFps->setValue(std::clamp(static_cast<int>(std::lround(1.0 / *dt)), 1, 200));
        syncToDocument();
    });
    connect(mDocument, &StackDocument::stackClosed, this, &PlaybackBar::syncToDocument);
    connect(mDocument, &StackDocument::frameChanged, this, &PlaybackBar::syncToDocument);
    mTimer->setInterval(1000 / mFps->value());
    retranslate();
    syncToDocument();
}

void PlaybackBar::retranslate()
{
    mPlay->setToolTip(tr("Play or pause (Space)"));
    mSlider->setToolTip(tr("Frame (Left/Right arrows step, Home/End jump)"));
    mFps->setSuffix(tr(" fps"));
    mFps->setToolTip(tr("Playback speed in frames per second"));
    mFrame->setToolTip(tr("The frame shown; type a number to go to that frame"));
    syncToDocument();
}

void PlaybackBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PlaybackBar::setMarks(const QVector<int>& high, const QVector<int>& low)
{
    mSlider->setMarks(high, low);
    mSlider->setToolTip(high.isEmpty() && low.isEmpty()
                            ? tr("Frame (Left/Right arrows step, Home/End jump)")
                            : tr("Frame (Left/Right arrows step, Home/End jump); marked for training: %1 high quality (green, above), %2 low quality (orange, below)")
                                  .arg(high.size())
                                  .arg(low.size()));
}

bool PlaybackBar::isPlaying() const { return mTimer->isActive(); }

void PlaybackBar::setPlaying(bool playing)
{
    playing = playing && mDocument->frameCount() > 1;
    if (playing)
        mTimer->start();
    else
        mTimer->stop();
    const QSignalBlocker block(mPlay);
    mPlay->setChecked(playing);
    mPlay->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void PlaybackBar::step(int delta)
{
    if (mDocument->frameCount() > 0)
        mDocument->setCurrentFrame(std::clamp(mDocument->currentFrame() + delta, 0, mDocument->frameCount() - 1));
}

void PlaybackBar::advance()
{
    const FrameData* shown = mDocument->currentFrameData();
    if (shown == nullptr || shown->index != mDocument->currentFrame())
        return; // still reading the last frame: wait instead of queueing
    mDocument->setCurrentFrame((mDocument->currentFrame() + 1) % mDocument->frameCount());
}

void PlaybackBar::syncToDocument()
{
    const int count = mDocument->frameCount();
    const int current = mDocument->currentFrame();
    const QSignalBlocker a(mSlider), b(mFrame);
    setEnabled(count > 0);
    mSlider->setRange(0, std::max(0, count - 1));
    mFrame->setRange(0, std::max(0, count - 1));
    mSlider->setValue(current);
    mFrame->setValue(current);
    mCount->setText(tr("of %1").arg(count));
    QString time;
    if (count > 0) {
        const AxisCalibration& axis = mDocument->info().frames;
        if (axis.hasUnits())
            time = QStringLiteral("%1 = %2 %3")
                       .arg(QString::fromStdString(axis.name))
                       .arg(axis.toPhysical(current), 0, 'f', 3)
                       .arg(QString::fromStdString(axis.units));
    }
    mTime->setText(time);
    if (!mTimer->isActive())
        mPlay->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
}

} // namespace hrtem::ui
