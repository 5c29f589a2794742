#include "ui/widgets/trajectory_view.h"

#include "core/result/analysis_result.h"
#include "ui/widgets/result_labels.h"

#include <QEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace hrtem::ui {

namespace {
constexpr double kMinZoom = 0.01;
constexpr double kMaxZoom = 256.0;
constexpr double kWheelStep = 1.2;
constexpr double kFitMargin = 0.98;
/// A click that moves less than this (widget px, Manhattan) is a click, not a pan: small, so a
/// slightly shaky click on a thin track still selects it.
constexpr double kClickSlop = 4.0;
/// Time colours are quantised to this many steps: indistinguishable from a continuous map,
/// and it keeps a paint at one drawLines call per step.
constexpr int kTimeSteps = 64;
/// Above this many segments antialiasing is switched off: on the raster engine it costs several
/// times more, and dense tracks are unreadable in detail anyway until zoomed.
constexpr std::size_t kAntialiasLimit = 20000;

/// Perceptually ordered map from dark violet (early) through teal to yellow (late), linear
/// between these anchors. Dark-to-bright keeps the order readable on a grey image.
QColor timeColour(double t)
{
    static const std::array<QColor, 5> anchors = {QColor(72, 30, 112), QColor(59, 82, 139), QColor(33, 145, 140),
                                                  QColor(94, 201, 98), QColor(253, 231, 37)};
    t = std::clamp(t, 0.0, 1.0) * double(anchors.size() - 1);
    const int i = std::min(int(t), int(anchors.size()) - 2);
    const double f = t - i;
    const QColor& a = anchors[std::size_t(i)];
    const QColor& b = anchors[std::size_t(i) + 1];
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())), float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

QPointF pointOf(const TrackPoint& point) { return {point.x, point.y}; }

QPen cosmeticPen(const QColor& colour, double width)
{
    QPen pen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    pen.setCosmetic(true); // widths in widget pixels at any zoom
    return pen;
}

/// Dark rounded box behind legends, as FrameView's labels, so they read over any image.
void drawBox(QPainter& painter, const QRectF& box)
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 160));
    painter.drawRoundedRect(box, 3, 3);
}
} // namespace

TrajectoryView::TrajectoryView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(false);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 160);
    retranslate();
}

void TrajectoryView::retranslate()
{
    setToolTip(tr("Click a track to select it, or empty space to clear the selection. "
                  "Wheel: zoom, drag: pan, double click: fit."));
    mPlaceholder = tr("No tracks: run an analysis of the movie first");
    update();
}

void TrajectoryView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrajectoryView::setResult(std::shared_ptr<const hrtem::AnalysisResult> result)
{
    const QRectF before = sceneRect();
    mResult = std::move(result);
    mIndexOfId.clear();
    mTrackBounds.clear();
    mFirstFrame = std::numeric_limits<int>::max();
    mLastFrame = std::numeric_limits<int>::min();
    if (mResult) {
        const std::vector<Track>& tracks = mResult->tracking.tracks;
        mTrackBounds.reserve(tracks.size());
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            mIndexOfId.insert(tracks[t].id, int(t));
            double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
            for (const TrackPoint& point : tracks[t].points) {
                x0 = std::min(x0, point.x);
                y0 = std::min(y0, point.y);
                x1 = std::max(x1, point.x);
                y1 = std::max(y1, point.y);
                mFirstFrame = std::min(mFirstFrame, point.frame);
                mLastFrame = std::max(mLastFrame, point.frame);
            }
            mTrackBounds.push_back(tracks[t].points.empty() ? QRectF() : QRectF(QPointF(x0, y0), QPointF(x1, y1)));
        }
    }
    if (mFirstFrame > mLastFrame)
        mFirstFrame = mLastFrame = 0;
    if (mSelected >= 0 && !mIndexOfId.contains(mSelected))
        mSelected = -1;
    rebuildSegments();
    if (sceneRect() != before)
        fitToWindow();
    update();
}

void TrajectoryView::setReferenceImage(const QImage& image)
{
    const QRectF before = sceneRect();
    // Grey whatever comes: the colours belong to the tracks alone.
    mImage = image.isNull() || image.format() == QImage::Format_Grayscale8
                 ? image
                 : image.convertToFormat(QImage::Format_Grayscale8);
    if (sceneRect() != before)
        fitToWindow();
    update();
}

void TrajectoryView::setColourMode(ColourMode mode)
{
    if (mode == mMode)
        return;
    mMode = mode;
    rebuildSegments();
    update();
}

void TrajectoryView::setSelectedTrack(int trackId)
{
    const int selected = trackId >= 0 && mIndexOfId.contains(trackId) ? trackId : -1;
    if (selected == mSelected)
        return;
    mSelected = selected;
    update();
}

int TrajectoryView::trackIndexOf(int trackId) const { return mIndexOfId.value(trackId, -1); }

int TrajectoryView::stackFrameOf(int listIndex) const
{
    if (mResult && listIndex >= 0 && listIndex < int(mResult->frames.size()))
        return mResult->frames[std::size_t(listIndex)].frame;
    return listIndex;
}

int TrajectoryView::frameBucket(int frame) const
{
    if (mLastFrame <= mFirstFrame)
        return 0;
    const double t = double(frame - mFirstFrame) / double(mLastFrame - mFirstFrame);
    return std::clamp(int(std::lround(t * (kTimeSteps - 1))), 0, kTimeSteps - 1);
}

QColor TrajectoryView::segmentColour(int trackIndex, int pointIndex) const
{
    const Track& track = mResult->tracking.tracks[std::size_t(trackIndex)];
    if (mMode == ColourMode::Time)
        return timeColour(double(frameBucket(track.points[std::size_t(pointIndex)].frame)) / (kTimeSteps - 1));
    const auto& perPoint = mResult->behaviours.perTrackPoint;
    Behaviour b = Behaviour::Stable;
    if (std::size_t(trackIndex) < perPoint.size() && std::size_t(pointIndex) < perPoint[std::size_t(trackIndex)].size())
        b = perPoint[std::size_t(trackIndex)][std::size_t(pointIndex)];
    return behaviourColour(b);
}

std::size_t TrajectoryView::bucketOfPoint(std::size_t track, std::size_t point) const
{
    if (mMode == ColourMode::Time)
        return std::size_t(frameBucket(mResult->tracking.tracks[track].points[point].frame));
    const auto& perPoint = mResult->behaviours.perTrackPoint;
    return track < perPoint.size() && point < perPoint[track].size() ? std::size_t(perPoint[track][point]) : 0;
}

void TrajectoryView::rebuildSegments()
{
    mBuckets.clear();
    mSegmentCount = 0;
    ++mGeneration;
    if (!mResult)
        return;
    if (mMode == ColourMode::Time) {
        mBuckets.resize(kTimeSteps);
        for (int i = 0; i < kTimeSteps; ++i)
            mBuckets[std::size_t(i)].colour = timeColour(double(i) / (kTimeSteps - 1));
    } else {
        for (Behaviour b : {Behaviour::Stable, Behaviour::Hopping, Behaviour::Adsorbed, Behaviour::Desorbed})
            mBuckets.push_back({behaviourColour(b), {}});
    }
    const std::vector<Track>& tracks = mResult->tracking.tracks;
    for (std::size_t t = 0; t < tracks.size(); ++t) {
        const std::vector<TrackPoint>& points = tracks[t].points;
        mSegmentCount += points.empty() ? 0 : points.size() - 1;
        if (points.size() == 1) {
            mBuckets[bucketOfPoint(t, 0)].dots.push_back(pointOf(points[0]));
        } else if (mMode == ColourMode::Behaviour) {
            for (std::size_t p = 0; p < points.size(); ++p)
                if (std::size_t b = bucketOfPoint(t, p); b != 0)
                    mBuckets[b].dots.push_back(pointOf(points[p]));
        }
    }
}

void TrajectoryView::renderLayer(const Transform& t, int alpha)
{
    const qreal ratio = devicePixelRatioF();
    mLayer = QImage(size() * ratio, QImage::Format_ARGB32_Premultiplied);
    mLayer.setDevicePixelRatio(ratio);
    mLayer.fill(Qt::transparent);
    const QRectF scene = sceneRect();
    auto toScreen = [&](const TrackPoint& point) {
        return QPointF(t.origin.x() + (point.x - scene.left()) * t.zoom, t.origin.y() + (point.y - scene.top()) * t.zoom);
    };
    // Per colour, the segments in widget pixels. A segment takes the colour of the point it
    // arrives at (the hop is the segment that leads to the new site, the desorption the last
    // step before the column is gone). Steps shorter than half a screen pixel are merged into
    // the next one: a column vibrating about its site for a thousand frames is a few visible
    // strokes, not a thousand invisible ones, which is what keeps a long movie drawable.
    std::vector<std::vector<QLineF>> lines(mBuckets.size());
    const std::vector<Track>& tracks = mResult->tracking.tracks;
    for (std::size_t k = 0; k < tracks.size(); ++k) {
        const std::vector<TrackPoint>& points = tracks[k].points;
        if (points.size() < 2)
            continue;
        QPointF last = toScreen(points[0]);
        for (std::size_t p = 1; p < points.size(); ++p) {
            const QPointF here = toScreen(points[p]);
            const std::size_t bucket = bucketOfPoint(k, p);
            const bool colourChanges = p + 1 < points.size() && bucketOfPoint(k, p + 1) != bucket;
            const QPointF step = here - last;
            if (step.x() * step.x() + step.y() * step.y() < 0.25 && !colourChanges && p + 1 < points.size())
                continue;
            lines[bucket].emplace_back(last, here);
            last = here;
        }
    }
    QPainter p(&mLayer);
    std::size_t drawn = 0;
    for (const auto& l : lines)
        drawn += l.size();
    p.setRenderHint(QPainter::Antialiasing, drawn < kAntialiasLimit);
    for (std::size_t b = 0; b < mBuckets.size(); ++b) {
        QColor colour = mBuckets[b].colour;
        colour.setAlpha(alpha);
        if (!lines[b].empty()) {
            p.setPen(cosmeticPen(colour, 1.5));
            p.drawLines(lines[b].data(), int(lines[b].size()));
        }
        if (!mBuckets[b].dots.empty()) {
            p.setPen(cosmeticPen(colour, 5.0));
            std::vector<QPointF> dots;
            dots.reserve(mBuckets[b].dots.size());
            for (const QPointF& d : mBuckets[b].dots)
                dots.emplace_back(t.origin.x() + (d.x() - scene.left()) * t.zoom, t.origin.y() + (d.y() - scene.top()) * t.zoom);
            p.drawPoints(dots.data(), int(dots.size()));
        }
    }
}

QRectF TrajectoryView::sceneRect() const
{
    if (!mImage.isNull())
        return {-0.5, -0.5, double(mImage.width()), double(mImage.height())};
    if (mResult && mResult->width > 0 && mResult->height > 0)
        return {-0.5, -0.5, double(mResult->width), double(mResult->height)};
    QRectF bounds;
    for (const QRectF& r : mTrackBounds)
        if (!r.isNull())
            bounds = bounds.isNull() ? r : bounds.united(r);
    // Without an image size, the tracks with a margin of a few pixels.
    return bounds.isNull() ? QRectF(-0.5, -0.5, 1.0, 1.0) : bounds.adjusted(-5, -5, 5, 5);
}

TrajectoryView::Transform TrajectoryView::fittedTransform() const
{
    const QRectF scene = sceneRect();
    Transform t;
    t.zoom = std::clamp(kFitMargin * std::min(width() / scene.width(), height() / scene.height()), kMinZoom, kMaxZoom);
    t.origin = QPointF((width() - scene.width() * t.zoom) / 2.0, (height() - scene.height() * t.zoom) / 2.0);
    return t;
}

// Computed from the current size while fitting, so it is right before the first resize event
// (a widget that was resized but never shown).
TrajectoryView::Transform TrajectoryView::transform() const { return mFitting ? fittedTransform() : mManual; }

void TrajectoryView::fitToWindow()
{
    mFitting = true;
    update();
}

QPointF TrajectoryView::toWidget(QPointF imagePx) const
{
    const Transform t = transform();
    return t.origin + (imagePx - sceneRect().topLeft()) * t.zoom;
}

QPointF TrajectoryView::toImage(QPointF widgetPos) const
{
    const Transform t = transform();
    return sceneRect().topLeft() + (widgetPos - t.origin) / t.zoom;
}

int TrajectoryView::trackAt(QPointF widgetPos) const
{
    if (!mResult)
        return -1;
    const double tolerance = pickDistance() / transform().zoom; // image px
    const QPointF q = toImage(widgetPos);
    const std::vector<Track>& tracks = mResult->tracking.tracks;
    double best = tolerance;
    int bestId = -1;
    for (std::size_t t = 0; t < tracks.size(); ++t) {
        const std::vector<TrackPoint>& points = tracks[t].points;
        if (points.empty() || !mTrackBounds[t].adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(q))
            continue;
        double d = distanceToSegment(q, pointOf(points[0]), pointOf(points[0]));
        for (std::size_t p = 1; p < points.size(); ++p)
            d = std::min(d, distanceToSegment(q, pointOf(points[p - 1]), pointOf(points[p])));
        // The selected track wins a tie: it is drawn on top.
        if (d < best || (d == best && tracks[t].id == mSelected)) {
            best = d;
            bestId = tracks[t].id;
        }
    }
    return bestId;
}

void TrajectoryView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(32, 32, 36));
    const bool hasTracks = mResult && !mResult->tracking.tracks.empty();
    if (!hasTracks && mImage.isNull()) {
        p.setPen(QColor(170, 170, 170));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
        return;
    }
    const Transform t = transform();
    const QRectF scene = sceneRect();
    if (!mImage.isNull()) {
        const QRectF target(t.origin, scene.size() * t.zoom);
        p.setRenderHint(QPainter::SmoothPixmapTransform, t.zoom < 1.0);
        p.drawImage(target, mImage);
        // A veil over the image: the track colours, the brightest of them yellow, need contrast
        // against bright columns.
        p.fillRect(target, QColor(0, 0, 0, 90));
    }
    if (hasTracks) {
        const int selectedIndex = trackIndexOf(mSelected);
        const int alpha = selectedIndex >= 0 ? 70 : 230;
        const LayerKey key{t.zoom, t.origin, size(), alpha, mGeneration};
        if (mLayer.isNull() || !(key == mLayerKey)) {
            renderLayer(t, alpha);
            mLayerKey = key;
        }
        p.drawImage(QPointF(0, 0), mLayer);
        p.save();
        p.setTransform(QTransform(t.zoom, 0, 0, t.zoom, t.origin.x() - scene.left() * t.zoom,
                                  t.origin.y() - scene.top() * t.zoom));
        p.setRenderHint(QPainter::Antialiasing);
        if (selectedIndex >= 0)
            drawSelected(p, selectedIndex);
        p.restore();
        drawLegend(p);
    } else {
        p.setPen(QColor(220, 220, 220));
        drawBox(p, QRectF(rect().center().x() - 150.0, height() - 40.0, 300.0, 28.0));
        p.drawText(QRectF(rect().center().x() - 150.0, height() - 40.0, 300.0, 28.0), Qt::AlignCenter, mPlaceholder);
    }
}

void TrajectoryView::drawSelected(QPainter& p, int trackIndex) const
{
    const std::vector<TrackPoint>& points = mResult->tracking.tracks[std::size_t(trackIndex)].points;
    if (points.empty())
        return;
    // The track as runs of one colour, steps under half a screen pixel merged into the next
    // (a long stay is a few strokes): one polyline per run instead of a line per frame.
    const double zoom = std::max(1e-9, p.transform().m11());
    const double minStep2 = 0.25 / (zoom * zoom);
    std::vector<std::pair<QColor, QPolygonF>> runs;
    QPolygonF halo;
    QPointF last = pointOf(points[0]);
    halo << last;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const QPointF here = pointOf(points[i]);
        const QColor colour = segmentColour(trackIndex, int(i)).lighter(115);
        const bool end = i + 1 == points.size();
        const QPointF step = here - last;
        if (!end && step.x() * step.x() + step.y() * step.y() < minStep2 && !runs.empty() && runs.back().first == colour)
            continue;
        if (runs.empty() || runs.back().first != colour)
            runs.push_back({colour, QPolygonF() << last});
        runs.back().second << here;
        halo << here;
        last = here;
    }
    // A light halo under a thick full-colour line: stands out over dimmed tracks of any colour.
    p.setPen(cosmeticPen(QColor(255, 255, 255, 230), 9.0));
    p.drawPolyline(halo);
    p.drawPoint(halo.front());
    for (const auto& [colour, run] : runs) {
        p.setPen(cosmeticPen(colour, 3.5));
        p.drawPolyline(run);
    }
    // The start as a dot, so the direction of the track can be read.
    p.setPen(cosmeticPen(segmentColour(trackIndex, 0), 8.0));
    p.drawPoint(halo.front());
}

void TrajectoryView::drawLegend(QPainter& p) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    if (mMode == ColourMode::Time)
        drawTimeLegend(p);
    else
        drawBehaviourLegend(p);
    p.restore();
}

void TrajectoryView::drawTimeLegend(QPainter& p) const
{
    const QFontMetrics fm = p.fontMetrics();
    const QString title = tr("Frame");
    const QString late = QString::number(stackFrameOf(mLastFrame));
    const QString early = QString::number(stackFrameOf(mFirstFrame));
    const double pad = 6, barWidth = 12, barHeight = 110;
    const double labelWidth = std::max(fm.horizontalAdvance(late), fm.horizontalAdvance(early));
    const double width = std::max<double>(fm.horizontalAdvance(title), barWidth + 6 + labelWidth) + 2 * pad;
    const double heightPx = pad + fm.height() + 4 + barHeight + pad;
    const QRectF box(this->width() - width - 10, 10, width, heightPx);
    drawBox(p, box);
    p.setPen(Qt::white);
    p.drawText(QRectF(box.left() + pad, box.top() + pad, width - 2 * pad, fm.height()), Qt::AlignLeft, title);
    const QRectF bar(box.left() + pad, box.top() + pad + fm.height() + 4, barWidth, barHeight);
    // Late frames at the top, as a value axis reads.
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 8; ++i)
        gradient.setColorAt(i / 8.0, timeColour(i / 8.0));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRect(bar);
    p.setPen(Qt::white);
    const double textLeft = bar.right() + 6;
    p.drawText(QRectF(textLeft, bar.top() - 2, labelWidth, fm.height()), Qt::AlignLeft | Qt::AlignTop, late);
    p.drawText(QRectF(textLeft, bar.bottom() - fm.height() + 2, labelWidth, fm.height()), Qt::AlignLeft | Qt::AlignBottom,
               early);
}

void TrajectoryView::drawBehaviourLegend(QPainter& p) const
{
    const QFontMetrics fm = p.fontMetrics();
    const std::array<Behaviour, 4> kinds = {Behaviour::Stable, Behaviour::Hopping, Behaviour::Adsorbed,
                                            Behaviour::Desorbed};
    double labelWidth = 0;
    for (Behaviour b : kinds)
        labelWidth = std::max<double>(labelWidth, fm.horizontalAdvance(ResultLabels::behaviour(b)));
    const double pad = 6, swatch = 18, row = fm.height() + 2;
    const QRectF box(width() - (2 * pad + swatch + 6 + labelWidth) - 10, 10, 2 * pad + swatch + 6 + labelWidth,
                     2 * pad + row * kinds.size());
    drawBox(p, box);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const double y = box.top() + pad + row * double(i);
        p.setPen(QPen(behaviourColour(kinds[i]), 3.0, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(box.left() + pad, y + row / 2), QPointF(box.left() + pad + swatch, y + row / 2));
        p.setPen(Qt::white);
        p.drawText(QRectF(box.left() + pad + swatch + 6, y, labelWidth, row), Qt::AlignLeft | Qt::AlignVCenter,
                   ResultLabels::behaviour(kinds[i]));
    }
}

void TrajectoryView::wheelEvent(QWheelEvent* event)
{
    const Transform t = transform();
    const QPointF anchor = event->position();
    const QPointF imageAtAnchor = toImage(anchor);
    const double steps = event->angleDelta().y() / 120.0;
    mManual.zoom = std::clamp(t.zoom * std::pow(kWheelStep, steps), kMinZoom, kMaxZoom);
    mManual.origin = anchor - (imageAtAnchor - sceneRect().topLeft()) * mManual.zoom; // the point under the cursor stays
    mFitting = false;
    update();
    event->accept();
}

void TrajectoryView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    mPressed = true;
    mPanning = false;
    mPressPos = event->position();
    mOriginAtPress = transform().origin;
}

void TrajectoryView::mouseMoveEvent(QMouseEvent* event)
{
    if (!mPressed)
        return QWidget::mouseMoveEvent(event);
    const QPointF delta = event->position() - mPressPos;
    if (!mPanning && delta.manhattanLength() < kClickSlop)
        return;
    if (!mPanning) {
        mManual = transform(); // take over the fitted zoom before leaving fit mode
        mFitting = false;
        mPanning = true;
        setCursor(Qt::ClosedHandCursor);
    }
    mManual.origin = mOriginAtPress + delta;
    update();
}

void TrajectoryView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !mPressed)
        return QWidget::mouseReleaseEvent(event);
    const bool click = !mPanning;
    mPressed = false;
    mPanning = false;
    unsetCursor();
    if (!click)
        return;
    mSelected = trackAt(event->position());
    update();
    Q_EMIT trackSelected(mSelected);
}

void TrajectoryView::mouseDoubleClickEvent(QMouseEvent*) { fitToWindow(); }

} // namespace hrtem::ui
