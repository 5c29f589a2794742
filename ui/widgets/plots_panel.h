#pragma once
// Plots of one analysis result: per-frame time series, the tracks' mean squared displacement,
// and histograms of bond lengths and coordination numbers, with export to PNG, SVG and PDF.
#include <QPointF>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QCPTextElement;
class QLabel;
class QMouseEvent;
class QPushButton;

namespace hrtem {
struct AnalysisResult;
}

namespace hrtem::ui {

/// One plot at a time, chosen in a combo box. Time series mark the current frame with a
/// vertical line, and a click on them asks for the frame nearest the click. Lengths are in nm
/// where the result is calibrated, in px otherwise; times in the result's time unit.
class PlotsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlotsPanel(QWidget* parent = nullptr);

    /// Null clears. Called again whenever the result changes (frames arrive one by one during a
    /// run), so only the plot shown is rebuilt: O(frames) for a time series.
    void setResult(std::shared_ptr<const hrtem::AnalysisResult> result);
    void setCurrentFrame(int stackFrame);
    void setSelectedTrack(int trackId); ///< -1: none
    /// Histograms over every frame instead of the current one.
    void setHistogramsOverAllFrames(bool all);

    /// Writes the plot shown; the format follows the suffix (.png, .svg, .pdf, or .csv for the
    /// plotted numbers). False, and no file written, for another suffix or when writing fails.
    bool exportPlot(const QString& path);

    QStringList seriesNames() const; ///< every plot that can be shown, as the combo box names them
    void showSeries(const QString& name);
    /// Data points of the plot shown: a time series' frames that have a value, the lags of the
    /// mean MSD, a histogram's bars.
    int plottedPointCount() const { return mPointCount; }
    /// The main curve of the plot shown, (x, y) per point, NaN where a frame has no value.
    std::vector<QPointF> plottedPoints() const;

Q_SIGNALS:
    void frameRequested(int stackFrame);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// The plots, in the combo box's order; the time series come first.
    enum class View {
        Atoms, Spacing111, Spacing200, MeanNN, Area, Quality, Events, SurfaceAtoms, Diameter, StrainMean, StrainSpread, Drift,
        Msd, BondLengths, Coordination
    };

    void retranslate();
    View currentView() const;
    bool isTimeView() const { return currentView() < View::Msd; } ///< the View values before Msd
    void rebuild();
    void buildTimeSeries(View view);
    void buildMsd();
    void buildHistogram(bool bonds); ///< bond lengths, or coordination numbers
    void updateFrameLine();
    void plotPressed(QMouseEvent* event);
    void exportClicked();
    bool exportPlotData(const QString& path);
    QString lengthUnit() const;
    QString timeUnit() const;

    std::shared_ptr<const hrtem::AnalysisResult> mResult;
    int mCurrentStackFrame = -1;
    int mSelectedTrack = -1;
    int mPointCount = 0;
    QLabel* mViewLabel;
    QComboBox* mView;
    QCheckBox* mAllFrames;
    QPushButton* mExportButton;
    QCustomPlot* mPlot;
    QCPTextElement* mTitle;
    QCPItemStraightLine* mFrameLine;
};

} // namespace hrtem::ui
