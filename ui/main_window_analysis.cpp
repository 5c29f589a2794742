// The analysis half of the main window: the analysis panel and result tables in docks, the
// overlays on the frame view with their menu and toolbar, the frame summary in the status bar,
// export, and the scripted run of `hrtem-studio MOVIE --analyze`. The window only wires things:
// AnalysisDocument runs and holds the result, AnalysisSelection is the one selection.
#include "ui/main_window.h"

#include "core/pipeline/session.h"

#include "core/export/result_files.h"
#include "core/result/analysis_result.h"
#include "ui/dialogs/export_dialog.h"
#include "ui/document/analysis_document.h"
#include "ui/document/analysis_selection.h"
#include "ui/document/stack_document.h"
#include "ui/widgets/analysis_overlay.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/result_tables.h"

#include <nlohmann/json.hpp>

#include <QActionGroup>
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSpinBox>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <iostream>

namespace hrtem::ui {

void MainWindow::createAnalysis()
{
    mAnalysis = new AnalysisDocument(this);
    mSelection = new AnalysisSelection(this);
    mOverlay = new AnalysisOverlay(mSelection, this);
    mView->setOverlay(mOverlay);
    connect(mOverlay, &AnalysisOverlay::changed, mView, qOverload<>(&QWidget::update));

    mAnalysisPanel = new AnalysisPanel(this);
    mAnalysisDock = new QDockWidget(this);
    mAnalysisDock->setObjectName(QStringLiteral("analysisDock"));
    mAnalysisDock->setWidget(mAnalysisPanel);
    addDockWidget(Qt::LeftDockWidgetArea, mAnalysisDock);
    tabifyDockWidget(mMetadataDock, mAnalysisDock);
    mAnalysisDock->raise();

    mTables = new ResultTables(this);
    mTablesDock = new QDockWidget(this);
    mTablesDock->setObjectName(QStringLiteral("tablesDock"));
    mTablesDock->setWidget(mTables);
    addDockWidget(Qt::BottomDockWidgetArea, mTablesDock);
    resizeDocks({mTablesDock}, {230}, Qt::Vertical);

    mSummaryLabel = new QLabel(this);
    mSummaryLabel->setObjectName(QStringLiteral("frameSummary"));
    statusBar()->insertPermanentWidget(0, mSummaryLabel);

    connect(mAnalysisPanel, &AnalysisPanel::runRequested, this, &MainWindow::runAnalysis);
    connect(mAnalysisPanel, &AnalysisPanel::cancelRequested, this, &MainWindow::cancelAnalysis);
    connect(mAnalysis, &AnalysisDocument::progress, this, &MainWindow::onAnalysisProgress);
    connect(mAnalysis, &AnalysisDocument::frameAnalysed, this, &MainWindow::onFrameAnalysed);
    connect(mAnalysis, &AnalysisDocument::resultChanged, this, &MainWindow::onAnalysisResultChanged);
    connect(mAnalysis, &AnalysisDocument::finished, this, &MainWindow::onAnalysisFinished);
    connect(mAnalysis, &AnalysisDocument::failed, this, &MainWindow::onAnalysisFailed);

    connect(mDocument, &StackDocument::frameChanged, this, &MainWindow::showAnalysisForFrame);
    connect(mAnalysis, &AnalysisDocument::folderRead, this, &MainWindow::onFolderRead);
    connect(mAnalysis, &AnalysisDocument::folderFailed, this, [this](const QString& folder, const QString& problem) {
        showError(tr("Cannot open analysis"), tr("Could not open the analysis in “%1”.").arg(QDir::toNativeSeparators(folder)),
                  problem);
    });
    connect(mDocument, &StackDocument::stackOpened, this, [this] {
        // A result belongs to the stack it was made from: a folder opened for this movie is
        // shown, anything else goes.
        if (mPendingResult && QFileInfo(QString::fromStdString(mPendingResult->inputPath)) == QFileInfo(mDocument->path()))
            mAnalysis->setResult(mPendingResult);
        else
            mAnalysis->clear();
        mPendingResult.reset();
        mSelection->clear();
        mAnalysisPanel->setFrameCount(mDocument->frameCount());
        mAnalysisPanel->setInputPath(QFileInfo(mDocument->path()).exists() ? mDocument->path() : QString());
        if (mScripted && !mScriptedStarted) {
            mScriptedStarted = true;
            mAnalysisPanel->setSettings(mScriptedSettings);
            if (!runAnalysis())
                finishScriptedRun(1, tr("the analysis could not be started"));
        }
        // A session being reopened: its analysis runs again with its settings.
        if (mPendingSession) {
            mAnalysisPanel->setSettings(mPendingSession->settings);
            if (!runAnalysis()) {
                mPendingSession.reset();
                Q_EMIT sessionOpened(false, tr("the analysis could not be started"));
            }
        }
    });
    connect(mDocument, &StackDocument::stackClosed, this, [this] {
        mAnalysis->clear();
        mSelection->clear();
        mAnalysisPanel->setFrameCount(0);
        mAnalysisPanel->setInputPath(QString());
    });

    connect(mView, &FrameView::clicked, this, &MainWindow::onViewClicked);
    connect(mTables, &ResultTables::rowSelected, this, &MainWindow::onTableRowSelected);
    connect(mTables, &ResultTables::frameRequested, mDocument, &StackDocument::setCurrentFrame);
    connect(mSelection, &AnalysisSelection::changed, this, [this] { mTables->setSelectedTrack(mSelection->trackId()); });
}

void MainWindow::createAnalysisActions()
{
    mRunAction = new QAction(this);
    mRunAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(mRunAction, &QAction::triggered, this, &MainWindow::runAnalysis);
    mCancelAction = new QAction(this);
    mCancelAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    mCancelAction->setEnabled(false);
    connect(mCancelAction, &QAction::triggered, this, &MainWindow::cancelAnalysis);
    mOpenAnalysisAction = new QAction(this);
    mOpenAnalysisAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(mOpenAnalysisAction, &QAction::triggered, this, &MainWindow::showOpenAnalysisDialog);
    mExportAnalysisAction = new QAction(this);
    mExportAnalysisAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    mExportAnalysisAction->setEnabled(false);
    connect(mExportAnalysisAction, &QAction::triggered, this, &MainWindow::showExportAnalysisDialog);

    // One checkable action per layer; Ctrl+Shift+<letter> toggles it.
    const Qt::Key keys[] = {Qt::Key_A, Qt::Key_U, Qt::Key_B, Qt::Key_T, Qt::Key_W, Qt::Key_O, Qt::Key_L};
    for (int layer = 0; layer < AnalysisOverlay::LayerCount; ++layer) {
        auto* action = new QAction(this);
        action->setCheckable(true);
        action->setChecked(mOverlay->isLayerVisible(AnalysisOverlay::Layer(layer)));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | keys[layer]));
        action->setObjectName(QStringLiteral("overlayLayer%1").arg(layer));
        connect(action, &QAction::toggled, this,
                [this, layer](bool on) { mOverlay->setLayerVisible(AnalysisOverlay::Layer(layer), on); });
        mLayerActions[std::size_t(layer)] = action;
    }
    mColouringGroup = new QActionGroup(this);
    for (AnalysisOverlay::Colouring c : {AnalysisOverlay::Colouring::Site, AnalysisOverlay::Colouring::Behaviour,
                                         AnalysisOverlay::Colouring::Coordination}) {
        auto* action = new QAction(mColouringGroup);
        action->setCheckable(true);
        action->setData(int(c));
        action->setChecked(c == mOverlay->colouring());
        connect(action, &QAction::triggered, this, [this, c] { mOverlay->setColouring(c); });
    }

    mOverlayToolBar = new QToolBar(this);
    mOverlayToolBar->setObjectName(QStringLiteral("overlayToolBar"));
    mOverlayToolBar->addAction(mRunAction);
    mOverlayToolBar->addAction(mCancelAction);
    mOverlayToolBar->addSeparator();
    for (QAction* action : mLayerActions)
        mOverlayToolBar->addAction(action);
    mTailLabel = new QLabel(this);
    mTailFrames = new QSpinBox(this);
    mTailFrames->setObjectName(QStringLiteral("tailFrames"));
    mTailFrames->setRange(1, 500);
    mTailFrames->setValue(mOverlay->tailFrames());
    connect(mTailFrames, &QSpinBox::valueChanged, mOverlay, &AnalysisOverlay::setTailFrames);
    mOverlayToolBar->addSeparator();
    mOverlayToolBar->addWidget(mTailLabel);
    mOverlayToolBar->addWidget(mTailFrames);
    addToolBar(Qt::TopToolBarArea, mOverlayToolBar);
}

void MainWindow::createAnalysisMenus()
{
    mFileMenu->insertAction(mExportViewAction, mOpenAnalysisAction);
    mFileMenu->insertSeparator(mExportViewAction);
    mFileMenu->insertAction(mCloseAction, mExportAnalysisAction);
    mFileMenu->insertSeparator(mCloseAction);

    mOverlaysMenu = new QMenu(this);
    for (QAction* action : mLayerActions)
        mOverlaysMenu->addAction(action);
    mOverlaysMenu->addSeparator();
    mColouringMenu = mOverlaysMenu->addMenu(QString());
    mColouringMenu->addActions(mColouringGroup->actions());
    mViewMenu->addSeparator();
    mViewMenu->addMenu(mOverlaysMenu);
    mViewMenu->addAction(mOverlayToolBar->toggleViewAction());
    mViewMenu->addAction(mAnalysisDock->toggleViewAction());
    mViewMenu->addAction(mTablesDock->toggleViewAction());

    mAnalysisMenu = new QMenu(this);
    menuBar()->insertMenu(mSettingsMenu->menuAction(), mAnalysisMenu);
    mAnalysisMenu->addAction(mRunAction);
    mAnalysisMenu->addAction(mCancelAction);
}

void MainWindow::retranslateAnalysis()
{
    mAnalysisDock->setWindowTitle(tr("Analysis"));
    mTablesDock->setWindowTitle(tr("Results"));
    mAnalysisMenu->setTitle(tr("&Analysis"));
    mRunAction->setText(tr("&Run analysis"));
    mRunAction->setStatusTip(tr("Localize, relate and track the atom columns of the open stack"));
    mCancelAction->setText(tr("&Cancel analysis"));
    mCancelAction->setStatusTip(tr("Stop after the current frame; the finished frames are kept"));
    mOpenAnalysisAction->setText(tr("Open a&nalysis…"));
    mOpenAnalysisAction->setStatusTip(tr("Show a result folder of hrtem analyze over its movie, without running anything"));
    mExportAnalysisAction->setText(tr("Export &analysis…"));
    mExportAnalysisAction->setStatusTip(tr("Write the result files of hrtem analyze and the current view"));
    mOverlaysMenu->setTitle(tr("&Overlays"));
    mOverlayToolBar->setWindowTitle(tr("Overlays"));
    const QString layerNames[] = {tr("Atom columns"),      tr("1σ error ellipses"), tr("Bonds"), tr("Track tails"),
                                  tr("Twin boundaries"),   tr("Particle outline"),  tr("Legend")};
    const QString layerTips[] = {tr("Markers at the located atom columns"),
                                 tr("Ellipses of each column's 1σ position error, drawn ten times enlarged"),
                                 tr("Lines between bonded columns"),
                                 tr("Where each column was over the last frames"),
                                 tr("Twin boundaries with the misorientation of their two lattices"),
                                 tr("The particle's outline through its surface columns"),
                                 tr("What the colours mean")};
    for (int layer = 0; layer < AnalysisOverlay::LayerCount; ++layer) {
        mLayerActions[std::size_t(layer)]->setText(layerNames[layer]);
        mLayerActions[std::size_t(layer)]->setToolTip(
            QStringLiteral("%1 (%2)").arg(layerTips[layer], mLayerActions[std::size_t(layer)]->shortcut().toString(QKeySequence::NativeText)));
        mLayerActions[std::size_t(layer)]->setStatusTip(layerTips[layer]);
    }
    mColouringMenu->setTitle(tr("Colour columns by"));
    for (QAction* action : mColouringGroup->actions()) {
        switch (AnalysisOverlay::Colouring(action->data().toInt())) {
        case AnalysisOverlay::Colouring::Site: action->setText(tr("Surface / bulk (behaviours highlighted)")); break;
        case AnalysisOverlay::Colouring::Behaviour: action->setText(tr("Behaviour")); break;
        case AnalysisOverlay::Colouring::Coordination: action->setText(tr("Coordination")); break;
        }
    }
    mTailLabel->setText(tr(" Tail: "));
    mTailFrames->setSuffix(tr(" frames"));
    mTailFrames->setToolTip(tr("Frames of history drawn behind each column"));
    mSummaryLabel->setText(frameSummaryText());
}

QAction* MainWindow::overlayAction(int layer) const
{
    return layer >= 0 && layer < AnalysisOverlay::LayerCount ? mLayerActions[std::size_t(layer)] : nullptr;
}

bool MainWindow::runAnalysis()
{
    if (!mDocument->hasStack() || mAnalysis->isRunning())
        return false;
    const AnalysisSettings settings = mAnalysisPanel->settings();
    const int count = mDocument->frameCount();
    const int end = settings.endFrame < 0 ? count : std::min(settings.endFrame, count);
    mFramesToAnalyse = std::max(0, end - settings.firstFrame);
    mAnalysedFrames = 0;
    mSelection->clear();
    if (!mAnalysis->run(mDocument->stackFactory(), settings))
        return false;
    mAnalysisPanel->clearLog();
    mAnalysisPanel->appendLog(tr("Analysing %1 frame(s) of %2").arg(mFramesToAnalyse).arg(QFileInfo(mDocument->path()).fileName()));
    mAnalysisPanel->setRunning(true);
    mAnalysisPanel->setFramesDone(0, mFramesToAnalyse);
    mAnalysisPanel->setProgress(QStringLiteral("frames"), 0.0, -1.0);
    mRunAction->setEnabled(false);
    mCancelAction->setEnabled(true);
    mExportAnalysisAction->setEnabled(false);
    return true;
}

void MainWindow::cancelAnalysis()
{
    if (!mAnalysis->isRunning())
        return;
    mAnalysis->cancel();
    mAnalysisPanel->appendLog(tr("Cancelling after the current frames…"));
    mCancelAction->setEnabled(false);
}

void MainWindow::onAnalysisProgress(const QString& stage, double fraction)
{
    mAnalysisPanel->setProgress(stage, fraction, mAnalysis->secondsLeft());
}

void MainWindow::onFrameAnalysed(int stackFrame)
{
    ++mAnalysedFrames;
    mAnalysisPanel->setFramesDone(mAnalysedFrames, mFramesToAnalyse);
    // The overlay and tables hold the same growing result; they only need telling when the
    // frame shown is the one that arrived.
    if (stackFrame == mDocument->currentFrame()) {
        mOverlay->setResult(mAnalysis->result());
        mTables->setResult(mAnalysis->result());
        mSummaryLabel->setText(frameSummaryText());
    }
}

void MainWindow::onAnalysisResultChanged()
{
    mOverlay->setResult(mAnalysis->result());
    mTables->setResult(mAnalysis->result());
    showAnalysisForFrame();
    mExportAnalysisAction->setEnabled(!mAnalysis->isRunning() && mAnalysis->result() && !mAnalysis->result()->frames.empty());
}

void MainWindow::onAnalysisFinished(bool cancelled)
{
    const auto result = mAnalysis->result();
    mAnalysisPanel->setRunning(false);
    mAnalysisPanel->setProgress(QStringLiteral("done"), 1.0, 0.0);
    mRunAction->setEnabled(true);
    mCancelAction->setEnabled(false);
    long atoms = 0;
    for (const FrameAnalysis& f : result->frames)
        atoms += long(f.atoms.size());
    mAnalysisPanel->appendLog(tr("%1 frame(s) in %2: %3 atom positions, %4 tracks, %5 events")
                                  .arg(result->frames.size())
                                  .arg(AnalysisPanel::durationText(result->totalSeconds))
                                  .arg(atoms)
                                  .arg(result->tracking.tracks.size())
                                  .arg(result->behaviours.events.size()));
    for (const std::string& note : result->notes)
        mAnalysisPanel->appendLog(tr("Note: %1").arg(QString::fromStdString(note)));
    if (cancelled)
        mAnalysisPanel->appendLog(tr("Cancelled: the result holds the frames finished before."));
    statusBar()->showMessage(cancelled ? tr("Analysis cancelled") : tr("Analysis finished"), 8000);

    if (!mScripted)
        return;
    if (cancelled)
        return finishScriptedRun(1, tr("the analysis was cancelled"));
    if (!mScriptedExportDir.isEmpty()) {
        QString error;
        if (!exportAnalysisFiles(mScriptedExportDir, &error))
            return finishScriptedRun(1, error);
    }
    if (mScreenshotPath.isEmpty())
        return finishScriptedRun(0, QString());
    maybeTakeScreenshot();
}

void MainWindow::onAnalysisFailed(const QString& problem)
{
    mAnalysisPanel->setRunning(false);
    mAnalysisPanel->setProgress(QString(), 0.0, -1.0);
    mAnalysisPanel->appendLog(tr("Failed: %1").arg(problem));
    mRunAction->setEnabled(true);
    mCancelAction->setEnabled(false);
    if (mScripted)
        return finishScriptedRun(1, problem);
    showError(tr("Analysis failed"), tr("The analysis of “%1” failed.").arg(QFileInfo(mDocument->path()).fileName()), problem);
}

void MainWindow::showAnalysisForFrame()
{
    const int frame = mDocument->hasStack() ? mDocument->currentFrame() : -1;
    mOverlay->setStackFrame(frame);
    mTables->setCurrentFrame(frame);
    mSummaryLabel->setText(frameSummaryText());
}

void MainWindow::onViewClicked(QPointF imagePos)
{
    const int atom = mOverlay->atomAt(imagePos, *mView);
    if (atom < 0) {
        mSelection->clear();
        return;
    }
    mSelection->selectAtom(mOverlay->stackFrame(), atom, mOverlay->trackOfAtom(atom));
}

void MainWindow::onTableRowSelected(int trackId, int stackFrame)
{
    // Go to the row's frame unless the track is already in the frame shown.
    bool inFrame = false;
    if (const FrameAnalysis* f = mAnalysis->frame(mDocument->currentFrame()))
        inFrame = std::any_of(f->atoms.begin(), f->atoms.end(), [trackId](const Atom& a) { return a.trackId == trackId; });
    mSelection->selectTrack(trackId);
    if (!inFrame && stackFrame >= 0)
        mDocument->setCurrentFrame(stackFrame);
}

QString MainWindow::latticeSummary(const FrameRelations& rel, double pixel_nm)
{
    QStringList parts;
    const LatticeFit& lat = rel.lattice;
    const LatticeIndexing& ix = rel.indexing;
    auto length = [pixel_nm](double px) {
        return pixel_nm > 0 ? tr("%1 nm").arg(px * pixel_nm, 0, 'f', 4) : tr("%1 px").arg(px, 0, 'f', 2);
    };
    if (ix.isFcc110() && lat.valid) {
        // fcc [110]: the spacings as the method has always reported them.
        if (pixel_nm > 0)
            parts << tr("d111 %1 nm, d200 %2 nm").arg(lat.spacing111_px * pixel_nm, 0, 'f', 4).arg(lat.spacing200_px * pixel_nm, 0, 'f', 4);
        else
            parts << tr("d111 %1 px, d200 %2 px").arg(lat.spacing111_px, 0, 'f', 2).arg(lat.spacing200_px, 0, 'f', 2);
    } else if (rel.crystal.valid) {
        const CrystalLattice& c = rel.crystal;
        if (!ix.structure.empty()) {
            // The model's planes, each family once (the widest-spaced member).
            QStringList planes, seen;
            for (std::size_t k = 0; k < c.planes.size() && k < ix.planeLabels.size(); ++k) {
                const QString label = QString::fromStdString(ix.planeLabels[k]);
                if (!seen.contains(label)) {
                    seen << label;
                    planes << QStringLiteral("d%1 %2").arg(label, length(c.planes[k].d_px));
                }
            }
            parts << tr("%1 %2: %3").arg(QString::fromStdString(ix.structure), QString::fromStdString(ix.zoneAxis), planes.join(QStringLiteral(", ")));
        } else {
            const QString types[] = {tr("oblique"), tr("rectangular"), tr("centred rectangular"), tr("square"), tr("hexagonal")};
            parts << tr("%1 lattice: a1 %2, a2 %3, %4°")
                         .arg(types[static_cast<int>(c.type)], length(std::hypot(c.a1.x, c.a1.y)),
                              length(std::hypot(c.a2.x, c.a2.y)))
                         .arg(c.angle_deg, 0, 'f', 1);
        }
    }
    if (!ix.fits)
        parts << tr("⚠ the chosen structure does not fit: %1").arg(QString::fromStdString(ix.message));
    if (rel.extended)
        parts << tr("extended crystal: no surface in view");
    return parts.join(QStringLiteral(" · "));
}

QString MainWindow::frameSummaryText() const
{
    if (!mAnalysis || !mAnalysis->result() || !mDocument->hasStack())
        return {};
    const FrameAnalysis* f = mAnalysis->frame(mDocument->currentFrame());
    if (f == nullptr)
        return mAnalysis->isRunning() ? tr("frame not analysed yet") : tr("frame not analysed");
    const AnalysisResult& r = *mAnalysis->result();
    if (f->note == "no resolved crystal lattice")
        return tr("no resolved crystal lattice: no atom columns to locate");
    QStringList parts;
    parts << tr("atoms %1").arg(f->atoms.size());
    if (const QString lattice = latticeSummary(f->relations, r.pixel_nm); !lattice.isEmpty())
        parts << lattice;
    parts << tr("quality %1 dB").arg(f->quality_dB, 0, 'f', 1);
    if (!f->twinBoundaries.empty()) {
        QStringList angles;
        for (const TwinBoundary& t : f->twinBoundaries)
            angles << QStringLiteral("%1°").arg(t.misorientation_deg, 0, 'f', 1);
        parts << tr("twin boundaries %1 (%2)").arg(f->twinBoundaries.size()).arg(angles.join(QStringLiteral(", ")));
    }
    // Events refer to indices into result.frames.
    const int listIndex = mAnalysis->listIndexOf(f->frame);
    const auto events = std::count_if(r.behaviours.events.begin(), r.behaviours.events.end(),
                                      [listIndex](const BehaviourEvent& e) { return e.frame == listIndex; });
    parts << tr("events %1").arg(events);
    return parts.join(QStringLiteral(" · "));
}

bool MainWindow::exportAnalysisFiles(const QString& folder, QString* error)
{
    const auto result = mAnalysis->result();
    if (!result || result->frames.empty()) {
        if (error != nullptr)
            *error = tr("There is no analysis to export.");
        return false;
    }
    try {
        nlohmann::json extra = {{"exported_by", "hrtem-studio"}};
        for (const QString& argument : QCoreApplication::arguments())
            extra["command_line"].push_back(argument.toStdString());
        writeResults(*result, QDir(folder).absolutePath().toStdString(), &extra);
    } catch (const std::exception& e) {
        if (error != nullptr)
            *error = tr("Could not write the result files into “%1”: %2").arg(QDir::toNativeSeparators(folder), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

QByteArray MainWindow::viewAsSvg() const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(mView->size());
    svg.setViewBox(QRect(QPoint(0, 0), mView->size()));
    svg.setTitle(QStringLiteral("HRTEM Studio view"));
    QPainter painter(&svg);
    mView->render(&painter);
    painter.end();
    return buffer.data();
}

void MainWindow::showExportAnalysisDialog()
{
    if (!mAnalysis->result() || mAnalysis->isRunning())
        return;
    auto* dialog = new ExportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setResult(mAnalysis->result());
    if (auto factory = mDocument->stackFactory())
        dialog->setStack(std::shared_ptr<StackReader>(factory(OpenOptions{})));
    dialog->setViewImage(mView->grab().toImage());
    dialog->setViewSvg(viewAsSvg());
    dialog->setSummaryExtra({{"exported_by", "hrtem-studio"}});
    const QFileInfo input(mDocument->path());
    dialog->setFolder(input.exists() ? QDir(input.path()).filePath(input.completeBaseName() + QStringLiteral("_analysis"))
                                     : QDir::home().filePath(QStringLiteral("hrtem_analysis")));
    dialog->open();
}

void MainWindow::showOpenAnalysisDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open analysis (a result folder of hrtem analyze)"));
    if (!folder.isEmpty())
        openAnalysisFolder(folder);
}

void MainWindow::openAnalysisFolder(const QString& folder)
{
    if (mAnalysis->isRunning()) {
        statusBar()->showMessage(tr("Cancel the running analysis first"), 8000);
        return;
    }
    statusBar()->showMessage(tr("Reading the analysis in %1 …").arg(QDir::toNativeSeparators(folder)));
    mAnalysis->readFolder(folder);
}

void MainWindow::onFolderRead(std::shared_ptr<hrtem::AnalysisResult> result, const QString& folder)
{
    const QString movie = QString::fromStdString(result->inputPath);
    statusBar()->showMessage(tr("Analysis read from %1").arg(QDir::toNativeSeparators(folder)), 8000);
    if (mDocument->hasStack() && QFileInfo(movie) == QFileInfo(mDocument->path())) {
        mSelection->clear();
        mAnalysis->setResult(result);
        return;
    }
    if (!QFileInfo::exists(movie)) {
        // The movie moved: the analysis fits the open stack if the sizes agree.
        if (mDocument->hasStack() && !result->frames.empty() && mDocument->info().width == result->width && mDocument->info().height == result->height
            && mDocument->frameCount() > result->frames.back().frame) {
            mSelection->clear();
            mAnalysis->setResult(result);
            statusBar()->showMessage(tr("The analysed movie %1 was not found; the analysis is shown over the open stack")
                                         .arg(QDir::toNativeSeparators(movie)), 12000);
            return;
        }
        showError(tr("Cannot open analysis"), tr("The movie this analysis was made from cannot be found."),
                  tr("Movie: %1\n\nOpen that movie (or one of the same size) first, then open the analysis again.")
                      .arg(QDir::toNativeSeparators(movie)));
        return;
    }
    mPendingResult = std::move(result);
    mDocument->open(movie);
}

void MainWindow::setScriptedAnalysis(const AnalysisSettings& settings, const QString& exportDir)
{
    mScripted = true;
    mScriptedSettings = settings;
    mScriptedExportDir = exportDir;
}

void MainWindow::finishScriptedRun(int exitCode, const QString& message)
{
    if (!message.isEmpty())
        std::cerr << "hrtem-studio: " << message.toStdString() << std::endl;
    // Leave the event loop once the current event is handled.
    QTimer::singleShot(0, qApp, [exitCode] { QCoreApplication::exit(exitCode); });
}

} // namespace hrtem::ui
