#include "app/cli/frame_range.h"

#include "app/cli/arguments.h"

#include <algorithm>

namespace hrtem::cli {

FrameRange frameRange(const std::optional<std::string>& text, int frameCount)
{
    FrameRange r{0, frameCount};
    if (!text)
        return r;
    const std::size_t colon = text->find(':');
    if (colon == std::string::npos)
        throw UsageError("--frames takes A:B, not '" + *text + "'");
    try {
        if (colon > 0)
            r.first = std::stoi(text->substr(0, colon));
        if (colon + 1 < text->size())
            r.end = std::min(r.end, std::stoi(text->substr(colon + 1)));
    } catch (const std::exception&) {
        throw UsageError("--frames: '" + *text + "' is not a frame range");
    }
    if (r.first < 0 || r.first >= r.end)
        throw UsageError("--frames " + *text + " selects none of the " + std::to_string(frameCount) + " frames");
    return r;
}

} // namespace hrtem::cli
