// Sessions (issue 19): File → Save session / Save session as, reopening from File → Open, the
// recent list or the command line, and autosave to a recovery file offered after a crash. The file format and its checks are core's (session.h).
#include "ui/workspace.h"

#include "ui/analysis_editor.h"
#include "ui/main_window.h"

#include "core/io/io_error.h"
#include "core/pipeline/session.h"
#include "ui/app/settings.h"
#include "ui/document/analysis_document.h"
#include "ui/document/stack_document.h"
#include "ui/widgets/analysis_overlay.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/frame_view.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

#include <nlohmann/json.hpp>

namespace hrtem::ui {

namespace {

constexpr int kAutosaveMinutes = 3;

QString sessionFilter()
{
    return Workspace::tr("HRTEM Studio sessions (*.hrtems)");
}

} // namespace

void Workspace::createSessions()
{
    mSaveSessionAction = new QAction(this);
    mSaveSessionAction->setShortcut(QKeySequence::Save);
    connect(mSaveSessionAction, &QAction::triggered, this, [this] { showSaveSessionDialog(false); });
    mSaveSessionAsAction = new QAction(this);
    mSaveSessionAsAction->setShortcut(QKeySequence::SaveAs);
    connect(mSaveSessionAsAction, &QAction::triggered, this, [this] { showSaveSessionDialog(true); });
    mAutosave = new QTimer(this);
    mAutosave->setInterval(kAutosaveMinutes * 60 * 1000);
    connect(mAutosave, &QTimer::timeout, this, &Workspace::autosave);
    mAutosave->start();
}

void Workspace::retranslate()
{
    mSaveSessionAction->setText(tr("&Save session"));
    mSaveSessionAction->setStatusTip(tr("Save the input, settings, corrections and view, to reopen them later"));
    mSaveSessionAsAction->setText(tr("Save session &as…"));
}

QString Workspace::recoveryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery.hrtems");
}

bool Workspace::saveSession(const QString& path, QString* error)
{
    const auto result = mAnalysis->result();
    const QString input = mStack->hasStack() ? QFileInfo(mStack->path()).absoluteFilePath() : QString();
    if (input.isEmpty() || !QFileInfo(input).isFile()) {
        if (error)
            *error = tr("%1: a session needs the movie as a file; this one (%2) has none: save it first (File → Simulate…)")
                         .arg(path, mStack->hasStack() ? mStack->path() : tr("no stack"));
        return false;
    }
    // The input's hash is computed once per file, not at every save and autosave.
    if (!mSessionInput || mSessionInput->inputPath != input.toStdString()) {
        mSessionInput = std::make_unique<Session>();
        mSessionInput->inputPath = input.toStdString();
    }
    try {
        recordSessionInput(*mSessionInput);
        Session s = *mSessionInput;
        s.imageIndex = mStack->info().imageIndex;
        s.settings = result && mAnalysis->canCorrect() ? result->settings : mEditor->panel()->settings();
        if (result)
            s.models = result->models;
        s.corrections = mAnalysis->corrections();
        s.view = mEditor->viewState();
        hrtem::saveSession(s, path.toStdString());
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

void Workspace::showSaveSessionDialog(bool saveAs)
{
    QString path = saveAs ? QString() : mSessionPath;
    if (path.isEmpty()) {
        const QString folder = mStack->hasStack() && QFileInfo::exists(mStack->path()) ? QFileInfo(mStack->path()).absolutePath()
                                                                                      : settings::lastFolder(QStringLiteral("sessions"));
        const QString start = folder + QLatin1Char('/') +
                              QFileInfo(mStack->hasStack() ? mStack->path() : QStringLiteral("analysis")).completeBaseName() +
                              QStringLiteral(".hrtems");
        path = QFileDialog::getSaveFileName(mWindow, tr("Save session"), start, sessionFilter());
        if (path.isEmpty())
            return;
        if (!path.endsWith(QStringLiteral(".hrtems")))
            path += QStringLiteral(".hrtems");
    }
    QString error;
    if (!saveSession(path, &error)) {
        mWindow->showError(tr("Session not saved"), tr("The session could not be saved."), error);
        return;
    }
    mSessionPath = path;
    settings::setLastFolder(QStringLiteral("sessions"), QFileInfo(path).absolutePath());
    settings::addRecentFile(QFileInfo(path).absoluteFilePath());
    mWindow->rebuildRecentMenu();
    mAnalysis->undoStack()->setClean();
    QFile::remove(recoveryPath());
    mWindow->statusBar()->showMessage(tr("Session saved to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

bool Workspace::openSession(const QString& path, QString* error)
{
    auto refuse = [&](const QString& problem) {
        if (error)
            *error = problem;
        mWindow->showError(tr("Session not opened"), tr("The session cannot be opened."), problem);
        Q_EMIT mWindow->sessionOpened(false, problem);
        return false;
    };
    Session s;
    try {
        s = loadSession(path.toStdString());
        if (sessionInputState(s) == SessionInputState::Missing) {
            const QString missing = QString::fromStdString(s.inputPath);
            const QString found = mLocateInput ? mLocateInput(missing)
                                               : QFileDialog::getOpenFileName(mWindow, tr("Where is %1 now?").arg(QFileInfo(missing).fileName()),
                                                                              settings::lastFolder(QStringLiteral("stacks")));
            if (found.isEmpty())
                return refuse(tr("%1: its input %2 is not there (moved or deleted)").arg(path, missing));
            s.inputPath = QFileInfo(found).absoluteFilePath().toStdString();
        }
        requireSessionFiles(s, path.toStdString());
    } catch (const std::exception& e) {
        return refuse(QString::fromStdString(e.what()));
    }
    mPendingSession = std::make_unique<Session>(s);
    mSessionInput = std::make_unique<Session>(s); // the hash was checked just now
    mSessionPath = path == recoveryPath() ? QString() : path;
    if (!mSessionPath.isEmpty()) {
        settings::addRecentFile(QFileInfo(path).absoluteFilePath());
        mWindow->rebuildRecentMenu();
    }
    mStack->open(QString::fromStdString(s.inputPath), s.imageIndex); // continues in onStackOpened
    return true;
}

void Workspace::continuePendingSession()
{
    const std::unique_ptr<Session> s = std::move(mPendingSession);
    QStringList refused;
    for (const Correction& c : s->corrections)
        if (!mEditor->applyCorrection(c))
            refused << QString::fromStdString(describe(c));
    mAnalysis->undoStack()->setClean();
    mEditor->applyViewState(s->view);
    for (const std::string& line : modelMismatches(*s, *mAnalysis->result()))
        mEditor->panel()->appendLog(tr("Note: %1").arg(QString::fromStdString(line)));
    if (!refused.isEmpty()) {
        const QString problem = tr("%1 correction(s) no longer apply: %2").arg(refused.size()).arg(refused.join(QStringLiteral("; ")));
        mEditor->panel()->appendLog(problem);
        Q_EMIT mWindow->sessionOpened(false, problem);
        return;
    }
    mWindow->statusBar()->showMessage(tr("Session reopened: %1 correction(s) replayed").arg(s->corrections.size()), 8000);
    Q_EMIT mWindow->sessionOpened(true, QString());
}

void Workspace::autosave()
{
    if (mAnalysis->undoStack()->isClean())
        return;
    QDir().mkpath(QFileInfo(recoveryPath()).absolutePath());
    QString error;
    if (!saveSession(recoveryPath(), &error))
        mWindow->statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 8000);
}

bool Workspace::hasUnsavedEdits() const
{
    return !mAnalysis->undoStack()->isClean();
}

bool Workspace::offerRecovery()
{
    const QFileInfo recovery(recoveryPath());
    if (!recovery.exists())
        return false;
    const auto answer = QMessageBox::question(
        mWindow, tr("Recover unsaved work"),
        tr("HRTEM Studio did not close normally. Reopen the work autosaved at %1?")
            .arg(QLocale().toString(recovery.lastModified(), QLocale::ShortFormat)),
        QMessageBox::Open | QMessageBox::Discard, QMessageBox::Open);
    if (answer != QMessageBox::Open) {
        QFile::remove(recovery.absoluteFilePath());
        return false;
    }
    return openSession(recovery.absoluteFilePath());
}

} // namespace hrtem::ui
