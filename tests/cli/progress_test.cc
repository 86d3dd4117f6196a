#include "cli/progress.h"

#include <gtest/gtest.h>

namespace kgrep {
namespace {

ProgressState Half() {
  ProgressState s;
  s.documents = 4047;
  s.text_bytes = 51'000'000;
  s.input_bytes = 50'000'000;
  s.total_bytes = 100'000'000;
  s.seconds = 5.6;
  return s;
}

TEST(FormatDuration, MinutesAndHours) {
  EXPECT_EQ(FormatDuration(0), "0:00");
  EXPECT_EQ(FormatDuration(-3), "0:00");
  EXPECT_EQ(FormatDuration(4.2), "0:05");  // rounded up
  EXPECT_EQ(FormatDuration(59.5), "1:00");
  EXPECT_EQ(FormatDuration(750), "12:30");
  EXPECT_EQ(FormatDuration(3723), "1:02:03");
}

TEST(FormatProgress, BarPercentAndTimeLeft) {
  // Half the input in 5.6 s: as long again to go.
  EXPECT_EQ(FormatProgress(Half(), 100),
            "[###############...............]   50%  4047 documents  51.0 MB  9.1 MB/s  "
            "ETA 0:06");
}

TEST(FormatProgress, NarrowTerminals) {
  const ProgressState s = Half();
  const std::string parts = " 50%  4047 documents  51.0 MB  9.1 MB/s  ETA 0:06";
  // The bar narrows to ten columns...
  EXPECT_EQ(FormatProgress(s, parts.size() + 14), "[#####.....]  " + parts);
  // ... then goes.
  EXPECT_EQ(FormatProgress(s, parts.size() + 13), parts);
  // Then the time left, then the rate.
  EXPECT_EQ(FormatProgress(s, parts.size() - 1), " 50%  4047 documents  51.0 MB  9.1 MB/s");
  EXPECT_EQ(FormatProgress(s, 30), " 50%  4047 documents  51.0 MB");
  // The percentage and the documents stay, cut at the last column.
  EXPECT_EQ(FormatProgress(s, 10), " 50%  4047");
  for (size_t width = 0; width < 120; ++width)
    EXPECT_LE(FormatProgress(s, width).size(), width) << width;
}

TEST(FormatProgress, TimeLeftOnlyOnceItMeansSomething) {
  ProgressState s = Half();
  s.seconds = 0.5;  // mostly start-up so far
  EXPECT_NE(FormatProgress(s, 100).find("ETA --:--"), std::string::npos);
  s.seconds = 5;
  s.input_bytes = 0;
  EXPECT_NE(FormatProgress(s, 100).find("  0%"), std::string::npos);
  EXPECT_NE(FormatProgress(s, 100).find("ETA --:--"), std::string::npos);
}

TEST(FormatProgress, AllConsumed) {
  ProgressState s = Half();
  s.input_bytes = s.total_bytes;
  EXPECT_EQ(FormatProgress(s, 100).substr(0, 38),
            "[##############################]  100%");
  EXPECT_NE(FormatProgress(s, 100).find("ETA 0:00"), std::string::npos);
  // An input that grew while it was read does not go past the end.
  s.input_bytes = s.total_bytes + 10;
  EXPECT_EQ(FormatProgress(s, 100).substr(0, 38),
            "[##############################]  100%");
}

TEST(FormatProgress, UnknownTotal) {
  ProgressState s = Half();
  s.total_bytes = 0;  // standard input
  EXPECT_EQ(FormatProgress(s, 100), "4047 documents  51.0 MB  9.1 MB/s");
  s.documents = 1;
  s.text_bytes = 0;
  s.seconds = 0;
  EXPECT_EQ(FormatProgress(s, 100), "1 document  0.0 MB  0.0 MB/s");
}

}  // namespace
}  // namespace kgrep
