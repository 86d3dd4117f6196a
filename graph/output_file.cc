#include "graph/output_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <mutex>
#include <iostream>
#include <random>
#include <streambuf>
#include <system_error>
#include <vector>

namespace kgrep {

namespace {

// A stream buffer over a file descriptor that remembers the errno of the
// first failed write(2), which std::ofstream does not expose.
class FdStreamBuf : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd) : fd_(fd), buffer_(1 << 16) { Reset(); }

  // 0 while every write succeeded, else the first errno.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  int sync() override { return Drain() ? 0 : -1; }

 private:
  void Reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

  bool Drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
      ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
      } else {
        p += n;
        left -= static_cast<size_t>(n);
      }
    }
    Reset();  // after an error the rest is discarded
    return error_ == 0;
  }

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

std::string Quoted(const std::string& path) { return "'" + path + "'"; }

WriteResult Failure(const std::string& path, const std::string& reason) {
  return WriteResult::Error("cannot write " + Quoted(path) + ": " + reason);
}

WriteResult ErrnoFailure(const std::string& path, int error) {
  return Failure(path, std::generic_category().message(error));
}

// Runs fill() on a stream over `fd` and reports stream errors first, then
// fill()'s own error. Does not close `fd`.
WriteResult FillFd(int fd, const std::string& path,
                   const std::function<WriteResult(std::ostream&)>& fill) {
  FdStreamBuf buffer(fd);
  std::ostream out(&buffer);
  WriteResult filled = fill(out);
  out.flush();
  if (buffer.error() != 0) return ErrnoFailure(path, buffer.error());
  if (!filled.ok) return Failure(path, filled.error);
  if (!out) return Failure(path, "write error");
  return WriteResult::Ok();
}

WriteResult WriteStandardOutput(
    const std::function<WriteResult(std::ostream&)>& fill) {
  const std::string what = "to standard output";
  errno = 0;
  WriteResult filled = fill(std::cout);
  std::cout.flush();
  if (!std::cout) {
    int error = errno;
    std::cout.clear();
    return WriteResult::Error(
        "cannot write " + what + ": " +
        (error != 0 ? std::generic_category().message(error) : "write error"));
  }
  if (!filled.ok) {
    return WriteResult::Error("cannot write " + what + ": " + filled.error);
  }
  return WriteResult::Ok();
}

WriteResult WriteInPlace(const std::string& path,
                         const std::function<WriteResult(std::ostream&)>& fill) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return ErrnoFailure(path, errno);
  WriteResult result = FillFd(fd, path, fill);
  if (::close(fd) != 0 && result.ok) result = ErrnoFailure(path, errno);
  return result;
}

// The temporary files being written, for a SIGINT or SIGTERM handler to
// remove before the process dies. A signal handler can reach nothing but
// globals, hence this one; it may only call async-signal-safe functions, so
// the names live in fixed buffers, and a slot is published by its state.
// A name longer than a slot is not registered (and not removed on a signal).
struct PendingSlot {
  std::atomic<int> state{0};  // 0 free, 1 being filled, 2 a file to remove
  char path[4096];
};
PendingSlot pending[16];

struct sigaction previous_int, previous_term;

extern "C" void RemovePendingAndDie(int signal) {
  for (PendingSlot& slot : pending)
    if (slot.state.load() == 2) ::unlink(slot.path);
  // Die of the signal, as without the handler: the shell reports 130 for
  // SIGINT and 143 for SIGTERM, and a script loop stops.
  ::sigaction(signal, signal == SIGINT ? &previous_int : &previous_term, nullptr);
  ::raise(signal);
}

void InstallSignalHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action = {};
    action.sa_handler = RemovePendingAndDie;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    action.sa_flags = SA_RESETHAND;
    for (auto [signal, previous] : {std::pair(SIGINT, &previous_int),
                                    std::pair(SIGTERM, &previous_term)}) {
      // A signal the process ignores (nohup, a background job) stays ignored.
      if (::sigaction(signal, nullptr, previous) == 0 && previous->sa_handler != SIG_IGN)
        ::sigaction(signal, &action, nullptr);
    }
  });
}

// Registers `path`; returns the slot, or -1 if none is free.
int Register(const std::string& path) {
  if (path.size() >= sizeof pending[0].path) return -1;
  InstallSignalHandlers();
  for (int i = 0; i < static_cast<int>(std::size(pending)); ++i) {
    int expected = 0;
    if (!pending[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(pending[i].path, path.c_str(), path.size() + 1);
    pending[i].state.store(2);
    return i;
  }
  return -1;
}

void Unregister(int slot) {
  if (slot >= 0) pending[slot].state.store(0);
}

// Owns the temporary file until Commit(): closes it and removes it on every
// other path out, including an exception thrown by fill() and SIGINT or
// SIGTERM.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!name_.empty()) ::unlink(name_.c_str());
    Unregister(slot_);  // after the unlink: a signal in between finds the file gone
  }

  // Creates "<dir>/.<base>.tmp<random>" exclusively. Returns 0 or an errno.
  int Create(const std::string& dir, const std::string& base) {
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
      char suffix[16];
      std::snprintf(suffix, sizeof suffix, "%08x",
                    static_cast<unsigned>(random()));
      std::string name = dir + "." + base + ".tmp" + suffix;
      int fd = ::open(name.c_str(),
                      O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
      if (fd >= 0) {
        fd_ = fd;
        name_ = std::move(name);
        slot_ = Register(name_);
        return 0;
      }
      if (errno != EEXIST) return errno;
    }
    return EEXIST;
  }

  int fd() const { return fd_; }
  const std::string& name() const { return name_; }

  // Closes the descriptor. Returns 0 or an errno.
  int Close() {
    int result = ::close(fd_) == 0 ? 0 : errno;
    fd_ = -1;
    return result;
  }

  // The file has been renamed; nothing to remove.
  void Commit() {
    name_.clear();
    Unregister(slot_);  // a signal before this unlinks a name no longer there
    slot_ = -1;
  }

 private:
  int fd_ = -1;
  std::string name_;
  int slot_ = -1;  // in `pending`, or -1
};

}  // namespace

WriteResult WriteFileAtomically(
    const std::string& path,
    const std::function<WriteResult(std::ostream&)>& fill) {
  if (path == "-") return WriteStandardOutput(fill);

  struct stat info;
  if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    return WriteInPlace(path, fill);
  }

  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string base =
      slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty()) return Failure(path, "not a file name");

  TempFile temp;
  if (int error = temp.Create(dir, base); error != 0) {
    return ErrnoFailure(path, error);
  }
  WriteResult result = FillFd(temp.fd(), path, fill);
  if (!result.ok) return result;
  if (::fsync(temp.fd()) != 0) return ErrnoFailure(path, errno);
  if (int error = temp.Close(); error != 0) return ErrnoFailure(path, error);
  if (::rename(temp.name().c_str(), path.c_str()) != 0) {
    return ErrnoFailure(path, errno);
  }
  temp.Commit();

  // Make the rename itself durable. Best effort: the data is already safe
  // and the new name visible, so a failure here is not reported.
  int dir_fd = ::open(dir.empty() ? "." : dir.c_str(),
                      O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return WriteResult::Ok();
}

}  // namespace kgrep
