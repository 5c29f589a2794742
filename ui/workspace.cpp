// The workspace: the documents, which analysis belongs to which stack, and the scripted run of
// `hrtem-studio MOVIE --analyze` (sessions: workspace_session.cpp).
#include "ui/workspace.h"

#include "core/pipeline/session.h"
#include "core/result/analysis_result.h"
#include "ui/analysis_editor.h"
#include "ui/document/analysis_document.h"
#include "ui/document/analysis_selection.h"
#include "ui/document/stack_document.h"
#include "ui/main_window.h"
#include "ui/widgets/analysis_panel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStatusBar>
#include <QTimer>

#include <iostream>

namespace hrtem::ui {

Workspace::Workspace(MainWindow* window)
    : QObject(window), mWindow(window), mStack(new StackDocument(this)), mAnalysis(new AnalysisDocument(this))
{
}

Workspace::~Workspace() = default;

void Workspace::attach(AnalysisEditor* editor)
{
    mEditor = editor;
    // After the editor's own handlers: the log and status are written before a script ends.
    connect(mStack, &StackDocument::stackOpened, this, &Workspace::onStackOpened);
    connect(mStack, &StackDocument::stackClosed, mAnalysis, &AnalysisDocument::clear);
    connect(mAnalysis, &AnalysisDocument::folderRead, this, &Workspace::onFolderRead);
    connect(mAnalysis, &AnalysisDocument::folderFailed, this, [this](const QString& folder, const QString& problem) {
        mWindow->showError(tr("Cannot open analysis"), tr("Could not open the analysis in “%1”.").arg(QDir::toNativeSeparators(folder)),
                           problem);
    });
    connect(mAnalysis, &AnalysisDocument::finished, this, &Workspace::onAnalysisFinished);
    connect(mAnalysis, &AnalysisDocument::failed, this, &Workspace::onAnalysisFailed);
    createSessions();
}

void Workspace::onStackOpened()
{
    // A result belongs to the stack it was made from: a folder opened for this movie is shown,
    // anything else goes.
    if (mPendingResult && QFileInfo(QString::fromStdString(mPendingResult->inputPath)) == QFileInfo(mStack->path()))
        mAnalysis->setResult(mPendingResult);
    else
        mAnalysis->clear();
    mPendingResult.reset();
    mEditor->stackChanged();
    if (mScripted && !mScriptedStarted) {
        mScriptedStarted = true;
        mEditor->panel()->setSettings(mScriptedSettings);
        if (!mEditor->runAnalysis())
            finishScriptedRun(1, tr("the analysis could not be started"));
    }
    // A session being reopened: its analysis runs again with its settings.
    if (mPendingSession) {
        mEditor->panel()->setSettings(mPendingSession->settings);
        if (!mEditor->runAnalysis()) {
            mPendingSession.reset();
            Q_EMIT mWindow->sessionOpened(false, tr("the analysis could not be started"));
        }
    }
}

void Workspace::onAnalysisFinished(bool cancelled)
{
    if (mPendingSession)
        continuePendingSession();
    if (!mScripted)
        return;
    if (cancelled)
        return finishScriptedRun(1, tr("the analysis was cancelled"));
    if (!mScriptedExportDir.isEmpty()) {
        QString error;
        if (!mEditor->exportAnalysisFiles(mScriptedExportDir, &error))
            return finishScriptedRun(1, error);
    }
    if (!mWindow->screenshotPending())
        return finishScriptedRun(0, QString());
    mWindow->maybeTakeScreenshot();
}

void Workspace::onAnalysisFailed(const QString& problem)
{
    if (mPendingSession) {
        mPendingSession.reset();
        Q_EMIT mWindow->sessionOpened(false, problem);
    }
    if (mScripted)
        finishScriptedRun(1, problem);
}

void Workspace::openAnalysisFolder(const QString& folder)
{
    if (mAnalysis->isRunning()) {
        mWindow->statusBar()->showMessage(tr("Cancel the running analysis first"), 8000);
        return;
    }
    mWindow->statusBar()->showMessage(tr("Reading the analysis in %1 …").arg(QDir::toNativeSeparators(folder)));
    mAnalysis->readFolder(folder);
}

void Workspace::onFolderRead(std::shared_ptr<hrtem::AnalysisResult> result, const QString& folder)
{
    mWindow->statusBar()->showMessage(tr("Analysis read from %1").arg(QDir::toNativeSeparators(folder)), 8000);
    showResult(std::move(result));
}

void Workspace::showResult(std::shared_ptr<hrtem::AnalysisResult> result)
{
    const QString movie = QString::fromStdString(result->inputPath);
    if (mStack->hasStack() && QFileInfo(movie) == QFileInfo(mStack->path())) {
        mEditor->selection()->clear();
        mAnalysis->setResult(result);
        return;
    }
    if (!QFileInfo::exists(movie)) {
        // The movie moved: the analysis fits the open stack if the sizes agree.
        if (mStack->hasStack() && !result->frames.empty() && mStack->info().width == result->width && mStack->info().height == result->height
            && mStack->frameCount() > result->frames.back().frame) {
            mEditor->selection()->clear();
            mAnalysis->setResult(result);
            mWindow->statusBar()->showMessage(tr("The analysed movie %1 was not found; the analysis is shown over the open stack")
                                         .arg(QDir::toNativeSeparators(movie)), 12000);
            return;
        }
        mWindow->showError(tr("Cannot open analysis"), tr("The movie this analysis was made from cannot be found."),
                  tr("Movie: %1\n\nOpen that movie (or one of the same size) first, then open the analysis again.")
                      .arg(QDir::toNativeSeparators(movie)));
        return;
    }
    mPendingResult = std::move(result);
    mStack->open(movie);
}

void Workspace::setScriptedAnalysis(const AnalysisSettings& settings, const QString& exportDir)
{
    mScripted = true;
    mScriptedSettings = settings;
    mScriptedExportDir = exportDir;
}

bool Workspace::scriptedAnalysisDone() const
{
    return !mScripted || (mScriptedStarted && !mAnalysis->isRunning() && mAnalysis->result());
}

void Workspace::finishScriptedRun(int exitCode, const QString& message)
{
    if (!message.isEmpty())
        std::cerr << "hrtem-studio: " << message.toStdString() << std::endl;
    // Leave the event loop once the current event is handled.
    QTimer::singleShot(0, qApp, [exitCode] { QCoreApplication::exit(exitCode); });
}

} // namespace hrtem::ui
