#include "ui/widgets/analysis_overlay.h"

#include "core/result/analysis_result.h"
#include "ui/document/analysis_selection.h"
#include "ui/widgets/result_labels.h"

#include <QFontMetrics>
#include <QLineF>
#include <QPaintEngine>
#include <QPainter>
#include <QPixmap>
#include <QPolygonF>
#include <QVector>

#include <algorithm>
#include <cmath>

namespace hrtem::ui {

namespace {

// Atom positions have pixel (0,0) centred at (0,0); the view's image coordinates put pixel (0,0)
// on [0,1) x [0,1).
QColor editedColour() { return QColor(255, 140, 0); }

QPointF atomScreen(const FrameView& view, double x, double y) { return view.toWidget(QPointF(x + 0.5, y + 0.5)); }

/// Index of the point of `track` in frame `listIndex` (points ascend in frame), -1 if none.
int pointInFrame(const Track& track, int listIndex)
{
    const auto it = std::lower_bound(track.points.begin(), track.points.end(), listIndex,
                                     [](const TrackPoint& p, int frame) { return p.frame < frame; });
    return it != track.points.end() && it->frame == listIndex ? int(it - track.points.begin()) : -1;
}

/// Coordination 0..8+ on a perceptually ordered, colour-blind-safe scale (viridis stops).
QColor coordinationColour(int coordination)
{
    static const QColor stops[] = {{68, 1, 84},    {72, 40, 120},  {62, 74, 137},  {49, 104, 142}, {38, 130, 142},
                                   {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}};
    return stops[std::clamp(coordination, 0, 9)];
}

/// The image rectangle the widget shows, in atom coordinates, with a margin of `marginPx` screen px.
QRectF visibleAtomRect(const FrameView& view, double marginPx)
{
    const QPointF a = view.toImage(QPointF(-marginPx, -marginPx)) - QPointF(0.5, 0.5);
    const QRect area = view.paintArea();
    const QPointF b = view.toImage(QPointF(area.right() + 1 + marginPx, area.bottom() + 1 + marginPx)) - QPointF(0.5, 0.5);
    return QRectF(a, b).normalized();
}

} // namespace

AnalysisOverlay::AnalysisOverlay(AnalysisSelection* selection, QObject* parent) : QObject(parent), mSelection(selection)
{
    if (mSelection != nullptr)
        connect(mSelection, &AnalysisSelection::changed, this, &AnalysisOverlay::changed);
}

AnalysisOverlay::~AnalysisOverlay() = default;

void AnalysisOverlay::setResult(std::shared_ptr<const hrtem::AnalysisResult> result)
{
    mResult = std::move(result);
    rebuildIndex();
    Q_EMIT changed();
}

void AnalysisOverlay::rebuildIndex()
{
    mTrackIndexOfId.clear();
    mListIndex = -1;
    if (!mResult)
        return;
    for (std::size_t t = 0; t < mResult->tracking.tracks.size(); ++t) {
        const int id = mResult->tracking.tracks[t].id;
        if (id >= 0) {
            if (std::size_t(id) >= mTrackIndexOfId.size())
                mTrackIndexOfId.resize(std::size_t(id) + 1, -1);
            mTrackIndexOfId[std::size_t(id)] = int(t);
        }
    }
    mListIndex = mResult->listIndexOf(mStackFrame);
}

void AnalysisOverlay::setStackFrame(int stackFrame)
{
    if (stackFrame == mStackFrame)
        return;
    mStackFrame = stackFrame;
    rebuildIndex();
    Q_EMIT changed();
}

void AnalysisOverlay::setLayerVisible(Layer layer, bool visible)
{
    if (mVisible[std::size_t(layer)] == visible)
        return;
    mVisible[std::size_t(layer)] = visible;
    Q_EMIT changed();
}

void AnalysisOverlay::setColouring(Colouring colouring)
{
    if (colouring == mColouring)
        return;
    mColouring = colouring;
    Q_EMIT changed();
}

void AnalysisOverlay::setTailFrames(int frames)
{
    frames = std::max(1, frames);
    if (frames == mTailFrames)
        return;
    mTailFrames = frames;
    Q_EMIT changed();
}

const FrameAnalysis* AnalysisOverlay::shownFrame() const
{
    if (!mResult || mListIndex < 0 || mListIndex >= int(mResult->frames.size()))
        return nullptr;
    return &mResult->frames[std::size_t(mListIndex)];
}

int AnalysisOverlay::trackOfAtom(int atomIndex) const
{
    const FrameAnalysis* f = shownFrame();
    if (f == nullptr || atomIndex < 0 || atomIndex >= int(f->atoms.size()))
        return -1;
    return f->atoms[std::size_t(atomIndex)].trackId;
}

int AnalysisOverlay::behaviourOf(int listIndex, int atomIndex) const
{
    const FrameAnalysis& f = mResult->frames[std::size_t(listIndex)];
    const int id = f.atoms[std::size_t(atomIndex)].trackId;
    if (id < 0 || std::size_t(id) >= mTrackIndexOfId.size() || mTrackIndexOfId[std::size_t(id)] < 0)
        return -1;
    const int t = mTrackIndexOfId[std::size_t(id)];
    const auto& perPoint = mResult->behaviours.perTrackPoint;
    if (std::size_t(t) >= perPoint.size())
        return -1;
    const int p = pointInFrame(mResult->tracking.tracks[std::size_t(t)], listIndex);
    return p < 0 || std::size_t(p) >= perPoint[std::size_t(t)].size() ? -1 : int(perPoint[std::size_t(t)][std::size_t(p)]);
}

QColor AnalysisOverlay::atomColour(const FrameAnalysis& frame, int atomIndex) const
{
    const Atom& a = frame.atoms[std::size_t(atomIndex)];
    switch (mColouring) {
    case Colouring::Coordination:
        return coordinationColour(a.coordination);
    case Colouring::Behaviour: {
        const int b = behaviourOf(mListIndex, atomIndex);
        return b < 0 ? QColor(150, 150, 150) : behaviourColour(Behaviour(b));
    }
    case Colouring::Site:
        break;
    }
    // Like the CLI overlay: site colour, unless the column's track is doing something.
    const int b = behaviourOf(mListIndex, atomIndex);
    if (b > 0)
        return behaviourColour(Behaviour(b));
    return siteColour(a.site);
}

int AnalysisOverlay::atomAt(QPointF imagePos, const FrameView& view) const
{
    const FrameAnalysis* f = shownFrame();
    if (f == nullptr || !mVisible[Atoms])
        return -1;
    const double reach = std::max(kMarkerRadius + 2.0, 0.0) / std::max(view.zoom(), 1e-6); // image px
    const QPointF p = imagePos - QPointF(0.5, 0.5);
    int best = -1;
    double bestD2 = reach * reach;
    for (std::size_t i = 0; i < f->atoms.size(); ++i) {
        const double dx = f->atoms[i].x - p.x(), dy = f->atoms[i].y - p.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = int(i);
        }
    }
    return best;
}

QString AnalysisOverlay::describeAtom(int atomIndex) const
{
    const FrameAnalysis* f = shownFrame();
    if (f == nullptr || atomIndex < 0 || atomIndex >= int(f->atoms.size()))
        return {};
    const Atom& a = f->atoms[std::size_t(atomIndex)];
    QString text = tr("Column %1").arg(a.id);
    text += QStringLiteral("\n") + tr("position (%1, %2) px").arg(a.x, 0, 'f', 2).arg(a.y, 0, 'f', 2);
    if (mResult->pixel_nm > 0)
        text += QStringLiteral(" = (%1, %2) nm").arg(mResult->toNm(a.x), 0, 'f', 4).arg(mResult->toNm(a.y), 0, 'f', 4);
    text += QStringLiteral("\n") + tr("σ %1 × %2 px (1σ error %3 × %4 px)")
                                      .arg(a.sigmaX, 0, 'f', 2)
                                      .arg(a.sigmaY, 0, 'f', 2)
                                      .arg(a.errX, 0, 'f', 3)
                                      .arg(a.errY, 0, 'f', 3);
    text += QStringLiteral("\n") + tr("coordination %1, %2").arg(a.coordination).arg(ResultLabels::site(a.site));
    if (a.trackId >= 0) {
        text += QStringLiteral("\n") + tr("track %1").arg(a.trackId);
        const int b = behaviourOf(mListIndex, atomIndex);
        if (b >= 0)
            text += QStringLiteral(", ") + ResultLabels::behaviour(Behaviour(b));
    } else {
        text += QStringLiteral("\n") + tr("not tracked");
    }
    return text;
}

QString AnalysisOverlay::toolTipAt(QPointF imagePos, const FrameView& view) const
{
    return describeAtom(atomAt(imagePos, view));
}

std::vector<std::pair<QString, QColor>> AnalysisOverlay::legendEntries() const
{
    std::vector<std::pair<QString, QColor>> entries;
    if (mVisible[Atoms]) {
        switch (mColouring) {
        case Colouring::Site:
            entries.emplace_back(ResultLabels::site(SiteKind::Bulk), siteColour(SiteKind::Bulk));
            entries.emplace_back(ResultLabels::site(SiteKind::Surface), siteColour(SiteKind::Surface));
            for (Behaviour b : {Behaviour::Hopping, Behaviour::Adsorbed, Behaviour::Desorbed})
                entries.emplace_back(ResultLabels::behaviour(b), behaviourColour(b));
            break;
        case Colouring::Behaviour:
            for (Behaviour b : {Behaviour::Stable, Behaviour::Hopping, Behaviour::Adsorbed, Behaviour::Desorbed})
                entries.emplace_back(ResultLabels::behaviour(b), behaviourColour(b));
            entries.emplace_back(tr("not tracked"), QColor(150, 150, 150));
            break;
        case Colouring::Coordination:
            for (int c : {2, 4, 6, 8})
                entries.emplace_back(tr("coordination %1").arg(c), coordinationColour(c));
            break;
        }
    }
    if (mVisible[Atoms] && mResult && mResult->corrections > 0)
        entries.emplace_back(tr("edited by hand"), editedColour());
    if (mVisible[Uncertainty])
        entries.emplace_back(tr("1σ error ×%1").arg(kEllipseScale, 0, 'f', 0), QColor(255, 255, 255));
    if (mVisible[Bonds])
        entries.emplace_back(tr("bonds"), bondColour());
    if (mVisible[Tails])
        entries.emplace_back(tr("track tails (%1 frames)").arg(mTailFrames), tailColour());
    if (mVisible[Twins])
        entries.emplace_back(tr("twin boundary"), twinColour());
    if (mVisible[Outline])
        entries.emplace_back(tr("particle outline"), outlineColour());
    return entries;
}

void AnalysisOverlay::paintOverlay(QPainter& p, const FrameView& view)
{
    const FrameAnalysis* frame = shownFrame();
    if (frame != nullptr) {
        if (mVisible[Outline])
            paintOutline(p, view, *frame);
        if (mVisible[Bonds])
            paintBonds(p, view, *frame);
        if (mVisible[Tails])
            paintTails(p, view);
        if (mVisible[Atoms])
            paintAtoms(p, view, *frame);
        if (mVisible[Twins])
            paintTwins(p, view, *frame);
        if (frame->trust.flagged)
            paintUntrusted(p, view, *frame);
    }
    if (mResult)
        paintSelection(p, view, frame);
    if (mVisible[Legend] && mResult)
        paintLegend(p, view);
}

void AnalysisOverlay::paintUntrusted(QPainter& p, const FrameView& view, const FrameAnalysis& frame) const
{
    // Always drawn: the columns here (or in the whole frame) are the restoration's, not the data's.
    const QColor warning(230, 40, 40);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(warning, 2.0, Qt::DashLine));
    for (const TrustRegion& r : frame.trust.regions)
        p.drawRect(QRectF(view.toWidget(QPointF(r.area.x, r.area.y)), view.toWidget(QPointF(r.area.x + r.area.width, r.area.y + r.area.height))));
    const QString text = tr("Restoration not supported by the raw data (support %1)").arg(frame.trust.support, 0, 'f', 2);
    const QPointF at(12, view.paintArea().bottom() + 1 - 14);
    const QRectF box = QRectF(p.fontMetrics().boundingRect(text)).translated(at).adjusted(-5, -3, 5, 3);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 190));
    p.drawRoundedRect(box, 3, 3);
    p.setPen(warning.lighter(130));
    p.drawText(at, text);
}

void AnalysisOverlay::paintBonds(QPainter& p, const FrameView& view, const FrameAnalysis& frame) const
{
    const QRectF visible = visibleAtomRect(view, 4);
    QVector<QLineF> lines;
    lines.reserve(int(frame.relations.bonds.size()));
    for (const Bond& b : frame.relations.bonds) {
        const Atom& a = frame.atoms[std::size_t(b.a)];
        const Atom& c = frame.atoms[std::size_t(b.b)];
        if (!visible.contains(a.x, a.y) && !visible.contains(c.x, c.y))
            continue;
        lines.append(QLineF(atomScreen(view, a.x, a.y), atomScreen(view, c.x, c.y)));
    }
    // Thin straight lines: no antialiasing needed, and thousands of them stay cheap.
    p.setRenderHint(QPainter::Antialiasing, false);
    QColor colour = bondColour();
    colour.setAlpha(170);
    p.setPen(QPen(colour, 1.0));
    p.drawLines(lines);
}

void AnalysisOverlay::paintTails(QPainter& p, const FrameView& view) const
{
    const QRectF visible = visibleAtomRect(view, 40);
    // All tails as one batch of segments: one call, whatever the number of tracks.
    QVector<QLineF> segments;
    for (const Track& track : mResult->tracking.tracks) {
        if (track.points.size() < 2 || track.points.front().frame > mListIndex || track.points.back().frame < mListIndex)
            continue;
        const int now = pointInFrame(track, mListIndex);
        if (now <= 0)
            continue;
        const TrackPoint& head = track.points[std::size_t(now)];
        if (!visible.contains(head.x, head.y))
            continue;
        QPointF previous = atomScreen(view, head.x, head.y);
        for (int i = now - 1; i >= 0 && track.points[std::size_t(i)].frame > mListIndex - mTailFrames - 1; --i) {
            const QPointF q = atomScreen(view, track.points[std::size_t(i)].x, track.points[std::size_t(i)].y);
            segments.append(QLineF(previous, q));
            previous = q;
        }
    }
    // Smooth lines while they are few; past that, the unsmoothed fast path keeps a repaint of
    // thousands of tails within a frame's time.
    const bool smooth = segments.size() < kSmoothSegments;
    p.setRenderHint(QPainter::Antialiasing, smooth);
    p.setPen(QPen(tailColour(), smooth ? 1.5 : 1.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawLines(segments);
}

const QPixmap& AnalysisOverlay::markerSprite(QRgb colour, qreal devicePixelRatio) const
{
    const quint64 key = (quint64(colour) << 8) ^ quint64(std::lround(devicePixelRatio * 16));
    auto it = mSprites.find(key);
    if (it != mSprites.end())
        return it->second;
    // A ring with a dark halo, antialiased once here; painting then only copies pixels.
    const double extent = kMarkerRadius + 2.5;
    const int side = int(std::ceil(2 * extent * devicePixelRatio));
    QPixmap sprite(side, side);
    sprite.setDevicePixelRatio(devicePixelRatio);
    sprite.fill(Qt::transparent);
    QPainter sp(&sprite);
    sp.setRenderHint(QPainter::Antialiasing, true);
    const QPointF centre(side / devicePixelRatio / 2.0, side / devicePixelRatio / 2.0);
    sp.setPen(QPen(QColor(0, 0, 0, 140), 3.2));
    sp.drawEllipse(centre, kMarkerRadius, kMarkerRadius);
    sp.setPen(QPen(QColor(colour), 1.8));
    sp.drawEllipse(centre, kMarkerRadius, kMarkerRadius);
    sp.end();
    return mSprites.emplace(key, std::move(sprite)).first->second;
}

void AnalysisOverlay::paintAtoms(QPainter& p, const FrameView& view, const FrameAnalysis& frame) const
{
    const QRectF visible = visibleAtomRect(view, kMarkerRadius + 2);
    const qreal dpr = p.device() != nullptr ? p.device()->devicePixelRatioF() : 1.0;
    // Vector output (SVG) gets real ellipses; screens and images get the pre-rendered sprite.
    const bool vector = p.paintEngine() != nullptr && p.paintEngine()->type() == QPaintEngine::SVG;
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    for (std::size_t i = 0; i < frame.atoms.size(); ++i) {
        const Atom& a = frame.atoms[i];
        if (!visible.contains(a.x, a.y))
            continue;
        const QColor colour = atomColour(frame, int(i));
        const QPointF c = atomScreen(view, a.x, a.y);
        if (vector) {
            p.setPen(QPen(QColor(0, 0, 0, 140), 3.2));
            p.drawEllipse(c, kMarkerRadius, kMarkerRadius);
            p.setPen(QPen(colour, 1.8));
            p.drawEllipse(c, kMarkerRadius, kMarkerRadius);
            continue;
        }
        const QPixmap& sprite = markerSprite(colour.rgb(), dpr);
        const QSizeF size = QSizeF(sprite.size()) / dpr;
        p.drawPixmap(QPointF(c.x() - size.width() / 2.0, c.y() - size.height() / 2.0), sprite);
    }
    // Columns added or moved by hand: a small square around the marker, so corrections stand out.
    p.setPen(QPen(editedColour(), 1.6));
    for (const Atom& a : frame.atoms)
        if (a.edited && visible.contains(a.x, a.y)) {
            const QPointF c = atomScreen(view, a.x, a.y);
            const double h = kMarkerRadius + 3.0;
            p.drawRect(QRectF(c.x() - h, c.y() - h, 2 * h, 2 * h));
        }
    if (mVisible[Uncertainty]) {
        p.setPen(QPen(QColor(255, 255, 255, 220), 1.0));
        const double s = kEllipseScale * view.zoom();
        for (const Atom& a : frame.atoms)
            if (visible.contains(a.x, a.y))
                p.drawEllipse(atomScreen(view, a.x, a.y), std::max(0.5, a.errX * s), std::max(0.5, a.errY * s));
    }
}

void AnalysisOverlay::paintTwins(QPainter& p, const FrameView& view, const FrameAnalysis& frame) const
{
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const TwinBoundary& t : frame.twinBoundaries) {
        const QPointF a = atomScreen(view, t.p0.x, t.p0.y), b = atomScreen(view, t.p1.x, t.p1.y);
        p.setPen(QPen(QColor(0, 0, 0, 150), 5.0, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(a, b);
        p.setPen(QPen(twinColour(), 2.5, Qt::DashLine, Qt::RoundCap));
        p.drawLine(a, b);
        const QString label = QStringLiteral("%1°").arg(t.misorientation_deg, 0, 'f', 1);
        const QPointF mid = (a + b) / 2 + QPointF(8, -8);
        const QRectF box = QRectF(p.fontMetrics().boundingRect(label)).translated(mid).adjusted(-4, -2, 4, 2);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 170));
        p.drawRoundedRect(box, 3, 3);
        p.setPen(twinColour().lighter(140));
        p.drawText(mid, label);
        p.setBrush(Qt::NoBrush);
    }
}

void AnalysisOverlay::paintOutline(QPainter& p, const FrameView& view, const FrameAnalysis& frame) const
{
    const auto& outline = frame.relations.particle.outline;
    if (outline.size() < 3)
        return;
    QPolygonF polygon;
    polygon.reserve(int(outline.size()));
    for (const Point2& q : outline)
        polygon.append(atomScreen(view, q.x, q.y));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(outlineColour(), 1.5, Qt::DashLine));
    p.drawPolygon(polygon);
}

void AnalysisOverlay::paintSelection(QPainter& p, const FrameView& view, const FrameAnalysis* frame) const
{
    if (mSelection == nullptr || mSelection->isEmpty())
        return;
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    const int id = mSelection->trackId();
    if (id >= 0 && std::size_t(id) < mTrackIndexOfId.size() && mTrackIndexOfId[std::size_t(id)] >= 0) {
        // The whole trajectory of the selected track, and where it is now.
        const Track& track = mResult->tracking.tracks[std::size_t(mTrackIndexOfId[std::size_t(id)])];
        QPolygonF line;
        for (const TrackPoint& q : track.points)
            line.append(atomScreen(view, q.x, q.y));
        p.setPen(QPen(selectionColour(), 1.5));
        p.drawPolyline(line);
        const int now = pointInFrame(track, mListIndex);
        if (now >= 0) {
            const TrackPoint& q = track.points[std::size_t(now)];
            p.setPen(QPen(QColor(0, 0, 0, 160), 4.5));
            p.drawEllipse(atomScreen(view, q.x, q.y), kMarkerRadius * 2, kMarkerRadius * 2);
            p.setPen(QPen(selectionColour(), 2.5));
            p.drawEllipse(atomScreen(view, q.x, q.y), kMarkerRadius * 2, kMarkerRadius * 2);
        }
        return;
    }
    // An untracked column of this frame.
    if (frame != nullptr && mSelection->stackFrame() == mStackFrame && mSelection->atomIndex() >= 0
        && mSelection->atomIndex() < int(frame->atoms.size())) {
        const Atom& a = frame->atoms[std::size_t(mSelection->atomIndex())];
        p.setPen(QPen(selectionColour(), 2.5));
        p.drawEllipse(atomScreen(view, a.x, a.y), kMarkerRadius * 2, kMarkerRadius * 2);
    }
}

void AnalysisOverlay::paintLegend(QPainter& p, const FrameView& view) const
{
    const auto entries = legendEntries();
    if (entries.empty())
        return;
    const QFontMetrics fm = p.fontMetrics();
    int textWidth = 0;
    for (const auto& e : entries)
        textWidth = std::max(textWidth, fm.horizontalAdvance(e.first));
    const int row = fm.height() + 2, swatch = 14, pad = 6;
    const QRect area = view.paintArea(); // the widget, or the exported scene
    const QRect box(area.right() + 1 - textWidth - swatch - 3 * pad - 10, area.bottom() + 1 - int(entries.size()) * row - 2 * pad - 10,
                    textWidth + swatch + 3 * pad, int(entries.size()) * row + 2 * pad);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 160));
    p.drawRoundedRect(box, 4, 4);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const int y = box.top() + pad + int(i) * row;
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(entries[i].second, 2.0));
        p.drawEllipse(QPointF(box.left() + pad + swatch / 2.0, y + row / 2.0), 4.5, 4.5);
        p.setPen(Qt::white);
        p.drawText(QRect(box.left() + 2 * pad + swatch, y, textWidth + 4, row), Qt::AlignVCenter | Qt::AlignLeft,
                   entries[i].first);
    }
}

} // namespace hrtem::ui
