#pragma once
// Small helpers the benchmarks share: resident memory from /proc, wall time, and (for the
// window benchmarks) running the event loop until something is done.
#include "core/util/stopwatch.h"

#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#ifdef QT_CORE_LIB
#include <QCoreApplication>
#include <QElapsedTimer>
#endif

namespace hrtem::bench {

/// A memory line of /proc/self/status ("VmRSS:", "VmHWM:") in MiB; -1 if absent.
inline double residentMiB(const char* field = "VmRSS:")
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::stod(line.substr(std::strlen(field))) / 1024.0; // kB -> MiB
    return -1.0;
}

using hrtem::secondsSince; // core/util/stopwatch.h

#ifdef QT_CORE_LIB
/// Runs the event loop until `done` holds; false after `timeoutMs`.
inline bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}
#endif

} // namespace hrtem::bench
