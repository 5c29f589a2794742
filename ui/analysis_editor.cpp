// The analysis half of the main window: the analysis panel and result tables in docks, the
// overlays on the frame view with their menu and toolbar, the frame summary in the status bar,
// export, and the scripted run of `hrtem-studio MOVIE --analyze`. The window only wires things:
// AnalysisDocument runs and holds the result, AnalysisSelection is the one selection.
#include "ui/analysis_editor.h"

#include "ui/main_window.h"
#include "ui/workspace.h"
#include "ui/app/settings.h"

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
#include "ui/widgets/result_labels.h"
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

AnalysisEditor::AnalysisEditor(MainWindow* window, StackDocument* stack, AnalysisDocument* analysis)
    : QObject(window), mWindow(window), mDocument(stack), mAnalysis(analysis), mView(window->frameView())
{
    createAnalysis();
    createPlots();
    createMovieExport();
    createEditing();
    createActions();
    restoreOverlayChoices();
    for (QAction* action : mLayerActions)
        connect(action, &QAction::toggled, this, [this] { saveOverlayChoices(); });
    connect(mColouringGroup, &QActionGroup::triggered, this, [this] { saveOverlayChoices(); });
    connect(mTailFrames, &QSpinBox::valueChanged, this, [this] { saveOverlayChoices(); });
}

AnalysisEditor::~AnalysisEditor() = default;

void AnalysisEditor::createMenus()
{
    createAnalysisMenus();
    createPlotsMenus();
    createEditMenu();
}

void AnalysisEditor::retranslate()
{
    retranslateAnalysis();
    retranslateEditing();
    retranslatePlots();
    retranslateMovieExport();
}

void AnalysisEditor::createAnalysis()
{
    mSelection = new AnalysisSelection(this);
    mOverlay = new AnalysisOverlay(mSelection, this);
    mView->setOverlay(mOverlay);
    connect(mOverlay, &AnalysisOverlay::changed, mView, qOverload<>(&QWidget::update));

    mAnalysisPanel = new AnalysisPanel(mWindow);
    mAnalysisDock = new QDockWidget(mWindow);
    mAnalysisDock->setObjectName(QStringLiteral("analysisDock"));
    mAnalysisDock->setWidget(mAnalysisPanel);
    mWindow->addDockWidget(Qt::LeftDockWidgetArea, mAnalysisDock);
    mWindow->tabifyDockWidget(mWindow->metadataDock(), mAnalysisDock);
    mAnalysisDock->raise();

    mTables = new ResultTables(mWindow);
    mTablesDock = new QDockWidget(mWindow);
    mTablesDock->setObjectName(QStringLiteral("tablesDock"));
    mTablesDock->setWidget(mTables);
    mWindow->addDockWidget(Qt::BottomDockWidgetArea, mTablesDock);
    mWindow->resizeDocks({mTablesDock}, {230}, Qt::Vertical);

    mSummaryLabel = new QLabel(mWindow);
    mSummaryLabel->setObjectName(QStringLiteral("frameSummary"));
    mWindow->statusBar()->insertPermanentWidget(0, mSummaryLabel);

    connect(mAnalysisPanel, &AnalysisPanel::runRequested, this, &AnalysisEditor::runAnalysis);
    connect(mAnalysisPanel, &AnalysisPanel::cancelRequested, this, &AnalysisEditor::cancelAnalysis);
    connect(mAnalysis, &AnalysisDocument::progress, this, &AnalysisEditor::onAnalysisProgress);
    connect(mAnalysis, &AnalysisDocument::frameAnalysed, this, &AnalysisEditor::onFrameAnalysed);
    connect(mAnalysis, &AnalysisDocument::resultChanged, this, &AnalysisEditor::onAnalysisResultChanged);
    connect(mAnalysis, &AnalysisDocument::finished, this, &AnalysisEditor::onAnalysisFinished);
    connect(mAnalysis, &AnalysisDocument::failed, this, &AnalysisEditor::onAnalysisFailed);

    connect(mDocument, &StackDocument::frameChanged, this, &AnalysisEditor::showAnalysisForFrame);
    connect(mDocument, &StackDocument::stackClosed, this, &AnalysisEditor::stackChanged);

    connect(mView, &FrameView::clicked, this, &AnalysisEditor::onViewClicked);
    connect(mTables, &ResultTables::rowSelected, this, &AnalysisEditor::onTableRowSelected);
    connect(mTables, &ResultTables::frameRequested, mDocument, &StackDocument::setCurrentFrame);
    connect(mSelection, &AnalysisSelection::changed, this, [this] { mTables->setSelectedTrack(mSelection->trackId()); });
}

void AnalysisEditor::stackChanged()
{
    mSelection->clear();
    const bool open = mDocument->hasStack();
    mAnalysisPanel->setFrameCount(open ? mDocument->frameCount() : 0);
    mAnalysisPanel->setInputPath(open && QFileInfo(mDocument->path()).exists() ? mDocument->path() : QString());
    // Another movie: the last one's log and "Done — 100 %" are not about it.
    if (!mAnalysis->result() && !mAnalysis->isRunning()) {
        mAnalysisPanel->clearLog();
        mAnalysisPanel->setFramesDone(0, 0);
        mAnalysisPanel->setProgress(QString(), 0.0, -1.0);
    }
}

void AnalysisEditor::createActions()
{
    mRunAction = new QAction(this);
    mRunAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(mRunAction, &QAction::triggered, this, &AnalysisEditor::runAnalysis);
    mCancelAction = new QAction(this);
    mCancelAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    mCancelAction->setEnabled(false);
    connect(mCancelAction, &QAction::triggered, this, &AnalysisEditor::cancelAnalysis);
    mOpenAnalysisAction = new QAction(this);
    mOpenAnalysisAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(mOpenAnalysisAction, &QAction::triggered, this, &AnalysisEditor::showOpenAnalysisDialog);
    mExportAnalysisAction = new QAction(this);
    mExportAnalysisAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    mExportAnalysisAction->setEnabled(false);
    connect(mExportAnalysisAction, &QAction::triggered, this, &AnalysisEditor::showExportAnalysisDialog);

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

    mOverlayToolBar = new QToolBar(mWindow);
    mOverlayToolBar->setObjectName(QStringLiteral("overlayToolBar"));
    mOverlayToolBar->addAction(mRunAction);
    mOverlayToolBar->addAction(mCancelAction);
    mOverlayToolBar->addSeparator();
    for (QAction* action : mLayerActions)
        mOverlayToolBar->addAction(action);
    mTailLabel = new QLabel(mWindow);
    mTailFrames = new QSpinBox(mWindow);
    mTailFrames->setObjectName(QStringLiteral("tailFrames"));
    mTailFrames->setRange(1, 500);
    mTailFrames->setValue(mOverlay->tailFrames());
    connect(mTailFrames, &QSpinBox::valueChanged, mOverlay, &AnalysisOverlay::setTailFrames);
    mOverlayToolBar->addSeparator();
    mOverlayToolBar->addWidget(mTailLabel);
    mOverlayToolBar->addWidget(mTailFrames);
    mWindow->addToolBar(Qt::TopToolBarArea, mOverlayToolBar);
}

void AnalysisEditor::createAnalysisMenus()
{
    mWindow->fileMenu()->insertAction(mWindow->exportViewAction(), mOpenAnalysisAction);
    mWindow->fileMenu()->insertSeparator(mWindow->exportViewAction());
    mWindow->fileMenu()->insertAction(mWindow->closeAction(), mExportAnalysisAction);
    mWindow->fileMenu()->insertSeparator(mWindow->closeAction());

    mOverlaysMenu = new QMenu(mWindow);
    for (QAction* action : mLayerActions)
        mOverlaysMenu->addAction(action);
    mOverlaysMenu->addSeparator();
    mColouringMenu = mOverlaysMenu->addMenu(QString());
    mColouringMenu->addActions(mColouringGroup->actions());
    mWindow->viewMenu()->addSeparator();
    mWindow->viewMenu()->addMenu(mOverlaysMenu);
    mWindow->viewMenu()->addAction(mOverlayToolBar->toggleViewAction());
    mWindow->viewMenu()->addAction(mAnalysisDock->toggleViewAction());
    mWindow->viewMenu()->addAction(mTablesDock->toggleViewAction());

    mAnalysisMenu = new QMenu(mWindow);
    mWindow->menuBar()->insertMenu(mWindow->settingsMenu()->menuAction(), mAnalysisMenu);
    mAnalysisMenu->addAction(mRunAction);
    mAnalysisMenu->addAction(mCancelAction);
}

void AnalysisEditor::retranslateAnalysis()
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

QAction* AnalysisEditor::overlayAction(int layer) const
{
    return layer >= 0 && layer < AnalysisOverlay::LayerCount ? mLayerActions[std::size_t(layer)] : nullptr;
}

bool AnalysisEditor::runAnalysis()
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

void AnalysisEditor::cancelAnalysis()
{
    if (!mAnalysis->isRunning())
        return;
    mAnalysis->cancel();
    mAnalysisPanel->appendLog(tr("Cancelling after the current frames…"));
    mCancelAction->setEnabled(false);
}

void AnalysisEditor::onAnalysisProgress(const QString& stage, double fraction)
{
    mAnalysisPanel->setProgress(stage, fraction, mAnalysis->secondsLeft());
}

void AnalysisEditor::onFrameAnalysed(int stackFrame)
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

void AnalysisEditor::onAnalysisResultChanged()
{
    mOverlay->setResult(mAnalysis->result());
    mTables->setResult(mAnalysis->result());
    showAnalysisForFrame();
    mExportAnalysisAction->setEnabled(!mAnalysis->isRunning() && mAnalysis->result() && !mAnalysis->result()->frames.empty());
}

void AnalysisEditor::onAnalysisFinished(bool cancelled)
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
        mAnalysisPanel->appendLog(tr("Note: %1").arg(ResultLabels::note(note)));
    if (cancelled)
        mAnalysisPanel->appendLog(tr("Cancelled: the result holds the frames finished before."));
    mWindow->statusBar()->showMessage(cancelled ? tr("Analysis cancelled") : tr("Analysis finished"), 8000);
}

void AnalysisEditor::onAnalysisFailed(const QString& problem)
{
    mAnalysisPanel->setRunning(false);
    mAnalysisPanel->setProgress(QString(), 0.0, -1.0);
    mAnalysisPanel->appendLog(tr("Failed: %1").arg(problem));
    mRunAction->setEnabled(true);
    mCancelAction->setEnabled(false);
    if (mWindow->workspace()->isScripted())
        return; // the workspace ends the scripted run with the problem
    mWindow->showError(tr("Analysis failed"), tr("The analysis of “%1” failed.").arg(QFileInfo(mDocument->path()).fileName()), problem);
}

void AnalysisEditor::showAnalysisForFrame()
{
    const int frame = mDocument->hasStack() ? mDocument->currentFrame() : -1;
    mOverlay->setStackFrame(frame);
    mTables->setCurrentFrame(frame);
    mSummaryLabel->setText(frameSummaryText());
}

void AnalysisEditor::onViewClicked(QPointF imagePos)
{
    const int atom = mOverlay->atomAt(imagePos, *mView);
    if (atom < 0) {
        mSelection->clear();
        return;
    }
    mSelection->selectAtom(mOverlay->stackFrame(), atom, mOverlay->trackOfAtom(atom));
}

void AnalysisEditor::onTableRowSelected(int trackId, int stackFrame)
{
    // Go to the row's frame unless the track is already in the frame shown.
    bool inFrame = false;
    if (const FrameAnalysis* f = mAnalysis->frame(mDocument->currentFrame()))
        inFrame = std::any_of(f->atoms.begin(), f->atoms.end(), [trackId](const Atom& a) { return a.trackId == trackId; });
    mSelection->selectTrack(trackId);
    if (!inFrame && stackFrame >= 0)
        mDocument->setCurrentFrame(stackFrame);
}

QString AnalysisEditor::latticeSummary(const FrameRelations& rel, double pixel_nm)
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

QString AnalysisEditor::frameSummaryText() const
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

bool AnalysisEditor::exportAnalysisFiles(const QString& folder, QString* error)
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

QByteArray AnalysisEditor::viewAsSvg() const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    // The scene at the image's own resolution, as view.png has it.
    svg.setSize(mView->sceneSize());
    svg.setViewBox(QRect(QPoint(0, 0), mView->sceneSize()));
    svg.setTitle(QStringLiteral("HRTEM Studio view"));
    QPainter painter(&svg);
    mView->renderScene(painter);
    painter.end();
    return buffer.data();
}

void AnalysisEditor::showExportAnalysisDialog()
{
    if (!mAnalysis->result() || mAnalysis->isRunning())
        return;
    auto* dialog = new ExportDialog(mWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setResult(mAnalysis->result());
    if (auto factory = mDocument->stackFactory())
        dialog->setStack(std::shared_ptr<StackReader>(factory(OpenOptions{})));
    dialog->setViewImage(mView->renderSceneImage());
    dialog->setViewSvg(viewAsSvg());
    dialog->setSummaryExtra({{"exported_by", "hrtem-studio"}});
    const QFileInfo input(mDocument->path());
    dialog->setFolder(input.exists() ? QDir(input.path()).filePath(input.completeBaseName() + QStringLiteral("_analysis"))
                                     : QDir::home().filePath(QStringLiteral("hrtem_analysis")));
    connect(dialog, &QDialog::accepted, this, [this, dialog] { // an export that ends says where it went
        mWindow->statusBar()->showMessage(tr("Exported %1 file(s) into %2")
                                              .arg(dialog->writtenFiles().size())
                                              .arg(QDir::toNativeSeparators(dialog->folder())),
                                          15000);
    });
    dialog->open();
}

void AnalysisEditor::showOpenAnalysisDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(mWindow, tr("Open analysis (a result folder of hrtem analyze)"));
    if (!folder.isEmpty())
        mWindow->workspace()->openAnalysisFolder(folder);
}

nlohmann::json AnalysisEditor::viewState() const
{
    nlohmann::json layers = nlohmann::json::array();
    for (int layer = 0; layer < AnalysisOverlay::LayerCount; ++layer)
        layers.push_back(mOverlay->isLayerVisible(AnalysisOverlay::Layer(layer)));
    return {{"frame", mDocument->hasStack() ? mDocument->currentFrame() : 0},
            {"layers", layers},
            {"colouring", int(mOverlay->colouring())},
            {"tail_frames", mOverlay->tailFrames()}};
}

void AnalysisEditor::applyViewState(const nlohmann::json& view)
{
    const nlohmann::json layers = view.value("layers", nlohmann::json::array());
    for (std::size_t layer = 0; layer < layers.size() && layer < mLayerActions.size(); ++layer)
        if (layers[layer].is_boolean())
            mLayerActions[layer]->setChecked(layers[layer].get<bool>());
    const int colouring = view.value("colouring", int(mOverlay->colouring()));
    for (QAction* action : mColouringGroup->actions())
        if (action->data().toInt() == colouring)
            action->trigger();
    mTailFrames->setValue(view.value("tail_frames", mTailFrames->value()));
    if (mDocument->hasStack())
        mDocument->setCurrentFrame(std::clamp(view.value("frame", 0), 0, mDocument->frameCount() - 1));
}

void AnalysisEditor::saveOverlayChoices() const
{
    settings::setOverlayChoices(QString::fromStdString(viewState().dump()));
}

void AnalysisEditor::restoreOverlayChoices()
{
    const QString saved = settings::overlayChoices();
    if (saved.isEmpty())
        return;
    nlohmann::json view = nlohmann::json::parse(saved.toStdString(), nullptr, false);
    if (!view.is_object())
        return;
    view.erase("frame");
    applyViewState(view);
}

} // namespace hrtem::ui
