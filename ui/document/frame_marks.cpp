#include "ui/document/frame_marks.h"

#include <algorithm>

namespace hrtem::ui {

namespace {

void setMark(MarkedMovie& movie, int frame, FrameMark mark)
{
    auto drop = [frame](QVector<int>& list) { list.removeAll(frame); };
    auto add = [frame](QVector<int>& list) { list.insert(std::lower_bound(list.begin(), list.end(), frame), frame); };
    drop(movie.high);
    drop(movie.low);
    if (mark == FrameMark::High)
        add(movie.high);
    else if (mark == FrameMark::Low)
        add(movie.low);
}

} // namespace

FrameMarks::FrameMarks(QObject* parent) : QObject(parent) {}

void FrameMarks::setMovie(const QString& path, std::function<std::unique_ptr<StackReader>(const OpenOptions&)> factory,
                          QSize frameSize, int frameCount)
{
    MarkedMovie& movie = mMovies[path];
    // The same path with another size or length is another movie (a file rewritten): forget.
    if (movie.frameSize != frameSize || movie.frameCount != frameCount) {
        movie.high.clear();
        movie.low.clear();
    }
    movie.path = path;
    movie.factory = std::move(factory);
    movie.frameSize = frameSize;
    movie.frameCount = frameCount;
    mCurrent = path;
    Q_EMIT changed();
}

void FrameMarks::clearMovie()
{
    mCurrent.clear();
    Q_EMIT changed();
}

void FrameMarks::mark(int first, int last, FrameMark mark)
{
    const auto it = mMovies.find(mCurrent);
    if (mCurrent.isEmpty() || it == mMovies.end())
        return;
    first = std::max(0, std::min(first, last));
    last = std::min(it->second.frameCount - 1, std::max(first, last));
    for (int frame = first; frame <= last; ++frame)
        setMark(it->second, frame, mark);
    Q_EMIT changed();
}

void FrameMarks::setMarks(const std::vector<FrameMark>& marks)
{
    const auto it = mMovies.find(mCurrent);
    if (mCurrent.isEmpty() || it == mMovies.end())
        return;
    for (int frame = 0; frame < int(marks.size()) && frame < it->second.frameCount; ++frame)
        setMark(it->second, frame, marks[frame]);
    Q_EMIT changed();
}

FrameMark FrameMarks::markOf(int frame) const
{
    const auto it = mMovies.find(mCurrent);
    if (it == mMovies.end())
        return FrameMark::None;
    if (std::binary_search(it->second.high.begin(), it->second.high.end(), frame))
        return FrameMark::High;
    if (std::binary_search(it->second.low.begin(), it->second.low.end(), frame))
        return FrameMark::Low;
    return FrameMark::None;
}

QVector<int> FrameMarks::frames(FrameMark mark) const
{
    const auto it = mMovies.find(mCurrent);
    if (it == mMovies.end() || mark == FrameMark::None)
        return {};
    return mark == FrameMark::High ? it->second.high : it->second.low;
}

std::vector<MarkedMovie> FrameMarks::markedMovies() const
{
    std::vector<MarkedMovie> movies;
    const auto current = mMovies.find(mCurrent);
    if (current != mMovies.end() && !(current->second.high.isEmpty() && current->second.low.isEmpty()))
        movies.push_back(current->second);
    for (const auto& [path, movie] : mMovies)
        if (path != mCurrent && !(movie.high.isEmpty() && movie.low.isEmpty()))
            movies.push_back(movie);
    return movies;
}

void FrameMarks::clearAll()
{
    for (auto& [path, movie] : mMovies) {
        movie.high.clear();
        movie.low.clear();
    }
    Q_EMIT changed();
}

} // namespace hrtem::ui
