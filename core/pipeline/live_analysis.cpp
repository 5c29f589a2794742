#include "core/pipeline/live_analysis.h"

#include "core/io/io_error.h"
#include "core/io/readers.h"
#include "core/pipeline/pipeline_steps.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace hrtem {

namespace {

using Clock = std::chrono::steady_clock;

/// Whether two set-ups analyse a frame alike: the per-frame stages read nothing else of them.
bool sameSetUp(const MovieContext& a, const MovieContext& b)
{
    return a.period_px == b.period_px && a.latticePeriod_px == b.latticePeriod_px && a.noise.gain == b.noise.gain &&
           a.noise.offset == b.noise.offset && a.noise.readVariance == b.noise.readVariance &&
           a.localization.polarity == b.localization.polarity && a.localization.period_px == b.localization.period_px &&
           a.poolFrames == b.poolFrames && a.noLattice == b.noLattice;
}

/// The newest frame a frame's pooling window reads (poolWindow, clamped at `first` only).
int lastFrameNeeded(int frame, int poolFrames) { return frame + (poolFrames - poolFrames / 2 - 1); }

/// The folder as it is now, and how many of its frames read whole.
class FolderPoll {
public:
    FolderPoll(std::string folder, Clock::time_point start) : mFolder(std::move(folder)), mStart(start) {}

    /// Looks again; true when frames were added.
    bool poll()
    {
        std::shared_ptr<StackReader> reader;
        try {
            reader = openImageSequence(mFolder, {});
        } catch (const IoError&) {
            return false; // no frame yet, or the first still being written
        }
        int readable = mAvailable;
        while (readable < reader->info().frameCount) {
            try {
                reader->readFrame(readable);
            } catch (const std::exception&) {
                break; // being written: tried again at the next look
            }
            mSeen.push_back(std::chrono::duration<double>(Clock::now() - mStart).count());
            ++readable;
        }
        if (readable == mAvailable)
            return false;
        mReader = std::move(reader);
        mAvailable = readable;
        return true;
    }

    std::shared_ptr<StackReader> reader() const { return mReader; }
    int available() const { return mAvailable; }
    double seen(int frame) const { return mSeen[std::size_t(frame)]; }

private:
    std::string mFolder;
    Clock::time_point mStart;
    std::shared_ptr<StackReader> mReader;
    int mAvailable = 0;
    std::vector<double> mSeen;
};

/// Frames analysed by a pool of workers, handed back in any order.
class FrameWorkers {
public:
    FrameWorkers(int threads, const std::atomic<bool>* cancel) : mCancel(cancel)
    {
        for (int t = 0; t < threads; ++t)
            mThreads.emplace_back([this] { work(); });
    }
    ~FrameWorkers()
    {
        {
            std::lock_guard<std::mutex> lock(mMutex);
            mStop = true;
        }
        mWake.notify_all();
        for (std::thread& t : mThreads)
            t.join();
    }
    void add(std::shared_ptr<StackReader> reader, int frame, const MovieContext* context)
    {
        {
            std::lock_guard<std::mutex> lock(mMutex);
            mQueue.push_back({std::move(reader), frame, context});
            ++mPending;
        }
        mWake.notify_one();
    }
    /// Waits up to `seconds` for a finished frame; rethrows a frame's failure.
    std::map<int, FrameAnalysis> takeFinished(double seconds)
    {
        std::unique_lock<std::mutex> lock(mMutex);
        mDone.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return !mFinished.empty() || mFailure; });
        if (mFailure)
            std::rethrow_exception(mFailure);
        std::map<int, FrameAnalysis> out;
        out.swap(mFinished);
        return out;
    }
    int pending() const
    {
        std::lock_guard<std::mutex> lock(mMutex);
        return mPending;
    }
    std::map<std::string, double> seconds() const
    {
        std::lock_guard<std::mutex> lock(mMutex);
        return mSeconds;
    }

private:
    struct Job {
        std::shared_ptr<StackReader> reader;
        int frame;
        const MovieContext* context;
    };
    void work()
    {
        std::map<std::string, double> seconds;
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(mMutex);
                mWake.wait(lock, [&] { return mStop || !mQueue.empty(); });
                if (mStop && mQueue.empty())
                    break;
                job = std::move(mQueue.front());
                mQueue.pop_front();
            }
            try {
                std::map<std::string, double> frameSeconds;
                FrameAnalysis f = analyzeFrame(*job.reader, job.frame, *job.context, frameSeconds, mCancel);
                std::lock_guard<std::mutex> lock(mMutex);
                for (const auto& [stage, s] : frameSeconds)
                    mSeconds[stage] += s;
                mFinished[job.frame] = std::move(f);
                --mPending;
            } catch (const Cancelled&) {
                std::lock_guard<std::mutex> lock(mMutex);
                --mPending; // the watch ends with the frames finished before
            } catch (...) {
                std::lock_guard<std::mutex> lock(mMutex);
                if (!mFailure)
                    mFailure = std::current_exception();
                --mPending;
            }
            mDone.notify_all();
        }
    }

    const std::atomic<bool>* mCancel;
    mutable std::mutex mMutex;
    std::condition_variable mWake, mDone;
    std::deque<Job> mQueue;
    std::map<int, FrameAnalysis> mFinished;
    std::map<std::string, double> mSeconds;
    std::exception_ptr mFailure;
    int mPending = 0;
    bool mStop = false;
    std::vector<std::thread> mThreads;
};

} // namespace

AnalysisResult watchFolder(const std::string& folder, const AnalysisSettings& settings, const LiveOptions& options,
                           const AnalysisObserver& observer, const std::function<void(const LiveFrame&)>& onFrame)
{
    const auto start = Clock::now();
    auto now = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    const int first = std::max(0, settings.firstFrame);
    const int endLimit = settings.endFrame < 0 ? INT_MAX : settings.endFrame;
    // The offline analysis settles pooling on the first 9 frames (analysis_pipeline.cpp).
    constexpr int kSetUpFrames = 9;
    FolderPoll folderPoll(folder, start);
    const int threads = settings.threads > 0 ? settings.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    FrameWorkers workers(threads, observer.progress.cancelFlag());
    AnalysisResult live;                      // the live set-up's header (its notes are not kept)
    std::unique_ptr<MovieContext> context;    // set up once the first frames are in
    std::map<int, FrameAnalysis> finished;    // analysed, not yet handed on
    std::vector<FrameAnalysis> frames;        // handed on, in order
    int dispatched = first, lastNew = 0;
    double lastNewAt = 0.0;
    for (;;) {
        if (folderPoll.poll()) {
            lastNewAt = now();
            lastNew = folderPoll.available();
        }
        const int available = std::min(folderPoll.available(), endLimit);
        if (!context && available >= first + kSetUpFrames) {
            live = resultHeader(folderPoll.reader()->info(), settings);
            context = std::make_unique<MovieContext>(prepareMovie(*folderPoll.reader(), first, available, settings, live));
            context->end = INT_MAX; // pooling windows are clamped at the end only once it is known
        }
        while (context && dispatched < available && lastFrameNeeded(dispatched, context->poolFrames) < available)
            workers.add(folderPoll.reader(), dispatched++, context.get());
        for (auto& [frame, analysis] : workers.takeFinished(options.pollSeconds))
            finished[frame] = std::move(analysis);
        while (!finished.empty() && finished.begin()->first == first + int(frames.size())) {
            FrameAnalysis& f = finished.begin()->second;
            f.time_s = live.frameInterval_s > 0 ? f.frame * live.frameInterval_s : double(f.frame);
            if (onFrame)
                onFrame({f.frame, int(f.atoms.size()), f.quality_dB, folderPoll.seen(f.frame), now()});
            if (observer.frameReady)
                observer.frameReady(f);
            frames.push_back(std::move(f));
            finished.erase(finished.begin());
        }
        const bool stopped = observer.progress.cancelled() || folderPoll.available() >= endLimit ||
                             (lastNew > 0 && now() - lastNewAt > options.idleSeconds) ||
                             (lastNew == 0 && now() > options.idleSeconds * 10);
        if (stopped && workers.pending() == 0 && finished.empty())
            break;
    }
    if (folderPoll.available() <= first)
        throw IoError(folder, "no frame arrived (watched for " + std::to_string(int(now())) + " s)");

    // The acquisition is over: the movie set up over all its frames, as the offline analysis
    // does; the frames still waiting (their pooling reaches the end) analysed with it.
    const int end = std::min(folderPoll.available(), endLimit);
    std::shared_ptr<StackReader> reader = folderPoll.reader();
    AnalysisResult result = resultHeader(reader->info(), settings);
    const MovieContext full = prepareMovie(*reader, first, end, settings, result);
    if (!context || !sameSetUp(*context, full))
        frames.clear(); // the first frames' set-up differs from the whole movie's: analyse again
    std::map<std::string, double> seconds = workers.seconds();
    for (int i = first + int(frames.size()); i < end; ++i) {
        if (observer.progress.cancelled())
            break;
        FrameAnalysis f = analyzeFrame(*reader, i, full, seconds, observer.progress.cancelFlag());
        f.time_s = result.frameInterval_s > 0 ? i * result.frameInterval_s : double(i);
        if (onFrame)
            onFrame({f.frame, int(f.atoms.size()), f.quality_dB, folderPoll.seen(i), now()});
        frames.push_back(std::move(f));
    }
    frames.resize(std::min<std::size_t>(frames.size(), std::size_t(end - first)));
    result.frames = std::move(frames);
    result.stageSeconds = seconds;
    result.cancelled = int(result.frames.size()) < end - first;
    finishMovie(result, observer);
    result.totalSeconds = now();
    return result;
}

} // namespace hrtem
