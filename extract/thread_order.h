// Where a thread starts its walk over a pack's patterns.
//
// RE2 builds a pattern's automaton (its DFA states) as searches need them,
// under a lock of that pattern: two threads that run the same pattern at the
// same time take turns, and the one that waited then follows the other from
// pattern to pattern, waiting again wherever a state is missing. Early in a
// run, while few states exist, that is on every pattern: the extraction
// threads, which walk the same list of patterns over their batches, built
// the automata one at a time. Starting each thread at a different place in
// the list (and wrapping round) keeps them on different patterns; the place
// is weighed by the patterns' costs, since a few large patterns take most of
// the time. Over the first 5 MB of the bench corpus, two threads went to
// sleep on a lock 17,500 times with one order, 10,500 times with starts half
// the list apart and 6,500-7,200 times with starts 62% of the programs' size
// apart; 25 MB on two threads took 2.70 s instead of 2.83 s (medians of
// five; bench/README.md). The set of the mention filter, which every batch
// runs first, is where most of the rest wait.
//
// The order of a walk must change no result: each pattern's matches go to
// the pattern's own place.

#ifndef KGREP_EXTRACT_THREAD_ORDER_H_
#define KGREP_EXTRACT_THREAD_ORDER_H_

#include <atomic>
#include <cstddef>

namespace kgrep {

// Which thread this is, in the order threads first ask: 0, 1, 2, ...
inline size_t ThreadLane() {
  static std::atomic<size_t> threads{0};
  thread_local const size_t lane = threads++;
  return lane;
}

// This thread's first index in a walk over `n` patterns, pattern i costing
// about cost(i) (any unit; the size of its program, say): where a fraction
// of the total cost lies before it, 0 on the first thread, then about 0.62,
// 0.24, 0.85, ... (steps of the golden ratio, which spread any number of
// threads evenly round the list). Walk with (first + step) % n for step in
// [0, n).
template <typename Cost>
size_t FirstOfWalk(size_t n, Cost cost) {
  constexpr double kGoldenStep = 0.6180339887498949;
  const double at = static_cast<double>(ThreadLane()) * kGoldenStep;
  const double fraction = at - static_cast<double>(static_cast<size_t>(at));
  double total = 0;
  for (size_t i = 0; i < n; ++i) total += static_cast<double>(cost(i));
  double before = 0;
  for (size_t i = 0; i < n; ++i) {
    if (before >= fraction * total) return i;
    before += static_cast<double>(cost(i));
  }
  return 0;
}

// FirstOfWalk() over `n` patterns of the same cost.
inline size_t FirstOfWalk(size_t n) {
  return FirstOfWalk(n, [](size_t) { return 1; });
}

}  // namespace kgrep

#endif  // KGREP_EXTRACT_THREAD_ORDER_H_
