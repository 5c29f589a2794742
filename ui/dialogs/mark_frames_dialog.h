#pragma once
// Analysis → Mark frames…: marks a range of frames high or low quality, or every frame from its
// quality score with two thresholds moved on a plot of quality against frame (drag a line, or
// type the value), for training a restoration network on them (issue 31).
#include "core/io/stack.h"
#include "ui/document/frame_marks.h"

#include <QDialog>
#include <QVector>

#include <functional>
#include <memory>

class QCPItemStraightLine;
class QCustomPlot;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace hrtem::ui {

class BackgroundJob;

class MarkFramesDialog : public QDialog {
    Q_OBJECT
public:
    /// `marks` is the window's (its current movie is the one shown); `factory` reads that movie
    /// again for the quality scores, computed in the background as the dialog opens.
    MarkFramesDialog(FrameMarks* marks, std::function<std::unique_ptr<StackReader>(const OpenOptions&)> factory, int frameCount,
                     int currentFrame, QWidget* parent = nullptr);
    ~MarkFramesDialog() override;

    bool qualityReady() const { return !mQuality.isEmpty(); }
    QVector<double> quality() const { return mQuality; }
    /// Frames scoring at or above `high` are marked high quality, at or below `low` low quality.
    void setThresholds(double high_dB, double low_dB);
    double highThreshold() const;
    double lowThreshold() const;
    /// Marks every frame from its score and the thresholds (frames between them are unmarked).
    void markFromQuality();
    void markRange(int first, int last, FrameMark mark);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showQuality();
    void updatePlot();
    void dragThreshold(QMouseEvent* event, bool press);

    FrameMarks* mMarks;
    int mFrameCount;
    QVector<double> mQuality;
    BackgroundJob* mJob;
    int mDragging = 0; ///< 1: the high threshold, -1: the low one, 0: none
    double mHighValue = 0.0, mLowValue = 0.0; ///< exact: the spin boxes show them rounded

    QGroupBox* mRangeBox;
    QLabel* mFirstLabel;
    QLabel* mLastLabel;
    QSpinBox* mFirst;
    QSpinBox* mLast;
    QPushButton* mRangeHigh;
    QPushButton* mRangeLow;
    QPushButton* mRangeClear;
    QGroupBox* mQualityBox;
    QCustomPlot* mPlot;
    QCPItemStraightLine* mHighLine = nullptr;
    QCPItemStraightLine* mLowLine = nullptr;
    QLabel* mHighLabel;
    QLabel* mLowLabel;
    QDoubleSpinBox* mHigh;
    QDoubleSpinBox* mLow;
    QPushButton* mApply;
    QLabel* mStatus;
    QPushButton* mClose;
};

} // namespace hrtem::ui
