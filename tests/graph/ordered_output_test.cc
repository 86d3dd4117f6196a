#include "graph/ordered_output.h"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <streambuf>
#include <string>

namespace kgrep {
namespace {

// Chunk i: its number, then i % 7 dashes, so chunks differ in size.
void Chunk(size_t i, std::string* text) {
  *text += std::to_string(i);
  text->append(i % 7, '-');
  *text += '\n';
}

TEST(OrderedOutputTest, ChunksComeOutInOrderWhateverTheThreads) {
  for (size_t chunks : {0, 1, 2, 5, 1000}) {
    std::string expected;
    for (size_t i = 0; i < chunks; ++i) Chunk(i, &expected);
    for (size_t threads : {0, 1, 2, 3, 8}) {
      std::ostringstream out;
      WriteChunksInOrder(out, chunks, threads, Chunk);
      EXPECT_EQ(expected, out.str()) << chunks << " chunks, " << threads << " threads";
    }
  }
}

// A stream buffer that takes `room` bytes, then fails.
class FullDisk : public std::streambuf {
 public:
  explicit FullDisk(size_t room) : room_(room) {}
  std::string text;

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    if (text.size() >= room_) return traits_type::eof();
    text += traits_type::to_char_type(c);
    return c;
  }

 private:
  size_t room_;
};

TEST(OrderedOutputTest, AFailingStreamStopsTheWriteWithAPrefixWritten) {
  std::string whole;
  for (size_t i = 0; i < 5000; ++i) Chunk(i, &whole);
  for (size_t threads : {1, 2, 4}) {
    FullDisk disk(1000);
    std::ostream out(&disk);
    std::atomic<size_t> formatted{0};
    WriteChunksInOrder(out, 5000, threads, [&](size_t i, std::string* text) {
      ++formatted;
      Chunk(i, text);
    });
    EXPECT_FALSE(out.good()) << threads;
    EXPECT_EQ(1000u, disk.text.size()) << threads;
    EXPECT_EQ(whole.substr(0, 1000), disk.text) << threads;
    // About 150 chunks fill 1,000 bytes; no more than 2 x threads beyond
    // those are formatted.
    EXPECT_LT(formatted.load(), 200u) << threads;
  }
}

}  // namespace
}  // namespace kgrep
