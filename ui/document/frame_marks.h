#pragma once
// Frames the user marked high (H) or low (L) quality, for training a restoration network on
// them (issue 31): the open movie's marks, and those of movies opened before in this session,
// so that several movies can feed one training. Marks belong to a movie (its path, or the label
// of a simulated one) and come back when it is opened again.
#include "core/io/stack.h"

#include <QObject>
#include <QSize>
#include <QString>
#include <QVector>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace hrtem::ui {

enum class FrameMark { None, High, Low };

/// One movie's marks and how to read its frames again.
struct MarkedMovie {
    QString path; ///< file, folder, or a simulated movie's label
    std::function<std::unique_ptr<StackReader>(const OpenOptions&)> factory;
    QSize frameSize;
    int frameCount = 0;
    QVector<int> high, low; ///< sorted stack frames
};

class FrameMarks : public QObject {
    Q_OBJECT
public:
    explicit FrameMarks(QObject* parent = nullptr);

    /// The movie that mark() and markOf() refer to; its earlier marks come back.
    void setMovie(const QString& path, std::function<std::unique_ptr<StackReader>(const OpenOptions&)> factory, QSize frameSize,
                  int frameCount);
    void clearMovie(); ///< no movie open: mark() does nothing
    /// Marks frames first..last (inclusive, clamped to the movie) of the current movie.
    void mark(int first, int last, FrameMark mark);
    /// Marks each frame of the current movie as `marks` says (None clears), in one change.
    void setMarks(const std::vector<FrameMark>& marks);
    FrameMark markOf(int frame) const;
    QVector<int> frames(FrameMark mark) const; ///< of the current movie
    /// Every movie with at least one mark, the current one first.
    std::vector<MarkedMovie> markedMovies() const;
    void clearAll();

Q_SIGNALS:
    void changed();

private:
    std::map<QString, MarkedMovie> mMovies;
    QString mCurrent; ///< empty: none
};

} // namespace hrtem::ui
