#pragma once
// The analysis editor of the main window (Tiled's editors that supply their own docks): the
// Analysis panel, the result tables, plots, trajectories and history in docks, the overlays on
// the frame view with their menu and toolbar, the Analysis and Edit menus, corrections by hand,
// the frame summary in the status bar and the exports. It works on the workspace's documents;
// the window only hosts what it supplies.
#include "core/result/analysis_settings.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointF>
#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSpinBox;
class QTimer;
class QToolBar;
class QUndoView;

namespace hrtem {
struct AnalysisResult;
struct Correction;
struct CorrectionEffect;
struct FrameRelations;
} // namespace hrtem

namespace hrtem::ui {

class AnalysisDocument;
class AnalysisOverlay;
class AnalysisPanel;
class AnalysisSelection;
class BackgroundJob;
class FrameView;
class MainWindow;
class PlotsPanel;
class ResultTables;
class StackDocument;
class TrajectoryView;

class AnalysisEditor : public QObject {
    // Its texts are the window's (context hrtem::ui::MainWindow in translations/*.ts).
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::MainWindow)
public:
    /// Supplies its docks, toolbar and menus to `window`, over `stack` and `analysis`.
    AnalysisEditor(MainWindow* window, StackDocument* stack, AnalysisDocument* analysis);
    ~AnalysisEditor() override;

    /// Its actions into the window's menus (after the window made its own).
    void createMenus();
    void retranslate();

    AnalysisSelection* selection() const { return mSelection; }
    AnalysisOverlay* overlay() const { return mOverlay; }
    AnalysisPanel* panel() const { return mAnalysisPanel; }
    ResultTables* tables() const { return mTables; }
    PlotsPanel* plotsPanel() const { return mPlots; }
    TrajectoryView* trajectoryView() const { return mTrajectory; }
    BackgroundJob* movieJob() const { return mMovieJob; }
    QAction* overlayAction(int layer) const;
    QAction* undoAction() const { return mUndoAction; }
    QMenu* analysisMenu() const { return mAnalysisMenu; }
    QAction* redoAction() const { return mRedoAction; }

    bool runAnalysis();
    void cancelAnalysis();
    bool exportOverlayMovie(const QString& path);
    bool exportAnalysisFiles(const QString& folder, QString* error);
    QByteArray viewAsSvg() const;
    QString frameSummaryText() const;
    static QString latticeSummary(const hrtem::FrameRelations& relations, double pixel_nm);
    bool applyCorrection(const hrtem::Correction& correction);
    QMenu* correctionMenuAt(QPointF imagePos);
    /// The overlays and frame shown, for sessions; applyViewState sets them back.
    nlohmann::json viewState() const;
    void applyViewState(const nlohmann::json& view);
    /// Shows a result folder of `hrtem analyze` (its movie opened by the workspace first).
    void showOpenAnalysisDialog();
    /// Called when the stack changes: a fresh selection, the panel's frame range and input.
    void stackChanged();

private:
    void createAnalysis();
    void createActions();
    void createAnalysisMenus();
    void retranslateAnalysis();
    void createPlots();
    void createPlotsMenus();
    void retranslatePlots();
    void refreshPlots();
    void createMovieExport();
    void retranslateMovieExport();
    void showExportMovieDialog();
    void createEditing();
    void createEditMenu();
    void retranslateEditing();
    void onAnalysisProgress(const QString& stage, double fraction);
    void onFrameAnalysed(int stackFrame);
    void onAnalysisResultChanged();
    void onAnalysisFinished(bool cancelled);
    void onAnalysisFailed(const QString& problem);
    void onViewClicked(QPointF imagePos);
    void onTableRowSelected(int trackId, int stackFrame);
    void showAnalysisForFrame();
    void showExportAnalysisDialog();
    void onResultEdited(const hrtem::CorrectionEffect& effect);
    void deleteSelectedColumn();
    void restoreOverlayChoices();
    void saveOverlayChoices() const;

    MainWindow* mWindow;
    StackDocument* mDocument;
    AnalysisDocument* mAnalysis;
    FrameView* mView;

    AnalysisSelection* mSelection = nullptr;
    AnalysisOverlay* mOverlay = nullptr;
    AnalysisPanel* mAnalysisPanel = nullptr;
    ResultTables* mTables = nullptr;
    QDockWidget* mAnalysisDock = nullptr;
    QDockWidget* mTablesDock = nullptr;
    PlotsPanel* mPlots = nullptr;
    TrajectoryView* mTrajectory = nullptr;
    QDockWidget* mPlotsDock = nullptr;
    QDockWidget* mTrajectoryDock = nullptr;
    QComboBox* mTrajectoryColour = nullptr;
    QLabel* mTrajectoryColourLabel = nullptr;
    QTimer* mPlotsRefresh = nullptr;
    bool mPlotsDocksShown = false; ///< shown once, with the first result
    BackgroundJob* mMovieJob = nullptr;
    QAction* mExportMovieAction = nullptr;
    QLabel* mSummaryLabel = nullptr;
    QMenu* mAnalysisMenu = nullptr;
    QMenu* mOverlaysMenu = nullptr;
    QMenu* mColouringMenu = nullptr;
    QToolBar* mOverlayToolBar = nullptr;
    QSpinBox* mTailFrames = nullptr;
    QLabel* mTailLabel = nullptr;
    QAction* mRunAction = nullptr;
    QAction* mCancelAction = nullptr;
    QAction* mExportAnalysisAction = nullptr;
    QAction* mOpenAnalysisAction = nullptr;
    std::array<QAction*, 7> mLayerActions{};
    QActionGroup* mColouringGroup = nullptr;
    int mAnalysedFrames = 0;
    int mFramesToAnalyse = 0;
    QMenu* mEditMenu = nullptr;
    QAction* mUndoAction = nullptr;
    QAction* mRedoAction = nullptr;
    QAction* mDeleteColumnAction = nullptr;
    QDockWidget* mHistoryDock = nullptr;
    QUndoView* mHistoryView = nullptr;
};

} // namespace hrtem::ui
