// Writing an output file so that readers never see half of it: the content
// goes to a temporary file in the target's directory, is flushed to disk and
// then renamed over the target. Also the result type shared by the writers.

#ifndef KGREP_GRAPH_OUTPUT_FILE_H_
#define KGREP_GRAPH_OUTPUT_FILE_H_

#include <functional>
#include <ostream>
#include <string>
#include <utility>

namespace kgrep {

// The outcome of a write. `error` is one line without a trailing newline,
// meant to be printed after the program name, and is empty when ok.
struct WriteResult {
  bool ok = true;
  std::string error;

  static WriteResult Ok() { return WriteResult(); }
  static WriteResult Error(std::string message) {
    return WriteResult{false, std::move(message)};
  }
};

// Calls fill() with a stream on `path` and makes the result visible only if
// everything succeeded.
//
// - A regular file (or a new name) is written to a temporary file
//   ".<name>.tmp<random>" in the same directory, created with mode 0666 minus
//   the umask, fsync'ed, closed and renamed over `path`. A symlink at `path`
//   is replaced, not followed. On any failure the temporary file is removed
//   and `path` is left as it was.
// - An existing non-regular file (a device such as /dev/null, a FIFO) cannot
//   be replaced and is opened and written in place.
// - "-" writes to std::cout and flushes it.
//
// While a temporary file exists, SIGINT and SIGTERM remove it before the
// process dies of the signal (handlers installed with the first temporary
// file, unless the signal is ignored; a handler installed before is called
// after).
//
// fill() reports its own failures by returning an error; stream failures
// (disk full, I/O errors) are detected here. The error names the path and
// the reason, e.g. "cannot write 'out/g.graphml': No space left on device".
// A fill() error is reported as "cannot write 'PATH': " + its error.
WriteResult WriteFileAtomically(
    const std::string& path,
    const std::function<WriteResult(std::ostream&)>& fill);

}  // namespace kgrep

#endif  // KGREP_GRAPH_OUTPUT_FILE_H_
