#pragma once
#include <QVector>
#include <QWidget>

class QLabel;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace hrtem::ui {

class StackDocument;

/// Frame slider, frame number, play/pause and frame rate. Playback advances only once the
/// previous frame is on screen, so slow files never pile up requests.
class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    explicit PlaybackBar(StackDocument* document, QWidget* parent = nullptr);

    bool isPlaying() const;
    void setPlaying(bool playing);
    void togglePlaying() { setPlaying(!isPlaying()); }
    void step(int delta);
    /// Frames marked high and low quality, drawn as green and orange ticks along the slider.
    void setMarks(const QVector<int>& high, const QVector<int>& low);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void syncToDocument();
    void advance();

    StackDocument* mDocument;
    QToolButton* mPlay;
    class MarkedSlider;
    MarkedSlider* mSlider;
    QSpinBox* mFrame;
    QLabel* mCount;
    QLabel* mTime;
    QSpinBox* mFps;
    QTimer* mTimer;
};

} // namespace hrtem::ui
