#pragma once
// Measuring in the window (issue 32): View → Measure (and the Measure toolbar) switch the frame
// view's left button to drawing distances (D), angles (G) or line profiles (P); ends snap to the
// analysis' columns of the frame shown, whose fitted errors give the distance its uncertainty;
// the Measurements dock lists them and plots the profile. The measurements are drawn into the
// exported view. Escape drops one half drawn; choosing the active tool again leaves measuring.
#include <QCoreApplication>
#include <QObject>

#include <array>

class QAction;
class QActionGroup;
class QDockWidget;
class QMenu;
class QToolBar;

namespace hrtem::ui {

class MainWindow;
class MeasureTool;
class MeasurementsPanel;

class Measuring : public QObject {
    // Its texts are the window's (context hrtem::ui::MainWindow in translations/*.ts).
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::MainWindow)
public:
    explicit Measuring(MainWindow* window);
    ~Measuring() override;

    /// View → Measure, the Measure toolbar and the Measurements dock.
    void createMenus();
    void retranslate();

    MeasureTool* tool() const { return mTool; }
    MeasurementsPanel* panel() const { return mPanel; }
    QDockWidget* dock() const { return mDock; }
    /// Distance, angle and profile, in that order (checkable; none checked: not measuring).
    QAction* toolAction(int kind) const { return mToolActions[std::size_t(kind)]; }

private:
    void onStackOpened();
    void chooseTool(QAction* action);

    MainWindow* mWindow;
    MeasureTool* mTool;
    MeasurementsPanel* mPanel;
    QDockWidget* mDock;
    QMenu* mMenu = nullptr;
    QToolBar* mToolBar = nullptr;
    QActionGroup* mToolGroup = nullptr;
    std::array<QAction*, 3> mToolActions{};
    QAction* mClearAction = nullptr;
};

} // namespace hrtem::ui
