#include "ui/document/thread_handoff.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

#include <utility>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#endif

namespace hrtem::ui {
namespace {

/// The hand-off of `object` to another thread: everything written before published() is
/// visible after received() (what Qt's queue guarantees; said to TSan here).
void published([[maybe_unused]] void* object)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(object);
#endif
}

void received([[maybe_unused]] void* object)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(object);
#endif
}

class PoolTask : public QRunnable {
public:
    explicit PoolTask(std::function<void()> work) : mWork(std::move(work)) { setAutoDelete(true); }
    void run() override
    {
        received(this);
        mWork();
    }

private:
    std::function<void()> mWork;
};

class CallEvent : public QEvent {
public:
    static QEvent::Type eventType()
    {
        static const QEvent::Type type = QEvent::Type(QEvent::registerEventType());
        return type;
    }
    CallEvent(const QPointer<QObject>& receiver, std::function<void()> call)
        : QEvent(eventType()), mReceiver(receiver), mCall(std::move(call))
    {
    }
    // Qt deletes an event that was never delivered (its receiver's queue dropped at exit) on
    // the GUI thread too: that is a receipt as well.
    ~CallEvent() override { received(this); }
    void deliver()
    {
        if (mReceiver)
            mCall();
    }

private:
    QPointer<QObject> mReceiver;
    std::function<void()> mCall;
};

/// Lives on the GUI thread and runs the calls posted to it, in order.
class CallDispatcher : public QObject {
public:
    bool event(QEvent* event) override
    {
        received(event); // before the first read of the event (no-op for events not ours)
        if (event->type() != CallEvent::eventType())
            return QObject::event(event);
        static_cast<CallEvent*>(event)->deliver();
        return true;
    }
};

CallDispatcher* dispatcher()
{
    // Made on first use; owned by the application (deleted with it), moved to its thread.
    static CallDispatcher* instance = [] {
        auto* d = new CallDispatcher;
        d->moveToThread(QCoreApplication::instance()->thread());
        d->setParent(QCoreApplication::instance());
        return d;
    }();
    return instance;
}

} // namespace

void runInPool(QThreadPool* pool, std::function<void()> work)
{
    dispatcher(); // made here, on the GUI thread, before any worker posts to it
    auto* task = new PoolTask(std::move(work));
    published(task);
    (pool ? pool : QThreadPool::globalInstance())->start(task);
}

void postToGuiThread(const QPointer<QObject>& receiver, std::function<void()> call)
{
    auto* event = new CallEvent(receiver, std::move(call));
    published(event);
    QCoreApplication::postEvent(dispatcher(), event);
}

} // namespace hrtem::ui
