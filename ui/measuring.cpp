#include "ui/measuring.h"

#include "ui/document/analysis_document.h"
#include "ui/document/frame_data.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/frame_view.h"
#include "ui/widgets/measure_tool.h"
#include "ui/widgets/measurements_panel.h"

#include "core/util/units.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QToolBar>

#include <algorithm>
#include <cmath>

namespace hrtem::ui {

namespace {
/// An end snaps to a column within this fraction of the lattice period (or these pixels when
/// the period is unknown): near enough to mean that column, not its neighbour.
constexpr double kSnapPeriods = 0.35;
constexpr double kSnapPixels = 4.0;
} // namespace

Measuring::Measuring(MainWindow* window)
    : QObject(window), mWindow(window), mTool(new MeasureTool(this)), mPanel(new MeasurementsPanel(mTool, window)),
      mDock(new QDockWidget(window))
{
    window->frameView()->setTool(mTool);
    connect(mTool, &MeasureTool::measurementsChanged, window->frameView(), qOverload<>(&QWidget::update));
    connect(mTool, &MeasureTool::selectedChanged, window->frameView(), qOverload<>(&QWidget::update));
    mTool->setSnap([this](double x, double y) -> std::optional<MeasurePoint> {
        const AnalysisDocument* analysis = mWindow->analysis();
        const FrameAnalysis* frame = analysis->frame(mWindow->document()->currentFrame());
        if (frame == nullptr)
            return std::nullopt;
        const double period = analysis->result() ? analysis->result()->period_px : 0.0;
        const double radius = period > 0 ? std::max(2.0, kSnapPeriods * period) : kSnapPixels;
        const Atom* nearest = nullptr;
        double best = radius;
        for (const Atom& atom : frame->atoms)
            if (const double d = std::hypot(atom.x - x, atom.y - y); d <= best) {
                best = d;
                nearest = &atom;
            }
        if (nearest == nullptr)
            return std::nullopt;
        MeasurePoint p;
        p.x = nearest->x;
        p.y = nearest->y;
        p.errX = nearest->errX;
        p.errY = nearest->errY;
        p.atomId = nearest->id;
        return p;
    });
    mPanel->setFrameSource([this]() -> const cv::Mat* {
        const FrameData* data = mWindow->document()->currentFrameData();
        return data != nullptr ? &data->frame : nullptr;
    });
    StackDocument* stack = window->document();
    connect(stack, &StackDocument::stackOpened, this, &Measuring::onStackOpened);
    connect(stack, &StackDocument::frameChanged, this, [this](int frame) { mTool->setFrame(frame); });
    connect(stack, &StackDocument::frameDataReady, mPanel, &MeasurementsPanel::refresh);

    mDock->setObjectName(QStringLiteral("measurementsDock"));
    mDock->setWidget(mPanel);
    window->addDockWidget(Qt::BottomDockWidgetArea, mDock);
    if (auto* results = window->findChild<QDockWidget*>(QStringLiteral("tablesDock")))
        window->tabifyDockWidget(results, mDock);
    mDock->hide();
}

Measuring::~Measuring()
{
    mWindow->frameView()->setTool(nullptr);
}

void Measuring::createMenus()
{
    mMenu = mWindow->viewMenu()->addMenu(QString());
    mToolGroup = new QActionGroup(this);
    mToolGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    const Qt::Key keys[] = {Qt::Key_D, Qt::Key_G, Qt::Key_P};
    for (std::size_t kind = 0; kind < mToolActions.size(); ++kind) {
        QAction* action = mMenu->addAction(QString());
        action->setCheckable(true);
        action->setShortcut(QKeySequence(keys[kind]));
        action->setData(int(kind));
        mToolGroup->addAction(action);
        mToolActions[kind] = action;
    }
    connect(mToolGroup, &QActionGroup::triggered, this, &Measuring::chooseTool);
    mMenu->addSeparator();
    mClearAction = mMenu->addAction(QString());
    connect(mClearAction, &QAction::triggered, mTool, &MeasureTool::clear);
    mMenu->addAction(mDock->toggleViewAction());

    mToolBar = new QToolBar(mWindow);
    mToolBar->setObjectName(QStringLiteral("measureToolBar"));
    mToolBar->addActions(mToolGroup->actions());
    mWindow->addToolBar(Qt::TopToolBarArea, mToolBar); // beside the restoration toolbar
    mMenu->addAction(mToolBar->toggleViewAction());
    retranslate();
}

void Measuring::chooseTool(QAction* action)
{
    const bool on = action->isChecked();
    mTool->setActive(on);
    if (on) {
        mTool->setKind(MeasureTool::Kind(action->data().toInt()));
        mTool->setFrame(mWindow->document()->currentFrame());
        mDock->show();
        mDock->raise();
    }
    mWindow->frameView()->setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
    mWindow->frameView()->update();
}

void Measuring::onStackOpened()
{
    // Another movie: its own calibration, and the last movie's measurements go.
    const StackInfo& info = mWindow->document()->info();
    const std::string units = info.x.units;
    const std::optional<double> metres = metresPerUnit(units);
    if (metres && info.x.scale > 0 && info.y.scale > 0)
        mTool->setScale({info.x.scale, info.y.units == units ? info.y.scale : info.x.scale}, QString::fromStdString(units));
    else
        mTool->setScale({1.0, 1.0}, QStringLiteral("px"));
    mTool->clear();
    mPanel->setDefaultFolder(QFileInfo(mWindow->document()->path()).absolutePath());
}

void Measuring::retranslate()
{
    mDock->setWindowTitle(tr("Measurements"));
    if (mMenu == nullptr)
        return;
    mMenu->setTitle(tr("&Measure"));
    mToolBar->setWindowTitle(tr("Measure toolbar"));
    const QString texts[] = {tr("&Distance"), tr("An&gle"), tr("Line &profile")};
    const QString tips[] = {
        tr("Drag between two points; ends near a column snap to it and give the distance its error"),
        tr("Drag along the first arm to the vertex, then click the end of the second arm"),
        tr("Drag a line: its intensity profile is plotted in the Measurements dock")};
    for (std::size_t kind = 0; kind < mToolActions.size(); ++kind) {
        mToolActions[kind]->setText(texts[kind]);
        mToolActions[kind]->setToolTip(tips[kind]);
        mToolActions[kind]->setStatusTip(tips[kind]);
    }
    mClearAction->setText(tr("&Clear measurements"));
}

} // namespace hrtem::ui
