// Corrections by hand (issue 19): the frame view's context menu and Edit → Undo/Redo, every
// edit a command on the analysis' undo stack, and the views redrawn after each. The work itself
// is core's (applyCorrection), reached through AnalysisDocument.
#include "ui/analysis_editor.h"

#include "ui/main_window.h"

#include "core/result/corrections.h"
#include "ui/document/analysis_document.h"
#include "ui/document/analysis_selection.h"
#include "ui/document/stack_document.h"
#include "ui/widgets/analysis_overlay.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/result_tables.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QUndoStack>
#include <QUndoView>

namespace hrtem::ui {

namespace {

/// atoms.csv coordinates (pixel centres at integers) of a frame-view image position.
Point2 atomCoordinates(QPointF imagePos)
{
    return {imagePos.x() - 0.5, imagePos.y() - 0.5};
}

Correction correctionAt(Correction::Kind kind, int frame, Point2 at)
{
    Correction c;
    c.kind = kind;
    c.frame = frame;
    c.at = at;
    return c;
}

} // namespace

void AnalysisEditor::createEditing()
{
    QUndoStack* stack = mAnalysis->undoStack();
    mUndoAction = stack->createUndoAction(this);
    mUndoAction->setShortcut(QKeySequence::Undo);
    mRedoAction = stack->createRedoAction(this);
    mRedoAction->setShortcut(QKeySequence::Redo);
    mDeleteColumnAction = new QAction(this);
    mDeleteColumnAction->setShortcut(QKeySequence::Delete);
    connect(mDeleteColumnAction, &QAction::triggered, this, &AnalysisEditor::deleteSelectedColumn);

    mHistoryView = new QUndoView(stack, mWindow);
    mHistoryDock = new QDockWidget(mWindow);
    mHistoryDock->setObjectName(QStringLiteral("historyDock"));
    mHistoryDock->setWidget(mHistoryView);
    // Beside the Analysis panel, as a tab: a fourth dock in the right column would not fit 768 px.
    mWindow->addDockWidget(Qt::LeftDockWidgetArea, mHistoryDock);
    mWindow->tabifyDockWidget(mAnalysisDock, mHistoryDock);
    mHistoryDock->hide();

    mView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(mView, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (QMenu* menu = correctionMenuAt(mView->toImage(pos))) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(mView->mapToGlobal(pos));
        }
    });
    connect(mAnalysis, &AnalysisDocument::resultEdited, this, &AnalysisEditor::onResultEdited);
    connect(stack, &QUndoStack::cleanChanged, this, [this](bool clean) { mWindow->setWindowModified(!clean); });
}

void AnalysisEditor::createEditMenu()
{
    mEditMenu = new QMenu(mWindow);
    mWindow->menuBar()->insertMenu(mWindow->viewMenu()->menuAction(), mEditMenu);
    mEditMenu->addAction(mUndoAction);
    mEditMenu->addAction(mRedoAction);
    mEditMenu->addSeparator();
    mEditMenu->addAction(mDeleteColumnAction);
    mWindow->viewMenu()->addAction(mHistoryDock->toggleViewAction());
}

void AnalysisEditor::retranslateEditing()
{
    mEditMenu->setTitle(tr("&Edit"));
    mUndoAction->setText(tr("&Undo"));
    mRedoAction->setText(tr("&Redo"));
    mDeleteColumnAction->setText(tr("&Delete selected column"));
    mDeleteColumnAction->setStatusTip(tr("Remove the selected atom column from its frame (undoable)"));
    mHistoryDock->setWindowTitle(tr("History"));
    mHistoryView->setEmptyLabel(tr("<analysis as computed>"));
}

bool AnalysisEditor::applyCorrection(const Correction& correction)
{
    QString error;
    if (mAnalysis->correct(correction, &error))
        return true;
    mWindow->statusBar()->showMessage(tr("Not corrected: %1").arg(error), 10000);
    return false;
}

void AnalysisEditor::onResultEdited(const CorrectionEffect& effect)
{
    // Track ids move when a track goes, and the selected column may be the one edited.
    if (effect.frames.empty() || effect.tracksRenumbered || effect.tracks.empty())
        mSelection->clear();
    const auto result = mAnalysis->result();
    mOverlay->setResult(result);
    mTables->setResult(result);
    showAnalysisForFrame();
    refreshPlots();
}

void AnalysisEditor::deleteSelectedColumn()
{
    const FrameAnalysis* f = mAnalysis->frame(mSelection->stackFrame());
    const int atom = mSelection->atomIndex();
    if (f == nullptr || atom < 0 || atom >= int(f->atoms.size()))
        return;
    applyCorrection(correctionAt(Correction::Kind::DeleteAtom, f->frame, {f->atoms[atom].x, f->atoms[atom].y}));
}

QMenu* AnalysisEditor::correctionMenuAt(QPointF imagePos)
{
    const int frame = mDocument->hasStack() ? mDocument->currentFrame() : -1;
    const FrameAnalysis* f = mAnalysis->frame(frame);
    if (f == nullptr || !mAnalysis->canCorrect())
        return nullptr;
    const Point2 here = atomCoordinates(imagePos);
    const int atom = mOverlay->atomAt(imagePos, *mView);
    auto* menu = new QMenu(mWindow);
    auto add = [&](const QString& text, Correction c) {
        connect(menu->addAction(text), &QAction::triggered, this, [this, c] { applyCorrection(c); });
    };
    if (atom < 0) {
        add(tr("Add column here"), correctionAt(Correction::Kind::AddAtom, frame, here));
        // The selected column of this frame can be moved to where the user clicked.
        const int selected = mSelection->stackFrame() == frame ? mSelection->atomIndex() : -1;
        if (selected >= 0 && selected < int(f->atoms.size())) {
            Correction move = correctionAt(Correction::Kind::MoveAtom, frame, {f->atoms[selected].x, f->atoms[selected].y});
            move.to = here;
            add(tr("Move selected column here"), move);
        }
        return menu;
    }
    const Atom& a = f->atoms[std::size_t(atom)];
    const Point2 at{a.x, a.y};
    add(tr("Delete this column"), correctionAt(Correction::Kind::DeleteAtom, frame, at));
    if (a.trackId < 0)
        return menu;
    add(tr("Split the track here"), correctionAt(Correction::Kind::SplitTrack, frame, at));
    // Merging needs a column of the other track: the selected one, or the selected track's first.
    const auto result = mAnalysis->result();
    const int other = mSelection->trackId();
    if (other >= 0 && other != a.trackId && other < int(result->tracking.tracks.size())) {
        for (const TrackPoint& p : result->tracking.tracks[std::size_t(other)].points)
            if (p.atomIndex >= 0) {
                Correction merge = correctionAt(Correction::Kind::MergeTracks, frame, at);
                merge.otherFrame = result->frames[std::size_t(p.frame)].frame;
                merge.otherAt = {p.x, p.y};
                add(tr("Merge with the selected track"), merge);
                break;
            }
    }
    QMenu* relabel = menu->addMenu(tr("Relabel behaviour as"));
    const std::pair<Behaviour, QString> labels[] = {{Behaviour::Stable, tr("Stable")},
                                                    {Behaviour::Hopping, tr("Hopping")},
                                                    {Behaviour::Adsorbed, tr("Adsorbed")},
                                                    {Behaviour::Desorbed, tr("Desorbed")}};
    for (const auto& [behaviour, text] : labels) {
        Correction c = correctionAt(Correction::Kind::RelabelBehaviour, frame, at);
        c.behaviour = behaviour;
        connect(relabel->addAction(text), &QAction::triggered, this, [this, c] { applyCorrection(c); });
    }
    return menu;
}

} // namespace hrtem::ui
