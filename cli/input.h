// Reading documents named on the command line.

#ifndef KGREP_CLI_INPUT_H_
#define KGREP_CLI_INPUT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace kgrep {

// The largest document read by default: 256 MiB (--max-document-bytes).
// Extraction needs about ten times a document's size in memory.
inline constexpr size_t kDefaultMaxDocumentBytes = size_t{256} << 20;

// Reads `path` ("-" = standard input) into *text. On failure returns false
// with a one-line *error: "cannot read 'x': No such file or directory",
// "cannot read 'x': Is a directory", "cannot read 'x': Input/output error",
// or, for a document of more than `max_bytes` bytes (0 = no limit), "cannot
// read 'x': larger than 268435456 bytes (--max-document-bytes)". A document
// beyond the limit is not read into memory: its size is looked up first, and
// a stream is read no further than the limit.
bool ReadInput(const std::string& path, std::string* text, std::string* error,
               size_t max_bytes = kDefaultMaxDocumentBytes);

// The total size in bytes of the files `paths`, or 0 if one of them is
// standard input ("-"), not a regular file (a pipe, a device) or cannot be
// looked up: what a progress bar can know before reading.
size_t TotalSize(const std::vector<std::string>& paths);

// The message ReadInput gives for a document beyond `max_bytes`.
std::string TooLargeError(const std::string& name, size_t max_bytes);

}  // namespace kgrep

#endif  // KGREP_CLI_INPUT_H_
