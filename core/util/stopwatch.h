#pragma once
// Wall-clock seconds for stage timings (summary.json "timings_s") and benchmarks.
#include <chrono>

namespace hrtem {

using SteadyClock = std::chrono::steady_clock;

/// Seconds since `start` on the steady clock.
inline double secondsSince(SteadyClock::time_point start)
{
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

} // namespace hrtem
