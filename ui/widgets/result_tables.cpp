#include "ui/widgets/result_tables.h"

#include "core/result/analysis_result.h"
#include "ui/widgets/result_table_models.h"

#include <QEvent>
#include <QHeaderView>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace hrtem::ui {

ResultTables::ResultTables(QWidget* parent) : QWidget(parent)
{
    mAtoms = new AtomsTableModel(this);
    mTracks = new TracksTableModel(this);
    mEvents = new EventsTableModel(this);
    mTabs = new QTabWidget(this);
    mTabs->setDocumentMode(true);
    buildPage(AtomsTab, mAtoms);
    buildPage(TracksTab, mTracks);
    buildPage(EventsTab, mEvents);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mTabs);
    retranslate();
}

void ResultTables::buildPage(int tab, ResultTableModel* source)
{
    Page& page = mPages[tab];
    page.source = source;
    page.widget = new QWidget(mTabs);
    page.filter = new QLineEdit(page.widget);
    page.filter->setClearButtonEnabled(true);
    page.proxy = new QSortFilterProxyModel(this);
    page.proxy->setSourceModel(source);
    page.proxy->setSortRole(ResultTableModel::SortRole);
    page.proxy->setFilterKeyColumn(-1); // any column
    page.proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    page.view = new QTableView(page.widget);
    page.view->setModel(page.proxy);
    page.view->setSelectionBehavior(QAbstractItemView::SelectRows);
    page.view->setSelectionMode(QAbstractItemView::SingleSelection);
    page.view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    page.view->setAlternatingRowColors(true);
    page.view->setWordWrap(false);
    page.view->verticalHeader()->hide();
    page.view->verticalHeader()->setDefaultSectionSize(page.view->fontMetrics().height() + 6);
    page.view->horizontalHeader()->setHighlightSections(false);
    page.view->setSortingEnabled(true);
    page.view->sortByColumn(0, Qt::AscendingOrder);

    auto* layout = new QVBoxLayout(page.widget);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(page.filter);
    layout->addWidget(page.view);
    mTabs->addTab(page.widget, QString());

    connect(page.filter, &QLineEdit::textChanged, this, [this, tab](const QString& text) {
        mPages[tab].proxy->setFilterFixedString(text);
        highlightTrack(tab); // rows that come back show the selected track again
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(page.proxy, signal, this, &ResultTables::updateTitles);
    connect(page.proxy, &QAbstractItemModel::modelReset, this, &ResultTables::updateTitles);
    connect(page.proxy, &QAbstractItemModel::layoutChanged, this, &ResultTables::updateTitles);
    connect(page.view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, tab] { rowsSelected(tab); });
    connect(page.view, &QAbstractItemView::doubleClicked, this,
            [this, tab](const QModelIndex& index) { rowDoubleClicked(tab, index); });
}

void ResultTables::retranslate()
{
    for (Page& page : mPages) {
        page.filter->setPlaceholderText(tr("Filter: rows containing this text in any column"));
        page.filter->setToolTip(tr("Show only the rows containing this text in any column"));
        page.source->retranslate();
    }
    mPages[AtomsTab].view->setToolTip(tr("Atoms of the current frame. Select one to select its track."));
    mPages[TracksTab].view->setToolTip(tr("Select a track to show it in the trajectory view; "
                                          "double-click to go to its first frame."));
    mPages[EventsTab].view->setToolTip(tr("Choose an event to go to its frame and select its track."));
    updateTitles();
}

void ResultTables::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString ResultTables::tabTitle(int tab) const
{
    if (tab < 0 || tab >= TabCount)
        return {};
    const Page& page = mPages[tab];
    // "372", or "12 of 372" while the filter hides rows.
    const int shown = page.proxy->rowCount(), total = page.source->rowCount();
    const QString count = shown == total ? QString::number(total)
                                         : tr("%1 of %2").arg(QString::number(shown), QString::number(total));
    switch (Tab(tab)) {
    case AtomsTab:
        return mFrame >= 0 ? tr("Atoms in frame %1 (%2)").arg(QString::number(mFrame), count) : tr("Atoms (%1)").arg(count);
    case TracksTab: return tr("Tracks (%1)").arg(count);
    case EventsTab: return tr("Events (%1)").arg(count);
    case TabCount: break;
    }
    return {};
}

void ResultTables::updateTitles()
{
    for (int tab = 0; tab < TabCount; ++tab)
        mTabs->setTabText(tab, tabTitle(tab));
}

void ResultTables::setResult(std::shared_ptr<const hrtem::AnalysisResult> result)
{
    // Columns are fitted to their contents when a table first gets rows (a run starts empty).
    bool hadRows[TabCount];
    for (int t = 0; t < TabCount; ++t)
        hadRows[t] = mPages[t].source->rowCount() > 0;
    mAtoms->setResult(result);
    mTracks->setResult(result);
    mEvents->setResult(std::move(result));
    if (mSelectedTrack >= 0 && mTracks->rowOfTrack(mSelectedTrack) < 0)
        mSelectedTrack = -1;
    for (int t = 0; t < TabCount; ++t)
        if (!hadRows[t] && mPages[t].source->rowCount() > 0)
            mPages[t].view->resizeColumnsToContents();
    highlightTrack(-1);
    updateTitles();
}

void ResultTables::setCurrentFrame(int stackFrame)
{
    if (stackFrame == mFrame && mAtoms->stackFrameShown() == stackFrame)
        return;
    mFrame = stackFrame;
    const bool hadRows = mAtoms->rowCount() > 0;
    mAtoms->setStackFrame(stackFrame);
    if (!hadRows && mAtoms->rowCount() > 0)
        mPages[AtomsTab].view->resizeColumnsToContents();
    highlightTrack(AtomsTab);
    updateTitles();
}

void ResultTables::setSelectedTrack(int trackId)
{
    mSelectedTrack = trackId >= 0 && mTracks->rowOfTrack(trackId) >= 0 ? trackId : -1;
    highlightTrack(-1);
}

void ResultTables::highlightTrack(int tab)
{
    if (tab < 0) {
        for (int t = 0; t < TabCount; ++t)
            highlightTrack(t);
        return;
    }
    Page& page = mPages[tab];
    QItemSelectionModel* selection = page.view->selectionModel();
    const bool wasHighlighting = mHighlighting;
    mHighlighting = true;
    QItemSelection rows;
    QModelIndex first;
    if (mSelectedTrack >= 0) {
        const int lastColumn = page.proxy->columnCount() - 1;
        auto add = [&](int row) {
            const QModelIndex index = page.proxy->index(row, 0);
            rows.select(index, page.proxy->index(row, lastColumn));
            if (!first.isValid() || row < first.row())
                first = index;
        };
        if (tab == TracksTab) {
            // One row per track: found through the source, not by scanning.
            const QModelIndex index = page.proxy->mapFromSource(mTracks->index(mTracks->rowOfTrack(mSelectedTrack), 0));
            if (index.isValid())
                add(index.row());
        } else {
            for (int row = 0, n = page.proxy->rowCount(); row < n; ++row)
                if (page.proxy->index(row, 0).data(ResultTableModel::TrackIdRole).toInt() == mSelectedTrack)
                    add(row);
        }
    }
    selection->select(rows, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) {
        selection->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        page.view->scrollTo(first, tab == TracksTab ? QAbstractItemView::PositionAtCenter
                                                    : QAbstractItemView::EnsureVisible);
    }
    mHighlighting = wasHighlighting;
}

void ResultTables::rowsSelected(int tab)
{
    if (mHighlighting)
        return;
    Page& page = mPages[tab];
    QItemSelectionModel* selection = page.view->selectionModel();
    // The row the user went to: the current one where it is selected, else the first selected.
    QModelIndex index = selection->currentIndex();
    if (!index.isValid() || !selection->isRowSelected(index.row(), QModelIndex())) {
        const QModelIndexList selected = selection->selectedRows();
        if (selected.isEmpty())
            return;
        index = selected.front();
    }
    const int trackId = index.data(ResultTableModel::TrackIdRole).toInt();
    if (trackId < 0)
        return;
    const int frame = index.data(ResultTableModel::StackFrameRole).toInt();
    // An event happened in its frame: its row always goes there (a track's row goes to its
    // first frame only when the track is not in the frame shown).
    auto goToEvent = [this, tab, frame] {
        if (tab == EventsTab && frame >= 0)
            Q_EMIT frameRequested(frame);
    };
    if (trackId == mSelectedTrack) {
        // Another row of the same track (a later event): still worth going to its frame.
        Q_EMIT rowSelected(trackId, frame);
        goToEvent();
        return;
    }
    mSelectedTrack = trackId;
    // The other tabs follow; the user's own tab keeps what they selected.
    for (int t = 0; t < TabCount; ++t)
        if (t != tab)
            highlightTrack(t);
    Q_EMIT trackSelected(trackId);
    Q_EMIT rowSelected(trackId, frame);
    goToEvent();
}

void ResultTables::rowDoubleClicked(int tab, const QModelIndex& index)
{
    if (tab == AtomsTab || !index.isValid())
        return; // an atom's frame is the one shown
    const int frame = index.data(ResultTableModel::StackFrameRole).toInt();
    if (frame >= 0)
        Q_EMIT frameRequested(frame);
}

QSortFilterProxyModel* ResultTables::model(int tab) const
{
    return tab >= 0 && tab < TabCount ? mPages[tab].proxy : nullptr;
}

QTableView* ResultTables::tableView(int tab) const
{
    return tab >= 0 && tab < TabCount ? mPages[tab].view : nullptr;
}

void ResultTables::setFilter(int tab, const QString& text)
{
    if (tab >= 0 && tab < TabCount)
        mPages[tab].filter->setText(text);
}

QString ResultTables::filter(int tab) const
{
    return tab >= 0 && tab < TabCount ? mPages[tab].filter->text() : QString();
}

int ResultTables::currentTab() const { return mTabs->currentIndex(); }

void ResultTables::setCurrentTab(int tab)
{
    if (tab >= 0 && tab < TabCount)
        mTabs->setCurrentIndex(tab);
}

} // namespace hrtem::ui
