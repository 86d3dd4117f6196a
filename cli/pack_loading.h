// Finding and loading the rule packs named on the command line.

#ifndef KGREP_CLI_PACK_LOADING_H_
#define KGREP_CLI_PACK_LOADING_H_

#include <string>
#include <vector>

#include "extract/rule_pack.h"

namespace kgrep {

// The bundled pack: rules/diplomacy.yaml of the source tree, or of the
// installed data directory next to the executable.
std::string DefaultPackPath(const char* argv0);

// Loads `paths` (the default pack if empty). On failure prints every
// diagnostic to stderr and returns false.
bool LoadPacksOrReport(const std::vector<std::string>& paths, const char* argv0,
                       RulePack* pack, std::vector<std::string>* used);
// The same with `options` (the regex memory budget).
bool LoadPacksOrReport(const std::vector<std::string>& paths, const char* argv0,
                       const LoadOptions& options, RulePack* pack,
                       std::vector<std::string>* used);

}  // namespace kgrep

#endif  // KGREP_CLI_PACK_LOADING_H_
