#pragma once
// Raw and restored frames in the window (issue 31): View → Restoration shows the current frame
// raw, restored, both side by side, or split by a line the user drags, for any restoration
// method chosen on its toolbar; the restored side outlines the regions the analysis' trust
// check flagged when the analysis restored with the same method; File → Export restored stack
// writes what `hrtem restore` writes. The restored frames come from a RestorationDocument.
#include "ui/widgets/frame_view.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <array>
#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QMenu;
class QToolBar;

namespace hrtem::ui {

class EvaluationDialog;
class MainWindow;
class RestorationDocument;
struct FrameData;

class RestorationCompare : public QObject {
    // Its texts are the window's (context hrtem::ui::MainWindow in translations/*.ts).
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::MainWindow)
public:
    enum class Mode { Raw, Restored, SideBySide, Split };
    static constexpr int kModes = 4;

    explicit RestorationCompare(MainWindow* window);
    ~RestorationCompare() override;

    /// Its View → Restoration menu, toolbar and File → Export restored stack action.
    void createMenus();
    void retranslate();

    Mode mode() const { return mMode; }
    void setMode(Mode mode);
    /// The restoration method shown (wiener, absf, nlm, bm3d, gan).
    QString method() const;
    void setMethod(const QString& method);
    RestorationDocument* document() const { return mDocument; }
    /// Shows the current frame as the mode says: the raw one with `levels`, the restored one
    /// when it is ready (asked for otherwise).
    void showFrame(const FrameData& raw, double low, double high);
    /// Whether the frame on screen shows everything the mode asks for (the restored frame too).
    bool frameComplete() const;
    /// File → Export restored stack: writes every frame restored with the method into `path`
    /// in the background (false when nothing is open or an export runs).
    bool exportRestoredStack(const QString& path);
    /// View → Restoration → Restoration evaluation…: the evaluation view (one at a time).
    EvaluationDialog* showEvaluation();

private:
    class TrustOutline;
    void updateMethodOptions();
    void refresh();
    void showExportDialog();

    MainWindow* mWindow;
    RestorationDocument* mDocument;
    std::unique_ptr<TrustOutline> mTrustOutline;
    Mode mMode = Mode::Raw;
    bool mComplete = true;
    QMenu* mMenu = nullptr;
    QActionGroup* mModeGroup = nullptr;
    std::array<QAction*, kModes> mModeActions{};
    QToolBar* mToolBar = nullptr;
    QLabel* mMethodLabel = nullptr;
    QComboBox* mMethodBox = nullptr;
    QLabel* mStatus = nullptr;
    QAction* mExportAction = nullptr;
    QAction* mEvaluateAction = nullptr;
    QPointer<EvaluationDialog> mEvaluation;
};

} // namespace hrtem::ui
