#include "core/io/child_process.h"

#include "core/io/io_error.h"

#include <cerrno>
#include <cstring>
#include <exception>

#if defined(HRTEM_FUZZING)
#include <sanitizer/common_interface_defs.h>

#include <csignal>
#endif

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hrtem {
namespace {

// The child's answer on the pipe: one byte saying what follows, then the text.
constexpr char kResult = 'R';
constexpr char kIoError = 'E';
constexpr char kOtherError = 'X';

void writeAll(int fd, const std::string& bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += std::size_t(n);
    }
}

[[noreturn]] void runChild(int fd, const std::function<std::string()>& work)
{
#if defined(HRTEM_FUZZING)
    // In a fuzzer (fuzz/), libFuzzer's crash handlers belong to the parent: a child ended by a
    // damaged file is the isolation working, not a finding to write down.
    __sanitizer_set_death_callback(nullptr);
    for (int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE})
        std::signal(signal, SIG_DFL);
#endif
    std::string answer;
    try {
        answer = kResult + work();
    } catch (const IoError& e) {
        answer = kIoError + e.problem();
    } catch (const std::exception& e) {
        answer = kOtherError + std::string(e.what());
    } catch (...) {
        answer = std::string(1, kOtherError) + "an unknown error";
    }
    writeAll(fd, answer);
    ::close(fd);
    ::_exit(0); // no atexit handlers, no static destructors: those belong to the parent
}

/// Reads the pipe to its end; false when the deadline passes first.
bool readAll(int fd, std::string& out, std::chrono::steady_clock::time_point deadline)
{
    char buffer[65536];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, int(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return ready == 0 ? false : true;
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return true;
        out.append(buffer, std::size_t(n));
    }
}

std::string describeEnd(int status)
{
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        const char* name = ::strsignal(signal);
        return "signal " + std::to_string(signal) + (name ? std::string(", ") + name : std::string());
    }
    if (WIFEXITED(status))
        return "exit status " + std::to_string(WEXITSTATUS(status));
    return "status " + std::to_string(status);
}

} // namespace

std::string runInChildProcess(const std::string& path, const std::string& what, const std::function<std::string()>& work,
                              std::chrono::milliseconds timeout)
{
    int fds[2];
    if (::pipe(fds) != 0)
        throw IoError(path, std::string("cannot start the reader process: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int error = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw IoError(path, std::string("cannot start the reader process: ") + std::strerror(error));
    }
    if (pid == 0) {
        ::close(fds[0]);
        runChild(fds[1], work);
    }
    ::close(fds[1]);
    std::string answer;
    const bool finished = readAll(fds[0], answer, std::chrono::steady_clock::now() + timeout);
    ::close(fds[0]);
    if (!finished)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished)
        throw IoError(path, "reading " + what + " took longer than " + std::to_string(timeout.count() / 1000)
                                + " s; the reader process was stopped (the file may be damaged)");
    const bool cleanExit = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!cleanExit || answer.empty())
        throw IoError(path, "the file is damaged: reading " + what + " ended the reader process (" + describeEnd(status)
                                + "); nothing else was affected");
    const std::string text = answer.substr(1);
    if (answer[0] == kResult)
        return text;
    if (answer[0] == kIoError)
        throw IoError(path, text);
    throw IoError(path, "reading " + what + " failed: " + text);
}

} // namespace hrtem
