#pragma once
// The --frames A:B option of the commands that write one output frame per input frame
// (restore, segment): frames A to B-1, either end open.
#include <optional>
#include <string>

namespace hrtem::cli {

struct FrameRange {
    int first = 0, end = 0; ///< [first, end)
};

/// `text` (absent: every frame) against a stack of `frameCount` frames. Throws UsageError for
/// text that is not A:B or a range that selects no frame.
FrameRange frameRange(const std::optional<std::string>& text, int frameCount);

} // namespace hrtem::cli
