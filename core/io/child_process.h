#pragma once
// Running a risky reader step in a child process (issue 35). libhdf5 1.10.8 reads freed memory
// on some corrupted EMD object headers, inside the library where no check of ours can stop it;
// run in a forked child, such a file can end that child only, and the caller reports the file
// as damaged. fork() (no exec) keeps the program's state: the child starts at the call with
// everything the caller had, does one thing and leaves with _exit, starting no threads.
#include <chrono>
#include <functional>
#include <string>

namespace hrtem {

/// Runs `work` in a forked child and returns the text it returned. An IoError thrown in the
/// child comes back as an IoError with the same problem. Throws IoError naming `path` when the
/// child crashes ("damaged: reading <what> ended the reader process (signal 11, ...)"), exits
/// without an answer, or runs past `timeout` (it is then killed).
std::string runInChildProcess(const std::string& path, const std::string& what,
                              const std::function<std::string()>& work,
                              std::chrono::milliseconds timeout = std::chrono::minutes(2));

} // namespace hrtem
