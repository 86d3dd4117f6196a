#include "extract/shared_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace kgrep {
namespace {

TEST(SharedTextTest, BehavesAsItsText) {
  SharedText a("Mexico City");
  const std::string& s = a;
  std::string_view v = a;
  EXPECT_EQ("Mexico City", s);
  EXPECT_EQ("Mexico City", v);
  EXPECT_EQ(11u, a.size());
  EXPECT_FALSE(a.empty());
  std::ostringstream out;
  out << a;
  EXPECT_EQ("Mexico City", out.str());

  SharedText empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ("", empty.str());
  EXPECT_EQ(0, empty.use_count());
  EXPECT_EQ(empty, SharedText(std::string()));  // empty text holds no buffer either
  EXPECT_EQ(0, SharedText("").use_count());
}

TEST(SharedTextTest, CopiesShareOneBuffer) {
  SharedText a(std::string("a sentence of evidence"));
  SharedText b = a;
  EXPECT_EQ(a.data(), b.data());
  EXPECT_EQ(2, a.use_count());
}

TEST(SharedTextTest, ComparesByText) {
  // Equal texts in different buffers are equal; order is byte order.
  SharedText a("abc"), b(std::string("abc")), c("abd"), empty;
  EXPECT_NE(a.data(), b.data());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_LT(a, c);
  EXPECT_LT(empty, a);
  EXPECT_EQ(a, std::string("abc"));
  EXPECT_EQ(a, "abc");
  EXPECT_EQ("abc", a);

  std::vector<std::string> words = {"b", "", "ab", "a", "ba", "\xC3\xA9", "B"};
  std::vector<SharedText> shared(words.begin(), words.end());
  std::sort(words.begin(), words.end());
  std::sort(shared.begin(), shared.end());
  ASSERT_EQ(words.size(), shared.size());
  for (size_t i = 0; i < words.size(); ++i) EXPECT_EQ(words[i], shared[i]);
}

TEST(TextPoolTest, EqualTextsShareTheFirstBuffer) {
  TextPool pool;
  SharedText first = pool.Intern(std::string_view("The Secretary welcomed him."));
  SharedText again = pool.Intern(std::string("The Secretary welcomed him."));
  SharedText other = pool.Intern("Another sentence.");
  EXPECT_EQ(first.data(), again.data());
  EXPECT_NE(first.data(), other.data());
  EXPECT_EQ(2u, pool.size());

  // A SharedText from elsewhere keeps its buffer if the pool had none equal,
  // and is replaced by the pooled one if it had.
  SharedText outside(std::string("A third one."));
  EXPECT_EQ(outside.data(), pool.Intern(outside).data());
  SharedText copy(std::string("Another sentence."));
  EXPECT_EQ(other.data(), pool.Intern(copy).data());

  ASSERT_NE(nullptr, pool.Find("A third one."));
  EXPECT_EQ(outside.data(), pool.Find("A third one.")->data());
  EXPECT_EQ(nullptr, pool.Find("never added"));
  EXPECT_TRUE(pool.Intern("").empty());
  EXPECT_EQ(3u, pool.size());
}

TEST(TextPoolTest, DropsTextsNoOneHolds) {
  TextPool pool;
  std::vector<SharedText> held;
  // Far more texts than the first purge threshold; only every tenth is held.
  for (int i = 0; i < 100000; ++i) {
    SharedText t = pool.Intern("text number " + std::to_string(i));
    if (i % 10 == 0) held.push_back(t);
  }
  // Held texts are never dropped: they are still the pooled ones.
  for (size_t k = 0; k < held.size(); ++k) {
    const SharedText* pooled = pool.Find(held[k].str());
    ASSERT_NE(nullptr, pooled) << held[k];
    EXPECT_EQ(held[k].data(), pooled->data());
  }
  // The pool stays within about twice what is in use (10,000 texts), plus
  // what arrived since the last purge.
  EXPECT_LT(pool.size(), 3 * held.size());
  EXPECT_GE(pool.size(), held.size());
}

}  // namespace
}  // namespace kgrep
