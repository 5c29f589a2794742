#include "ui/document/stack_document.h"
#include "ui/document/thread_handoff.h"

#include "core/io/io_error.h"

namespace hrtem::ui {

namespace {
// Decoded frames for instant back-and-forth stepping; the OS page cache holds the file data.
constexpr std::size_t kCacheBudgetBytes = std::size_t(64) << 20;
}

struct StackDocument::OpenResult {
    std::shared_ptr<StackReader> stack;
    FrameDataPtr first;
    QString label;
    StackFactory factory;
    QString error;
    bool cancelled = false;
};

StackDocument::StackDocument(QObject* parent) : QObject(parent)
{
    mIoPool.setMaxThreadCount(1);
}

StackDocument::~StackDocument()
{
    if (mOpenCancel)
        mOpenCancel->store(true);
    mIoPool.waitForDone();
}

void StackDocument::open(const QString& path, int imageIndex)
{
    const std::string file = path.toStdString();
    startOpen(path, [file, imageIndex](const OpenOptions& options) {
        OpenOptions o = options;
        o.imageIndex = imageIndex;
        return openStack(file, o);
    });
}

void StackDocument::openWith(const QString& label, StackFactory factory) { startOpen(label, std::move(factory)); }

void StackDocument::cancelOpen()
{
    if (mOpenCancel)
        mOpenCancel->store(true);
}

void StackDocument::startOpen(const QString& label, StackFactory factory)
{
    cancelOpen();
    const quint64 generation = ++mGeneration;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    mOpenCancel = cancel;
    mOpening = true;
    Q_EMIT loadStarted(label);
    const double low = mLowPercent, high = mHighPercent;
    // `this` outlives the job (the destructor waits for mIoPool); a call posted to it after it
    // is gone is dropped.
    runInPool(&mIoPool, [factory = std::move(factory), cancel, label, low, high, generation, this] {
        auto r = std::make_shared<OpenResult>();
        r->label = label;
        r->factory = factory;
        try {
            OpenOptions options;
            options.progress = Progress::fractions([this](double f) {
                postToGuiThread(this, [this, f] { Q_EMIT loadProgress(f); });
            }, cancel.get());
            r->stack = factory(options);
            r->first = loadFrameData(*r->stack, 0, low, high);
        } catch (const Cancelled&) {
            r->cancelled = true;
        } catch (const IoError& e) {
            r->error = QString::fromStdString(e.problem());
        } catch (const std::exception& e) {
            r->error = QString::fromStdString(e.what());
        }
        postToGuiThread(this, [this, r, generation] { finishOpen(r, generation); });
    });
}

void StackDocument::finishOpen(const std::shared_ptr<OpenResult>& r, quint64 generation)
{
    if (generation != mGeneration)
        return checkIdle(); // a newer open superseded this one
    mOpening = false;
    if (r->cancelled) {
        checkIdle();
        return;
    }
    if (!r->error.isEmpty()) {
        Q_EMIT loadFailed(r->label, r->error);
        checkIdle();
        return;
    }
    mStack = r->stack;
    mPath = r->label;
    mFactory = r->factory;
    mCache.clear();
    mCacheBytes = 0;
    mCurrent = 0;
    mCurrentData.reset();
    mPendingFrame = -1;
    mFft.reset();
    mFftRegion = QRect();
    Q_EMIT stackOpened();
    Q_EMIT frameChanged(0);
    cacheInsert(r->first);
    applyCurrentData(r->first);
    checkIdle();
}

void StackDocument::close()
{
    cancelOpen();
    ++mGeneration;
    mOpening = false;
    mStack.reset();
    mPath.clear();
    mFactory = nullptr;
    mCache.clear();
    mCacheBytes = 0;
    mCurrentData.reset();
    mFft.reset();
    mPendingFrame = -1;
    Q_EMIT stackClosed();
    checkIdle();
}

void StackDocument::setCurrentFrame(int index)
{
    if (!hasStack())
        return;
    index = std::clamp(index, 0, frameCount() - 1);
    if (index == mCurrent && mCurrentData && mCurrentData->index == index)
        return;
    mCurrent = index;
    Q_EMIT frameChanged(index);
    if (FrameDataPtr cached = cacheFind(index))
        applyCurrentData(cached);
    else
        requestFrame(index);
}

void StackDocument::requestFrame(int index)
{
    if (mFrameJobRunning) {
        mPendingFrame = index; // latest wins: older pending requests are forgotten
        return;
    }
    mFrameJobRunning = true;
    const quint64 generation = mGeneration;
    std::shared_ptr<StackReader> stack = mStack;
    const double low = mLowPercent, high = mHighPercent;
    runInPool(&mIoPool, [this, stack, index, low, high, generation] {
        FrameDataPtr data;
        QString error;
        try {
            data = loadFrameData(*stack, index, low, high);
        } catch (const IoError& e) {
            error = QString::fromStdString(e.problem());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        postToGuiThread(this, [this, data, error, index, generation] { finishFrame(data, error, index, generation); });
    });
}

void StackDocument::finishFrame(FrameDataPtr data, const QString& error, int index, quint64 generation)
{
    mFrameJobRunning = false;
    if (generation == mGeneration) {
        if (data) {
            cacheInsert(data);
            if (index == mCurrent)
                applyCurrentData(data);
        } else {
            Q_EMIT frameFailed(index, error);
        }
        const int pending = mPendingFrame;
        mPendingFrame = -1;
        if (pending >= 0 && !(mCurrentData && mCurrentData->index == pending)) {
            if (FrameDataPtr cached = cacheFind(pending)) {
                if (pending == mCurrent)
                    applyCurrentData(cached);
            } else {
                requestFrame(pending);
            }
        }
    }
    checkIdle();
}

void StackDocument::applyCurrentData(FrameDataPtr data)
{
    mCurrentData = std::move(data);
    if (mAutoContrast) {
        mLevels = mCurrentData->autoLevels;
        Q_EMIT levelsChanged();
    }
    Q_EMIT frameDataReady();
    requestFft();
}

void StackDocument::setAutoContrast(bool on)
{
    mAutoContrast = on;
    if (on && mCurrentData) {
        mLevels = percentileLevels(mCurrentData->frame, mLowPercent, mHighPercent);
        Q_EMIT levelsChanged();
    }
}

void StackDocument::setLevels(const DisplayLevels& levels)
{
    mAutoContrast = false;
    mLevels = levels;
    if (!(mLevels.high > mLevels.low))
        mLevels.high = mLevels.low + 1e-6 * std::max(1.0, std::abs(mLevels.low));
    Q_EMIT levelsChanged();
}

void StackDocument::setAutoContrastPercents(double lowPercent, double highPercent)
{
    mLowPercent = std::clamp(lowPercent, 0.0, 49.0);
    mHighPercent = std::clamp(highPercent, 51.0, 100.0);
    // Cached frames carry levels for the old percentiles: recompute on use.
    mCache.clear();
    mCacheBytes = 0;
    if (mCurrentData) {
        auto updated = std::make_shared<FrameData>(*mCurrentData);
        updated->autoLevels = percentileLevels(updated->frame, mLowPercent, mHighPercent);
        mCurrentData = updated;
        cacheInsert(updated);
    }
    setAutoContrast(true);
}

void StackDocument::setFftRegion(const QRect& region)
{
    mFftRegion = region;
    requestFft();
}

void StackDocument::setFftEnabled(bool enabled)
{
    mFftEnabled = enabled;
    if (enabled)
        requestFft();
}

void StackDocument::requestFft()
{
    if (!mFftEnabled || !mCurrentData)
        return;
    if (mFftRunning) {
        mFftDirty = true;
        return;
    }
    mFftRunning = true;
    mFftDirty = false;
    const cv::Mat frame = mCurrentData->frame;
    const cv::Rect region(mFftRegion.x(), mFftRegion.y(), mFftRegion.width(), mFftRegion.height());
    const AxisCalibration x = info().x;
    const quint64 generation = mGeneration;
    // The global pool is not waited for: the document may be gone when the FFT is done.
    runInPool(nullptr, [self = QPointer<QObject>(this), this, frame, region, x, generation] {
        auto fft = std::make_shared<const FftView>(computeFftView(frame, region, x));
        postToGuiThread(self, [this, fft, generation] {
            mFftRunning = false;
            if (generation == mGeneration) {
                mFft = fft;
                if (mFftDirty)
                    requestFft();
                else
                    Q_EMIT fftReady();
            }
            checkIdle();
        });
    });
}

void StackDocument::cacheInsert(const FrameDataPtr& data)
{
    for (auto it = mCache.begin(); it != mCache.end(); ++it)
        if ((*it)->index == data->index) {
            mCacheBytes -= (*it)->bytes();
            mCache.erase(it);
            break;
        }
    mCache.push_front(data);
    mCacheBytes += data->bytes();
    while (mCacheBytes > kCacheBudgetBytes && mCache.size() > 1) {
        mCacheBytes -= mCache.back()->bytes();
        mCache.pop_back();
    }
}

FrameDataPtr StackDocument::cacheFind(int index)
{
    for (auto it = mCache.begin(); it != mCache.end(); ++it)
        if ((*it)->index == index) {
            FrameDataPtr found = *it;
            mCache.splice(mCache.begin(), mCache, it);
            return found;
        }
    return nullptr;
}

bool StackDocument::isBusy() const { return mOpening || mFrameJobRunning || mPendingFrame >= 0 || mFftRunning; }

void StackDocument::checkIdle()
{
    if (!isBusy())
        Q_EMIT idle();
}

} // namespace hrtem::ui
