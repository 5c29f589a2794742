#pragma once
#include <QMainWindow>
#include <QPointF>
#include <QString>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;

namespace hrtem::ui {

class FftPanel;
class FrameView;
class HistogramPanel;
class MetadataPanel;
class PlaybackBar;
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

    StackDocument* document() const { return mDocument; }
    FrameView* frameView() const { return mView; }
    FftPanel* fftPanel() const { return mFft; }
    MetadataPanel* metadataPanel() const { return mMetadata; }
    PlaybackBar* playbackBar() const { return mPlayback; }
    /// Status-bar text for the cursor at `imagePos` (pixel, physical position, value).
    QString cursorReadout(QPointF imagePos) const;

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
};

} // namespace hrtem::ui
