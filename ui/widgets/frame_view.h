#pragma once
#include "core/io/calibration.h"

#include <QImage>
#include <QPainter>
#include <QPointF>
#include <QRect>
#include <QWidget>

namespace hrtem::ui {

class FrameView;

/// Something drawn over the image in widget coordinates (markers keep their screen size at any
/// zoom), e.g. the analysis overlays. The view owns none; it asks for paint and tooltips.
class FrameOverlay {
public:
    virtual ~FrameOverlay() = default;
    virtual void paintOverlay(QPainter& painter, const FrameView& view) = 0;
    /// Tooltip for the image position under the cursor; empty for none.
    virtual QString toolTipAt(QPointF imagePos, const FrameView& view) const = 0;
};

/// Something that takes the left button while it is active (the measuring tools): presses,
/// drags and releases reach it in image coordinates instead of panning the view, and it paints
/// itself over the overlays. The middle button still pans.
class FrameTool {
public:
    virtual ~FrameTool() = default;
    virtual bool isActive() const = 0;
    virtual void press(QPointF imagePos) = 0;
    /// The cursor moved, with the left button down or not (a tool can show what a click would add).
    virtual void move(QPointF imagePos, bool buttonDown) = 0;
    virtual void release(QPointF imagePos) = 0;
    /// Escape: drop what is half done; false when there was nothing to drop.
    virtual bool cancel() = 0;
    virtual void paintTool(QPainter& painter, const FrameView& view) = 0;
};

/// Shows one image with zoom (wheel, about the cursor), pan (drag), fit and 1:1, a scale bar
/// in physical units and an optional selected region (Shift+drag, or drag in region mode).
/// Used for frames and, in reciprocal mode, for their FFT.
class FrameView : public QWidget {
    Q_OBJECT
public:
    enum class Space { Real, Reciprocal }; ///< reciprocal: coordinates relative to the centre
    /// A second image of the same scene (a restored frame) shown with the first: beside it on
    /// the right, or over its right part from a split line the user drags.
    enum class Comparison { Off, SideBySide, Split };

    explicit FrameView(QWidget* parent = nullptr);

    /// Keeps the current zoom and pan when the size is unchanged (frame stepping).
    void setImage(const QImage& image);
    const QImage& image() const { return mImage; }
    /// Calibration of one image pixel; for the FFT: reciprocal units per FFT pixel.
    void setCalibration(double unitsPerPixel, const QString& units);
    void setSpace(Space space) { mSpace = space; update(); }

    double zoom() const { return mZoom; }
    void setZoom(double zoom, QPointF anchor);
    void zoomBy(double factor);
    void fitToWindow();
    void zoomActualSize();
    bool isFitting() const { return mFitting; }

    /// Image coordinates (pixel (0,0) spans [0,1) x [0,1)) of a widget position, and back.
    QPointF toImage(QPointF widgetPos) const;
    QPointF toWidget(QPointF imagePos) const;

    QRect region() const { return mRegion; }
    void setRegion(const QRect& region);
    void setRegionMode(bool on) { mRegionMode = on; }
    bool regionMode() const { return mRegionMode; }
    void setShowScaleBar(bool on) { mShowScaleBar = on; update(); }
    /// Text drawn in the top-left corner (e.g. frame and time), empty for none.
    void setCornerText(const QString& text);
    void setPlaceholderText(const QString& text);

    /// Drawn after the image and region, before the scale bar and corner text; null for none.
    void setOverlay(FrameOverlay* overlay);
    FrameOverlay* overlay() const { return mOverlay; }

    /// Shows `second` with the image as `mode` says (Off: the image alone). Image coordinates,
    /// the region and the overlay keep referring to the first image.
    void setComparison(const QImage& second, Comparison mode);
    Comparison comparison() const { return mComparison; }
    const QImage& comparisonImage() const { return mSecond; }
    /// Split: the fraction of the width left of the line that shows the first image (0..1).
    void setSplit(double fraction);
    double split() const { return mSplit; }
    /// Where the second image's pixel (x, y) is drawn, in the first image's coordinates: shifted
    /// right by the width and a gap side by side, in place otherwise.
    QPointF comparisonOffset() const;
    /// Drawn over the second image (its coordinates through comparisonOffset()); null for none.
    void setComparisonOverlay(FrameOverlay* overlay);

    /// Takes the left button while `tool` is active; null for none. The view owns none.
    void setTool(FrameTool* tool);
    /// The size of the scene at the image's own resolution: the image, or both side by side.
    QSize sceneSize() const { return shownSize().toSize(); }
    /// Paints what the view shows (image, comparison, region, overlays, tool, scale bar and
    /// corner text) at the image's own resolution, one image pixel per device pixel, into a
    /// device of sceneSize(): the exported view, without the window's margins or zoom.
    void renderScene(QPainter& painter);
    QImage renderSceneImage();
    /// Where the view paints now, for overlays that place things by its edges (a legend): the
    /// widget's rectangle, or the scene's while renderScene() paints.
    QRect paintArea() const { return mPaintArea.isNull() ? rect() : mPaintArea; }

    QSize sizeHint() const override { return {640, 640}; }

Q_SIGNALS:
    void cursorMoved(QPointF imagePos);
    void cursorLeft();
    void zoomChanged(double zoom);
    void regionChanged(const QRect& region);
    /// A left click without a drag (not in region mode), at this image position.
    void clicked(QPointF imagePos);
    void splitChanged(double fraction);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    /// Everything the view paints, into `area` (the widget, or the scene when rendering it).
    void paintScene(QPainter& painter, const QRect& area);
    void drawScaleBar(QPainter& painter, const QRect& area);
    void drawComparison(QPainter& painter);
    QSizeF shownSize() const; ///< what fitting fits: the image, or both side by side
    double splitX() const;    ///< the split line's widget x
    void drawLabel(QPainter& painter, const QRect& box, const QString& text, Qt::Alignment align);

    QImage mImage;
    double mUnitsPerPixel = 1.0;
    QString mUnits;
    Space mSpace = Space::Real;
    double mZoom = 1.0;
    QPointF mOrigin; ///< widget position of the image's top-left corner
    bool mFitting = true;

    enum class Drag { None, Pan, Region, Split, Tool };
    Drag mDrag = Drag::None;
    QPointF mDragStart;
    QPointF mOriginAtDragStart;
    QRect mRegion;
    bool mRegionMode = false;
    bool mShowScaleBar = true;
    QString mCornerText;
    QString mPlaceholder;
    FrameOverlay* mOverlay = nullptr;
    QImage mSecond;
    Comparison mComparison = Comparison::Off;
    double mSplit = 0.5;
    FrameOverlay* mComparisonOverlay = nullptr;
    FrameTool* mTool = nullptr;
    QRect mPaintArea; ///< set while renderScene() paints; null otherwise
};

} // namespace hrtem::ui
