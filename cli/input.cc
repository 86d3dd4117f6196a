#include "cli/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace kgrep {

namespace {

// Reads `fd` to its end, or to one byte past `max_bytes`. Returns 0 or the
// errno of the failed read(2). std::ifstream would take a failed read for
// the end of the file (a file in /proc, an I/O error on a failing disk).
int ReadAll(int fd, size_t size_hint, size_t max_bytes, std::string* text) {
  text->clear();
  size_t limit = max_bytes == 0 || max_bytes == SIZE_MAX ? SIZE_MAX : max_bytes + 1;
  size_t reserve = std::min(size_hint, limit);
  text->resize(std::max<size_t>(reserve + 1, 1 << 16));
  size_t used = 0;
  while (used < limit) {
    if (used == text->size()) text->resize(std::min(limit, text->size() * 2));
    size_t want = std::min(text->size(), limit) - used;
    ssize_t n = ::read(fd, text->data() + used, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      text->clear();
      return error;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  text->resize(used);
  // A stream read by doubling may hold twice what it needs; a file whose size
  // was known does not, and is not copied again.
  if (text->capacity() - used > used / 2) text->shrink_to_fit();
  return 0;
}

std::string Quoted(const std::string& path) { return path == "-" ? "standard input" : "'" + path + "'"; }

}  // namespace

std::string TooLargeError(const std::string& name, size_t max_bytes) {
  return "cannot read " + Quoted(name) + ": larger than " + std::to_string(max_bytes) +
         " bytes (--max-document-bytes)";
}

bool ReadInput(const std::string& path, std::string* text, std::string* error,
               size_t max_bytes) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    *error = "cannot read " + Quoted(path) + ": " + std::strerror(errno);
    return false;
  }
  struct stat info;
  size_t size_hint = 0;
  int failure = 0;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) failure = EISDIR;
    if (S_ISREG(info.st_mode)) size_hint = static_cast<size_t>(info.st_size);
  }
  if (failure == 0 && max_bytes != 0 && size_hint > max_bytes) {
    if (fd != STDIN_FILENO) ::close(fd);
    *error = TooLargeError(path, max_bytes);
    return false;
  }
  if (failure == 0) failure = ReadAll(fd, size_hint, max_bytes, text);
  if (fd != STDIN_FILENO) ::close(fd);
  if (failure != 0) {
    *error = "cannot read " + Quoted(path) + ": " + std::strerror(failure);
    return false;
  }
  if (max_bytes != 0 && text->size() > max_bytes) {
    text->clear();
    *error = TooLargeError(path, max_bytes);
    return false;
  }
  return true;
}

size_t TotalSize(const std::vector<std::string>& paths) {
  size_t total = 0;
  for (const std::string& path : paths) {
    struct stat st;
    if (path == "-" || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    total += static_cast<size_t>(st.st_size);
  }
  return total;
}

}  // namespace kgrep
