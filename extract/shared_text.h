// SharedText: an immutable string whose copies share one buffer, and
// TextPool, which makes equal texts share one buffer.
//
// Evidence is the bulk of a large graph. One sentence or paragraph is the
// evidence of every relation found in it, and the graph keeps it once per
// edge it supports: on a 100 MB corpus, 160,000 kept evidence records held
// 77,000 distinct texts. Held as SharedText and interned by the graph, each
// distinct text is stored once, and a copy of a record costs three reference
// counts instead of three allocations.
//
// A SharedText compares and prints as its text; where a function wants
// a std::string or a std::string_view it converts to one without a copy.
// Copies may be used from any thread (the count is atomic); the text never
// changes.

#ifndef KGREP_EXTRACT_SHARED_TEXT_H_
#define KGREP_EXTRACT_SHARED_TEXT_H_

#include <compare>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kgrep {

class SharedText {
 public:
  SharedText() = default;
  SharedText(std::string text)  // NOLINT: implicit, as a std::string is
      : text_(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}
  SharedText(std::string_view text) : SharedText(std::string(text)) {}  // NOLINT
  SharedText(const char* text) : SharedText(std::string(text)) {}        // NOLINT

  const std::string& str() const { return text_ ? *text_ : Empty(); }
  operator const std::string&() const { return str(); }  // NOLINT
  operator std::string_view() const { return str(); }    // NOLINT

  bool empty() const { return !text_; }
  size_t size() const { return str().size(); }
  const char* data() const { return str().data(); }

  // How many SharedTexts hold this buffer (0 for the empty text).
  long use_count() const { return text_.use_count(); }

  friend bool operator==(const SharedText& a, const SharedText& b) {
    return a.text_ == b.text_ || a.str() == b.str();
  }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const SharedText& a, const char* b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const SharedText& a, const SharedText& b) {
    if (a.text_ == b.text_) return std::strong_ordering::equal;
    return a.str().compare(b.str()) <=> 0;
  }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& t) {
    return out << t.str();
  }

 private:
  static const std::string& Empty();

  std::shared_ptr<const std::string> text_;  // null for the empty text
};

// Hands out one SharedText per distinct text. Texts no one else holds any
// more are dropped now and then, so the pool is at most about twice what is
// in use. Not thread-safe.
class TextPool {
 public:
  // Returns a SharedText equal to `text`: the pooled one if there is one.
  SharedText Intern(std::string_view text);
  SharedText Intern(const std::string& text) { return Intern(std::string_view(text)); }
  SharedText Intern(const char* text) { return Intern(std::string_view(text)); }
  // The same, keeping `text`'s buffer if the pool has no equal text.
  SharedText Intern(const SharedText& text);
  // The pooled text equal to `text`, or null.
  const SharedText* Find(std::string_view text) const {
    auto it = pool_.find(text);
    return it == pool_.end() ? nullptr : &it->second;
  }

  size_t size() const { return pool_.size(); }

 private:
  // Pools `text`, which the pool does not hold yet.
  SharedText Add(const SharedText& text);
  // Drops the texts only the pool holds.
  void Purge();

  // Keys view the text of their value, which does not move.
  std::unordered_map<std::string_view, SharedText> pool_;
  size_t purge_at_ = 4096;
};

}  // namespace kgrep

#endif  // KGREP_EXTRACT_SHARED_TEXT_H_
