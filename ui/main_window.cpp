#include "ui/main_window.h"

#include "core/pipeline/session.h"
#include "core/sim/simulation.h"
#include "core/util/units.h"
#include "core/version.h"
#include "ui/app/language.h"
#include "ui/app/problem_message.h"
#include "ui/app/settings.h"
#include "ui/dialogs/help_dialogs.h"
#include "ui/dialogs/simulation_dialog.h"
#include "ui/analysis_editor.h"
#include "ui/restoration_compare.h"
#include "ui/restoration_training.h"
#include "ui/measuring.h"
#include "ui/live_watch.h"
#include "ui/document/analysis_document.h"
#include "ui/workspace.h"
#include "ui/document/stack_document.h"
#include "ui/image_bridge.h"
#include "ui/widgets/fft_panel.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/histogram_panel.h"
#include "ui/widgets/metadata_panel.h"
#include "ui/widgets/playback_bar.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QScreen>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <iostream>

namespace hrtem::ui {

MainWindow::MainWindow(bool restoreLayout, QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    mWorkspace = new Workspace(this);
    mDocument = mWorkspace->stack();
    mView = new FrameView(this);
    mPlayback = new PlaybackBar(mDocument, this);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(mView, 1);
    layout->addWidget(mPlayback);
    setCentralWidget(central);
    setAcceptDrops(true);

    mCursorLabel = new QLabel(this);
    mZoomLabel = new QLabel(this);
    mProgress = new QProgressBar(this);
    mProgress->setMaximumWidth(180);
    mProgress->setVisible(false);
    statusBar()->addPermanentWidget(mCursorLabel, 1);
    statusBar()->addPermanentWidget(mZoomLabel);
    statusBar()->addPermanentWidget(mProgress);

    createDocks();
    mEditor = new AnalysisEditor(this, mDocument, mWorkspace->analysis());
    mWorkspace->attach(mEditor);
    mCompare = new RestorationCompare(this);
    mTraining = new RestorationTraining(this);
    mMeasuring = new Measuring(this);
    mLiveWatch = new LiveWatch(this);
    createActions();
    createMenus();

    connect(mDocument, &StackDocument::loadStarted, this, [this](const QString& label) {
        mProgress->setRange(0, 0); // busy until the first progress report
        mProgress->setVisible(true);
        statusBar()->showMessage(tr("Opening %1 …").arg(QFileInfo(label).fileName()));
    });
    connect(mDocument, &StackDocument::loadProgress, this, [this](double f) {
        mProgress->setRange(0, 100);
        mProgress->setValue(static_cast<int>(f * 100));
    });
    connect(mDocument, &StackDocument::stackOpened, this, &MainWindow::onStackOpened);
    connect(mDocument, &StackDocument::loadFailed, this, &MainWindow::onLoadFailed);
    connect(mDocument, &StackDocument::frameDataReady, this, &MainWindow::renderCurrentFrame);
    connect(mDocument, &StackDocument::levelsChanged, this, &MainWindow::renderCurrentFrame);
    connect(mDocument, &StackDocument::frameChanged, this, &MainWindow::updateCornerText);
    connect(mDocument, &StackDocument::frameFailed, this, [this](int index, const QString& problem) {
        statusBar()->showMessage(tr("Frame %1 cannot be read: %2").arg(index).arg(problem));
    });
    connect(mDocument, &StackDocument::stackClosed, this, [this] {
        mView->setImage(QImage());
        setWindowTitle(tr("HRTEM Studio"));
    });
    connect(mDocument, &StackDocument::idle, this, [this] {
        mProgress->setVisible(false);
        maybeTakeScreenshot();
    });
    connect(mView, &FrameView::cursorMoved, this, [this](QPointF p) { mCursorLabel->setText(cursorReadout(p)); });
    connect(mView, &FrameView::cursorLeft, mCursorLabel, &QLabel::clear);
    connect(mView, &FrameView::zoomChanged, this,
            [this](double z) { mZoomLabel->setText(tr("Zoom %1%").arg(std::lround(z * 100))); });
    connect(mView, &FrameView::regionChanged, mDocument, &StackDocument::setFftRegion);
    connect(mDocument, &StackDocument::stackOpened, this, [this] { mView->setRegion(QRect()); });

    retranslate();
    mDefaultState = saveState(); // every dock and toolbar exists now: View → Reset layout returns here
    resize(defaultSize());
    if (restoreLayout)
        restoreSavedLayout();
}

QString MainWindow::layoutKey() const
{
    // One layout per screen size: docks arranged for a 2560-px monitor do not fit a laptop's
    // 1366 x 768, and the laptop's layout wastes the monitor.
    const QScreen* shownOn = screen();
    const QSize size = shownOn != nullptr ? shownOn->availableGeometry().size() : QSize();
    return QStringLiteral("window/layout/%1x%2").arg(size.width()).arg(size.height());
}

QSize MainWindow::defaultSize() const
{
    const QScreen* shownOn = screen();
    if (shownOn == nullptr)
        return {1400, 900};
    const QRect available = shownOn->availableGeometry();
    // Room for the window frame, which the available geometry does not include.
    return {std::min(1400, available.width() - 16), std::min(900, available.height() - 40)};
}

void MainWindow::restoreSavedLayout()
{
    const QSettings settings;
    QByteArray geometry = settings.value(layoutKey() + QStringLiteral("/geometry")).toByteArray();
    QByteArray state = settings.value(layoutKey() + QStringLiteral("/state")).toByteArray();
    if (geometry.isEmpty()) { // the last layout on any screen (and where versions before 0.2 kept it)
        geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
        state = settings.value(QStringLiteral("window/state")).toByteArray();
    }
    restoreGeometry(geometry);
    restoreState(state);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    for (const QString& prefix : {layoutKey(), QStringLiteral("window")}) {
        settings.setValue(prefix + QStringLiteral("/geometry"), saveGeometry());
        settings.setValue(prefix + QStringLiteral("/state"), saveState());
    }
}

void MainWindow::resetLayout()
{
    if (isMaximized() || isFullScreen())
        showNormal();
    restoreState(mDefaultState);
    resize(defaultSize());
    if (const QScreen* shownOn = screen())
        move(shownOn->availableGeometry().center() - rect().center());
    saveLayout();
}

MainWindow::~MainWindow()
{
    delete mTraining; // stops a running training before the documents go
    delete mCompare;  // before the frame view it draws on goes with the children
    delete mMeasuring; // likewise
    delete mLiveWatch; // stops a watch before the documents go
}

void MainWindow::createDocks()
{
    mFft = new FftPanel(mDocument, this);
    mHistogram = new HistogramPanel(mDocument, this);
    mMetadata = new MetadataPanel(mDocument, this);
    auto makeDock = [this](QWidget* widget, const char* name, Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(this);
        dock->setObjectName(QLatin1String(name));
        dock->setWidget(widget);
        addDockWidget(area, dock);
        return dock;
    };
    // The side columns run to the bottom: the Results dock goes under the frame only, so the
    // window's height is the larger of the side columns and the frame with its table, not their
    // sum (it fits 1366 x 768 with every dock open).
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    mFftDock = makeDock(mFft, "fftDock", Qt::RightDockWidgetArea);
    mLevelsDock = makeDock(mHistogram, "levelsDock", Qt::RightDockWidgetArea);
    mMetadataDock = makeDock(mMetadata, "metadataDock", Qt::LeftDockWidgetArea);
    resizeDocks({mFftDock, mMetadataDock}, {420, 300}, Qt::Horizontal);
    resizeDocks({mFftDock, mLevelsDock}, {480, 260}, Qt::Vertical);
    connect(mFftDock, &QDockWidget::visibilityChanged, mDocument, &StackDocument::setFftEnabled);
}

QAction* MainWindow::translatedAction(QObject* parent, std::function<void(QAction*)> texts)
{
    auto* action = new QAction(parent);
    mTexts.push_back([action, texts = std::move(texts)] { texts(action); });
    return action;
}

void MainWindow::createActions()
{
    mExportViewAction = translatedAction(this, [](QAction* a) { a->setText(tr("&Export view as PNG…")); });
    mExportViewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(mExportViewAction, &QAction::triggered, this, &MainWindow::exportView);
    mCloseAction = translatedAction(this, [](QAction* a) { a->setText(tr("&Close")); });
    mCloseAction->setShortcut(QKeySequence::Close);
    connect(mCloseAction, &QAction::triggered, mDocument, &StackDocument::close);
    mClearRecentAction = translatedAction(this, [](QAction* a) { a->setText(tr("Clear list")); });
    connect(mClearRecentAction, &QAction::triggered, this, [this] {
        settings::clearRecentFiles();
        rebuildRecentMenu();
    });
}

void MainWindow::createMenus()
{
    auto menu = [this](QMenu* parent, std::function<QString()> title) {
        QMenu* m = parent ? parent->addMenu(QString()) : menuBar()->addMenu(QString());
        mTexts.push_back([m, title = std::move(title)] { m->setTitle(title()); });
        return m;
    };
    auto add = [this](QMenu* m, QKeySequence key, std::function<void(QAction*)> texts) {
        QAction* a = translatedAction(this, std::move(texts));
        a->setShortcut(key);
        m->addAction(a);
        return a;
    };
    mFileMenu = menu(nullptr, [] { return tr("&File"); });
    connect(add(mFileMenu, QKeySequence::Open,
                [](QAction* a) {
                    a->setText(tr("&Open…"));
                    a->setStatusTip(tr("Open a TIFF, DM3/DM4, video or folder of images"));
                }),
            &QAction::triggered, this, &MainWindow::showOpenDialog);
    mRecentMenu = menu(mFileMenu, [] { return tr("Open &Recent"); });
    connect(add(mFileMenu, {}, [](QAction* a) { a->setText(tr("Open &demo movie")); }), &QAction::triggered, this, &MainWindow::openDemo);
    connect(add(mFileMenu, {},
                [](QAction* a) {
                    a->setText(tr("&Simulate movie…"));
                    a->setStatusTip(tr("Simulate an in-situ HRTEM movie of a gold particle, with its ground truth"));
                }),
            &QAction::triggered, this, &MainWindow::showSimulationDialog);
    mFileMenu->addSeparator();
    mFileMenu->addAction(mWorkspace->saveSessionAction());
    mFileMenu->addAction(mWorkspace->saveSessionAsAction());
    mFileMenu->addSeparator();
    mFileMenu->addAction(mExportViewAction);
    mFileMenu->addSeparator();
    mFileMenu->addAction(mCloseAction);
    connect(add(mFileMenu, QKeySequence::Quit, [](QAction* a) { a->setText(tr("&Quit")); }), &QAction::triggered, this, &QWidget::close);

    mViewMenu = menu(nullptr, [] { return tr("&View"); });
    QAction* zoomIn = add(mViewMenu, {}, [](QAction* a) { a->setText(tr("Zoom &in")); });
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    connect(zoomIn, &QAction::triggered, this, [this] { mView->zoomBy(1.25); });
    QAction* zoomOut = add(mViewMenu, {}, [](QAction* a) { a->setText(tr("Zoom &out")); });
    zoomOut->setShortcuts({QKeySequence::ZoomOut, QKeySequence(Qt::Key_Minus)});
    connect(zoomOut, &QAction::triggered, this, [this] { mView->zoomBy(0.8); });
    connect(add(mViewMenu, QKeySequence(Qt::Key_F), [](QAction* a) { a->setText(tr("&Fit to window")); }), &QAction::triggered,
            mView, &FrameView::fitToWindow);
    connect(add(mViewMenu, QKeySequence(Qt::Key_1), [](QAction* a) { a->setText(tr("&Actual pixels (1:1)")); }),
            &QAction::triggered, mView, &FrameView::zoomActualSize);
    mViewMenu->addSeparator();
    connect(add(mViewMenu, QKeySequence(Qt::Key_A), [](QAction* a) { a->setText(tr("Auto &contrast")); }), &QAction::triggered,
            this, [this] { mDocument->setAutoContrast(true); });
    QAction* region = add(mViewMenu, QKeySequence(Qt::Key_R), [](QAction* a) {
        a->setText(tr("Draw FFT &region"));
        a->setStatusTip(tr("Drag on the frame to choose the region the FFT shows (or Shift+drag)"));
    });
    region->setCheckable(true);
    connect(region, &QAction::toggled, mView, &FrameView::setRegionMode);
    mViewMenu->addSeparator();
    mViewMenu->addAction(mFftDock->toggleViewAction());
    mViewMenu->addAction(mLevelsDock->toggleViewAction());
    mViewMenu->addAction(mMetadataDock->toggleViewAction());
    connect(add(mViewMenu, {},
                [](QAction* a) {
                    a->setText(tr("Reset &layout"));
                    a->setStatusTip(tr("Put every panel and toolbar back where it starts, and fit the window to the screen"));
                }),
            &QAction::triggered, this, &MainWindow::resetLayout);
    mViewMenu->addSeparator();

    mSettingsMenu = menu(nullptr, [] { return tr("&Settings"); });
    QMenu* languages = menu(mSettingsMenu, [] { return tr("&Language"); });
    auto* languageGroup = new QActionGroup(languages);
    for (const QString& code : availableLanguages()) {
        // Each language is named in itself, so it can be found whatever the current language.
        QAction* a = add(languages, {}, [code](QAction* action) {
            action->setText(code.isEmpty() ? tr("System default") : code == QLatin1String("zh_CN") ? QStringLiteral("简体中文")
                                                                                                   : QStringLiteral("English"));
        });
        a->setCheckable(true);
        a->setChecked(code == settings::language());
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
        languageGroup->addAction(a);
    }
    QMenu* help = menu(nullptr, [] { return tr("&Help"); });
    connect(add(help, QKeySequence::HelpContents, [](QAction* a) { a->setText(tr("&Manual")); }), &QAction::triggered, this,
            [this] { showManual(this); });
    connect(add(help, {}, [](QAction* a) { a->setText(tr("&Keyboard shortcuts")); }), &QAction::triggered, this,
            [this] { showShortcuts(this); });
    help->addSeparator();
    connect(add(help, {}, [](QAction* a) { a->setText(tr("&About HRTEM Studio")); }), &QAction::triggered, this, &MainWindow::showAbout);
    mEditor->createMenus();
    mCompare->createMenus();
    mTraining->createMenus();
    mMeasuring->createMenus();
    mLiveWatch->createMenus();
}

void MainWindow::retranslate()
{
    for (const std::function<void()>& texts : mTexts)
        texts();
    mFftDock->setWindowTitle(tr("FFT"));
    mLevelsDock->setWindowTitle(tr("Levels"));
    mMetadataDock->setWindowTitle(tr("Metadata"));
    mView->setPlaceholderText(tr("Open a stack: File → Open, drag a file here, or File → Open demo movie"));
    setWindowTitle(mDocument->hasStack()
                       ? tr("%1[*] — HRTEM Studio").arg(QFileInfo(mDocument->path()).fileName())
                       : tr("HRTEM Studio"));
    if (mZoomLabel->text().isEmpty() || mDocument->hasStack())
        mZoomLabel->setText(tr("Zoom %1%").arg(std::lround(mView->zoom() * 100)));
    rebuildRecentMenu();
    updateCornerText();
    mEditor->retranslate();
    mCompare->retranslate();
    mTraining->retranslate();
    mMeasuring->retranslate();
    mLiveWatch->retranslate();
    mWorkspace->retranslate();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (mAskBeforeDiscarding && mWorkspace->hasUnsavedEdits()) {
        const auto answer = QMessageBox::question(this, tr("Unsaved corrections"),
                                                  tr("The corrections made since the session was last saved will be lost. Save them first?"),
                                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            mWorkspace->showSaveSessionDialog(false);
            if (mWorkspace->hasUnsavedEdits()) {
                event->ignore();
                return;
            }
        }
    }
    QFile::remove(recoveryPath()); // a clean end: nothing to recover
    saveLayout();
    event->accept();
}

void MainWindow::rebuildRecentMenu()
{
    mRecentMenu->clear();
    const QStringList files = settings::recentFiles();
    for (const QString& file : files) {
        QAction* action = mRecentMenu->addAction(QFileInfo(file).fileName());
        action->setToolTip(file);
        action->setStatusTip(file);
        connect(action, &QAction::triggered, this, [this, file] { openFile(file); });
    }
    if (!files.isEmpty())
        mRecentMenu->addSeparator();
    mRecentMenu->addAction(mClearRecentAction);
    mClearRecentAction->setEnabled(!files.isEmpty());
}

QString MainWindow::movieFolder() const
{
    const QFileInfo movie(mDocument->path());
    if (mDocument->hasStack() && movie.exists())
        return movie.absolutePath();
    return settings::lastFolder(QStringLiteral("stacks"));
}

void MainWindow::showOpenDialog()
{
    const QString filter = tr("Microscopy stacks and sessions (*.tif *.tiff *.dm3 *.dm4 *.emd *.ser *.emi *.mrc *.mrcs *.st *.avi *.mp4 *.mov *.mkv *.png *.jpg *.hrtems);;"
                              "HRTEM Studio sessions (*.hrtems);;All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Open stack"), movieFolder(), filter);
    if (!path.isEmpty()) {
        settings::setLastFolder(QStringLiteral("stacks"), QFileInfo(path).absolutePath());
        openFile(path);
    }
}

void MainWindow::openFile(const QString& path)
{
    if (path.endsWith(QStringLiteral(".hrtems"), Qt::CaseInsensitive))
        openSession(path);
    else
        mDocument->open(path);
}

void MainWindow::openDemo()
{
    // The simulator's demo preset, rendered frame by frame as it is viewed.
    mDocument->openWith(tr("Demo movie"), [](const OpenOptions&) { return sim::makeSimulatedStack(sim::preset("demo")); });
}

void MainWindow::showSimulationDialog()
{
    auto* dialog = new SimulationDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SimulationDialog::openRequested, this, [this](const sim::SimulationSettings& s) {
        mDocument->openWith(tr("Simulated movie"), [s](const OpenOptions&) { return sim::makeSimulatedStack(s); });
    });
    connect(dialog, &SimulationDialog::saved, this, [this](const QString& folder) {
        statusBar()->showMessage(tr("Simulation saved in %1").arg(folder), 8000);
        openFile(folder + QStringLiteral("/movie.tif"));
    });
    dialog->open();
}

void MainWindow::onStackOpened()
{
    mLoadedOnce = true;
    const StackInfo& info = mDocument->info();
    const bool isFile = QFileInfo(mDocument->path()).exists();
    if (isFile)
        settings::addRecentFile(QFileInfo(mDocument->path()).absoluteFilePath());
    rebuildRecentMenu();
    setWindowTitle(tr("%1[*] — HRTEM Studio").arg(QFileInfo(mDocument->path()).fileName()));
    mView->setCalibration(info.x.scale, QString::fromStdString(info.x.units));
    if (mInitialFrame > 0) {
        mDocument->setCurrentFrame(std::min(mInitialFrame, info.frameCount - 1));
        mInitialFrame = -1;
    }
    statusBar()->showMessage(tr("%1: %2 × %3 px, %4 frame(s), %5")
                                 .arg(QFileInfo(mDocument->path()).fileName())
                                 .arg(info.width)
                                 .arg(info.height)
                                 .arg(info.frameCount)
                                 .arg(QString::fromStdString(pixelTypeName(info.pixelType))),
                             8000);

    // Several images in one DM file: let the user pick, without blocking the event loop.
    QStringList choices;
    QList<int> indices;
    for (const ImageEntry& e : info.imagesInFile)
        if (e.kind == ImageEntry::Kind::Image) {
            choices << QStringLiteral("[%1] %2").arg(e.index).arg(QString::fromStdString(e.name));
            indices << e.index;
        }
    if (choices.size() > 1 && mScreenshotPath.isEmpty()) {
        auto* dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("Several images"));
        dialog->setLabelText(tr("This file holds %1 images. Which one should be shown?").arg(choices.size()));
        dialog->setComboBoxItems(choices);
        dialog->setTextValue(choices[std::max(0, static_cast<int>(indices.indexOf(info.imageIndex)))]);
        const QString path = mDocument->path();
        connect(dialog, &QInputDialog::textValueSelected, this, [this, choices, indices, path](const QString& text) {
            const int index = indices.value(choices.indexOf(text), -1);
            if (index >= 0 && index != mDocument->info().imageIndex)
                mDocument->open(path, index);
        });
        dialog->open();
    }
}

void MainWindow::onLoadFailed(const QString& path, const QString& problem)
{
    mProgress->setVisible(false);
    statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()), 8000);
    if (!mScreenshotPath.isEmpty() || mWorkspace->isScripted()) {
        std::cerr << "hrtem-studio: " << path.toStdString() << ": " << problem.toStdString() << std::endl;
        QCoreApplication::exit(1);
        return;
    }
    showProblem(this, tr("Cannot open file"), tr("Could not open “%1”.").arg(QFileInfo(path).fileName()), problem, path);
}

void MainWindow::showError(const QString& title, const QString& text, const QString& detail)
{
    showProblem(this, title, text, detail);
}

void MainWindow::renderCurrentFrame()
{
    const FrameData* data = mDocument->currentFrameData();
    if (data == nullptr)
        return;
    const DisplayLevels levels = mDocument->levels();
    mCompare->showFrame(*data, levels.low, levels.high); // raw, restored, or both
    updateCornerText();
}

void MainWindow::updateCornerText()
{
    if (!mDocument->hasStack()) {
        mView->setCornerText(QString());
        return;
    }
    const StackInfo& info = mDocument->info();
    QString text = tr("Frame %1 of %2").arg(mDocument->currentFrame()).arg(info.frameCount);
    if (info.frames.hasUnits())
        text += QStringLiteral("   %1 = %2 %3")
                    .arg(QString::fromStdString(info.frames.name))
                    .arg(info.frames.toPhysical(mDocument->currentFrame()), 0, 'f', 3)
                    .arg(QString::fromStdString(info.frames.units));
    mView->setCornerText(text);
}

QString MainWindow::cursorReadout(QPointF imagePos) const
{
    const FrameData* data = mDocument->currentFrameData();
    if (data == nullptr || !mDocument->hasStack())
        return {};
    const int x = static_cast<int>(std::floor(imagePos.x()));
    const int y = static_cast<int>(std::floor(imagePos.y()));
    if (x < 0 || y < 0 || x >= data->frame.cols || y >= data->frame.rows)
        return {};
    const StackInfo& info = mDocument->info();
    QString text = tr("x %1  y %2 px").arg(x).arg(y);
    if (info.x.hasUnits())
        text += QStringLiteral("   (%1, %2) %3")
                    .arg(info.x.toPhysical(x), 0, 'f', 4)
                    .arg(info.y.toPhysical(y), 0, 'f', 4)
                    .arg(QString::fromStdString(info.x.units));
    text += tr("   value %1").arg(static_cast<double>(data->frame.at<float>(y, x)), 0, 'g', 7);
    return text;
}

void MainWindow::exportView()
{
    if (!mDocument->hasStack())
        return;
    const QString suggested = QFileInfo(mDocument->path()).completeBaseName()
        + QStringLiteral("_frame%1.png").arg(mDocument->currentFrame());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"), QDir(movieFolder()).filePath(suggested),
                                                      tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    // The image at its own resolution with what is drawn over it, not a grab of the widget.
    if (!mView->renderSceneImage().save(path, "PNG"))
        showError(tr("Export failed"), tr("Could not write “%1”.").arg(path), tr("Check that the folder is writable."));
    else
        statusBar()->showMessage(tr("View written to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::setLanguage(const QString& language)
{
    settings::setLanguage(language);
    applyLanguage(language); // widgets retranslate on QEvent::LanguageChange
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About HRTEM Studio"),
                       tr("<h3>HRTEM Studio %1</h3><p>Restoration, atom localization, tracking and behaviour "
                          "analysis for in-situ high-resolution TEM movies.</p>")
                           .arg(QString::fromLatin1(kVersion)));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openFile(urls.first().toLocalFile());
}

void MainWindow::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Right: mPlayback->step(event->modifiers() & Qt::ShiftModifier ? 10 : 1); return;
    case Qt::Key_Left: mPlayback->step(event->modifiers() & Qt::ShiftModifier ? -10 : -1); return;
    case Qt::Key_Home: mDocument->setCurrentFrame(0); return;
    case Qt::Key_End: mDocument->setCurrentFrame(mDocument->frameCount() - 1); return;
    case Qt::Key_Space: mPlayback->togglePlaying(); return;
    default: QMainWindow::keyPressEvent(event);
    }
}

void MainWindow::setScreenshotPath(const QString& path) { mScreenshotPath = path; }

void MainWindow::maybeTakeScreenshot()
{
    if (mScreenshotPath.isEmpty() || !mLoadedOnce || mDocument->fft() == nullptr || !mCompare->frameComplete())
        return;
    // --analyze: the screenshot shows the finished analysis.
    if (!mWorkspace->scriptedAnalysisDone())
        return;
    const QString path = mScreenshotPath;
    mScreenshotPath.clear();
    // Let layouts and the last paints settle before grabbing.
    QTimer::singleShot(300, this, [this, path] {
        const bool saved = grab().save(path);
        if (!saved)
            std::cerr << "hrtem-studio: cannot write screenshot " << path.toStdString() << std::endl;
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

// ---- the analysis API, forwarded to the workspace and the analysis editor ----
AnalysisDocument* MainWindow::analysis() const { return mWorkspace->analysis(); }
AnalysisSelection* MainWindow::selection() const { return mEditor->selection(); }
AnalysisOverlay* MainWindow::overlay() const { return mEditor->overlay(); }
AnalysisPanel* MainWindow::analysisPanel() const { return mEditor->panel(); }
ResultTables* MainWindow::resultTables() const { return mEditor->tables(); }
PlotsPanel* MainWindow::plotsPanel() const { return mEditor->plotsPanel(); }
TrajectoryView* MainWindow::trajectoryView() const { return mEditor->trajectoryView(); }
bool MainWindow::exportOverlayMovie(const QString& path) { return mEditor->exportOverlayMovie(path); }
BackgroundJob* MainWindow::movieJob() const { return mEditor->movieJob(); }
QAction* MainWindow::overlayAction(int layer) const { return mEditor->overlayAction(layer); }
bool MainWindow::runAnalysis() { return mEditor->runAnalysis(); }
void MainWindow::cancelAnalysis() { mEditor->cancelAnalysis(); }
void MainWindow::setScriptedAnalysis(const AnalysisSettings& s, const QString& dir) { mWorkspace->setScriptedAnalysis(s, dir); }
void MainWindow::openAnalysisFolder(const QString& folder) { mWorkspace->openAnalysisFolder(folder); }
bool MainWindow::exportAnalysisFiles(const QString& folder, QString* error) { return mEditor->exportAnalysisFiles(folder, error); }
QByteArray MainWindow::viewAsSvg() const { return mEditor->viewAsSvg(); }
QString MainWindow::frameSummaryText() const { return mEditor->frameSummaryText(); }
QString MainWindow::latticeSummary(const FrameRelations& r, double pixel_nm) { return AnalysisEditor::latticeSummary(r, pixel_nm); }
bool MainWindow::applyCorrection(const Correction& c) { return mEditor->applyCorrection(c); }
QMenu* MainWindow::correctionMenuAt(QPointF imagePos) { return mEditor->correctionMenuAt(imagePos); }
QAction* MainWindow::undoAction() const { return mEditor->undoAction(); }
QAction* MainWindow::redoAction() const { return mEditor->redoAction(); }
bool MainWindow::saveSession(const QString& path, QString* error) { return mWorkspace->saveSession(path, error); }
bool MainWindow::openSession(const QString& path, QString* error) { return mWorkspace->openSession(path, error); }
QString MainWindow::sessionPath() const { return mWorkspace->sessionPath(); }
QString MainWindow::recoveryPath() { return Workspace::recoveryPath(); }
void MainWindow::autosave() { mWorkspace->autosave(); }
bool MainWindow::offerRecovery() { return mWorkspace->offerRecovery(); }
void MainWindow::setInputLocator(std::function<QString(const QString&)> locator) { mWorkspace->setInputLocator(std::move(locator)); }

} // namespace hrtem::ui
