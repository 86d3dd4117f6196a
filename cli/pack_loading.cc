#include "cli/pack_loading.h"

#include <filesystem>
#include <iostream>

namespace kgrep {

std::string DefaultPackPath(const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path source = fs::path(KGREP_RULES_DIR) / "diplomacy.yaml";
  if (fs::exists(source, ec)) return source.string();
  fs::path exe = fs::weakly_canonical(fs::path(argv0), ec);
  fs::path installed = exe.parent_path().parent_path() / "share" / "kgrep" / "rules" /
                       "diplomacy.yaml";
  return installed.string();
}

bool LoadPacksOrReport(const std::vector<std::string>& paths, const char* argv0,
                       RulePack* pack, std::vector<std::string>* used) {
  return LoadPacksOrReport(paths, argv0, LoadOptions(), pack, used);
}

bool LoadPacksOrReport(const std::vector<std::string>& paths, const char* argv0,
                       const LoadOptions& options, RulePack* pack,
                       std::vector<std::string>* used) {
  *used = paths;
  if (used->empty()) used->push_back(DefaultPackPath(argv0));
  Diagnostics diags = LoadRulePack(*used, options, pack);
  for (const Diagnostic& d : diags) std::cerr << d.ToString() << "\n";
  if (!diags.empty()) {
    std::cerr << "kgrep: " << diags.size() << (diags.size() == 1 ? " error" : " errors")
              << " in rule pack" << (used->size() == 1 ? "" : "s") << "\n";
    return false;
  }
  return true;
}

}  // namespace kgrep
