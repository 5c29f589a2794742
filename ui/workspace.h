#pragma once
// What the window works on: the open stack and its analysis (the documents), the rule that an
// analysis belongs to the stack it was made from, sessions (save, reopen, autosave, recovery)
// and the scripted run of `hrtem-studio MOVIE --analyze`. No widgets of its own: dialogs and
// messages go through the window, the analysis' views through the analysis editor.
#include "core/result/analysis_settings.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QAction;
class QTimer;

namespace hrtem {
struct AnalysisResult;
struct Session;
} // namespace hrtem

namespace hrtem::ui {

class AnalysisDocument;
class AnalysisEditor;
class MainWindow;
class StackDocument;

class Workspace : public QObject {
    // Its texts are the window's (context hrtem::ui::MainWindow in translations/*.ts).
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::MainWindow)
public:
    explicit Workspace(MainWindow* window);
    ~Workspace() override;

    StackDocument* stack() const { return mStack; }
    AnalysisDocument* analysis() const { return mAnalysis; }
    /// The editor that shows the analysis; the workspace's runs, sessions and scripted
    /// exports go through it. Called once, after the editor is made.
    void attach(AnalysisEditor* editor);
    void retranslate();
    QAction* saveSessionAction() const { return mSaveSessionAction; }
    QAction* saveSessionAsAction() const { return mSaveSessionAsAction; }

    /// Opens a result folder of `hrtem analyze` over its movie (see MainWindow::openAnalysisFolder).
    void openAnalysisFolder(const QString& folder);
    /// Shows `result` over its movie: at once when that is the open stack, else once it opens
    /// (a moved movie: over the open stack when the sizes agree).
    void showResult(std::shared_ptr<hrtem::AnalysisResult> result);

    // ---- sessions (workspace_session.cpp) ----
    bool saveSession(const QString& path, QString* error);
    bool openSession(const QString& path, QString* error = nullptr);
    void showSaveSessionDialog(bool saveAs);
    QString sessionPath() const { return mSessionPath; }
    static QString recoveryPath();
    void autosave();
    bool offerRecovery();
    void setInputLocator(std::function<QString(const QString& missing)> locator) { mLocateInput = std::move(locator); }
    /// Corrections made since the session was last saved.
    bool hasUnsavedEdits() const;

    // ---- the scripted run ----
    void setScriptedAnalysis(const AnalysisSettings& settings, const QString& exportDir);
    bool isScripted() const { return mScripted; }
    /// Whether a scripted run's screenshot may be taken now: its analysis finished (or no script).
    bool scriptedAnalysisDone() const;

private:
    void createSessions();
    void onStackOpened();
    void onFolderRead(std::shared_ptr<hrtem::AnalysisResult> result, const QString& folder);
    void onAnalysisFinished(bool cancelled);
    void onAnalysisFailed(const QString& problem);
    void continuePendingSession();
    void finishScriptedRun(int exitCode, const QString& message);

    MainWindow* mWindow;
    AnalysisEditor* mEditor = nullptr;
    StackDocument* mStack;
    AnalysisDocument* mAnalysis;
    std::shared_ptr<hrtem::AnalysisResult> mPendingResult; ///< opened folder waiting for its movie

    QAction* mSaveSessionAction = nullptr;
    QAction* mSaveSessionAsAction = nullptr;
    QString mSessionPath;                            ///< where Save writes; empty until saved or opened
    std::unique_ptr<hrtem::Session> mSessionInput;   ///< input path, size and hash already computed
    std::unique_ptr<hrtem::Session> mPendingSession; ///< being reopened: waits for its stack, then its run
    QTimer* mAutosave = nullptr;
    std::function<QString(const QString&)> mLocateInput;

    bool mScripted = false; ///< --analyze: run once the stack is open, then quit
    bool mScriptedStarted = false;
    AnalysisSettings mScriptedSettings;
    QString mScriptedExportDir;
};

} // namespace hrtem::ui
