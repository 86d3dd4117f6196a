#include "graph/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

// Owns the temporary file until Commit(): closes it and removes it on every
// other path out, including an exception thrown by fill().
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!name_.empty()) ::unlink(name_.c_str());
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
  void Commit() { name_.clear(); }

 private:
  int fd_ = -1;
  std::string name_;
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
