#pragma once
// The tables of an analysis result in three tabs: the atoms of the current frame, the tracks and
// the behaviour events, each sortable by any column and filtered by a line of text.
#include <QWidget>

#include <memory>

class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace hrtem {
struct AnalysisResult;
}

namespace hrtem::ui {

class AtomsTableModel;
class ResultTableModel;
class TracksTableModel;
class EventsTableModel;

/// Each tab is a QTableView over a QSortFilterProxyModel over its ResultTableModel: a click on a
/// header sorts by the raw values (ResultTableModel::SortRole), the line above filters the rows
/// to those with the text in any cell (case-insensitive). The tab titles count the rows shown.
/// Selecting a row that belongs to a track emits trackSelected(); a double click on a track or
/// an event asks for its frame (frameRequested()). setSelectedTrack() shows a track chosen
/// elsewhere (the trajectory view) in all three tabs without emitting anything.
class ResultTables : public QWidget {
    Q_OBJECT
public:
    enum Tab { AtomsTab, TracksTab, EventsTab, TabCount };

    explicit ResultTables(QWidget* parent = nullptr);

    /// Null clears. Keeps the filters, the sort order and the selected track where it still exists.
    void setResult(std::shared_ptr<const hrtem::AnalysisResult> result);
    /// The stack frame whose atoms the atoms tab lists (no rows where it was not analysed).
    void setCurrentFrame(int stackFrame);
    int currentFrame() const { return mFrame; }
    /// Selects and scrolls to the track's row in the tracks tab, and selects its atom and events
    /// in the other tabs; -1 clears. Emits nothing.
    void setSelectedTrack(int trackId);
    int selectedTrack() const { return mSelectedTrack; }

    QSortFilterProxyModel* atomsModel() const { return mPages[AtomsTab].proxy; }
    QSortFilterProxyModel* tracksModel() const { return mPages[TracksTab].proxy; }
    QSortFilterProxyModel* eventsModel() const { return mPages[EventsTab].proxy; }
    QSortFilterProxyModel* model(int tab) const;
    QTableView* tableView(int tab) const;

    /// Same as typing `text` into the tab's filter line.
    void setFilter(int tab, const QString& text);
    QString filter(int tab) const;
    int currentTab() const;
    void setCurrentTab(int tab);
    QString tabTitle(int tab) const;

    QSize sizeHint() const override { return {640, 320}; }

Q_SIGNALS:
    void trackSelected(int trackId);
    /// The user selected a row of a track: its id and the frame the row is about (the atom's
    /// frame, the event's frame, the track's first frame).
    void rowSelected(int trackId, int stackFrame);
    void frameRequested(int stackFrame);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Page {
        QWidget* widget = nullptr;
        QLineEdit* filter = nullptr;
        QTableView* view = nullptr;
        QSortFilterProxyModel* proxy = nullptr;
        ResultTableModel* source = nullptr;
    };

    void buildPage(int tab, ResultTableModel* source);
    void retranslate();
    void updateTitles();
    void rowsSelected(int tab);
    void rowDoubleClicked(int tab, const QModelIndex& index);
    /// Selects the rows of mSelectedTrack in the tab (all tabs for -1), the user's selection
    /// signals blocked.
    void highlightTrack(int tab);

    AtomsTableModel* mAtoms;
    TracksTableModel* mTracks;
    EventsTableModel* mEvents;
    QTabWidget* mTabs;
    Page mPages[TabCount];
    int mFrame = -1;
    int mSelectedTrack = -1;
    bool mHighlighting = false; ///< selection changes made here, not by the user
};

} // namespace hrtem::ui
