#include "extract/extraction.h"

#include <array>

namespace kgrep {

namespace {
constexpr std::array<std::string_view, kEntityTypeCount> kTypeNames = {
    "Person", "Agency", "Organization", "Country", "Initiative", "Location",
};
}  // namespace

std::string_view EntityTypeName(EntityType type) {
  return kTypeNames[static_cast<int>(type)];
}

bool ParseEntityType(std::string_view name, EntityType* type) {
  for (int i = 0; i < kEntityTypeCount; ++i) {
    if (kTypeNames[i] == name) {
      *type = static_cast<EntityType>(i);
      return true;
    }
  }
  return false;
}

std::vector<std::string> EntityTypeNames() {
  return std::vector<std::string>(kTypeNames.begin(), kTypeNames.end());
}

}  // namespace kgrep
