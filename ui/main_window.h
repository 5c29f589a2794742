#pragma once
#include "core/result/analysis_settings.h"

#include <QMainWindow>
#include <QPointF>
#include <QString>

#include <functional>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <memory>

namespace hrtem {
struct AnalysisResult;
struct Correction;
struct CorrectionEffect;
struct FrameRelations;
struct Session;
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
class QUndoView;

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
class RestorationCompare;
class RestorationTraining;
class Measuring;
class LiveWatch;
class TrainingLauncher;
class TrajectoryView;
class StackDocument;
class AnalysisEditor;
class Workspace;

/// HRTEM Studio's main window: the frame view in the centre, FFT, levels and metadata in docks,
/// playback below. It arranges and forwards; the StackDocument does the work.
/// The window is a shell: the viewer (frame view, playback, levels, FFT, metadata) and the File,
/// View, Settings and Help menus are its own; the workspace (workspace.h) owns the documents,
/// sessions and the scripted run, and the analysis editor (analysis_editor.h) supplies the
/// analysis' docks, toolbar, menus and corrections. The analysis API below forwards to them.
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
    bool screenshotPending() const { return !mScreenshotPath.isEmpty(); }
    /// Takes the screenshot if one is asked for and everything it shows is ready.
    void maybeTakeScreenshot();
    /// Frame shown once the next stack is open (clamped to the stack).
    void setInitialFrame(int frame) { mInitialFrame = frame; }

    Workspace* workspace() const { return mWorkspace; }
    AnalysisEditor* analysisEditor() const { return mEditor; }
    /// Raw and restored frames in the view, and the restored stack's export (issue 31).
    RestorationCompare* restorationCompare() const { return mCompare; }
    /// Frames marked for training and the training dialog (issue 31).
    RestorationTraining* restorationTraining() const { return mTraining; }
    Measuring* measuring() const { return mMeasuring; }
    LiveWatch* liveWatch() const { return mLiveWatch; }
    StackDocument* document() const { return mDocument; }
    FrameView* frameView() const { return mView; }
    FftPanel* fftPanel() const { return mFft; }
    MetadataPanel* metadataPanel() const { return mMetadata; }
    PlaybackBar* playbackBar() const { return mPlayback; }
    /// Status-bar text for the cursor at `imagePos` (pixel, physical position, value).
    QString cursorReadout(QPointF imagePos) const;

    // ---- what the analysis editor and workspace build on ----
    QMenu* fileMenu() const { return mFileMenu; }
    QMenu* viewMenu() const { return mViewMenu; }
    QMenu* settingsMenu() const { return mSettingsMenu; }
    QAction* exportViewAction() const { return mExportViewAction; }
    QAction* closeAction() const { return mCloseAction; }
    QDockWidget* metadataDock() const { return mMetadataDock; }
    /// A window-modal error (the event loop, and any running work, keeps going).
    void showError(const QString& title, const QString& text, const QString& detail);
    /// View → Reset layout: the docks and toolbars as they start, the window fitted to its screen.
    void resetLayout();
    /// Where file dialogs start: the open movie's folder, else the folder a movie was last opened from.
    QString movieFolder() const;
    void rebuildRecentMenu();

    // ---- the analysis (AnalysisEditor, Workspace) ----
    AnalysisDocument* analysis() const;
    AnalysisSelection* selection() const;
    AnalysisOverlay* overlay() const;
    AnalysisPanel* analysisPanel() const;
    ResultTables* resultTables() const;
    PlotsPanel* plotsPanel() const;
    TrajectoryView* trajectoryView() const;
    /// File → Export movie with overlays: starts writing `path` (.tif, .avi, .mp4) in the
    /// background (movieJob() reports); false when there is nothing to write or a write runs.
    bool exportOverlayMovie(const QString& path);
    BackgroundJob* movieJob() const;
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
    /// The lattice part of it: fcc [110]'s d111/d200, another model's planes by their indices, or
    /// the measured cell; a warning when the chosen structure does not fit; an extended crystal.
    static QString latticeSummary(const hrtem::FrameRelations& relations, double pixel_nm);

    // ---- corrections by hand ----
    /// Applies `correction` through the analysis' undo stack (Edit → Undo); false, with the
    /// reason in the status bar, when it does not apply.
    bool applyCorrection(const hrtem::Correction& correction);
    /// The context menu of the frame view at image position `imagePos` (what a right click shows).
    QMenu* correctionMenuAt(QPointF imagePos);
    QAction* undoAction() const;
    QAction* redoAction() const;

    // ---- sessions ----
    /// Writes the session (input with its size and SHA-256, settings, networks, corrections,
    /// view) to `path`; false with `error` naming the file and the problem.
    bool saveSession(const QString& path, QString* error);
    /// Opens a session: its input, then the analysis with its settings, then its corrections
    /// and view (sessionOpened() reports the end). A moved input is asked for; a changed one,
    /// or a network file that is missing, is refused with a message naming the file. False,
    /// with `error`, when it is refused at once.
    bool openSession(const QString& path, QString* error = nullptr);
    QString sessionPath() const;
    /// Where autosave keeps the session of unsaved work, offered after a crash.
    static QString recoveryPath();
    /// Writes the recovery file now if there is unsaved work (the autosave timer calls it).
    void autosave();
    /// At start-up: if a recovery file was left by a session that did not end cleanly, asks
    /// whether to reopen it. Returns whether one was reopened.
    bool offerRecovery();
    /// Who finds a moved input (by default a file dialog); tests answer without a dialog.
    void setInputLocator(std::function<QString(const QString& missing)> locator);
    /// Whether closing with unsaved corrections asks first (not in scripted runs and tests).
    void setAskBeforeDiscarding(bool ask) { mAskBeforeDiscarding = ask; }

Q_SIGNALS:
    /// openSession() finished: the analysis rerun and the corrections replayed (`ok`), or not,
    /// with the problem.
    void sessionOpened(bool ok, const QString& problem);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void createViewer();
    void createActions();
    void createMenus();
    void createDocks();
    QString layoutKey() const; ///< settings group of the layout for this screen's size
    QSize defaultSize() const;
    void restoreSavedLayout();
    void saveLayout() const;
    void retranslate();
    /// `action`'s text (and tips) set now and at every language change by `texts`.
    QAction* translatedAction(QObject* parent, std::function<void(QAction*)> texts);
    void showOpenDialog();
    void onStackOpened();
    void onLoadFailed(const QString& path, const QString& problem);
    void renderCurrentFrame();
    void updateCornerText();
    void exportView();
    void setLanguage(const QString& language);
    void showAbout();

    Workspace* mWorkspace;
    StackDocument* mDocument; ///< the workspace's stack, which the viewer shows
    AnalysisEditor* mEditor = nullptr;
    RestorationCompare* mCompare = nullptr;
    RestorationTraining* mTraining = nullptr;
    Measuring* mMeasuring = nullptr;
    LiveWatch* mLiveWatch = nullptr;
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
    QAction* mExportViewAction = nullptr;
    QAction* mCloseAction = nullptr;
    QAction* mClearRecentAction = nullptr;
    /// What retranslate() sets: menu titles and action texts, each by its own function.
    std::vector<std::function<void()>> mTexts;
    QLabel* mCursorLabel;
    QLabel* mZoomLabel;
    QProgressBar* mProgress;
    QString mScreenshotPath;
    bool mLoadedOnce = false;
    QByteArray mDefaultState; ///< the docks and toolbars as constructed (View → Reset layout)
    int mInitialFrame = -1;
    bool mAskBeforeDiscarding = true;
};

} // namespace hrtem::ui
