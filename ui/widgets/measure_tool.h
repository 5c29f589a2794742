#pragma once
// Measuring on the frame view (issue 32): distances, angles and line profiles drawn with the
// mouse, in the frame's physical units. An end dropped near a located column snaps to its
// fitted position and carries its 1-sigma errors, so a distance between two columns reports
// its uncertainty (core/image/measurement.h). The measurements stay on the view, are painted
// into the exported view, and are listed by the MeasurementsPanel.
#include "core/image/measurement.h"
#include "ui/widgets/frame_view.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace hrtem::ui {

class MeasureTool : public QObject, public FrameTool {
    Q_OBJECT
public:
    enum class Kind { Distance, Angle, Profile };
    struct Measurement {
        Kind kind = Kind::Distance;
        /// Distance and profile: the two ends; angle: first end, vertex, second end. Frame pixel
        /// coordinates (pixel (0,0) centred at (0,0)), as the columns are.
        std::vector<MeasurePoint> points;
        int frame = 0; ///< the frame it was drawn on (the columns it snapped to are that frame's)
    };
    /// The column nearest (x, y) in frame pixel coordinates that an end should snap to, if any.
    using Snap = std::function<std::optional<MeasurePoint>(double x, double y)>;

    explicit MeasureTool(QObject* parent = nullptr);

    /// Measuring takes the left button while active; the kind says what a drag draws.
    void setActive(bool active);
    bool isActive() const override { return mActive; }
    void setKind(Kind kind);
    Kind kind() const { return mKind; }
    void setSnap(Snap snap) { mSnap = std::move(snap); }
    void setFrame(int frame) { mFrame = frame; }
    /// Physical size of a pixel and its unit ("nm"); {1, 1} and "px" without a calibration.
    void setScale(PixelScale scale, const QString& units);
    PixelScale scale() const { return mScale; }
    QString units() const { return mUnits; }

    const std::vector<Measurement>& measurements() const { return mMeasurements; }
    void add(const Measurement& measurement);
    void remove(int index);
    void clear();
    /// The measurement drawn highlighted (-1 for none).
    void setSelected(int index);
    int selected() const { return mSelected; }

    /// Length (distance, profile) or angle, with its error when every end is a column.
    struct Value {
        double value = 0.0, error = 0.0;
        bool hasError = false;
        QString units; ///< the length unit, or "°"
    };
    Value valueOf(const Measurement& measurement) const;
    /// "0.2884 ± 0.0031 nm": the error to two significant digits and the value to match.
    QString describe(const Measurement& measurement) const;
    static QString formatValue(const Value& value);

    // FrameTool
    void press(QPointF imagePos) override;
    void move(QPointF imagePos, bool buttonDown) override;
    void release(QPointF imagePos) override;
    bool cancel() override;
    void paintTool(QPainter& painter, const FrameView& view) override;

Q_SIGNALS:
    void measurementsChanged();
    void selectedChanged(int index);

private:
    MeasurePoint snapped(QPointF imagePos) const;
    int pointsNeeded() const { return mKind == Kind::Angle ? 3 : 2; }
    /// `number`: its label (1 for the first); 0 for the one being drawn (dashed, no label).
    void paintMeasurement(QPainter& painter, const FrameView& view, const Measurement& m, int number, bool selected) const;

    bool mActive = false;
    Kind mKind = Kind::Distance;
    Snap mSnap;
    int mFrame = 0;
    PixelScale mScale;
    QString mUnits = QStringLiteral("px");
    std::vector<Measurement> mMeasurements;
    int mSelected = -1;
    // The measurement being drawn: its ends so far, where the cursor is, and whether the
    // button went down for the first end (a drag) or a later one (clicks).
    std::vector<MeasurePoint> mPending;
    MeasurePoint mHover;
    bool mFirstPress = false;
};

} // namespace hrtem::ui
