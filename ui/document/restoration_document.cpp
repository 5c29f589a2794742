#include "ui/document/restoration_document.h"

#include "core/io/stack.h"
#include "core/locate/noise_model.h"
#include "core/restore/stack_restoration.h"
#include "ui/document/background_job.h"
#include "ui/document/stack_document.h"

namespace hrtem::ui {

namespace {
constexpr std::size_t kCachedFrames = 12;
}

/// What the restoring thread keeps between frames; replaced (never changed under a running job)
/// when the stack or the method changes.
struct RestorationDocument::Engine {
    StackDocument::StackFactory factory;
    std::string method;
    restore::RestorerOptions options;
    std::unique_ptr<StackReader> reader;
    std::unique_ptr<restore::FrameRestorer> restorer;
    NoiseModel noise;
    bool ready = false;

    void prepare()
    {
        if (ready)
            return;
        reader = factory(OpenOptions{});
        restorer = restore::makeFrameRestorer(method, options);
        noise = estimateNoiseModel(reader->readFrame(0));
        ready = true;
    }
};

RestorationDocument::RestorationDocument(StackDocument* stack, QObject* parent)
    : QObject(parent), mStack(stack), mJob(new BackgroundJob(this)), mExportJob(new BackgroundJob(this))
{
    connect(mStack, &StackDocument::stackOpened, this, &RestorationDocument::forget);
    connect(mStack, &StackDocument::stackClosed, this, &RestorationDocument::forget);
    connect(mJob, &BackgroundJob::finished, this, [this](BackgroundJob::Outcome how, const QString& problem) {
        const int index = mRunning;
        mRunning = -1;
        const FrameDataPtr frame = mResult ? *mResult : nullptr;
        mResult.reset();
        if (index >= 0 && how == BackgroundJob::Outcome::Done && frame) {
            mCache.push_front(frame);
            if (mCache.size() > kCachedFrames)
                mCache.pop_back();
            Q_EMIT restoredReady(index);
        } else if (index >= 0 && how == BackgroundJob::Outcome::Failed) {
            mPending = -1; // the same problem would come again: wait for the next request
            Q_EMIT restoreFailed(index, problem);
        }
        startNext();
    });
}

RestorationDocument::~RestorationDocument()
{
    mJob->cancelAndWait();
    mExportJob->cancelAndWait();
}

void RestorationDocument::forget()
{
    mCache.clear();
    mEngine.reset();
    mPending = -1;
    mJob->cancel(); // its frame is of the old stack or method: dropped when it ends
    mRunning = mJob->running() ? -2 : -1;
}

void RestorationDocument::setMethod(const QString& method, const restore::RestorerOptions& options)
{
    if (method == mMethod && options.gan.weights == mOptions.gan.weights && options.gan.device == mOptions.gan.device)
        return;
    mMethod = method;
    mOptions = options;
    forget();
}

FrameDataPtr RestorationDocument::restoredFrame(int index)
{
    for (auto it = mCache.begin(); it != mCache.end(); ++it)
        if ((*it)->index == index) {
            mCache.splice(mCache.begin(), mCache, it);
            return mCache.front();
        }
    if (!mStack->hasStack() || index < 0 || index >= mStack->frameCount())
        return nullptr;
    if (index != mRunning) {
        mPending = index;
        startNext();
    }
    return nullptr;
}

bool RestorationDocument::isBusy() const { return mJob->running() || mPending >= 0; }

void RestorationDocument::startNext()
{
    if (mJob->running() || mPending < 0 || !mStack->hasStack())
        return;
    if (!mEngine) {
        mEngine = std::make_shared<Engine>();
        mEngine->factory = mStack->stackFactory();
        mEngine->method = mMethod.toStdString();
        mEngine->options = mOptions;
    }
    const int index = mPending;
    mPending = -1;
    mRunning = index;
    mResult = std::make_shared<FrameDataPtr>();
    const double low = mStack->lowPercent(), high = mStack->highPercent();
    mJob->start([engine = mEngine, result = mResult, index, low, high](const Progress& progress) {
        lowerThisThreadsPriority();
        engine->prepare();
        const cv::Mat raw = engine->reader->readFrame(index);
        cv::Mat restored = engine->restorer->restore(raw, &engine->noise, progress.cancelFlag());
        *result = makeFrameData(index, std::move(restored), low, high);
    });
}

bool RestorationDocument::exportStack(const QString& path, int first, int end)
{
    if (mExportJob->running() || !mStack->hasStack())
        return false;
    const StackDocument::StackFactory factory = mStack->stackFactory();
    const std::string method = mMethod.toStdString(), out = path.toStdString();
    const restore::RestorerOptions options = mOptions;
    return mExportJob->start([factory, method, options, out, first, end](const Progress& progress) {
        lowerThisThreadsPriority();
        const std::unique_ptr<StackReader> reader = factory(OpenOptions{});
        const std::unique_ptr<restore::FrameRestorer> restorer = restore::makeFrameRestorer(method, options);
        restore::StackRestorationObserver observer;
        observer.progress = [&progress](double f) { progress.report("restore", f); };
        observer.cancel = progress.cancelFlag();
        restore::writeRestoredStack(*reader, *restorer, first, end, out, observer);
    });
}

} // namespace hrtem::ui
