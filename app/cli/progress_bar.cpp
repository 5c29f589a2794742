#include "app/cli/progress_bar.h"

#include <iostream>
#include <sstream>

namespace hrtem::cli {

ProgressBar::ProgressBar(bool enabled) : mEnabled(enabled), mStart(std::chrono::steady_clock::now()) {}

void ProgressBar::update(const std::string& stage, double fraction, const std::string& detail)
{
    if (!mEnabled)
        return;
    const int percent = static_cast<int>(fraction * 100.0 + 0.5);
    if (percent == mLastPercent && stage == mLastStage)
        return;
    mLastPercent = percent;
    mLastStage = stage;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - mStart).count();
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(filled, '#');
    bar.resize(width, '-');
    std::ostringstream line;
    line << "\r" << stage << " [" << bar << "] " << percent << "%";
    if (fraction > 0.02 && fraction < 1.0)
        line << ", " << static_cast<int>(elapsed * (1.0 - fraction) / fraction + 0.5) << " s left";
    if (!detail.empty())
        line << ", " << detail;
    line << "      ";
    std::cerr << line.str() << std::flush;
}

void ProgressBar::finish()
{
    if (mEnabled)
        std::cerr << "\n";
}

} // namespace hrtem::cli
