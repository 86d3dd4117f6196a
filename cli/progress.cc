#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

namespace kgrep {

namespace {

std::string Fixed(double value) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", value);
  return b;
}

std::string Documents(size_t n) {
  return std::to_string(n) + (n == 1 ? " document" : " documents");
}

// The columns of standard error if it is a terminal, else 80.
size_t TerminalWidth() {
  struct winsize size {};
  if (isatty(STDERR_FILENO) && ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 80;
}

}  // namespace

std::string FormatDuration(double seconds) {
  const long total = seconds > 0 ? static_cast<long>(std::ceil(seconds)) : 0;
  char b[32];
  if (total >= 3600)
    std::snprintf(b, sizeof b, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(b, sizeof b, "%ld:%02ld", total / 60, total % 60);
  return b;
}

std::string FormatProgress(const ProgressState& s, size_t width) {
  const bool known = s.total_bytes > 0;
  const double fraction =
      known ? std::min(1.0, static_cast<double>(s.input_bytes) / static_cast<double>(s.total_bytes))
            : 0;
  // The parts after the bar, the least needed last.
  std::vector<std::string> parts;
  if (known) {
    char percent[8];
    std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(std::floor(fraction * 100)));
    parts.push_back(percent);
  }
  parts.push_back(Documents(s.documents));
  parts.push_back(Fixed(static_cast<double>(s.text_bytes) / 1e6) + " MB");
  parts.push_back(
      Fixed(s.seconds > 0 ? static_cast<double>(s.text_bytes) / 1e6 / s.seconds : 0.0) + " MB/s");
  if (known) {
    if (fraction >= 1)
      parts.push_back("ETA 0:00");
    else if (s.seconds >= 1 && s.input_bytes > 0)
      parts.push_back("ETA " + FormatDuration(s.seconds * (1 - fraction) / fraction));
    else
      parts.push_back("ETA --:--");
  }
  auto join = [&] {
    std::string line;
    for (const auto& p : parts) line += (line.empty() ? "" : "  ") + p;
    return line;
  };
  std::string line = join();
  while (line.size() > width && parts.size() > 2) {
    parts.pop_back();
    line = join();
  }
  if (line.size() > width) line.resize(width);
  if (!known) return line;
  // "[" bar "]  " before the parts, 10 to 30 columns of bar.
  constexpr size_t kMinBar = 10, kMaxBar = 30;
  if (line.size() + kMinBar + 4 > width) return line;
  const size_t bar = std::min(kMaxBar, width - line.size() - 4);
  const size_t full = static_cast<size_t>(std::floor(fraction * static_cast<double>(bar)));
  return "[" + std::string(full, '#') + std::string(bar - full, '.') + "]  " + line;
}

Progress::Progress(bool enabled, size_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()) {}

double Progress::Elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::Update(size_t documents, size_t text_bytes, size_t input_bytes) {
  if (!enabled_) return;
  const double now = Elapsed();
  const bool all = total_bytes_ > 0 && input_bytes >= total_bytes_;
  if (!all && last_draw_ >= 0 && now - last_draw_ < 0.1) return;
  last_draw_ = now;
  ProgressState s;
  s.documents = documents;
  s.text_bytes = text_bytes;
  s.input_bytes = input_bytes;
  s.total_bytes = total_bytes_;
  s.seconds = now;
  const std::string prefix = "kgrep: ";
  const size_t width = TerminalWidth();
  // One column spare: a line that fills the last column wraps on some terminals.
  const size_t room = width > prefix.size() + 1 ? width - prefix.size() - 1 : 0;
  std::cerr << "\r" << prefix << FormatProgress(s, room) << "\x1b[K" << std::flush;
  drawn_ = true;
}

void Progress::Finish(size_t documents, size_t text_bytes, size_t entities, size_t edges,
                      size_t skipped) {
  if (!enabled_) return;
  std::cerr << "\rkgrep: " << Documents(documents)
            << (skipped > 0 ? " (" + std::to_string(skipped) + " skipped)" : std::string())
            << ", "
            << Fixed(static_cast<double>(text_bytes) / 1e6) << " MB, " << entities
            << " entities, " << edges << " edges, " << Fixed(Elapsed()) << " s\x1b[K\n";
  drawn_ = false;
}

void Progress::Abandon() {
  if (drawn_) std::cerr << "\n";
  drawn_ = false;
}

void Progress::Print(const std::string& line) {
  if (drawn_) std::cerr << "\r\x1b[K";
  std::cerr << line << "\n" << std::flush;
  drawn_ = false;
  last_draw_ = -1;  // draw again at the next update
}

}  // namespace kgrep
