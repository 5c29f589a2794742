#include "ui/restoration_compare.h"

#include "core/result/analysis_result.h"
#include "ui/app/settings.h"
#include "ui/document/analysis_document.h"
#include "ui/document/background_job.h"
#include "ui/document/restoration_document.h"
#include "ui/dialogs/evaluation_dialog.h"
#include "ui/document/stack_document.h"
#include "ui/image_bridge.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_panel.h"

#include <QActionGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QStatusBar>
#include <QToolBar>

namespace hrtem::ui {

namespace {

/// The methods the toolbar offers, by restore.h's names, in the order of the method list.
const char* const kMethods[] = {"wiener", "absf", "nlm", "bm3d", "gan"};

QString methodTitle(const QString& method)
{
    if (method == QLatin1String("wiener"))
        return QStringLiteral("Wiener");
    if (method == QLatin1String("absf"))
        return QStringLiteral("ABSF");
    if (method == QLatin1String("nlm"))
        return QStringLiteral("NLM");
    if (method == QLatin1String("bm3d"))
        return QStringLiteral("BM3D");
    return QStringLiteral("HRTEM-GAN");
}

} // namespace

/// Over the restored image: its method's name, "Restoring…" until it is there, and the regions
/// the analysis' trust check flagged when the analysis restored with the method shown.
class RestorationCompare::TrustOutline : public FrameOverlay {
public:
    explicit TrustOutline(RestorationCompare* owner) : mOwner(owner) {}

    void paintOverlay(QPainter& p, const FrameView& view) override
    {
        const QPointF offset = view.comparisonOffset();
        const QImage& second = view.comparisonImage();
        const QRectF shown(view.toWidget(offset), view.toWidget(offset + QPointF(second.width(), second.height())));
        QString label = tr("Restored: %1").arg(methodTitle(mOwner->method()));
        if (!mOwner->frameComplete())
            label = tr("Restoring with %1…").arg(methodTitle(mOwner->method()));
        const FrameAnalysis* frame = analysedFrame();
        if (frame != nullptr && frame->trust.judged && !frame->trust.flagged)
            label += QStringLiteral(" · ") + tr("supported by the raw data (support %1)").arg(frame->trust.support, 0, 'f', 2);
        if (frame != nullptr && frame->trust.flagged) {
            const QColor warning(230, 40, 40);
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(warning, 2.0, Qt::DashLine));
            for (const TrustRegion& r : frame->trust.regions)
                p.drawRect(QRectF(view.toWidget(offset + QPointF(r.area.x, r.area.y)),
                                  view.toWidget(offset + QPointF(r.area.x + r.area.width, r.area.y + r.area.height))));
            label += QStringLiteral(" · ") + tr("not supported by the raw data (support %1)").arg(frame->trust.support, 0, 'f', 2);
        }
        const QRectF box = QRectF(p.fontMetrics().boundingRect(label)).translated(shown.topRight() + QPointF(-8 - p.fontMetrics().horizontalAdvance(label), 8 + p.fontMetrics().ascent()));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 170));
        p.drawRoundedRect(box.adjusted(-5, -3, 5, 3), 3, 3);
        p.setPen(frame != nullptr && frame->trust.flagged ? QColor(255, 120, 120) : QColor(Qt::white));
        p.drawText(box.bottomLeft() - QPointF(0, p.fontMetrics().descent()), label);
    }

    QString toolTipAt(QPointF, const FrameView&) const override { return {}; }

private:
    /// The analysis' frame shown, when it was restored with the method the view shows.
    const FrameAnalysis* analysedFrame() const
    {
        const AnalysisDocument* analysis = mOwner->mWindow->analysis();
        const auto result = analysis->result();
        if (!result || QString::fromStdString(result->settings.restore) != mOwner->method())
            return nullptr;
        const FrameAnalysis* frame = analysis->frame(mOwner->mWindow->document()->currentFrame());
        return frame != nullptr && frame->restored ? frame : nullptr;
    }

    RestorationCompare* mOwner;
};

RestorationCompare::RestorationCompare(MainWindow* window)
    : QObject(window), mWindow(window), mDocument(new RestorationDocument(window->document(), this)),
      mTrustOutline(std::make_unique<TrustOutline>(this))
{
    window->frameView()->setComparisonOverlay(mTrustOutline.get());
    connect(mDocument, &RestorationDocument::restoredReady, this, [this](int index) {
        if (index == mWindow->document()->currentFrame())
            refresh();
        mWindow->maybeTakeScreenshot(); // one waiting for the restored frame
    });
    connect(mDocument, &RestorationDocument::restoreFailed, this, [this](int index, const QString& problem) {
        mStatus->setText(tr("Frame %1 could not be restored").arg(index));
        mComplete = true; // nothing more will come: the raw side stands alone
        mWindow->maybeTakeScreenshot();
        mWindow->statusBar()->showMessage(tr("Frame %1 could not be restored with %2: %3").arg(index).arg(methodTitle(method()), problem), 15000);
    });
    connect(mDocument->exportJob(), &BackgroundJob::finished, this, [this](BackgroundJob::Outcome how, const QString& problem) {
        if (how == BackgroundJob::Outcome::Done)
            mWindow->statusBar()->showMessage(tr("Restored stack written"), 8000);
        else if (how == BackgroundJob::Outcome::Failed)
            mWindow->showError(tr("Export failed"), tr("The restored stack could not be written."), problem);
    });
    // The analysis' own method, once it has restored with one, is what the view shows.
    connect(window->analysis(), &AnalysisDocument::finished, this, [this](bool) {
        const auto result = mWindow->analysis()->result();
        if (result && result->settings.restore != "none")
            setMethod(QString::fromStdString(result->settings.restore));
        refresh();
    });
}

RestorationCompare::~RestorationCompare()
{
    mWindow->frameView()->setComparisonOverlay(nullptr);
}

void RestorationCompare::createMenus()
{
    mMenu = mWindow->viewMenu()->addMenu(QString());
    mModeGroup = new QActionGroup(this);
    for (int i = 0; i < kModes; ++i) {
        QAction* action = mMenu->addAction(QString());
        action->setCheckable(true);
        action->setChecked(i == int(mMode));
        mModeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { setMode(Mode(i)); });
        mModeActions[i] = action;
    }
    mModeActions[int(Mode::SideBySide)]->setShortcut(QKeySequence(Qt::Key_B));

    mToolBar = new QToolBar(mWindow);
    mToolBar->setObjectName(QStringLiteral("restorationToolBar"));
    mToolBar->addActions(mModeGroup->actions());
    mMethodLabel = new QLabel(mToolBar);
    mMethodBox = new QComboBox(mToolBar);
    for (const char* method : kMethods)
        mMethodBox->addItem(methodTitle(QLatin1String(method)), QLatin1String(method));
    mStatus = new QLabel(mToolBar);
    mToolBar->addSeparator();
    mToolBar->addWidget(mMethodLabel);
    mToolBar->addWidget(mMethodBox);
    mToolBar->addWidget(mStatus);
    mWindow->addToolBarBreak(Qt::TopToolBarArea); // its own row: the overlays' toolbar fills one
    mWindow->addToolBar(Qt::TopToolBarArea, mToolBar);
    mMenu->addSeparator();
    mMenu->addAction(mToolBar->toggleViewAction());
    mMenu->addSeparator();
    mEvaluateAction = mMenu->addAction(QString());
    connect(mEvaluateAction, &QAction::triggered, this, &RestorationCompare::showEvaluation);
    connect(mMethodBox, &QComboBox::currentIndexChanged, this, [this] {
        updateMethodOptions();
        refresh();
    });
    connect(mWindow->analysisPanel(), &AnalysisPanel::settingsChanged, this, &RestorationCompare::updateMethodOptions);
    updateMethodOptions();

    mExportAction = new QAction(this);
    connect(mExportAction, &QAction::triggered, this, &RestorationCompare::showExportDialog);
    mWindow->fileMenu()->insertAction(mWindow->exportViewAction(), mExportAction);
    connect(mWindow->document(), &StackDocument::stackOpened, this, [this] { mExportAction->setEnabled(true); });
    connect(mWindow->document(), &StackDocument::stackClosed, this, [this] { mExportAction->setEnabled(false); });
    mExportAction->setEnabled(false);
    retranslate();
}

void RestorationCompare::retranslate()
{
    if (mMenu == nullptr)
        return;
    mMenu->setTitle(tr("&Restoration"));
    const QString modes[kModes] = {tr("&Raw frame"), tr("R&estored frame"), tr("Raw and restored &side by side"), tr("Raw and restored, s&plit")};
    const QString tips[kModes] = {tr("Show the frame as recorded"), tr("Show the frame restored with the method chosen on the Restoration toolbar"),
                                  tr("Show the raw frame and the restored one side by side"),
                                  tr("Show the raw frame left of a line and the restored one right of it; drag the line")};
    const QString shortModes[kModes] = {tr("Raw"), tr("Restored"), tr("Side by side"), tr("Split")};
    for (int i = 0; i < kModes; ++i) {
        mModeActions[i]->setText(modes[i]);
        mModeActions[i]->setIconText(shortModes[i]);
        mModeActions[i]->setToolTip(tips[i]);
        mModeActions[i]->setStatusTip(tips[i]);
    }
    mToolBar->setWindowTitle(tr("Restoration"));
    mMethodLabel->setText(tr(" Method "));
    mMethodBox->setToolTip(tr("The restoration method the restored frame shows (HRTEM-GAN with the Analysis panel's weights and device)"));
    mEvaluateAction->setText(tr("Restoration &evaluation…"));
    mEvaluateAction->setStatusTip(tr("Compare the restoration methods on a simulated movie: PSNR, SSIM, FID, KL, segmentation "
                                     "and localization scores, the t-SNE map of the patches and their spectra"));
    mExportAction->setText(tr("Export &restored stack…"));
    mExportAction->setStatusTip(tr("Write every frame restored with the method shown as a calibrated 32-bit TIFF, as hrtem restore does"));
}

void RestorationCompare::setMode(Mode mode)
{
    mMode = mode;
    if (mModeActions[int(mode)] != nullptr)
        mModeActions[int(mode)]->setChecked(true);
    refresh();
}

QString RestorationCompare::method() const { return mDocument->method(); }

void RestorationCompare::setMethod(const QString& method)
{
    if (mMethodBox != nullptr) {
        const int index = mMethodBox->findData(method);
        if (index >= 0)
            mMethodBox->setCurrentIndex(index);
        updateMethodOptions(); // the panel's weights may have changed with the method
        refresh();
        return;
    }
    restore::RestorerOptions options = mDocument->options();
    mDocument->setMethod(method, options);
}

void RestorationCompare::updateMethodOptions()
{
    const AnalysisSettings settings = mWindow->analysisPanel()->settings();
    restore::RestorerOptions options;
    options.gan.weights = settings.ganWeights;
    options.gan.device = settings.device;
    mDocument->setMethod(mMethodBox->currentData().toString(), options);
}

void RestorationCompare::refresh()
{
    const StackDocument* stack = mWindow->document();
    const FrameData* data = stack->currentFrameData();
    if (data == nullptr)
        return;
    const DisplayLevels levels = stack->levels();
    showFrame(*data, levels.low, levels.high);
}

bool RestorationCompare::frameComplete() const { return mComplete; }

void RestorationCompare::showFrame(const FrameData& raw, double low, double high)
{
    FrameView* view = mWindow->frameView();
    const QImage rawImage = renderFrame(raw.frame, low, high);
    if (mMode == Mode::Raw) {
        mComplete = true;
        view->setComparison(QImage(), FrameView::Comparison::Off);
        view->setImage(rawImage);
        if (mStatus != nullptr)
            mStatus->clear();
        return;
    }
    const FrameDataPtr restored = mDocument->restoredFrame(raw.index);
    mComplete = restored != nullptr;
    QImage restoredImage;
    if (restored) {
        // Restoration lowers the noise: with automatic contrast, the restored frame gets its own levels.
        const DisplayLevels levels = mWindow->document()->autoContrast() ? restored->autoLevels : DisplayLevels{low, high};
        restoredImage = renderFrame(restored->frame, levels.low, levels.high);
    } else {
        restoredImage = QImage(rawImage.size(), QImage::Format_Grayscale8);
        restoredImage.fill(QColor(48, 48, 52));
    }
    if (mStatus != nullptr)
        mStatus->setText(restored ? QString() : tr("  restoring frame %1…").arg(raw.index));
    if (mMode == Mode::Restored) {
        view->setComparison(QImage(), FrameView::Comparison::Off);
        view->setImage(restored ? restoredImage : rawImage);
        return;
    }
    view->setImage(rawImage);
    view->setComparison(restoredImage, mMode == Mode::SideBySide ? FrameView::Comparison::SideBySide : FrameView::Comparison::Split);
}

bool RestorationCompare::exportRestoredStack(const QString& path)
{
    const StackDocument* stack = mWindow->document();
    if (!stack->hasStack())
        return false;
    if (!mDocument->exportStack(path, 0, stack->frameCount()))
        return false;
    mWindow->statusBar()->showMessage(tr("Writing the restored stack (%1) to %2…").arg(methodTitle(method()), path));
    return true;
}

void RestorationCompare::showExportDialog()
{
    const StackDocument* stack = mWindow->document();
    if (!stack->hasStack())
        return;
    const QFileInfo movie(stack->path());
    const QString folder = movie.exists() ? movie.absolutePath() : settings::lastFolder(QStringLiteral("exports"));
    const QString name = (movie.exists() ? movie.completeBaseName() : QStringLiteral("movie")) + QStringLiteral("_restored_%1.tif").arg(method());
    const QString path = QFileDialog::getSaveFileName(mWindow, tr("Export restored stack"), folder + QLatin1Char('/') + name,
                                                      tr("TIFF stack (*.tif *.tiff)"));
    if (path.isEmpty())
        return;
    settings::setLastFolder(QStringLiteral("exports"), QFileInfo(path).absolutePath());
    if (!exportRestoredStack(path))
        mWindow->statusBar()->showMessage(tr("A restored stack is being written already"), 8000);
}

EvaluationDialog* RestorationCompare::showEvaluation()
{
    if (mEvaluation == nullptr) {
        mEvaluation = new EvaluationDialog(mWindow);
        mEvaluation->setAttribute(Qt::WA_DeleteOnClose);
    }
    mEvaluation->show();
    mEvaluation->raise();
    mEvaluation->activateWindow();
    return mEvaluation;
}

} // namespace hrtem::ui
