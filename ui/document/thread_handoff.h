#pragma once
// Work handed between the GUI thread and worker threads, in the two ways the documents need:
// run this on a thread pool; run that on the GUI thread (queued). Qt's thread pool and event
// queue synchronise inside Qt with futexes that ThreadSanitizer cannot see in Debian's
// uninstrumented Qt, so each hand-off here also tells TSan about the edge Qt provides
// (__tsan_release before the hand-off, __tsan_acquire where it is received; nothing in other
// builds). With these, the tsan tests check our own data across threads (issue 35).
#include <QObject>
#include <QPointer>

#include <functional>

class QThreadPool;

namespace hrtem::ui {

/// Runs `work` on `pool` (QThreadPool::globalInstance() when null).
void runInPool(QThreadPool* pool, std::function<void()> work);

/// Runs `call` on the GUI thread, queued behind what is already there, unless `receiver` is
/// gone by then (as a queued QMetaObject::invokeMethod on `receiver` would). Any thread may
/// call; a worker that may outlive the receiver passes a QPointer made on the GUI thread.
void postToGuiThread(const QPointer<QObject>& receiver, std::function<void()> call);

} // namespace hrtem::ui
