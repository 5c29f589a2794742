#pragma once
#include <stdexcept>
#include <string>

namespace hrtem {

/// Every reader and writer reports problems with this: the message always starts with the
/// file's path, then says what is wrong in words a microscopist can act on.
class IoError : public std::runtime_error {
public:
    IoError(const std::string& path, const std::string& problem)
        : std::runtime_error(path + ": " + problem), mPath(path), mProblem(problem)
    {
    }
    const std::string& path() const noexcept { return mPath; }
    const std::string& problem() const noexcept { return mProblem; }

private:
    std::string mPath;
    std::string mProblem;
};

/// Thrown when a long job sees its cancel flag. Not an error: callers keep what was finished.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace hrtem
