#pragma once
#include "core/pipeline/analysis_settings.h"

#include <QMainWindow>
#include <QPointF>
#include <QString>

#include <array>
#include <memory>

namespace hrtem {
struct AnalysisResult;
}

class QAction;
class QComboBox;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSpinBox;
class QTimer;
class QToolBar;

namespace hrtem::ui {

class AnalysisDocument;
class AnalysisOverlay;
class AnalysisPanel;
class AnalysisSelection;
class BackgroundJob;
class FftPanel;
class ResultTables;
class FrameView;
class HistogramPanel;
class MetadataPanel;
class PlaybackBar;
class PlotsPanel;
class TrajectoryView;
class StackDocument;

/// HRTEM Studio's main window: the frame view in the centre, FFT, levels and metadata in docks,
/// playback below. It arranges and forwards; the StackDocument does the work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// restoreLayout: reopen with the window geometry and docks the user left last time.
    explicit MainWindow(bool restoreLayout = true, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString& path);
    void openDemo();
    void showSimulationDialog();
    /// Renders the window to `path` once the file is loaded and the FFT shown, then quits the
    /// application (exit code 0; 1 if the file cannot be opened).
    void setScreenshotPath(const QString& path);
    /// Frame shown once the next stack is open (clamped to the stack).
    void setInitialFrame(int frame) { mInitialFrame = frame; }

    StackDocument* document() const { return mDocument; }
    FrameView* frameView() const { return mView; }
    FftPanel* fftPanel() const { return mFft; }
    MetadataPanel* metadataPanel() const { return mMetadata; }
    PlaybackBar* playbackBar() const { return mPlayback; }
    /// Status-bar text for the cursor at `imagePos` (pixel, physical position, value).
    QString cursorReadout(QPointF imagePos) const;

    // ---- the analysis (main_window_analysis.cpp) ----
    AnalysisDocument* analysis() const { return mAnalysis; }
    AnalysisSelection* selection() const { return mSelection; }
    AnalysisOverlay* overlay() const { return mOverlay; }
    AnalysisPanel* analysisPanel() const { return mAnalysisPanel; }
    ResultTables* resultTables() const { return mTables; }
    // ---- plots and trajectories (main_window_plots.cpp) ----
    PlotsPanel* plotsPanel() const { return mPlots; }
    TrajectoryView* trajectoryView() const { return mTrajectory; }
    /// File → Export movie with overlays: starts writing `path` (.tif, .avi, .mp4) in the
    /// background (movieJob() reports); false when there is nothing to write or a write runs.
    bool exportOverlayMovie(const QString& path);
    BackgroundJob* movieJob() const { return mMovieJob; }
    /// View → Overlays: the action that toggles AnalysisOverlay::Layer `layer`.
    QAction* overlayAction(int layer) const;
    /// Runs the analysis of the open stack with the panel's settings; false if none is open or
    /// one is running.
    bool runAnalysis();
    void cancelAnalysis();
    /// For `hrtem-studio MOVIE --analyze`: once the stack is open, analyse it with `settings`,
    /// then export the result files into `exportDir` (if not empty), take the screenshot (if
    /// set) and quit: exit code 0, or 1 when opening, the analysis or the export fails.
    void setScriptedAnalysis(const AnalysisSettings& settings, const QString& exportDir);
    /// File → Open analysis…: shows a result folder of `hrtem analyze` over its movie (opened
    /// if it is not the one shown), without running anything.
    void openAnalysisFolder(const QString& folder);
    /// Writes the result files of `hrtem analyze` into `folder` (atomically, each); false
    /// with `error` naming the folder and the problem.
    bool exportAnalysisFiles(const QString& folder, QString* error);
    /// The current view (frame and overlays) as SVG.
    QByteArray viewAsSvg() const;
    /// The current frame's atoms, spacings, quality, twins and events, as the status bar shows them.
    QString frameSummaryText() const;

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void retranslate();
    void rebuildRecentMenu();
    void showOpenDialog();
    void showError(const QString& title, const QString& text, const QString& detail);
    void onStackOpened();
    void onLoadFailed(const QString& path, const QString& problem);
    void renderCurrentFrame();
    void updateCornerText();
    void exportView();
    void setLanguage(const QString& language);
    void showAbout();
    void maybeTakeScreenshot();

    void createAnalysis();
    void createAnalysisActions();
    void createAnalysisMenus();
    void retranslateAnalysis();
    void createPlots();
    void createPlotsMenus();
    void retranslatePlots();
    void refreshPlots();
    void createMovieExport();
    void retranslateMovieExport();
    void showExportMovieDialog();
    void onAnalysisProgress(const QString& stage, double fraction);
    void onFrameAnalysed(int stackFrame);
    void onAnalysisResultChanged();
    void onAnalysisFinished(bool cancelled);
    void onAnalysisFailed(const QString& problem);
    void onViewClicked(QPointF imagePos);
    void onTableRowSelected(int trackId, int stackFrame);
    void showAnalysisForFrame();
    void showExportAnalysisDialog();
    void showOpenAnalysisDialog();
    void onFolderRead(std::shared_ptr<hrtem::AnalysisResult> result, const QString& folder);
    void finishScriptedRun(int exitCode, const QString& message);

    StackDocument* mDocument;
    FrameView* mView;
    PlaybackBar* mPlayback;
    HistogramPanel* mHistogram;
    FftPanel* mFft;
    MetadataPanel* mMetadata;
    QDockWidget* mFftDock = nullptr;
    QDockWidget* mLevelsDock = nullptr;
    QDockWidget* mMetadataDock = nullptr;

    QMenu* mFileMenu = nullptr;
    QMenu* mRecentMenu = nullptr;
    QMenu* mViewMenu = nullptr;
    QMenu* mSettingsMenu = nullptr;
    QMenu* mLanguageMenu = nullptr;
    QMenu* mHelpMenu = nullptr;
    QAction* mOpenAction = nullptr;
    QAction* mOpenDemoAction = nullptr;
    QAction* mSimulateAction = nullptr;
    QAction* mExportViewAction = nullptr;
    QAction* mCloseAction = nullptr;
    QAction* mQuitAction = nullptr;
    QAction* mZoomInAction = nullptr;
    QAction* mZoomOutAction = nullptr;
    QAction* mFitAction = nullptr;
    QAction* mActualSizeAction = nullptr;
    QAction* mAutoContrastAction = nullptr;
    QAction* mRegionModeAction = nullptr;
    QAction* mClearRecentAction = nullptr;
    QAction* mAboutAction = nullptr;
    QActionGroup* mLanguageGroup = nullptr;

    QLabel* mCursorLabel;
    QLabel* mZoomLabel;
    QProgressBar* mProgress;

    QString mScreenshotPath;
    bool mLoadedOnce = false;
    int mInitialFrame = -1;

    AnalysisDocument* mAnalysis = nullptr;
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
    std::shared_ptr<hrtem::AnalysisResult> mPendingResult; ///< opened folder waiting for its movie
    std::array<QAction*, 7> mLayerActions{};
    QActionGroup* mColouringGroup = nullptr;
    int mAnalysedFrames = 0;
    int mFramesToAnalyse = 0;

    bool mScripted = false;            ///< --analyze: run once the stack is open, then quit
    bool mScriptedStarted = false;
    AnalysisSettings mScriptedSettings;
    QString mScriptedExportDir;
};

} // namespace hrtem::ui
