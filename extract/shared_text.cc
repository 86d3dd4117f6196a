#include "extract/shared_text.h"

#include <algorithm>

namespace kgrep {

const std::string& SharedText::Empty() {
  static const std::string* empty = new std::string();
  return *empty;
}

SharedText TextPool::Intern(std::string_view text) {
  if (const SharedText* pooled = Find(text)) return *pooled;
  return Add(SharedText(text));
}

SharedText TextPool::Intern(const SharedText& text) {
  if (const SharedText* pooled = Find(text)) return *pooled;
  return Add(text);
}

SharedText TextPool::Add(const SharedText& text) {
  if (text.empty()) return text;
  if (pool_.size() >= purge_at_) Purge();
  pool_.emplace(text.str(), text);
  return text;
}

void TextPool::Purge() {
  std::erase_if(pool_, [](const auto& entry) { return entry.second.use_count() == 1; });
  purge_at_ = std::max<size_t>(4096, 2 * pool_.size());
}

}  // namespace kgrep
