#pragma once
// The Measurements dock: every distance, angle and line profile drawn with the MeasureTool,
// with its value, error, frame and the columns it ends on; the selected line profile plotted
// from the current frame (so stepping frames shows the profile move); remove, clear, copy and
// export as CSV.
#include "ui/widgets/measure_tool.h"

#include <QWidget>

#include <functional>

class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace cv {
class Mat;
}

namespace hrtem::ui {

class MeasurementsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MeasurementsPanel(MeasureTool* tool, QWidget* parent = nullptr);

    /// The current frame's data (CV_32F) for the line profiles; null when none is shown.
    void setFrameSource(std::function<const cv::Mat*()> source) { mFrameSource = std::move(source); }
    /// Re-reads the measurements and the profile (after a frame change).
    void refresh();
    /// Where Export CSV starts (the movie's folder).
    void setDefaultFolder(const QString& folder) { mDefaultFolder = folder; }
    /// The profile plotted now (the selected profile measurement, or the last one).
    std::vector<ProfileSample> currentProfile() const { return mProfile; }
    int profileWidth() const;

    /// One row per measurement: number, kind, frame, value, error, unit and its ends (px).
    QString measurementsCsv() const;
    /// distance,value of the profile plotted now.
    QString profileCsv() const;

    QTableWidget* table() const { return mTable; }
    QCustomPlot* profilePlot() const { return mPlot; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void fillTable();
    void updateProfile();
    int profileIndex() const; ///< the measurement whose profile is plotted, -1 for none
    void exportCsv();
    QString kindName(MeasureTool::Kind kind) const;

    MeasureTool* mTool;
    std::function<const cv::Mat*()> mFrameSource;
    QTableWidget* mTable;
    QPushButton* mRemove;
    QPushButton* mClear;
    QPushButton* mCopy;
    QPushButton* mExport;
    QLabel* mProfileLabel;
    QLabel* mWidthLabel;
    QSpinBox* mWidth;
    QCustomPlot* mPlot;
    std::vector<ProfileSample> mProfile;
    QString mDefaultFolder;
};

} // namespace hrtem::ui
