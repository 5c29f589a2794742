#pragma once
// The analysis drawn over the frame view: one overlay with layers (atom columns, 1σ ellipses,
// bonds, track tails, twin boundaries, particle outline, legend), each switched on its own.
// Markers are drawn in screen pixels, so they keep their size at any zoom; positions follow the
// image. Colours are the CLI overlay's colour-blind-safe palette (result_labels.h).
#include "ui/widgets/frame_view.h"

#include <QObject>
#include <QPixmap>

#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

namespace hrtem {
struct AnalysisResult;
struct FrameAnalysis;
} // namespace hrtem

namespace hrtem::ui {

class AnalysisSelection;

class AnalysisOverlay : public QObject, public FrameOverlay {
    Q_OBJECT
public:
    enum Layer { Atoms, Uncertainty, Bonds, Tails, Twins, Outline, Legend, LayerCount };
    enum class Colouring { Site, Behaviour, Coordination };

    explicit AnalysisOverlay(AnalysisSelection* selection, QObject* parent = nullptr);
    ~AnalysisOverlay() override;

    /// Null clears. Call again after the result grew (frames arrive during a run).
    void setResult(std::shared_ptr<const hrtem::AnalysisResult> result);
    /// The stack frame shown (the overlay draws that frame's analysis, nothing if it has none).
    void setStackFrame(int stackFrame);
    int stackFrame() const { return mStackFrame; }

    void setLayerVisible(Layer layer, bool visible);
    bool isLayerVisible(Layer layer) const { return mVisible[std::size_t(layer)]; }
    void setColouring(Colouring colouring);
    Colouring colouring() const { return mColouring; }
    /// Frames of history drawn behind each column in the tails layer.
    void setTailFrames(int frames);
    int tailFrames() const { return mTailFrames; }
    /// Factor the 1σ ellipses are drawn at (localization errors are a fraction of a pixel).
    static constexpr double kEllipseScale = 10.0;
    /// Screen radius of a column marker, in widget pixels.
    static constexpr double kMarkerRadius = 4.5;
    /// Tail segments up to which tails are drawn antialiased.
    static constexpr int kSmoothSegments = 3000;

    /// Index (into the shown frame's atoms) of the column nearest `imagePos` within the marker's
    /// reach on screen; -1 for none.
    int atomAt(QPointF imagePos, const FrameView& view) const;
    /// Track of that column, -1 when untracked.
    int trackOfAtom(int atomIndex) const;
    /// "Column 12: (103.4, 88.1) px = (1.234, 1.051) nm, σ 0.04 × 0.05 px, coordination 6,
    /// track 40, stable": what the tooltip shows.
    QString describeAtom(int atomIndex) const;
    /// The legend's entries (text and colour) for the layers now visible.
    std::vector<std::pair<QString, QColor>> legendEntries() const;

    void paintOverlay(QPainter& painter, const FrameView& view) override;
    QString toolTipAt(QPointF imagePos, const FrameView& view) const override;

Q_SIGNALS:
    /// Something drawn changed: the view should repaint.
    void changed();

private:
    void rebuildIndex();
    const hrtem::FrameAnalysis* shownFrame() const;
    QColor atomColour(const hrtem::FrameAnalysis& frame, int atomIndex) const;
    int behaviourOf(int listIndex, int atomIndex) const; ///< Behaviour as int, -1 when untracked
    void paintBonds(QPainter& p, const FrameView& view, const hrtem::FrameAnalysis& frame) const;
    /// A restored frame the trust check flagged: its regions outlined and a warning.
    void paintUntrusted(QPainter& p, const FrameView& view, const hrtem::FrameAnalysis& frame) const;
    void paintTails(QPainter& p, const FrameView& view) const;
    void paintAtoms(QPainter& p, const FrameView& view, const hrtem::FrameAnalysis& frame) const;
    void paintTwins(QPainter& p, const FrameView& view, const hrtem::FrameAnalysis& frame) const;
    void paintOutline(QPainter& p, const FrameView& view, const hrtem::FrameAnalysis& frame) const;
    void paintSelection(QPainter& p, const FrameView& view, const hrtem::FrameAnalysis* frame) const;
    void paintLegend(QPainter& p, const FrameView& view) const;
    /// The column marker of one colour, rendered once per colour and screen scale.
    const QPixmap& markerSprite(QRgb colour, qreal devicePixelRatio) const;

    AnalysisSelection* mSelection;
    std::shared_ptr<const hrtem::AnalysisResult> mResult;
    int mStackFrame = -1;
    int mListIndex = -1;
    std::array<bool, LayerCount> mVisible{{true, false, true, true, true, true, true}};
    Colouring mColouring = Colouring::Site;
    int mTailFrames = 10;
    std::vector<int> mTrackIndexOfId;
    mutable std::unordered_map<quint64, QPixmap> mSprites; ///< track id -> index into tracking.tracks (built per result)
};

} // namespace hrtem::ui
