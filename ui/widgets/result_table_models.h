#pragma once
// Table models over one analysis result: the atoms of one frame, the tracks, the events. They
// read the shared result directly and keep only what a lookup per cell would make slow.
#include "core/behave/behaviours.h"

#include <QAbstractTableModel>
#include <QColor>

#include <memory>
#include <vector>

namespace hrtem {
struct AnalysisResult;
}

namespace hrtem::ui {

/// Common part: cells come as numbers or text from value(); DisplayRole formats doubles with
/// the column's decimals and shows NaN as an empty cell, SortRole gives the raw value so a
/// QSortFilterProxyModel sorts numbers as numbers (empty cells last when ascending).
class ResultTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole,
        TrackIdRole,    ///< int: the row's track id, -1 for none
        StackFrameRole, ///< int: the stack frame the row belongs to, -1 for none
    };

    using QAbstractTableModel::QAbstractTableModel;

    /// Null clears. Resets the model (headers too: their units follow the calibration).
    void setResult(std::shared_ptr<const hrtem::AnalysisResult> result);
    const std::shared_ptr<const hrtem::AnalysisResult>& result() const { return mResult; }
    /// Headers and translated cells changed (language switch).
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    virtual void rebuild() = 0; ///< recompute cached rows from mResult; called inside a reset
    virtual int rows() const = 0;
    virtual int columns() const = 0;
    virtual QString header(int column) const = 0;
    virtual QString headerToolTip(int) const { return {}; }
    /// int, double (NaN: empty) or QString; an invalid QVariant for an empty cell.
    virtual QVariant value(int row, int column) const = 0;
    virtual int decimals(int) const { return 3; }
    virtual int trackId(int row) const = 0;
    virtual int stackFrame(int row) const = 0;
    /// Colour swatch shown before the cell's text (behaviour cells); invalid for none.
    virtual QColor swatch(int, int) const { return {}; }

    /// Units of the length columns: nm where the result is calibrated, px otherwise.
    bool calibrated() const;
    QString lengthUnit() const;
    QString timeUnit() const;
    /// Stack frame and time of an index into result.frames (what tracks and events refer to).
    int stackFrameOfListIndex(int listIndex) const;
    double timeOfListIndex(int listIndex) const;

    std::shared_ptr<const hrtem::AnalysisResult> mResult;
};

/// The atoms of one frame: id, position in px and nm, errors, amplitude, coordination, site,
/// track and the track's behaviour in that frame.
class AtomsTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column {
        Id, XPx, YPx, XNm, YNm, ErrX, ErrY, Amplitude, Coordination, Site, TrackId, TrackBehaviour, Edited, ColumnCount
    };

    using ResultTableModel::ResultTableModel;
    /// Shows the frame with FrameAnalysis::frame == stackFrame; no rows if it is not analysed.
    void setStackFrame(int stackFrame);
    int stackFrameShown() const { return mStackFrame; }

protected:
    void rebuild() override;
    int rows() const override;
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant value(int row, int column) const override;
    int decimals(int column) const override;
    int trackId(int row) const override;
    int stackFrame(int row) const override;
    QColor swatch(int row, int column) const override;

private:
    int mStackFrame = -1;
    int mListIndex = -1;        ///< index into result.frames, -1: not analysed
    std::vector<int> mBehaviour; ///< per atom: Behaviour as int, -1 when untracked
};

/// One row per track: span, detections, motion features and its most common behaviour.
class TracksTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column {
        Id, FirstFrame, LastFrame, Detections, NetDisplacement, MeanSpeed, Diffusion, Jumps, MeanDwell, CommonBehaviour,
        Edited, ColumnCount
    };

    using ResultTableModel::ResultTableModel;
    int rowOfTrack(int trackId) const; ///< -1 if absent

protected:
    void rebuild() override;
    int rows() const override;
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QString headerToolTip(int column) const override;
    QVariant value(int row, int column) const override;
    int decimals(int column) const override;
    int trackId(int row) const override;
    int stackFrame(int row) const override;
    QColor swatch(int row, int column) const override;

private:
    std::vector<int> mCommonBehaviour; ///< per track, Behaviour as int, -1 without behaviours
};

/// One row per behaviour event: frame, time, track, kind, where from and where to.
class EventsTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { Frame, Time, TrackId, Kind, FromX, FromY, ToX, ToY, Distance, ColumnCount };

    using ResultTableModel::ResultTableModel;

protected:
    void rebuild() override {}
    int rows() const override;
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    QVariant value(int row, int column) const override;
    int decimals(int column) const override;
    int trackId(int row) const override;
    int stackFrame(int row) const override;
    QColor swatch(int row, int column) const override;
};

} // namespace hrtem::ui
