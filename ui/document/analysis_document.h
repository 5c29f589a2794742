#pragma once
// The analysis of the open stack, as the window holds it: one result that every view reads
// (frame overlays, tables, summary), filled frame by frame while core's analyzeStack runs on a
// worker thread, or read back from a result folder of `hrtem analyze`.
#include "core/io/stack.h"
#include "core/result/analysis_result.h"
#include "core/result/corrections.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <vector>
#include <functional>
#include <memory>

class QUndoStack;

namespace hrtem::ui {

class CorrectionCommand;

/// Owns the run: run() starts core's analyzeStack off the GUI thread on a reader of its own
/// (made by the factory, so the viewer's reads never wait for the analysis), frames arrive in
/// stack order through frameAnalysed(), and finished() hands over the complete result. cancel()
/// stops within about one frame; the frames finished before it are kept and tracked, like the
/// CLI's Ctrl-C. Everything is reported through queued signals on the GUI thread.
class AnalysisDocument : public QObject {
    Q_OBJECT
public:
    using StackFactory = std::function<std::unique_ptr<StackReader>(const OpenOptions&)>;

    explicit AnalysisDocument(QObject* parent = nullptr);
    ~AnalysisDocument() override; ///< cancels a run and waits for it

    /// Starts an analysis; false (and nothing started) while one is running.
    bool run(StackFactory factory, const AnalysisSettings& settings);
    void cancel();
    bool isRunning() const { return mRunning; }

    /// Reads a result folder of `hrtem analyze` in the background (core's readAnalysisFolder);
    /// folderRead() or failed() reports. The current result stays until the caller sets it.
    void readFolder(const QString& folder);
    /// Replaces the result (null clears), e.g. with one made elsewhere.
    void setResult(std::shared_ptr<AnalysisResult> result);
    void clear();

    /// The result so far (frames in stack order); null before any run. While a run goes on it
    /// grows; views re-read it on resultChanged()/frameAnalysed().
    std::shared_ptr<const AnalysisResult> result() const { return mResult; }
    /// Index into result()->frames of stack frame `stackFrame`, -1 when not analysed.
    int listIndexOf(int stackFrame) const;
    const FrameAnalysis* frame(int stackFrame) const;

    // ---- corrections by hand (issue 19) ----
    /// Every correction is a command on this stack (Edit → Undo/Redo, the history panel). It is
    /// emptied when the result is replaced (a new run, a folder opened).
    QUndoStack* undoStack() const { return mUndoStack; }
    /// Applies `correction` through core (applyCorrection: only what depends on it is
    /// recomputed) and puts it on the undo stack. False, with core's reason in `error` and
    /// nothing changed, when it does not apply or no finished result is there.
    bool correct(const Correction& correction, QString* error = nullptr);
    /// The corrections applied now, in order (those undone are not listed).
    const std::vector<Correction>& corrections() const { return mCorrections; }
    /// Whether corrections can be made now: a finished result that is not being written.
    bool canCorrect() const { return mResult && mCorrectable && !mRunning; }

    /// Wall time since run() and the last reported fraction of the run.
    double elapsedSeconds() const;
    double fraction() const { return mFraction; }
    /// Seconds left from the rate so far; < 0 while unknown.
    double secondsLeft() const;

Q_SIGNALS:
    void started();
    /// `stage` as core names it ("frames", "tracking", ...), `fraction` 0..1 of the whole run.
    void progress(const QString& stage, double fraction);
    /// A frame is complete and in result() (atoms, bonds, twins; tracks come at the end).
    void frameAnalysed(int stackFrame);
    /// The whole result was replaced (run finished or cancelled, folder opened, cleared).
    void resultChanged();
    /// A run ended: `cancelled` when the user stopped it (result() holds the finished frames).
    void finished(bool cancelled);
    /// A run failed: nothing usable; `problem` names the file or setting.
    void failed(const QString& problem);
    /// readFolder() finished: the result as the files hold it.
    void folderRead(std::shared_ptr<hrtem::AnalysisResult> result, const QString& folder);
    /// readFolder() failed: `problem` names the file.
    void folderFailed(const QString& folder, const QString& problem);
    /// The result was changed in place by a correction, or by undoing or redoing one: the
    /// same object, so views keep their selection and redraw what `effect` names (all of it
    /// when `effect` lists nothing).
    void resultEdited(const hrtem::CorrectionEffect& effect);

private:
    friend class CorrectionCommand;
    /// For CorrectionCommand: swap back what one correction changed (undo) and forth again
    /// (redo), without replaying the others.
    void undoCorrection(ResultChange& change, const CorrectionEffect& effect);
    void redoCorrection(const Correction& correction, ResultChange& change, const CorrectionEffect& effect);
    void resetCorrections();

    void acceptFrame(const std::shared_ptr<FrameAnalysis>& frame);
    void acceptResult(const std::shared_ptr<AnalysisResult>& result, const QString& error);

    QThreadPool mPool; ///< one thread: the run (analyzeStack parallelizes frames itself)
    std::shared_ptr<std::atomic<bool>> mCancel;
    std::shared_ptr<AnalysisResult> mResult;
    bool mRunning = false;
    bool mCancelRequested = false;
    quint64 mGeneration = 0; ///< stale reports of an earlier run are dropped
    QElapsedTimer mClock;
    double mFraction = 0.0;
    QUndoStack* mUndoStack;
    bool mCorrectable = false; ///< the result is a finished one (not a run's partial result)
    std::vector<Correction> mCorrections;
};

} // namespace hrtem::ui
