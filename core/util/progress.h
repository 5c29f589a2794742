#pragma once
// The one progress and cancel token of long work in core/: how far it is (a stage name and a
// fraction of the whole), and whether it should stop. The CLI's progress bar and the window's
// BackgroundJob make one; every reader, stage, writer and evaluation takes it, and a part of a
// longer job gets a sub-token that maps its own 0..1 onto its share of the whole.
#include <atomic>
#include <functional>
#include <string>
#include <utility>

namespace hrtem {


class Progress {
public:
    using Report = std::function<void(const std::string& stage, double fraction)>;

    Progress() = default;
    Progress(Report report, const std::atomic<bool>* cancel = nullptr) : mReport(std::move(report)), mCancel(cancel) {}
    /// A token that only carries a cancel flag.
    explicit Progress(const std::atomic<bool>* cancel) : mCancel(cancel) {}
    /// A progress callback without a stage name (0..1), as the readers and writers report.
    static Progress fractions(std::function<void(double fraction)> report, const std::atomic<bool>* cancel = nullptr)
    {
        if (!report)
            return Progress(cancel);
        return Progress([report = std::move(report)](const std::string&, double f) { report(f); }, cancel);
    }

    /// `fraction` (0..1) of this token's work done, in `stage`.
    void report(const std::string& stage, double fraction) const
    {
        if (mReport)
            mReport(stage, mFrom + (mTo - mFrom) * fraction);
    }
    void report(double fraction) const { report(std::string(), fraction); }
    bool cancelled() const { return mCancel != nullptr && mCancel->load(std::memory_order_relaxed); }
    /// The flag itself, for code that polls it (nullptr: never cancelled).
    const std::atomic<bool>* cancelFlag() const { return mCancel; }
    /// The token of a part that is [from, to] of this one's work.
    Progress part(double from, double to) const
    {
        Progress p = *this;
        p.mFrom = mFrom + (mTo - mFrom) * from;
        p.mTo = mFrom + (mTo - mFrom) * to;
        return p;
    }

private:
    Report mReport;
    const std::atomic<bool>* mCancel = nullptr;
    double mFrom = 0.0, mTo = 1.0;
};

} // namespace hrtem
