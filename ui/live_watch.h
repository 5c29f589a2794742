#pragma once
// File → Watch folder… (issue 33): live acquisition in the window. Frames are analysed as the
// camera writes them into the chosen folder (core's watchFolder, with the Analysis panel's
// settings, off the GUI thread); a small window says how many have been analysed and how long
// after they arrived, and its button says the acquisition is over. Then the folder opens as a
// stack with the finished analysis over it: the same result hrtem analyze gives for the folder.
#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QAction;
class QProgressDialog;

namespace hrtem {
struct AnalysisResult;
}

namespace hrtem::ui {

class BackgroundJob;
class MainWindow;

class LiveWatch : public QObject {
    // Its texts are the window's (context hrtem::ui::MainWindow in translations/*.ts).
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::MainWindow)
public:
    explicit LiveWatch(MainWindow* window);
    ~LiveWatch() override;

    void createMenus();
    void retranslate();

    /// Starts watching `folder` (false while a watch runs). `idleSeconds`: no new frame for this
    /// long ends the acquisition, as the button does.
    bool watch(const QString& folder, double idleSeconds = 5.0);
    /// The acquisition is over: the frames in are finished and shown.
    void stopAcquisition();
    bool watching() const;
    int framesAnalysed() const { return mFrames.load(); }

private:
    void showDialog();
    void onFrame(int frame, double lagSeconds);

    MainWindow* mWindow;
    BackgroundJob* mJob;
    QAction* mAction = nullptr;
    QProgressDialog* mDialog = nullptr;
    QString mFolder;
    std::atomic<bool> mStop{false};
    std::atomic<int> mFrames{0};
    std::shared_ptr<AnalysisResult> mResult;
};

} // namespace hrtem::ui
