#pragma once
// Every track of an analysis result as a polyline over a reference frame, coloured by time or
// by behaviour, with one track selectable by clicking it.
#include <QHash>
#include <QImage>
#include <QLineF>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <memory>
#include <vector>

namespace hrtem {
struct AnalysisResult;
}

namespace hrtem::ui {

/// Tracks in raw image pixels (pixel (0,0) centred at (0,0), drift not removed) over the grey
/// reference image, fitted to the widget with the aspect ratio kept. The wheel zooms about the
/// cursor, a drag pans, a double click fits again. A click within pickDistance() widget pixels
/// of a track selects it (trackSelected(id)); a click elsewhere clears it (trackSelected(-1)).
/// The selected track is drawn thick and bright over the others, which are dimmed.
class TrajectoryView : public QWidget {
    Q_OBJECT
public:
    enum class ColourMode { Time, Behaviour };

    explicit TrajectoryView(QWidget* parent = nullptr);

    /// Null clears. Keeps the selection if the track id still exists, and the zoom if the
    /// image extent is unchanged.
    void setResult(std::shared_ptr<const hrtem::AnalysisResult> result);
    /// Display image of the reference frame (8-bit grey or RGB, shown grey), the frames' size.
    void setReferenceImage(const QImage& image);
    bool hasReferenceImage() const { return !mImage.isNull(); }
    void setColourMode(ColourMode mode);
    ColourMode colourMode() const { return mMode; }
    void setSelectedTrack(int trackId); ///< -1: none; emits nothing
    int selectedTrack() const { return mSelected; }

    /// Widget position of a point in raw image pixels, and back.
    QPointF toWidget(QPointF imagePx) const;
    QPointF toImage(QPointF widgetPos) const;
    /// Id of the track whose polyline passes nearest `widgetPos`, -1 if none within pickDistance().
    int trackAt(QPointF widgetPos) const;
    static constexpr double pickDistance() { return 6.0; }

    void fitToWindow();
    bool isFitting() const { return mFitting; }

    QSize sizeHint() const override { return {640, 640}; }

Q_SIGNALS:
    void trackSelected(int trackId);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    /// Image to widget: widget = origin + (image - scene.topLeft()) * zoom.
    struct Transform {
        double zoom = 1.0;
        QPointF origin;
    };

    void retranslate();
    void rebuildSegments();
    QRectF sceneRect() const; ///< image pixels shown, pixel edges included
    Transform transform() const;
    Transform fittedTransform() const;
    int trackIndexOf(int trackId) const;
    QColor segmentColour(int trackIndex, int pointIndex) const;
    int frameBucket(int frame) const;
    std::size_t bucketOfPoint(std::size_t track, std::size_t point) const;
    /// Draws every track (not the selection) into mLayer at transform `t`, `alpha` for all.
    void renderLayer(const Transform& t, int alpha);
    void drawSelected(QPainter& painter, int trackIndex) const;
    void drawLegend(QPainter& painter) const;
    void drawTimeLegend(QPainter& painter) const;
    void drawBehaviourLegend(QPainter& painter) const;
    int stackFrameOf(int listIndex) const;

    std::shared_ptr<const hrtem::AnalysisResult> mResult;
    QImage mImage; ///< Format_Grayscale8
    ColourMode mMode = ColourMode::Time;
    int mSelected = -1;
    QHash<int, int> mIndexOfId;     ///< track id to index in result.tracking.tracks
    std::vector<QRectF> mTrackBounds; ///< per track, image px, for a cheap first test when picking
    int mFirstFrame = 0, mLastFrame = 0; ///< list indices spanned by the tracks (time colours)

    /// The colours, and the points drawn as dots (single-point tracks; in behaviour mode the
    /// points with an event, as an adsorption has no incoming segment), grouped by colour.
    struct Bucket {
        QColor colour;
        std::vector<QPointF> dots;
    };
    std::vector<Bucket> mBuckets;
    std::size_t mSegmentCount = 0;

    /// The tracks as last drawn (widget pixels), and what they were drawn for: a paint that
    /// changes none of it (a selection, the legend, a window uncovered) blits the layer.
    struct LayerKey {
        double zoom = 0.0;
        QPointF origin;
        QSize size;
        int alpha = 0;
        quint64 generation = 0;
        bool operator==(const LayerKey& o) const
        {
            return zoom == o.zoom && origin == o.origin && size == o.size && alpha == o.alpha && generation == o.generation;
        }
    };
    QImage mLayer;
    LayerKey mLayerKey;
    quint64 mGeneration = 0; ///< counts rebuilds of the buckets (result or colour mode changed)

    Transform mManual; ///< used when not fitting
    bool mFitting = true;
    bool mPressed = false;
    bool mPanning = false;
    QPointF mPressPos;
    QPointF mOriginAtPress;
    QString mPlaceholder;
};

} // namespace hrtem::ui
