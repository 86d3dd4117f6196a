// Graph fragments: one document's Extraction as one line of JSON, so that
// the map step (extract) and the reduce step (merge) can run apart, on any
// engine. A file of fragments is JSON Lines; files can be concatenated.
//
// One line, keys in this order (unknown keys are ignored when reading):
//
//   {"format": "kgrep-fragment", "version": 2,
//    "rules": ["my.yaml", ...],             // packs as given; [] = bundled
//    "pack": "9f86d081884c7d65",            // RulePack::digest of those packs
//    "document": "a.txt",
//    "entities": [{"label": "...", "type": "Person", "aliases": ["..."],
//                  "mentions": 2, "key": "Person:...",
//                  "apart": true}, ...],     // only if true: Entity::apart
//    "relations": [{"subject": 0, "predicate": "welcomed", "object": 1,
//                   "evidence": {"document": "a.txt", "begin": 10, "end": 42,
//                                "text": "...", "rule": "..."}}, ...]}
//
// Strings that are valid UTF-8 round-trip byte for byte (control characters
// are escaped by JSON). In a string that is not, each maximal invalid byte
// sequence is written as U+FFFD, as CleanText() does, so the graph built
// from the fragment is the graph built from the Extraction. The one
// exception is Entity::key, which the graph does not clean: two keys that
// differ only in invalid bytes would become one. `kgrep extract` never makes
// such keys, since it rejects documents that are not UTF-8.

#ifndef KGREP_GRAPH_FRAGMENT_H_
#define KGREP_GRAPH_FRAGMENT_H_

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "extract/status.h"

namespace kgrep {

// The value of "format", and the version this build writes and reads.
inline constexpr const char* kFragmentFormat = "kgrep-fragment";
// Version 2 added "pack"; version 1 parts are refused, since what they were
// extracted with cannot be told.
inline constexpr int kFragmentVersion = 2;

struct Fragment {
  // The rule packs the document was extracted with, as given on the command
  // line (empty = the bundled pack), and the digest of their contents
  // (RulePack::digest). A merge describes its output with `rules` (the least
  // of the parts', whatever their order) and refuses to mix parts whose
  // `pack` differs.
  std::vector<std::string> rules;
  std::string pack;
  Extraction extraction;
};

// The fragment as one line of JSON, without a newline.
std::string FragmentLine(const Fragment& fragment);

// Writes FragmentLine() and a newline.
void WriteFragment(const Fragment& fragment, std::ostream& out);

// Reads fragments, one per line, and passes each to sink() in file order.
// Blank lines are skipped. Stops at the first bad line, or when sink()
// returns an error, and returns that error. Errors about a line, sink()'s
// included, start with "NAME:LINE: " (LINE 1-based), or "NAME:LINE:COL: "
// (COL in characters) for invalid JSON and invalid UTF-8, e.g.
//   part.jsonl:3: "entities[1].type": unknown entity type 'Persn'; did you mean 'Person'?
//   part.jsonl:7:12: invalid JSON: syntax error while parsing value - invalid literal
//   part.jsonl:9:40: invalid UTF-8 at byte 5120 (0xC3)
// (the byte counted from the start of the stream).
// A read error of the stream is "NAME: read error". A relation whose
// subject or object is not an index into the line's entities is an error.
// If `consumed` is given, the bytes read (lines and their line ends, blank
// lines included) are added to it before each call of sink().
Status ReadFragments(std::istream& in, const std::string& name,
                     const std::function<Status(Fragment&&)>& sink, size_t* consumed = nullptr);

}  // namespace kgrep

#endif  // KGREP_GRAPH_FRAGMENT_H_
