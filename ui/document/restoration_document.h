#pragma once
// The open stack's frames as a restoration method makes them, for the view that shows raw and
// restored side by side and for File → Export restored stack. Frames are restored off the GUI
// thread with the stack's own noise model (its first frame's, as `hrtem restore` and the analysis
// take it), the latest request first, and the last few are kept.
#include "core/restore/frame_restorer.h"
#include "ui/document/frame_data.h"

#include <QObject>
#include <QString>

#include <list>
#include <memory>

namespace hrtem::ui {

class BackgroundJob;
class StackDocument;

class RestorationDocument : public QObject {
    Q_OBJECT
public:
    explicit RestorationDocument(StackDocument* stack, QObject* parent = nullptr);
    ~RestorationDocument() override;

    /// The method (a name restore.h's parseRestoreMethod reads: wiener, absf, nlm, bm3d, gan)
    /// and its options; a change forgets the frames restored so far.
    void setMethod(const QString& method, const restore::RestorerOptions& options);
    QString method() const { return mMethod; }
    const restore::RestorerOptions& options() const { return mOptions; }

    /// Frame `index` restored, when it is ready; otherwise null, and it is requested
    /// (restoredReady or restoreFailed follow).
    FrameDataPtr restoredFrame(int index);
    /// Whether a frame is being restored or waits to be.
    bool isBusy() const;

    /// Writes frames [first, end) restored into the calibrated float TIFF `path` in the
    /// background (exportJob() reports, its finished() says how it ended); false while one runs
    /// or without a stack.
    bool exportStack(const QString& path, int first, int end);
    BackgroundJob* exportJob() const { return mExportJob; }

Q_SIGNALS:
    void restoredReady(int index);
    void restoreFailed(int index, const QString& problem);

private:
    struct Engine;
    void forget();
    void startNext();

    StackDocument* mStack;
    QString mMethod = QStringLiteral("wiener");
    restore::RestorerOptions mOptions;
    std::shared_ptr<Engine> mEngine; ///< reader, restorer and noise model of the job thread
    BackgroundJob* mJob;
    BackgroundJob* mExportJob;
    int mRunning = -1;  ///< the frame being restored, -1 for none
    int mPending = -1;  ///< the frame asked for while another was restored
    std::shared_ptr<FrameDataPtr> mResult; ///< where the running job leaves its frame
    std::list<FrameDataPtr> mCache; ///< most recent first
};

} // namespace hrtem::ui
