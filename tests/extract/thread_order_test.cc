#include "extract/thread_order.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <thread>
#include <vector>

namespace kgrep {
namespace {

// The fraction of a walk's cost that comes before lane `lane`'s first index.
double FractionOf(size_t lane) {
  const double at = static_cast<double>(lane) * 0.6180339887498949;
  return at - static_cast<double>(static_cast<size_t>(at));
}

TEST(ThreadOrderTest, EachThreadHasItsOwnLane) {
  std::vector<size_t> lanes(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < lanes.size(); ++i)
    threads.emplace_back([&lanes, i] {
      lanes[i] = ThreadLane();
      EXPECT_EQ(lanes[i], ThreadLane());  // the same on every call
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(lanes.size(), std::set<size_t>(lanes.begin(), lanes.end()).size());
  EXPECT_EQ(ThreadLane(), ThreadLane());
}

TEST(ThreadOrderTest, AWalkStartsWhereItsShareOfTheCostLies) {
  // Lanes 0 to 4 at least, each on a thread of its own.
  std::set<size_t> seen;
  for (int i = 0; i < 5; ++i) {
    std::thread([&seen] {
      const size_t lane = ThreadLane();
      seen.insert(lane);
      const double f = FractionOf(lane);
      // Ten patterns of the same cost: the first at or after f * 10.
      size_t want = 0;
      while (want < 10 && static_cast<double>(want) < f * 10) ++want;
      EXPECT_EQ(want % 10, FirstOfWalk(10)) << "lane " << lane;
      // One pattern costs as much as the nine others: every lane past
      // half the cost starts after it.
      const size_t first = FirstOfWalk(10, [](size_t i) { return i == 0 ? 9 : 1; });
      if (f == 0) {
        EXPECT_EQ(0u, first);
      } else if (f <= 0.5) {
        EXPECT_EQ(1u, first) << "lane " << lane;
      } else {
        const size_t after = 1 + static_cast<size_t>(std::ceil((f - 0.5) * 18 - 1e-9));
        EXPECT_EQ(after % 10, first) << "lane " << lane;
      }
      // Nothing to walk, or nothing that costs.
      EXPECT_EQ(0u, FirstOfWalk(0));
      EXPECT_EQ(0u, FirstOfWalk(3, [](size_t) { return 0; }));
    }).join();
  }
  EXPECT_EQ(5u, seen.size());
}

}  // namespace
}  // namespace kgrep
