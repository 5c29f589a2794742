#include "core/pipeline/live_analysis.h"

#include "core/io/io_error.h"
#include "core/io/readers.h"
#include "core/pipeline/pipeline_steps.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <deque>
#include <future>
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
    /// Drops the frames waiting in the queue (a new set-up redoes them); those running finish.
    void dropQueued()
    {
        std::lock_guard<std::mutex> lock(mMutex);
        mPending -= int(mQueue.size());
        mQueue.clear();
    }
    struct Finished {
        const MovieContext* context;
        FrameAnalysis analysis;
    };
    /// Waits up to `seconds` for a finished frame; rethrows a frame's failure.
    std::vector<Finished> takeFinished(double seconds)
    {
        std::unique_lock<std::mutex> lock(mMutex);
        mDone.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return !mFinished.empty() || mFailure; });
        if (mFailure)
            std::rethrow_exception(mFailure);
        std::vector<Finished> out;
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
                mFinished.push_back({job.context, std::move(f)});
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
    std::vector<Finished> mFinished;
    std::map<std::string, double> mSeconds;
    std::exception_ptr mFailure;
    int mPending = 0;
    bool mStop = false;
    std::vector<std::thread> mThreads;
};

/// The acquisition is over: the movie set up over all its frames [first, end), as the offline
/// analysis does; frames analysed live with a set-up that differs are done again, and the frames
/// still waiting (their pooling reaches the end) are analysed with it. Then tracks and behaviours.
AnalysisResult finishAcquisition(const FolderPoll& folderPoll, int first, int end, const AnalysisSettings& settings,
                                 const MovieContext* liveSetUp, std::vector<FrameAnalysis> frames,
                                 std::map<std::string, double> seconds, const AnalysisObserver& observer,
                                 const std::function<void(const LiveFrame&)>& onFrame, const std::function<double()>& now)
{
    std::shared_ptr<StackReader> reader = folderPoll.reader();
    AnalysisResult result = resultHeader(reader->info(), settings);
    const MovieContext full = prepareMovie(*reader, first, end, settings, result);
    if (liveSetUp == nullptr || !sameSetUp(*liveSetUp, full))
        frames.clear();
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
    result.stageSeconds = std::move(seconds);
    result.cancelled = int(result.frames.size()) < end - first;
    finishMovie(result, observer);
    result.totalSeconds = now();
    return result;
}

} // namespace

AnalysisResult watchFolder(const std::string& folder, const AnalysisSettings& settings, const LiveOptions& options,
                           const AnalysisObserver& observer, const std::function<void(const LiveFrame&)>& onFrame)
{
    const auto start = Clock::now();
    auto now = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    const int first = std::max(0, settings.firstFrame);
    const int endLimit = settings.endFrame < 0 ? INT_MAX : settings.endFrame;
    // The offline analysis settles pooling on the first 9 frames (analysis_pipeline.cpp). Live,
    // frames are analysed at once with a set-up from the first frame alone (no pooling); once 9
    // frames are in, the full set-up is made beside the analysis and, should it pool, replaces
    // the first one and the frames so far are done again.
    constexpr int kSetUpFrames = 9;
    FolderPoll folderPoll(folder, start);
    const int threads = settings.threads > 0 ? settings.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    FrameWorkers workers(threads, observer.progress.cancelFlag());
    AnalysisResult live;                                 // the set-up's header (its notes are not kept)
    std::vector<std::unique_ptr<MovieContext>> setUps;   // every one made, alive while jobs use them
    const MovieContext* context = nullptr;               // the one frames are analysed with now
    std::future<std::unique_ptr<MovieContext>> fullSetUp;
    bool fullSetUpDone = false;
    std::map<int, FrameAnalysis> finished;               // analysed, not yet handed on
    std::vector<FrameAnalysis> frames;                   // handed on, in order
    int dispatched = first, lastNew = 0;
    double lastNewAt = 0.0;
    auto makeSetUp = [&](std::shared_ptr<StackReader> reader, int end) {
        AnalysisResult header = resultHeader(reader->info(), settings);
        auto made = std::make_unique<MovieContext>(prepareMovie(*reader, first, end, settings, header));
        made->end = INT_MAX; // pooling windows are clamped at the end only once it is known
        return made;
    };
    for (;;) {
        if (folderPoll.poll()) {
            lastNewAt = now();
            lastNew = folderPoll.available();
        }
        const int available = std::min(folderPoll.available(), endLimit);
        if (!context && available > first) {
            live = resultHeader(folderPoll.reader()->info(), settings);
            setUps.push_back(makeSetUp(folderPoll.reader(), first + 1));
            context = setUps.back().get();
        }
        if (context && !fullSetUpDone && !fullSetUp.valid() && available >= first + kSetUpFrames)
            fullSetUp = std::async(std::launch::async, [&makeSetUp, first, reader = folderPoll.reader()] {
                // Below the frames' analysis: on two cores it would otherwise hold up the frames arriving.
                setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
                return makeSetUp(reader, first + kSetUpFrames);
            });
        if (fullSetUp.valid() && fullSetUp.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            std::unique_ptr<MovieContext> full = fullSetUp.get();
            fullSetUpDone = true;
            if (!sameSetUp(*context, *full)) { // it pools: the frames so far again, with it
                setUps.push_back(std::move(full));
                context = setUps.back().get();
                workers.dropQueued();
                finished.clear();
                frames.clear();
                dispatched = first;
            }
        }
        while (context && dispatched < available && lastFrameNeeded(dispatched, context->poolFrames) < available)
            workers.add(folderPoll.reader(), dispatched++, context);
        for (auto& [madeWith, analysis] : workers.takeFinished(options.pollSeconds))
            if (madeWith == context)
                finished[analysis.frame] = std::move(analysis);
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
        const bool stopped = observer.progress.cancelled() || (options.stop != nullptr && options.stop->load()) ||
                             folderPoll.available() >= endLimit ||
                             (lastNew > 0 && now() - lastNewAt > options.idleSeconds) ||
                             (lastNew == 0 && now() > options.idleSeconds * 10);
        if (stopped && workers.pending() == 0 && finished.empty() && !fullSetUp.valid())
            break;
    }
    if (folderPoll.available() <= first)
        throw IoError(folder, "no frame arrived (watched for " + std::to_string(int(now())) + " s)");
    return finishAcquisition(folderPoll, first, std::min(folderPoll.available(), endLimit), settings, context, std::move(frames),
                             workers.seconds(), observer, onFrame, now);
}

} // namespace hrtem
