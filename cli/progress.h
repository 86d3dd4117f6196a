// Progress of `kgrep extract` on standard error: one line, redrawn in place,
// with a bar that fills as the input is consumed and the time left, when the
// input's size is known (files and directories; not standard input or a
// pipe), and the documents, megabytes of text and megabytes per second; then
// a one-line summary.
//
//   kgrep: [##########..........]   51%  4047 documents  51.0 MB  9.1 MB/s  ETA 0:05
//   kgrep: 7936 documents, 100.0 MB, 27775 entities, 100230 edges, 11.2 s

#ifndef KGREP_CLI_PROGRESS_H_
#define KGREP_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <string>

namespace kgrep {

struct ProgressState {
  size_t documents = 0;    // extracted so far
  size_t text_bytes = 0;   // of their text
  size_t input_bytes = 0;  // of the input they were read from (a file, JSON lines)
  size_t total_bytes = 0;  // of all the input; 0 if unknown
  double seconds = 0;      // since reading began
};

// "0:07", "12:30", "1:02:03": `seconds` rounded up, as a time left is.
std::string FormatDuration(double seconds);

// The progress line for `s`, without "kgrep: ", in at most `width` columns:
// the bar narrows as the columns run out, then goes, then the rate and the
// time left. The time left is "--:--" until a second has passed (an earlier
// estimate is mostly start-up) and appears only with a known total.
std::string FormatProgress(const ProgressState& s, size_t width);

class Progress {
 public:
  // Silent unless `enabled`; `total_bytes` is ProgressState::total_bytes.
  Progress(bool enabled, size_t total_bytes);

  // The documents extracted so far, their text and the input they took.
  // Draws at most every 100 ms, and always when the input is all consumed.
  void Update(size_t documents, size_t text_bytes, size_t input_bytes);
  // Replaces the line by the summary; `skipped` documents (extract
  // --keep-going) are named in it when there are any.
  void Finish(size_t documents, size_t text_bytes, size_t entities, size_t edges,
              size_t skipped = 0);
  // Ends the progress line so that an error starts on a line of its own.
  void Abandon();
  // Writes `line` and a line end to standard error, enabled or not, in place
  // of the progress line if one is drawn; the next Update() draws it again
  // below.
  void Print(const std::string& line);

 private:
  double Elapsed() const;

  bool enabled_;
  bool drawn_ = false;
  size_t total_bytes_;
  std::chrono::steady_clock::time_point start_;
  double last_draw_ = -1;  // Elapsed() when last drawn
};

}  // namespace kgrep

#endif  // KGREP_CLI_PROGRESS_H_
