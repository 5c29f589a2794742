#pragma once
#include "core/image/contrast.h"
#include "core/image/fft_view.h"
#include "core/io/stack.h"
#include "ui/document/frame_data.h"

#include <QObject>
#include <QRect>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <list>
#include <memory>

namespace hrtem::ui {

/// The open stack and everything the viewer shows about it: current frame, display levels,
/// FFT region and result. Owns all file access and computation, always off the GUI thread,
/// and reports through signals; views never touch files (Tiled-style document object).
/// Frame requests are "latest wins": dragging the slider never queues up stale reads.
class StackDocument : public QObject {
    Q_OBJECT
public:
    using StackFactory = std::function<std::unique_ptr<StackReader>(const OpenOptions&)>;

    explicit StackDocument(QObject* parent = nullptr);
    ~StackDocument() override;

    /// Opens a file or folder in the background; the current stack stays until it succeeds.
    void open(const QString& path, int imageIndex = -1);
    /// Opens anything a factory makes (the demo movie), in the background.
    void openWith(const QString& label, StackFactory factory);
    void cancelOpen();
    void close();

    bool hasStack() const { return mStack != nullptr; }
    const StackInfo& info() const { return mStack->info(); }
    QString path() const { return mPath; }
    /// Makes a new reader of the open stack (same file, image and options): for work that reads
    /// frames on its own thread, such as the analysis. Null without a stack.
    StackFactory stackFactory() const { return mFactory; }

    int currentFrame() const { return mCurrent; }
    int frameCount() const { return hasStack() ? info().frameCount : 0; }
    void setCurrentFrame(int index);
    /// Null until the current frame has been read.
    const FrameData* currentFrameData() const { return mCurrentData.get(); }

    bool autoContrast() const { return mAutoContrast; }
    void setAutoContrast(bool on);
    DisplayLevels levels() const { return mLevels; }
    void setLevels(const DisplayLevels& levels); ///< switches auto-contrast off
    void setAutoContrastPercents(double lowPercent, double highPercent);
    double lowPercent() const { return mLowPercent; }
    double highPercent() const { return mHighPercent; }

    /// FFT of this region of the frame (image pixels); an empty rect means the whole frame.
    QRect fftRegion() const { return mFftRegion; }
    void setFftRegion(const QRect& region);
    const FftView* fft() const { return mFft ? mFft.get() : nullptr; }
    void setFftEnabled(bool enabled);

    /// True while a load, frame read or FFT is running or queued.
    bool isBusy() const;

Q_SIGNALS:
    void loadStarted(const QString& path);
    void loadProgress(double fraction);
    void loadFailed(const QString& path, const QString& problem);
    void stackOpened();
    void stackClosed();
    void frameChanged(int index);
    void frameDataReady();
    void frameFailed(int index, const QString& problem);
    void levelsChanged();
    void fftReady();
    void idle();

private:
    struct OpenResult;
    void startOpen(const QString& label, StackFactory factory);
    void finishOpen(const std::shared_ptr<OpenResult>& result, quint64 generation);
    void requestFrame(int index);
    void finishFrame(FrameDataPtr data, const QString& error, int index, quint64 generation);
    void applyCurrentData(FrameDataPtr data);
    void requestFft();
    void cacheInsert(const FrameDataPtr& data);
    FrameDataPtr cacheFind(int index);
    void checkIdle();

    QThreadPool mIoPool; ///< one thread: file reads happen one at a time
    std::shared_ptr<StackReader> mStack;
    QString mPath;
    StackFactory mFactory;
    quint64 mGeneration = 0; ///< bumps on every open/close; stale results are dropped
    std::shared_ptr<std::atomic<bool>> mOpenCancel;
    bool mOpening = false;

    int mCurrent = 0;
    FrameDataPtr mCurrentData;
    bool mFrameJobRunning = false;
    int mPendingFrame = -1;
    std::list<FrameDataPtr> mCache; ///< most recently used first
    std::size_t mCacheBytes = 0;

    bool mAutoContrast = true;
    DisplayLevels mLevels;
    double mLowPercent = 0.5;
    double mHighPercent = 99.5;

    QRect mFftRegion;
    bool mFftEnabled = true;
    bool mFftRunning = false;
    bool mFftDirty = false;
    std::shared_ptr<const FftView> mFft;
};

} // namespace hrtem::ui
