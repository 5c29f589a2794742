#pragma once
// The command line's progress bar: one line on stderr, redrawn in place.
#include <chrono>
#include <string>

namespace hrtem::cli {

/// Stage, bar, percentage and time left.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    /// Redraws when the percentage or the stage changed; `detail` is appended (e.g. a loss).
    void update(const std::string& stage, double fraction, const std::string& detail = {});
    /// Ends the line.
    void finish();

private:
    bool mEnabled;
    std::chrono::steady_clock::time_point mStart;
    int mLastPercent = -1;
    std::string mLastStage;
};

} // namespace hrtem::cli
