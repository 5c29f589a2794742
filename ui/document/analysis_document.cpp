#include "ui/document/analysis_document.h"
#include "ui/document/thread_handoff.h"

#include "ui/document/background_job.h"

#include "core/export/analysis_folder_reader.h"
#include "core/io/io_error.h"
#include "core/pipeline/analysis_pipeline.h"
#include "ui/document/correction_command.h"

#include <QUndoStack>


#include <algorithm>
#include <stdexcept>


namespace hrtem::ui {

namespace {

} // namespace

AnalysisDocument::AnalysisDocument(QObject* parent) : QObject(parent), mUndoStack(new QUndoStack(this))
{
    mPool.setMaxThreadCount(1);
}

AnalysisDocument::~AnalysisDocument()
{
    if (mCancel)
        mCancel->store(true);
    mPool.waitForDone();
}

bool AnalysisDocument::run(StackFactory factory, const AnalysisSettings& settings)
{
    if (mRunning || !factory)
        return false;
    const quint64 generation = ++mGeneration;
    mCancel = std::make_shared<std::atomic<bool>>(false);
    mCancelRequested = false;
    mRunning = true;
    mFraction = 0.0;
    mClock.start();
    mResult = std::make_shared<AnalysisResult>();
    mResult->settings = settings;
    resetCorrections();
    Q_EMIT resultChanged();
    Q_EMIT started();

    auto cancel = mCancel;
    // `this` outlives the job: the destructor cancels and waits for mPool. Reports are posted
    // to the GUI thread; progress at most every 50 ms so the event loop is never flooded.
    // The future is not kept: completion is reported through the queued calls below.
    runInPool(&mPool, [this, factory = std::move(factory), settings, cancel, generation] {
        auto result = std::make_shared<AnalysisResult>();
        QString error;
        lowerThisThreadsPriority();
        try {
            std::unique_ptr<StackReader> stack = factory(OpenOptions{});
            QElapsedTimer sinceReport;
            sinceReport.start();
            AnalysisObserver observer;
            observer.progress = Progress([this, generation, &sinceReport](const std::string& stage, double f) {
                if (sinceReport.elapsed() < 50 && f < 1.0 && stage == "frames")
                    return;
                sinceReport.restart();
                const QString s = QString::fromStdString(stage);
                postToGuiThread(this, [this, s, f, generation] {
                    if (generation != mGeneration)
                        return;
                    mFraction = f;
                    Q_EMIT progress(s, f);
                });
            }, cancel.get());
            observer.frameReady = [this, generation](const FrameAnalysis& frame) {
                auto copy = std::make_shared<FrameAnalysis>(frame);
                postToGuiThread(this, [this, copy, generation] {
                    if (generation == mGeneration)
                        acceptFrame(copy);
                });
            };
            *result = analyzeStack(*stack, settings, observer);
        } catch (const IoError& e) {
            error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        postToGuiThread(this, [this, result, error, generation] {
            if (generation == mGeneration)
                acceptResult(result, error);
        });
    });
    return true;
}

void AnalysisDocument::cancel()
{
    if (!mRunning || !mCancel)
        return;
    mCancelRequested = true;
    mCancel->store(true);
}

void AnalysisDocument::acceptFrame(const std::shared_ptr<FrameAnalysis>& frame)
{
    if (!mResult)
        return;
    mResult->frames.push_back(std::move(*frame));
    Q_EMIT frameAnalysed(mResult->frames.back().frame);
}

void AnalysisDocument::acceptResult(const std::shared_ptr<AnalysisResult>& result, const QString& error)
{
    mRunning = false;
    mCancel.reset();
    if (!error.isEmpty()) {
        mResult.reset();
        Q_EMIT resultChanged();
        Q_EMIT failed(error);
        return;
    }
    mResult = result;
    mFraction = 1.0;
    resetCorrections();
    Q_EMIT resultChanged();
    Q_EMIT finished(result->cancelled || mCancelRequested);
}

void AnalysisDocument::readFolder(const QString& folder)
{
    runInPool(&mPool, [this, folder] {
        auto result = std::make_shared<AnalysisResult>();
        QString error;
        try {
            *result = readAnalysisFolder(folder.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        postToGuiThread(this, [this, result, error, folder] {
            if (error.isEmpty())
                Q_EMIT folderRead(result, folder);
            else
                Q_EMIT folderFailed(folder, error);
        });
    });
}

void AnalysisDocument::setResult(std::shared_ptr<AnalysisResult> result)
{
    cancel();
    ++mGeneration; // a running job's reports no longer apply
    mRunning = false;
    mResult = std::move(result);
    resetCorrections();
    Q_EMIT resultChanged();
}

void AnalysisDocument::resetCorrections()
{
    mUndoStack->clear();
    mCorrections.clear();
    mCorrectable = mResult && !mRunning;
}

bool AnalysisDocument::correct(const Correction& correction, QString* error)
{
    if (!canCorrect()) {
        if (error)
            *error = tr("There is no finished analysis to correct.");
        return false;
    }
    CorrectionEffect effect;
    auto change = std::make_unique<ResultChange>();
    try {
        effect = applyCorrection(*mResult, correction, mCorrections, change.get());
    } catch (const std::invalid_argument& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    mCorrections.push_back(correction);
    // Already applied: the command's first redo, which push() calls, does nothing.
    mUndoStack->push(new CorrectionCommand(this, correction, std::move(change), effect));
    Q_EMIT resultEdited(effect);
    return true;
}

namespace {

/// What an undo or redo changed: the frames and tracks the correction touched; when the number
/// of tracks changed, their ids moved too.
CorrectionEffect swappedEffect(CorrectionEffect effect, std::size_t tracksBefore, std::size_t tracksAfter)
{
    effect.tracksRenumbered = tracksBefore != tracksAfter;
    return effect;
}

} // namespace

void AnalysisDocument::undoCorrection(ResultChange& change, const CorrectionEffect& effect)
{
    if (mCorrections.empty() || !mResult)
        return;
    const std::size_t tracks = mResult->tracking.tracks.size();
    change.undo(*mResult); // in place, so that every view's pointer stays valid
    mCorrections.pop_back();
    Q_EMIT resultEdited(swappedEffect(effect, tracks, mResult->tracking.tracks.size()));
}

void AnalysisDocument::redoCorrection(const Correction& correction, ResultChange& change, const CorrectionEffect& effect)
{
    if (!mResult)
        return;
    const std::size_t tracks = mResult->tracking.tracks.size();
    change.redo(*mResult);
    mCorrections.push_back(correction);
    Q_EMIT resultEdited(swappedEffect(effect, tracks, mResult->tracking.tracks.size()));
}

void AnalysisDocument::clear() { setResult(nullptr); }

int AnalysisDocument::listIndexOf(int stackFrame) const { return mResult ? mResult->listIndexOf(stackFrame) : -1; }

const FrameAnalysis* AnalysisDocument::frame(int stackFrame) const
{
    const int i = listIndexOf(stackFrame);
    return i < 0 ? nullptr : &mResult->frames[i];
}

double AnalysisDocument::elapsedSeconds() const { return mClock.isValid() ? mClock.elapsed() / 1000.0 : 0.0; }

double AnalysisDocument::secondsLeft() const
{
    if (!mRunning || mFraction < 0.02)
        return -1.0;
    const double elapsed = elapsedSeconds();
    return elapsed * (1.0 - mFraction) / mFraction;
}

} // namespace hrtem::ui
