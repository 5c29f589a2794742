// File → Export movie with overlays… (issue 18): the analysed frames with their overlays as a
// TIFF stack or a video, written in the background with progress and Cancel.
#include "ui/analysis_editor.h"

#include "ui/main_window.h"

#include "core/export/overlay_movie.h"
#include "ui/document/analysis_document.h"
#include "ui/document/background_job.h"
#include "ui/document/stack_document.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>

namespace hrtem::ui {

void AnalysisEditor::createMovieExport()
{
    mMovieJob = new BackgroundJob(this);
    mExportMovieAction = new QAction(this);
    mExportMovieAction->setEnabled(false);
    connect(mExportMovieAction, &QAction::triggered, this, &AnalysisEditor::showExportMovieDialog);
    connect(mAnalysis, &AnalysisDocument::resultChanged, this, [this] {
        const auto result = mAnalysis->result();
        mExportMovieAction->setEnabled(!mAnalysis->isRunning() && result && !result->frames.empty());
    });
    connect(mAnalysis, &AnalysisDocument::started, this, [this] { mExportMovieAction->setEnabled(false); });
}

void AnalysisEditor::retranslateMovieExport()
{
    mExportMovieAction->setText(tr("Export &movie with overlays…"));
    mExportMovieAction->setStatusTip(tr("Write the analysed frames with their overlays as a TIFF stack or a video"));
}

void AnalysisEditor::showExportMovieDialog()
{
    const QString name = QFileInfo(mDocument->path()).completeBaseName() + QStringLiteral("_overlays.tif");
    const QString path = QFileDialog::getSaveFileName(mWindow, tr("Export movie with overlays"), QDir(mWindow->movieFolder()).filePath(name),
        tr("TIFF stack (*.tif *.tiff);;Video, Motion JPEG (*.avi);;Video, MPEG-4 (*.mp4)"));
    if (!path.isEmpty())
        exportOverlayMovie(path);
}

bool AnalysisEditor::exportOverlayMovie(const QString& path)
{
    const auto result = mAnalysis->result();
    if (!mDocument->hasStack() || !result || result->frames.empty() || mMovieJob->running())
        return false;
    auto* progress = new QProgressDialog(tr("Writing %1 frame(s) to %2…").arg(result->frames.size()).arg(QFileInfo(path).fileName()),
                                         tr("Cancel"), 0, 100, mWindow);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, mMovieJob, &BackgroundJob::cancel);
    connect(mMovieJob, &BackgroundJob::progress, progress, [progress](double f) { progress->setValue(int(f * 100)); });
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(mMovieJob, &BackgroundJob::finished, this,
                          [this, progress, path, connection](BackgroundJob::Outcome outcome, const QString& problem) {
                              QObject::disconnect(*connection);
                              progress->close();
                              progress->deleteLater();
                              if (outcome == BackgroundJob::Outcome::Failed)
                                  mWindow->showError(tr("Export failed"), tr("The movie could not be written."), problem);
                              else if (outcome == BackgroundJob::Outcome::Done)
                                  mWindow->statusBar()->showMessage(tr("Movie written to %1").arg(QDir::toNativeSeparators(path)), 8000);
                          });
    // Its own reader, so the view keeps reading frames while the movie is written.
    mMovieJob->start([factory = mDocument->stackFactory(), result, file = path.toStdString()](
                         const Progress& progress) {
        std::unique_ptr<StackReader> stack = factory(OpenOptions{});
        writeOverlayMovie(*stack, *result, file, {}, progress);
    });
    return true;
}

} // namespace hrtem::ui
