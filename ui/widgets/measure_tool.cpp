#include "ui/widgets/measure_tool.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace hrtem::ui {

namespace {

constexpr double kPi = 3.14159265358979323846;
/// A first press and release closer than this (image px) is a click, not a drag.
constexpr double kMinimumDrag = 1.0;

// Frame pixel coordinates (pixel centres at integers) <-> the view's image coordinates
// (pixel (0,0) spans [0,1)).
MeasurePoint fromImage(QPointF imagePos)
{
    MeasurePoint p;
    p.x = imagePos.x() - 0.5;
    p.y = imagePos.y() - 0.5;
    return p;
}

QPointF toImage(const MeasurePoint& p) { return {p.x + 0.5, p.y + 0.5}; }

QColor colourOf(MeasureTool::Kind kind)
{
    switch (kind) {
    case MeasureTool::Kind::Distance: return {0, 230, 255};
    case MeasureTool::Kind::Angle: return {255, 110, 230};
    case MeasureTool::Kind::Profile: return {255, 215, 0};
    }
    return Qt::white;
}

void drawTextBox(QPainter& p, QPointF anchor, const QString& text, const QColor& colour)
{
    const QFontMetrics fm = p.fontMetrics();
    QRectF box = fm.boundingRect(text);
    box.moveTopLeft(anchor + QPointF(6, 6));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 170));
    p.drawRoundedRect(box.adjusted(-4, -2, 4, 2), 3, 3);
    p.setPen(colour);
    p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
}

} // namespace

MeasureTool::MeasureTool(QObject* parent) : QObject(parent) {}

void MeasureTool::setActive(bool active)
{
    mActive = active;
    if (!active)
        mPending.clear();
}

void MeasureTool::setKind(Kind kind)
{
    if (kind != mKind)
        mPending.clear();
    mKind = kind;
}

void MeasureTool::setScale(PixelScale scale, const QString& units)
{
    mScale = scale;
    mUnits = units;
    Q_EMIT measurementsChanged(); // every value changes unit
}

void MeasureTool::add(const Measurement& measurement)
{
    mMeasurements.push_back(measurement);
    mSelected = int(mMeasurements.size()) - 1;
    Q_EMIT measurementsChanged();
    Q_EMIT selectedChanged(mSelected);
}

void MeasureTool::remove(int index)
{
    if (index < 0 || index >= int(mMeasurements.size()))
        return;
    mMeasurements.erase(mMeasurements.begin() + index);
    mSelected = std::min(mSelected, int(mMeasurements.size()) - 1);
    Q_EMIT measurementsChanged();
    Q_EMIT selectedChanged(mSelected);
}

void MeasureTool::clear()
{
    mMeasurements.clear();
    mPending.clear();
    mSelected = -1;
    Q_EMIT measurementsChanged();
    Q_EMIT selectedChanged(mSelected);
}

void MeasureTool::setSelected(int index)
{
    index = index < int(mMeasurements.size()) ? index : -1;
    if (index == mSelected)
        return;
    mSelected = index;
    Q_EMIT selectedChanged(mSelected);
}

MeasureTool::Value MeasureTool::valueOf(const Measurement& m) const
{
    Value v;
    if (m.kind == Kind::Angle && m.points.size() == 3) {
        const AngleMeasurement angle = measureAngle(m.points[0], m.points[1], m.points[2], mScale);
        v = {angle.degrees, angle.error, angle.hasError, QStringLiteral("°")};
    } else if (m.points.size() >= 2) {
        const LengthMeasurement length = measureDistance(m.points[0], m.points[1], mScale);
        v = {length.length, length.error, length.hasError, mUnits};
    }
    return v;
}

QString MeasureTool::formatValue(const Value& v)
{
    const QString space = v.units == QStringLiteral("°") ? QString() : QStringLiteral(" ");
    if (!v.hasError || !(v.error > 0.0)) {
        // Four significant digits, without an exponent for the sizes measured here.
        const int decimals = std::clamp(3 - int(std::floor(std::log10(std::max(std::abs(v.value), 1e-12)))), 0, 6);
        return QString::number(v.value, 'f', decimals) + space + v.units;
    }
    // The error to two significant digits, the value to the same decimal place.
    const int decimals = std::clamp(1 - int(std::floor(std::log10(v.error))), 0, 8);
    return QStringLiteral("%1 ± %2%3%4")
        .arg(QString::number(v.value, 'f', decimals), QString::number(v.error, 'f', decimals), space, v.units);
}

QString MeasureTool::describe(const Measurement& m) const { return formatValue(valueOf(m)); }

MeasurePoint MeasureTool::snapped(QPointF imagePos) const
{
    const MeasurePoint free = fromImage(imagePos);
    if (mSnap)
        if (std::optional<MeasurePoint> column = mSnap(free.x, free.y))
            return *column;
    return free;
}

void MeasureTool::press(QPointF imagePos)
{
    mHover = fromImage(imagePos);
    mFirstPress = mPending.empty();
    if (mFirstPress)
        mPending = {snapped(imagePos)};
}

void MeasureTool::move(QPointF imagePos, bool) { mHover = fromImage(imagePos); }

void MeasureTool::release(QPointF imagePos)
{
    if (mPending.empty())
        return;
    if (mFirstPress) {
        // A drag draws the first segment; a click leaves the first end and waits for clicks.
        const MeasurePoint end = fromImage(imagePos);
        if (std::hypot(end.x - mPending[0].x, end.y - mPending[0].y) >= kMinimumDrag)
            mPending.push_back(snapped(imagePos));
    } else {
        mPending.push_back(snapped(imagePos));
    }
    mFirstPress = false;
    if (int(mPending.size()) >= pointsNeeded()) {
        Measurement m;
        m.kind = mKind;
        m.points = mPending;
        m.frame = mFrame;
        mPending.clear();
        add(m);
    }
}

bool MeasureTool::cancel()
{
    if (mPending.empty())
        return false;
    mPending.clear();
    return true;
}

void MeasureTool::paintTool(QPainter& painter, const FrameView& view)
{
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < int(mMeasurements.size()); ++i)
        paintMeasurement(painter, view, mMeasurements[std::size_t(i)], i + 1, i == mSelected);
    if (mActive && !mPending.empty()) {
        Measurement pending;
        pending.kind = mKind;
        pending.points = mPending;
        pending.points.push_back(mHover);
        paintMeasurement(painter, view, pending, 0, false);
    }
}

void MeasureTool::paintMeasurement(QPainter& p, const FrameView& view, const Measurement& m, int number,
                                   bool selected) const
{
    const bool pending = number == 0;
    const QColor colour = colourOf(m.kind);
    std::vector<QPointF> at;
    for (const MeasurePoint& point : m.points)
        at.push_back(view.toWidget(toImage(point)));
    if (selected) { // a dark halo under the selected one
        p.setPen(QPen(QColor(0, 0, 0, 200), 5.0, Qt::SolidLine, Qt::RoundCap));
        for (std::size_t i = 1; i < at.size(); ++i)
            p.drawLine(at[i - 1], at[i]);
    }
    p.setPen(QPen(colour, selected ? 2.5 : 1.5, pending ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    for (std::size_t i = 1; i < at.size(); ++i)
        p.drawLine(at[i - 1], at[i]);
    // Ends: filled where they snapped to a column (and carry its error), hollow otherwise.
    for (std::size_t i = 0; i < at.size(); ++i) {
        p.setBrush(m.points[i].atomId >= 0 ? QBrush(colour) : QBrush(Qt::NoBrush));
        p.setPen(QPen(colour, 1.5));
        p.drawEllipse(at[i], 3.5, 3.5);
    }
    if (m.kind == Kind::Angle && at.size() == 3) {
        const double a1 = std::atan2(-(at[0].y() - at[1].y()), at[0].x() - at[1].x()) * 180.0 / kPi;
        const double a2 = std::atan2(-(at[2].y() - at[1].y()), at[2].x() - at[1].x()) * 180.0 / kPi;
        double span = a2 - a1;
        while (span > 180.0) span -= 360.0;
        while (span < -180.0) span += 360.0;
        const double radius = 18.0;
        QPainterPath arc;
        arc.arcMoveTo(QRectF(at[1] - QPointF(radius, radius), QSizeF(2 * radius, 2 * radius)), a1);
        arc.arcTo(QRectF(at[1] - QPointF(radius, radius), QSizeF(2 * radius, 2 * radius)), a1, span);
        p.setBrush(Qt::NoBrush);
        p.drawPath(arc);
    }
    if (pending || at.size() < std::size_t(m.kind == Kind::Angle ? 3 : 2))
        return;
    const QPointF anchor = m.kind == Kind::Angle ? at[1] : (at[0] + at[1]) / 2.0;
    drawTextBox(p, anchor, QStringLiteral("%1  %2").arg(number).arg(describe(m)), colour);
}

} // namespace hrtem::ui
