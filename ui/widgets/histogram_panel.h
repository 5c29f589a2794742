#pragma once
#include "core/image/contrast.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QCPItemStraightLine;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace hrtem::ui {

class StackDocument;

/// Display levels of the current frame: its histogram with the low/high levels as lines that
/// can be dragged, exact values, and percentile auto-contrast.
class HistogramPanel : public QWidget {
    Q_OBJECT
public:
    explicit HistogramPanel(StackDocument* document, QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void updateHistogram();
    void updateLevels();
    void levelsEdited();

    StackDocument* mDocument;
    QCustomPlot* mPlot;
    QCPItemStraightLine* mLowLine;
    QCPItemStraightLine* mHighLine;
    QDoubleSpinBox* mLow;
    QDoubleSpinBox* mHigh;
    QCheckBox* mAuto;
    QCheckBox* mLogCounts;
    QDoubleSpinBox* mLowPercent;
    QDoubleSpinBox* mHighPercent;
    QLabel* mLevelsLabel;
    QLabel* mPercentLabel;
    QLabel* mStatsLabel;
    QPushButton* mResetButton;
    int mDragging = 0; ///< 0 none, 1 low line, 2 high line
    bool mUpdating = false;
};

} // namespace hrtem::ui
