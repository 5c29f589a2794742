// The movie's story in the main window (issue 18): the plots panel and the trajectory view in
// docks, fed by the one result model (AnalysisDocument) and following the one selection
// (AnalysisSelection) and the current frame, as the overlay and the tables do.
#include "ui/analysis_editor.h"

#include "ui/main_window.h"

#include "ui/document/analysis_document.h"
#include "ui/document/analysis_selection.h"
#include "ui/document/stack_document.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/plots_panel.h"
#include "ui/widgets/trajectory_view.h"

#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QTimer>
#include <QVBoxLayout>

namespace hrtem::ui {

void AnalysisEditor::createPlots()
{
    mPlots = new PlotsPanel(mWindow);
    mPlotsDock = new QDockWidget(mWindow);
    mPlotsDock->setObjectName(QStringLiteral("plotsDock"));
    mPlotsDock->setWidget(mPlots);
    mWindow->addDockWidget(Qt::RightDockWidgetArea, mPlotsDock);

    // The trajectory view under a line of its own controls: what the colours mean.
    auto* trajectoryPane = new QWidget(mWindow);
    mTrajectory = new TrajectoryView(trajectoryPane);
    mTrajectoryColourLabel = new QLabel(trajectoryPane);
    mTrajectoryColour = new QComboBox(trajectoryPane);
    mTrajectoryColour->addItem(QString(), int(TrajectoryView::ColourMode::Time));
    mTrajectoryColour->addItem(QString(), int(TrajectoryView::ColourMode::Behaviour));
    connect(mTrajectoryColour, &QComboBox::currentIndexChanged, this, [this] {
        mTrajectory->setColourMode(TrajectoryView::ColourMode(mTrajectoryColour->currentData().toInt()));
    });
    auto* controls = new QHBoxLayout;
    controls->addWidget(mTrajectoryColourLabel);
    controls->addWidget(mTrajectoryColour);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(trajectoryPane);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addWidget(mTrajectory, 1);
    mTrajectoryDock = new QDockWidget(mWindow);
    mTrajectoryDock->setObjectName(QStringLiteral("trajectoryDock"));
    mTrajectoryDock->setWidget(trajectoryPane);
    mWindow->addDockWidget(Qt::RightDockWidgetArea, mTrajectoryDock);
    // Nothing to plot before an analysis: the docks appear with the first result, as tabs of
    // one group (a layout the user saved overrides this when the window restores it). Tabified
    // while hidden, their tab bar would still count towards the window's minimum size.
    mPlotsDock->hide();
    mTrajectoryDock->hide();

    // Frames arrive one by one during a run: the plots and the trajectory view catch up at most
    // five times a second, so a long movie never floods the event loop with redraws.
    mPlotsRefresh = new QTimer(this);
    mPlotsRefresh->setSingleShot(true);
    mPlotsRefresh->setInterval(200);
    connect(mPlotsRefresh, &QTimer::timeout, this, &AnalysisEditor::refreshPlots);
    connect(mAnalysis, &AnalysisDocument::frameAnalysed, mPlotsRefresh, qOverload<>(&QTimer::start));
    connect(mAnalysis, &AnalysisDocument::resultChanged, this, &AnalysisEditor::refreshPlots);

    // A new stack: its own first frame shown becomes the reference.
    connect(mDocument, &StackDocument::stackOpened, this, [this] { mTrajectory->setReferenceImage(QImage()); });
    connect(mDocument, &StackDocument::stackClosed, this, [this] { mTrajectory->setReferenceImage(QImage()); });
    connect(mDocument, &StackDocument::frameChanged, this, [this] {
        mPlots->setCurrentFrame(mDocument->hasStack() ? mDocument->currentFrame() : -1);
    });
    connect(mPlots, &PlotsPanel::frameRequested, mDocument, &StackDocument::setCurrentFrame);
    connect(mTrajectory, &TrajectoryView::trackSelected, this, [this](int trackId) {
        if (trackId < 0)
            mSelection->clear();
        else
            mSelection->selectTrack(trackId);
    });
    connect(mSelection, &AnalysisSelection::changed, this, [this] {
        mPlots->setSelectedTrack(mSelection->trackId());
        mTrajectory->setSelectedTrack(mSelection->trackId());
    });
}

void AnalysisEditor::createPlotsMenus()
{
    mWindow->fileMenu()->insertAction(mWindow->closeAction(), mExportMovieAction);
    mWindow->viewMenu()->addAction(mPlotsDock->toggleViewAction());
    mWindow->viewMenu()->addAction(mTrajectoryDock->toggleViewAction());
}

void AnalysisEditor::retranslatePlots()
{
    mPlotsDock->setWindowTitle(tr("Plots"));
    mTrajectoryDock->setWindowTitle(tr("Trajectories"));
    mTrajectoryColourLabel->setText(tr("Colour by"));
    mTrajectoryColour->setItemText(0, tr("Time"));
    mTrajectoryColour->setItemText(1, tr("Behaviour"));
    mTrajectoryColour->setToolTip(tr("Colour the tracks by the time of each step, or by what the column was doing"));
}

void AnalysisEditor::refreshPlots()
{
    mPlotsRefresh->stop();
    const auto result = mAnalysis->result();
    if (result && !result->frames.empty() && !mPlotsDocksShown) {
        mPlotsDocksShown = true;
        if (mPlotsDock->isHidden() && mTrajectoryDock->isHidden()) {
            // Docks that appear make QMainWindow grow past the screen; the window keeps the size
            // the user gave it (the docks share it; the minimum fits 1366 x 768).
            const QSize before = mWindow->size();
            mPlotsDock->show();
            mTrajectoryDock->show();
            mWindow->tabifyDockWidget(mPlotsDock, mTrajectoryDock);
            mPlotsDock->raise();
            QTimer::singleShot(0, mWindow, [window = mWindow, before] {
                if (!window->isMaximized() && !window->isFullScreen() && window->size() != before)
                    window->resize(before.expandedTo(window->minimumSizeHint()));
            });
        }
    }
    mPlots->setResult(result);
    mPlots->setCurrentFrame(mDocument->hasStack() ? mDocument->currentFrame() : -1);
    mTrajectory->setResult(result);
    // The tracks are drawn over the frame on show when they arrive: the reference the user sees.
    if (!mTrajectory->hasReferenceImage() && !mView->image().isNull())
        mTrajectory->setReferenceImage(mView->image());
    mTrajectory->setSelectedTrack(mSelection->trackId());
}

} // namespace hrtem::ui
