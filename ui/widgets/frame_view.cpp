#include "ui/widgets/frame_view.h"

#include "ui/widgets/scale_bar.h"

#include <QKeyEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace hrtem::ui {

namespace {
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 64.0;
constexpr double kWheelStep = 1.2;
constexpr int kSideBySideGap = 8; ///< image px between the two images side by side
constexpr double kSplitGrab = 6.0; ///< widget px either side of the split line that grab it
} // namespace

FrameView::FrameView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 160);
}

void FrameView::setImage(const QImage& image)
{
    const bool sizeChanged = image.size() != mImage.size();
    mImage = image;
    if (sizeChanged || mFitting)
        fitToWindow();
    update();
}

void FrameView::setCalibration(double unitsPerPixel, const QString& units)
{
    mUnitsPerPixel = unitsPerPixel > 0 ? unitsPerPixel : 1.0;
    mUnits = units;
    update();
}

void FrameView::setCornerText(const QString& text)
{
    mCornerText = text;
    update();
}

void FrameView::setPlaceholderText(const QString& text)
{
    mPlaceholder = text;
    update();
}

QPointF FrameView::toImage(QPointF widgetPos) const { return (widgetPos - mOrigin) / mZoom; }
QPointF FrameView::toWidget(QPointF imagePos) const { return mOrigin + imagePos * mZoom; }

void FrameView::setZoom(double zoom, QPointF anchor)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    const QPointF imageAtAnchor = toImage(anchor);
    mZoom = zoom;
    mOrigin = anchor - imageAtAnchor * mZoom; // the image point under the anchor stays put
    mFitting = false;
    update();
    Q_EMIT zoomChanged(mZoom);
}

void FrameView::zoomBy(double factor) { setZoom(mZoom * factor, QPointF(width() / 2.0, height() / 2.0)); }

QSizeF FrameView::shownSize() const
{
    if (mComparison == Comparison::SideBySide && !mSecond.isNull())
        return {mImage.width() + kSideBySideGap + double(mSecond.width()), double(std::max(mImage.height(), mSecond.height()))};
    return QSizeF(mImage.size());
}

void FrameView::fitToWindow()
{
    if (mImage.isNull())
        return;
    const double margin = 0.98;
    const QSizeF shown = shownSize();
    mZoom = std::clamp(margin * std::min(width() / shown.width(), height() / shown.height()), kMinZoom, kMaxZoom);
    mOrigin = QPointF((width() - shown.width() * mZoom) / 2.0, (height() - shown.height() * mZoom) / 2.0);
    mFitting = true;
    update();
    Q_EMIT zoomChanged(mZoom);
}

void FrameView::zoomActualSize()
{
    if (mImage.isNull())
        return;
    const QPointF centre(mImage.width() / 2.0, mImage.height() / 2.0);
    mZoom = 1.0;
    mOrigin = QPointF(width() / 2.0, height() / 2.0) - centre;
    mFitting = false;
    update();
    Q_EMIT zoomChanged(mZoom);
}

void FrameView::setRegion(const QRect& region)
{
    const QRect clipped = region.intersected(QRect(QPoint(0, 0), mImage.size()));
    if (clipped == mRegion)
        return;
    mRegion = clipped;
    update();
    Q_EMIT regionChanged(mRegion);
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintScene(p, rect());
}

void FrameView::paintScene(QPainter& p, const QRect& area)
{
    p.fillRect(area, QColor(32, 32, 36));
    if (mImage.isNull()) {
        p.setPen(QColor(170, 170, 170));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
        return;
    }
    // Nearest neighbour when magnified, so single pixels stay visible; smooth when reduced.
    p.setRenderHint(QPainter::SmoothPixmapTransform, mZoom < 1.0);
    p.drawImage(QRectF(mOrigin, QSizeF(mImage.width() * mZoom, mImage.height() * mZoom)), mImage);
    drawComparison(p);
    if (!mRegion.isEmpty()) {
        const QRectF r(toWidget(mRegion.topLeft()), toWidget(QPointF(mRegion.right() + 1, mRegion.bottom() + 1)));
        p.setPen(QPen(QColor(255, 200, 0), 1.5, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r);
    }
    if (mOverlay != nullptr) {
        p.save();
        mOverlay->paintOverlay(p, *this);
        p.restore();
    }
    if (mComparisonOverlay != nullptr && mComparison != Comparison::Off && !mSecond.isNull()) {
        p.save();
        if (mComparison == Comparison::Split)
            p.setClipRect(QRectF(QPointF(splitX(), area.top()), QPointF(area.right() + 1, area.bottom() + 1)));
        mComparisonOverlay->paintOverlay(p, *this);
        p.restore();
    }
    if (mTool != nullptr) {
        p.save();
        mTool->paintTool(p, *this);
        p.restore();
    }
    if (mShowScaleBar)
        drawScaleBar(p, area);
    if (!mCornerText.isEmpty())
        drawLabel(p, area.adjusted(8, 8, -8, -8), mCornerText, Qt::AlignTop | Qt::AlignLeft);
}

void FrameView::renderScene(QPainter& painter)
{
    // The overlays place themselves through toWidget(): at zoom 1 from the origin it maps image
    // pixels one to one, so the same painting code draws the exported scene.
    const double zoom = mZoom;
    const QPointF origin = mOrigin;
    mZoom = 1.0;
    mOrigin = QPointF(0.0, 0.0);
    mPaintArea = QRect(QPoint(0, 0), sceneSize());
    paintScene(painter, mPaintArea);
    mPaintArea = QRect();
    mZoom = zoom;
    mOrigin = origin;
}

QImage FrameView::renderSceneImage()
{
    if (mImage.isNull())
        return {};
    QImage scene(sceneSize(), QImage::Format_ARGB32);
    QPainter painter(&scene);
    painter.setRenderHint(QPainter::Antialiasing);
    renderScene(painter);
    painter.end();
    return scene;
}

void FrameView::setTool(FrameTool* tool)
{
    mTool = tool;
    update();
}

void FrameView::setComparison(const QImage& second, Comparison mode)
{
    const bool layoutChanged = mode != mComparison || second.size() != mSecond.size();
    mSecond = second;
    mComparison = second.isNull() ? Comparison::Off : mode;
    if (layoutChanged && mFitting)
        fitToWindow();
    update();
}

void FrameView::setSplit(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction == mSplit)
        return;
    mSplit = fraction;
    update();
    Q_EMIT splitChanged(mSplit);
}

QPointF FrameView::comparisonOffset() const
{
    return mComparison == Comparison::SideBySide ? QPointF(mImage.width() + kSideBySideGap, 0.0) : QPointF(0.0, 0.0);
}

void FrameView::setComparisonOverlay(FrameOverlay* overlay)
{
    mComparisonOverlay = overlay;
    update();
}

double FrameView::splitX() const { return mOrigin.x() + mSplit * mImage.width() * mZoom; }

void FrameView::drawComparison(QPainter& p)
{
    if (mComparison == Comparison::Off || mSecond.isNull())
        return;
    const QPointF offset = comparisonOffset();
    const QRectF target(toWidget(offset), QSizeF(mSecond.width() * mZoom, mSecond.height() * mZoom));
    if (mComparison == Comparison::SideBySide) {
        p.drawImage(target, mSecond);
        return;
    }
    // Split: the second image right of the line, a handle on the line.
    const double x = splitX();
    p.save();
    p.setClipRect(QRectF(QPointF(x, target.top()), target.bottomRight()));
    p.drawImage(target, mSecond);
    p.restore();
    p.setPen(QPen(QColor(255, 255, 255, 220), 2.0));
    p.drawLine(QPointF(x, target.top()), QPointF(x, target.bottom()));
    const QPointF handle(x, target.center().y());
    p.setBrush(QColor(255, 255, 255, 220));
    p.setPen(QPen(QColor(40, 40, 40), 1.0));
    p.drawEllipse(handle, 7.0, 7.0);
}

void FrameView::drawLabel(QPainter& p, const QRect& box, const QString& text, Qt::Alignment align)
{
    const QRect textRect = p.fontMetrics().boundingRect(box, int(align), text).adjusted(-5, -3, 5, 3);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 150));
    p.drawRoundedRect(textRect, 3, 3);
    p.setPen(Qt::white);
    p.drawText(box, int(align), text);
}

void FrameView::drawScaleBar(QPainter& p, const QRect& area)
{
    const ScaleBar bar = chooseScaleBar(mUnitsPerPixel / mZoom, mUnits, area.width() * 0.22);
    if (bar.lengthPixels < 8)
        return;
    const QFontMetrics fm = p.fontMetrics();
    const int margin = 14;
    const int thickness = 6;
    const QPointF start(area.left() + margin + 8, area.bottom() + 1 - margin - 8 - thickness);
    const QRectF barRect(start, QSizeF(bar.lengthPixels, thickness));
    const QRect box = QRect(int(start.x()) - 8, int(start.y()) - fm.height() - 10, int(bar.lengthPixels) + 16,
                            fm.height() + thickness + 18);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 150));
    p.drawRoundedRect(box.adjusted(0, 0, std::max(0, fm.horizontalAdvance(bar.label) - int(bar.lengthPixels)), 0), 3, 3);
    p.setBrush(Qt::white);
    p.drawRect(barRect);
    p.setPen(Qt::white);
    p.drawText(QPointF(start.x(), start.y() - 5), bar.label);
}

void FrameView::wheelEvent(QWheelEvent* event)
{
    if (mImage.isNull())
        return;
    const double steps = event->angleDelta().y() / 120.0;
    setZoom(mZoom * std::pow(kWheelStep, steps), event->position());
    event->accept();
}

void FrameView::mousePressEvent(QMouseEvent* event)
{
    const bool pan = event->button() == Qt::MiddleButton;
    if (mImage.isNull() || (event->button() != Qt::LeftButton && !pan))
        return QWidget::mousePressEvent(event);
    mDragStart = event->position();
    if (!pan && mTool != nullptr && mTool->isActive()) {
        mDrag = Drag::Tool;
        mTool->press(toImage(event->position()));
        update();
    } else if (pan) {
        mDrag = Drag::Pan;
        mOriginAtDragStart = mOrigin;
        setCursor(Qt::ClosedHandCursor);
    } else if (mComparison == Comparison::Split && !mSecond.isNull() && std::abs(event->position().x() - splitX()) <= kSplitGrab) {
        mDrag = Drag::Split;
        setCursor(Qt::SplitHCursor);
    } else if (mRegionMode || (event->modifiers() & Qt::ShiftModifier)) {
        mDrag = Drag::Region;
    } else {
        mDrag = Drag::Pan;
        mOriginAtDragStart = mOrigin;
        setCursor(Qt::ClosedHandCursor);
    }
}

void FrameView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (mTool != nullptr && mTool->isActive() && (mDrag == Drag::Tool || mDrag == Drag::None)) {
        mTool->move(toImage(pos), mDrag == Drag::Tool);
        update();
    }
    if (mDrag == Drag::Split) {
        setSplit(toImage(pos).x() / std::max(1, mImage.width()));
    } else if (mDrag == Drag::Pan) {
        mOrigin = mOriginAtDragStart + (pos - mDragStart);
        mFitting = false;
        update();
    } else if (mDrag == Drag::Region) {
        const QPointF a = toImage(mDragStart), b = toImage(pos);
        const QRect r(QPoint(int(std::floor(std::min(a.x(), b.x()))), int(std::floor(std::min(a.y(), b.y())))),
                      QPoint(int(std::floor(std::max(a.x(), b.x()))), int(std::floor(std::max(a.y(), b.y())))));
        mRegion = r.intersected(QRect(QPoint(0, 0), mImage.size()));
        update();
    }
    if (!mImage.isNull())
        Q_EMIT cursorMoved(toImage(pos));
}

void FrameView::mouseReleaseEvent(QMouseEvent* event)
{
    if (mDrag == Drag::Tool) {
        mDrag = Drag::None;
        mTool->release(toImage(event->position()));
        update();
        return;
    }
    if (mDrag == Drag::Region) {
        // A click without a drag clears the region.
        const QRect r = (event->position() - mDragStart).manhattanLength() < 3 ? QRect() : mRegion;
        mRegion = QRect(); // force the signal
        setRegion(r);
        if (r.isEmpty())
            Q_EMIT regionChanged(QRect());
    }
    if (mDrag == Drag::Pan && event->button() == Qt::LeftButton
        && (event->position() - mDragStart).manhattanLength() < 3)
        Q_EMIT clicked(toImage(event->position()));
    mDrag = Drag::None;
    unsetCursor();
}

void FrameView::setOverlay(FrameOverlay* overlay)
{
    mOverlay = overlay;
    update();
}

bool FrameView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = mOverlay != nullptr && !mImage.isNull() ? mOverlay->toolTipAt(toImage(help->pos()), *this)
                                                                      : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void FrameView::mouseDoubleClickEvent(QMouseEvent*) { fitToWindow(); }

void FrameView::leaveEvent(QEvent*) { Q_EMIT cursorLeft(); }

void FrameView::resizeEvent(QResizeEvent*)
{
    if (mFitting)
        fitToWindow();
}

void FrameView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && mTool != nullptr && mTool->isActive() && mTool->cancel()) {
        update();
        return;
    }
    if (event->key() == Qt::Key_Escape && !mRegion.isEmpty()) {
        setRegion(QRect());
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace hrtem::ui
