#pragma once
// The frames marked high or low quality in one or several movies, written as one folder of
// float TIFFs per domain for the trainer (core's image-sequence reader opens such a folder as a
// stack), and described in words for the weights' metadata and model card.
#include "core/io/stack.h"

#include <QSize>
#include <QString>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hrtem::ui {

/// One movie's marked frames and how to read them (on the training thread).
struct MarkedSource {
    QString label; ///< the movie's file name, or a simulated movie's label
    std::function<std::shared_ptr<StackReader>()> open;
    QSize frameSize;
    QVector<int> high, low;
};

/// Fewer marked frames than this in a domain is refused: the patches of one frame teach the
/// generator that frame, not the domain.
inline constexpr int kMinMarkedFrames = 2;

/// Frames of one domain (`high` or not) of every source, numbered on in `folder`. Throws
/// std::invalid_argument naming the movies when their frame sizes differ, hrtem::IoError when the
/// folder cannot be written, hrtem::Cancelled.
void writeMarkedFrames(const std::vector<MarkedSource>& sources, bool high, const std::string& folder, const std::atomic<bool>* cancel);

/// "frames 0-2, 5 of movie.tif; frames 1-3 of other.dm4".
std::string describeMarkedFrames(const std::vector<MarkedSource>& sources, bool high);
/// The same in the interface's language, for the training dialog's log (the English one goes
/// into the weights' metadata and model card).
QString displayMarkedFrames(const std::vector<MarkedSource>& sources, bool high);

/// How many frames of a domain the sources hold.
int countMarkedFrames(const std::vector<MarkedSource>& sources, bool high);

} // namespace hrtem::ui
