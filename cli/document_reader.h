// The documents named on the command line, one at a time and in a fixed
// order: files, directories (recursively, names matching a glob, sorted),
// standard input ("-"), and JSON Lines files holding one {"id", "text"} per
// line.

#ifndef KGREP_CLI_DOCUMENT_READER_H_
#define KGREP_CLI_DOCUMENT_READER_H_

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/input.h"

namespace kgrep {

struct InputOptions {
  std::vector<std::string> inputs;
  std::string glob = "*.txt";  // names of files taken from directories
  bool jsonl = false;          // inputs are JSON Lines, one document per line
  // A larger document (a file, or the text of a JSON line) is an error.
  // 0 = no limit.
  size_t max_document_bytes = kDefaultMaxDocumentBytes;
};

class DocumentReader {
 public:
  explicit DocumentReader(InputOptions options);
  ~DocumentReader();

  // The next document: its name (the path, or the "id" of a JSON line) and
  // its text. Returns false at the end, or on an error, with a one-line
  // message in *error ("cannot read 'x': ...", "x:12:26: invalid JSON: ...",
  // "x:12: no \"text\" key", "x:12: cannot read 'ID': larger than N bytes
  // (--max-document-bytes)"). After an error, Next() may be called again:
  // it goes on with what follows what failed (the next line of a JSON Lines
  // file, the next file, the next input).
  bool Next(std::string* name, std::string* text, std::string* error);

  // Bytes of text read so far.
  size_t bytes() const { return bytes_; }
  // Bytes of the inputs consumed so far: whole files, or JSON lines with
  // their line ends (a line's escapes make its text shorter or longer).
  size_t input_bytes() const { return input_bytes_; }
  // The size of all the inputs in bytes, looked up before reading (a second
  // walk of each directory), or 0 if one of them is standard input, a pipe,
  // or cannot be looked up (reading it will say why).
  size_t TotalBytes() const;

 private:
  struct JsonParser;  // simdjson's, kept for its buffers

  bool NextPath(std::string* path, std::string* error);

  InputOptions options_;
  size_t next_input_ = 0;
  std::vector<std::string> pending_;  // files of a directory being walked
  size_t next_pending_ = 0;
  std::unique_ptr<std::istream> jsonl_;  // the JSON Lines file being read
  std::string jsonl_name_;
  size_t jsonl_line_ = 0;
  size_t jsonl_offset_ = 0;  // of the next line in its file
  std::unique_ptr<JsonParser> json_;
  size_t bytes_ = 0;
  size_t input_bytes_ = 0;
};

}  // namespace kgrep

#endif  // KGREP_CLI_DOCUMENT_READER_H_
