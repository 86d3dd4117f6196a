// What the fuzz targets share: FUZZ_CHECK, which stops the run with a message
// when a property fails (libFuzzer then saves the input as a crash), and the
// reader that turns the fuzzer's bytes into fields.

#ifndef KGREP_TESTS_FUZZ_FUZZ_CHECK_H_
#define KGREP_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// Aborts with `what` and the place when `condition` is false. Used instead of
// assert() so that it also holds in a release build.
#define FUZZ_CHECK(condition, what)                                            \
  do {                                                                         \
    if (!(condition)) ::kgrep::fuzz::Fail(__FILE__, __LINE__, #condition, what); \
  } while (0)

namespace kgrep::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* condition,
                              const std::string& what) {
  std::fprintf(stderr, "%s:%d: check failed: %s\n  %s\n", file, line, condition,
               what.c_str());
  std::fflush(stderr);
  std::abort();
}

// `text` with bytes outside printable ASCII as \xHH, for messages.
inline std::string Quote(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out + "\"";
}

// Splits the input into NUL-separated fields: the first field is a string of
// control bytes (how many entities, which type, ...), the others are text.
// A control byte b stands for b - 1, so that a seed can say 0 without ending
// the field. Reading past the end gives 0 and "", so every input is a valid
// recipe, and seeds can be written by hand (printf '\x03\x01\0label\0...').
class Fields {
 public:
  Fields(const uint8_t* data, size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {
    control_ = Next();
  }

  // The next control byte, 0 when they are used up.
  uint8_t Byte() {
    if (position_ >= control_.size()) return 0;
    return static_cast<uint8_t>(static_cast<uint8_t>(control_[position_++]) - 1);
  }
  // A control byte reduced to [0, n).
  size_t Below(size_t n) { return n == 0 ? 0 : Byte() % n; }
  bool Flag() { return Byte() & 1; }

  // The next text field, "" when they are used up.
  std::string Text() { return std::string(Next()); }

 private:
  std::string_view Next() {
    const size_t end = rest_.find('\0');
    std::string_view field = rest_.substr(0, end);
    rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
    return field;
  }

  std::string_view rest_;
  std::string_view control_;
  size_t position_ = 0;
};

}  // namespace kgrep::fuzz

#endif  // KGREP_TESTS_FUZZ_FUZZ_CHECK_H_
