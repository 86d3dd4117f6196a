// Text made in parallel, written in order: large outputs (the GraphML of a
// corpus runs to hundreds of MB) are formatted in chunks on several threads
// while the chunks already made are written.

#ifndef KGREP_GRAPH_ORDERED_OUTPUT_H_
#define KGREP_GRAPH_ORDERED_OUTPUT_H_

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace kgrep {

// Writes chunks 0 .. chunks-1 to `out` in that order; format(i, &text)
// appends chunk i to an empty `text`. With `threads` > 1, that many threads
// (no more than there are chunks) call format() concurrently, on different
// chunks, while this one writes; at most 2 x threads chunks are held at once. The output is the same for any
// number of threads. Stops early, having written a prefix, if `out` fails.
void WriteChunksInOrder(std::ostream& out, size_t chunks, size_t threads,
                        const std::function<void(size_t, std::string*)>& format);

}  // namespace kgrep

#endif  // KGREP_GRAPH_ORDERED_OUTPUT_H_
