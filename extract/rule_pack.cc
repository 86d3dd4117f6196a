// Loading a rule pack: YAML -> raw sections (with their places) -> macro
// expansion -> compiled RE2 patterns. Every problem is collected; loading goes
// on after an error so that one run reports all of them.

#include "extract/rule_pack.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "extract/macro.h"
#include "extract/text.h"

namespace kgrep {

std::string SlotText(EntityType type, size_t index) {
  std::string out = "\u27e6";
  out += EntityTypeName(type);
  out += "#" + std::to_string(index) + "\u27e7";
  return out;
}

namespace {

namespace fs = std::filesystem;

const std::set<std::string> kCorePredicates = {"welcomed", "thanked", "represents", "member_of",
                                               "part_of"};

// Longest source line quoted under a diagnostic.
constexpr size_t kMaxQuotedLine = 300;

// RE2 refused a pattern for LoadOptions::max_regex_memory: "pattern too
// large: it needs more than the regex memory budget of 64 MiB".
std::string TooLargeMessage(int64_t budget) {
  std::string amount = budget % (1 << 20) == 0 ? std::to_string(budget >> 20) + " MiB"
                                               : std::to_string(budget) + " bytes";
  return "pattern too large: it needs more than the regex memory budget of " + amount;
}

class Loader {
 public:
  Loader(const LoadOptions& options, RulePack* pack) : options_(options), pack_(pack) {}

  void LoadFile(const std::string& path, int depth);
  void Finish();
  Diagnostics TakeDiagnostics() { return std::move(diags_); }
  // RulePack::digest of the files read so far.
  std::string digest() const {
    static const char kHex[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 0; i < 16; ++i) hex[static_cast<size_t>(i)] = kHex[(digest_ >> (60 - 4 * i)) & 15];
    return hex;
  }

 private:
  SourceLocation Where(const YAML::Node& node) const;
  void Error(const SourceLocation& where, const std::string& rule, const std::string& message);
  void Error(const YAML::Node& node, const std::string& rule, const std::string& message) {
    Error(Where(node), rule, message);
  }
  // Adds a file's size and bytes to digest_.
  void Digest(std::string_view bytes) {
    auto add = [&](unsigned char byte) {
      digest_ ^= byte;
      digest_ *= 1099511628211ull;  // FNV-1a's prime
    };
    for (int i = 0; i < 8; ++i) add(static_cast<unsigned char>(uint64_t{bytes.size()} >> (8 * i)));
    for (char c : bytes) add(static_cast<unsigned char>(c));
  }
  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                 const std::string& rule, const std::string& what);
  bool GetString(const YAML::Node& map, const char* key, const std::string& rule,
                 std::string* out, bool required);
  std::vector<std::string> GetStrings(const YAML::Node& map, const char* key,
                                      const std::string& rule);
  bool GetType(const YAML::Node& map, const std::string& rule, EntityType* type);
  int GetInt(const YAML::Node& map, const char* key, const std::string& rule, int fallback);

  void LoadMacros(const YAML::Node& node);
  void LoadCleanup(const YAML::Node& node);
  void LoadSegmentation(const YAML::Node& node);
  void LoadGazetteers(const YAML::Node& node);
  void LoadTitles(const YAML::Node& node);
  void LoadNicknames(const YAML::Node& node);
  void LoadNames(const YAML::Node& node);
  void LoadEntities(const YAML::Node& node);
  void LoadRelations(const YAML::Node& node);
  void LoadResolution(const YAML::Node& node);
  void LoadTests(const YAML::Node& node);
  void LoadStyle(const YAML::Node& node);
  std::vector<std::pair<std::string, SourceLocation>> style_relations_;
  bool LoadArgument(const YAML::Node& node, const std::string& rule, Argument* arg);

  bool GetPattern(const YAML::Node& map, const std::string& rule, std::string* source,
                  SourceLocation* where);
  void DefineGeneratedMacros();
  void CompileGazetteers();
  std::unique_ptr<RE2> Compile(const std::string& source, const SourceLocation& where,
                               const std::string& rule, bool slots);
  void CompilePatterns();
  void CompileSpeakerSet();
  void CompileFilters();
  void DeriveRequirements();
  void DeriveStarts();
  // RulePack::entity_literals, as DeriveRequirements() and DeriveStarts()
  // tag them.
  std::vector<std::string> literal_forms_;
  std::vector<uint64_t> literal_tags_;
  // The list macros and their forms: generated ones (gazetteers, titles),
  // and the user's alternations of literals with no empty one.
  std::map<std::string, std::vector<std::string>> ListMacros() const;
  // The macros `rules` use, directly or not, that are no list and use none,
  // each expanded (those that expand).
  std::map<std::string, std::string> ListFreeMacros(
      const std::vector<const EntityRule*>& rules,
      const std::map<std::string, std::vector<std::string>>& lists);

  const LoadOptions& options_;
  RulePack* pack_;
  uint64_t digest_ = 14695981039346656037ull;  // FNV-1a's offset basis
  Diagnostics diags_;
  std::string file_;                       // file being read
  std::vector<std::string> lines_;         // its lines, for diagnostics
  std::map<std::string, std::vector<std::string>> file_lines_;
  std::set<std::string> loading_;          // include cycle guard
  std::map<std::string, SourceLocation> macro_where_;
  MacroCache macro_cache_;  // once every macro is defined (Finish())
  std::map<std::string, SourceLocation> disabled_;
  // Rule ids defined in each file: a second definition in the same file is
  // a mistake; in a later file it is an override.
  std::map<std::string, std::map<std::string, int>> ids_by_file_;
  void CheckDuplicate(const std::string& id, const SourceLocation& where);
  // Generated macros: name -> forms (alternation built at Finish()).
  std::map<std::string, std::vector<std::string>> generated_;
  std::map<std::string, SourceLocation> generated_where_;
  std::map<std::string, std::string> list_macros_;  // titles key ("macro") -> macro name
  WordSet undotted_honorifics_;  // honorifics written with no inner full stop
  // Gazetteer id -> its macro and demonym macro, for later packs extending it.
  std::map<std::string, std::pair<std::string, std::string>> gazetteer_macros_;
};

SourceLocation Loader::Where(const YAML::Node& node) const {
  SourceLocation loc;
  loc.file = file_;
  if (node.IsDefined() && node.Mark().line >= 0) {
    loc.line = node.Mark().line + 1;
    loc.column = node.Mark().column + 1;
  }
  return loc;
}

void Loader::Error(const SourceLocation& where, const std::string& rule,
                   const std::string& message) {
  Diagnostic d;
  d.file = where.file;
  d.line = where.line;
  d.column = where.column;
  d.rule = rule;
  d.message = message;
  auto it = file_lines_.find(where.file);
  // A line too long to read in a terminal (a pack written on one line, a
  // hundred thousand '[') is left out: the message stays one line.
  if (it != file_lines_.end() && where.line > 0 &&
      where.line <= static_cast<int>(it->second.size()) &&
      it->second[where.line - 1].size() <= kMaxQuotedLine)
    d.source_line = it->second[where.line - 1];
  diags_.push_back(std::move(d));
}

void Loader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                       const std::string& rule, const std::string& what) {
  for (const auto& kv : map) {
    std::string key = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "unknown key '" + key + "' in " + what;
    std::string near = NearestName(key, known);
    if (!near.empty()) message += "; did you mean '" + near + "'?";
    Error(kv.first, rule, message);
  }
}

bool Loader::GetString(const YAML::Node& map, const char* key, const std::string& rule,
                       std::string* out, bool required) {
  YAML::Node n = map[key];
  if (!n) {
    if (required) Error(map, rule, std::string("missing '") + key + "'");
    return false;
  }
  if (!n.IsScalar()) {
    Error(n, rule, std::string("'") + key + "' must be a string");
    return false;
  }
  *out = n.Scalar();
  return true;
}

std::vector<std::string> Loader::GetStrings(const YAML::Node& map, const char* key,
                                            const std::string& rule) {
  std::vector<std::string> out;
  YAML::Node n = map[key];
  if (!n || n.IsNull()) return out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) {
    Error(n, rule, std::string("'") + key + "' must be a list of strings");
    return out;
  }
  for (const auto& item : n) {
    if (!item.IsScalar()) {
      Error(item, rule, std::string("'") + key + "' must be a list of strings");
      continue;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

bool Loader::GetType(const YAML::Node& map, const std::string& rule, EntityType* type) {
  std::string name;
  if (!GetString(map, "type", rule, &name, true)) return false;
  if (ParseEntityType(name, type)) return true;
  std::vector<std::string> names = EntityTypeNames();
  std::string message = "unknown entity type '" + name + "'";
  std::string near = NearestName(name, names);
  if (!near.empty()) message += "; did you mean '" + near + "'?";
  Error(map["type"], rule, message);
  return false;
}

int Loader::GetInt(const YAML::Node& map, const char* key, const std::string& rule,
                   int fallback) {
  YAML::Node n = map[key];
  if (!n) return fallback;
  try {
    return n.as<int>();
  } catch (const YAML::Exception&) {
    Error(n, rule, std::string("'") + key + "' must be an integer");
    return fallback;
  }
}

void Loader::LoadFile(const std::string& path, int depth) {
  std::string saved_file = file_;
  std::error_code ec;
  std::string canonical = fs::weakly_canonical(path, ec).string();
  if (ec) canonical = path;
  if (loading_.count(canonical)) {
    Error(SourceLocation{file_, 0, 0}, "", "include cycle through '" + path + "'");
    return;
  }
  if (depth > 16) {
    Error(SourceLocation{file_, 0, 0}, "", "includes nested deeper than 16 at '" + path + "'");
    return;
  }
  if (fs::is_directory(path, ec)) {
    Error(SourceLocation{path, 0, 0}, "", "is a directory, not a rule pack");
    return;
  }
  if (fs::is_character_file(path, ec) || fs::is_block_file(path, ec)) {
    Error(SourceLocation{path, 0, 0}, "", "is a device, not a rule pack");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error(SourceLocation{path, 0, 0}, "", "cannot open rule pack: " + std::string(
        fs::exists(path, ec) ? "permission denied" : "no such file"));
    return;
  }
  // Read with read(), not `stream << in.rdbuf()`, which takes a failed read
  // (a file in /proc, a failing disk) for the end of the file.
  std::string text;
  char chunk[1 << 16];
  errno = 0;
  // A pack is a small text file: /dev/zero or a 2 GB log given by mistake
  // must not fill the memory.
  constexpr size_t kMaxPackBytes = 64u << 20;
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxPackBytes) {
      Error(SourceLocation{path, 0, 0}, "",
            "larger than " + std::to_string(kMaxPackBytes >> 20) + " MiB: not a rule pack");
      return;
    }
  }
  if (in.bad()) {
    Error(SourceLocation{path, 0, 0}, "", "cannot read rule pack: " +
        std::string(errno != 0 ? std::strerror(errno) : "read error"));
    return;
  }
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    const TextPosition at = PositionOf(text, bad);
    Error(SourceLocation{path, static_cast<int>(at.line), static_cast<int>(at.column)}, "",
          InvalidUtf8Message(text, bad));
    return;
  }
  file_ = path;
  Digest(text);
  {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream ls(text);
    while (std::getline(ls, line)) lines.push_back(line);
    file_lines_[path] = std::move(lines);
  }
  pack_->files.push_back(path);
  loading_.insert(canonical);

  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard against a stack overflow; its message says only
    // "bad file".
    SourceLocation loc{path, e.mark.line + 1, e.mark.column + 1};
    Error(loc, "", "YAML syntax error: nested too deeply (" + std::to_string(e.depth()) +
                       " levels)");
    loading_.erase(canonical);
    file_ = saved_file;
    return;
  } catch (const YAML::ParserException& e) {
    SourceLocation loc{path, e.mark.line + 1, e.mark.column + 1};
    Error(loc, "", "YAML syntax error: " + e.msg);
    loading_.erase(canonical);
    file_ = saved_file;
    return;
  }
  if (root.IsNull()) {
    loading_.erase(canonical);
    file_ = saved_file;
    return;
  }
  if (!root.IsMap()) {
    Error(root, "", "a rule pack must be a mapping of sections");
    loading_.erase(canonical);
    file_ = saved_file;
    return;
  }
  CheckKeys(root,
            {"pack", "version", "description", "include", "macros", "cleanup", "segmentation",
             "gazetteers", "titles", "nicknames", "entities", "relations", "resolution",
             "names", "predicates", "disable", "tests", "style"},
            "", "a rule pack");

  for (const std::string& inc : GetStrings(root, "include", "")) {
    fs::path target = fs::path(path).parent_path() / inc;
    LoadFile(target.string(), depth + 1);
    file_ = path;
  }
  for (const std::string& p : GetStrings(root, "predicates", "")) pack_->predicates.insert(p);
  if (YAML::Node d = root["disable"]) {
    for (const std::string& id : GetStrings(root, "disable", "")) disabled_.emplace(id, Where(d));
  }
  if (root["macros"]) LoadMacros(root["macros"]);
  if (root["cleanup"]) LoadCleanup(root["cleanup"]);
  if (root["segmentation"]) LoadSegmentation(root["segmentation"]);
  if (root["gazetteers"]) LoadGazetteers(root["gazetteers"]);
  if (root["titles"]) LoadTitles(root["titles"]);
  if (root["names"]) LoadNames(root["names"]);
  if (root["nicknames"]) LoadNicknames(root["nicknames"]);
  if (root["entities"]) LoadEntities(root["entities"]);
  if (root["relations"]) LoadRelations(root["relations"]);
  if (root["resolution"]) LoadResolution(root["resolution"]);
  if (root["tests"]) LoadTests(root["tests"]);
  if (root["style"]) LoadStyle(root["style"]);
  loading_.erase(canonical);
  file_ = saved_file;
}

void Loader::LoadMacros(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'macros' must map NAME to a pattern");
    return;
  }
  for (const auto& kv : node) {
    std::string name = kv.first.Scalar();
    if (!IsMacroName(name)) {
      Error(kv.first, "", "macro name '" + name + "' must be UPPER_CASE letters, digits, _");
      continue;
    }
    if (!kv.second.IsScalar()) {
      Error(kv.second, "", "macro '" + name + "' must be a pattern string");
      continue;
    }
    pack_->macros[name] = kv.second.Scalar();
    macro_where_[name] = Where(kv.second);
  }
}


bool Loader::GetPattern(const YAML::Node& map, const std::string& rule, std::string* source,
                        SourceLocation* where) {
  YAML::Node n = map["pattern"];
  if (!n) {
    Error(map, rule, "missing 'pattern'");
    return false;
  }
  if (!n.IsScalar()) {
    Error(n, rule, "'pattern' must be a string");
    return false;
  }
  *source = n.Scalar();
  *where = Where(n);
  return true;
}

void Loader::LoadCleanup(const YAML::Node& node) {
  if (!node.IsSequence()) {
    Error(node, "", "'cleanup' must be a list of {id, pattern}");
    return;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      Error(item, "", "a cleanup rule must be a mapping {id, pattern}");
      continue;
    }
    CleanupRule rule;
    GetString(item, "id", "", &rule.id, true);
    CheckDuplicate(rule.id, Where(item["id"]));
    CheckKeys(item, {"id", "pattern", "description"}, rule.id, "a cleanup rule");
    if (!GetPattern(item, rule.id, &rule.source, &rule.where)) continue;
    pack_->cleanup.push_back(std::move(rule));
  }
}

void Loader::LoadSegmentation(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'segmentation' must be a mapping");
    return;
  }
  CheckKeys(node,
            {"speakers", "anonymous_speaker", "headings", "abbreviations", "join_wrapped_lines",
             "byline", "closing"},
            "", "segmentation");
  if (YAML::Node speakers = node["speakers"]) {
    if (!speakers.IsSequence()) {
      Error(speakers, "", "'speakers' must be a list of patterns");
    } else {
      for (const auto& item : speakers) {
        SpeakerPattern sp;
        if (item.IsScalar()) {
          sp.source = item.Scalar();
          sp.where = Where(item);
        } else if (item.IsMap()) {
          CheckKeys(item, {"pattern", "named_elsewhere"}, "", "a speaker pattern");
          if (!GetString(item, "pattern", "", &sp.source, true)) continue;
          sp.where = Where(item["pattern"]);
          if (YAML::Node named = item["named_elsewhere"]) {
            try {
              sp.named_elsewhere = named.as<bool>();
            } catch (const YAML::Exception&) {
              Error(named, "", "'named_elsewhere' must be true or false");
            }
          }
        } else {
          Error(item, "", "'speakers' must be a list of patterns or {pattern, named_elsewhere}");
          continue;
        }
        pack_->speakers.push_back(std::move(sp));
      }
    }
  }
  if (YAML::Node anon = node["anonymous_speaker"]) {
    if (anon.IsScalar())
      pack_->anonymous_speaker = PackPattern{anon.Scalar(), nullptr, Where(anon)};
    else
      Error(anon, "", "'anonymous_speaker' must be a pattern");
  }
  if (YAML::Node headings = node["headings"]) {
    if (headings.IsScalar())
      pack_->headings = PackPattern{headings.Scalar(), nullptr, Where(headings)};
    else
      Error(headings, "", "'headings' must be a pattern");
  }
  for (const auto& a : GetStrings(node, "abbreviations", "")) pack_->abbreviations.insert(a);
  if (YAML::Node join = node["join_wrapped_lines"]) {
    try {
      pack_->join_wrapped_lines = join.as<bool>();
    } catch (const YAML::Exception&) {
      Error(join, "", "'join_wrapped_lines' must be true or false");
    }
  }
  if (YAML::Node byline = node["byline"]) {
    if (byline.IsScalar())
      pack_->byline = PackPattern{byline.Scalar(), nullptr, Where(byline)};
    else
      Error(byline, "", "'byline' must be a pattern");
  }
  if (YAML::Node closing = node["closing"]) {
    if (closing.IsScalar())
      pack_->closing = PackPattern{closing.Scalar(), nullptr, Where(closing)};
    else
      Error(closing, "", "'closing' must be a pattern");
  }
}

void Loader::LoadGazetteers(const YAML::Node& node) {
  if (!node.IsSequence()) {
    Error(node, "", "'gazetteers' must be a list");
    return;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      Error(item, "", "a gazetteer must be a mapping");
      continue;
    }
    Gazetteer g;
    GetString(item, "id", "", &g.id, true);
    CheckKeys(item, {"id", "type", "macro", "demonym_macro", "priority", "entries", "description"},
              g.id, "a gazetteer");
    if (!GetType(item, g.id, &g.type)) continue;
    g.priority = GetInt(item, "priority", g.id, 0);
    g.where = Where(item);
    std::string macro, demonym_macro;
    GetString(item, "macro", g.id, &macro, false);
    GetString(item, "demonym_macro", g.id, &demonym_macro, false);
    // A gazetteer that extends an earlier one adds to the earlier macros.
    auto& known = gazetteer_macros_[g.id];
    if (macro.empty()) macro = known.first;
    if (demonym_macro.empty()) demonym_macro = known.second;
    known = {macro, demonym_macro};
    YAML::Node entries = item["entries"];
    if (entries && !entries.IsSequence()) {
      Error(entries, g.id, "'entries' must be a list");
      continue;
    }
    for (const auto& e : entries) {
      if (!e.IsMap()) {
        Error(e, g.id, "a gazetteer entry must be a mapping {name, aliases, ...}");
        continue;
      }
      CheckKeys(e, {"name", "aliases", "demonyms", "country"}, g.id, "a gazetteer entry");
      GazetteerEntry entry;
      if (!GetString(e, "name", g.id, &entry.name, true)) continue;
      entry.aliases = GetStrings(e, "aliases", g.id);
      entry.demonyms = GetStrings(e, "demonyms", g.id);
      GetString(e, "country", g.id, &entry.country, false);
      if (!macro.empty()) {
        auto& forms = generated_[macro];
        forms.push_back(entry.name);
        forms.insert(forms.end(), entry.aliases.begin(), entry.aliases.end());
        generated_where_[macro] = Where(item["macro"]);
      }
      if (!demonym_macro.empty()) {
        auto& forms = generated_[demonym_macro];
        forms.insert(forms.end(), entry.demonyms.begin(), entry.demonyms.end());
        generated_where_[demonym_macro] = Where(item["demonym_macro"]);
      }
      g.entries.push_back(std::move(entry));
    }
    // A gazetteer with the id of an earlier one extends it.
    auto it = std::find_if(pack_->gazetteers.begin(), pack_->gazetteers.end(),
                           [&](const Gazetteer& o) { return o.id == g.id; });
    if (it == pack_->gazetteers.end()) {
      pack_->gazetteers.push_back(std::move(g));
    } else {
      for (auto& e : g.entries) it->entries.push_back(std::move(e));
    }
  }
}

void Loader::LoadTitles(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'titles' must be a mapping");
    return;
  }
  CheckKeys(node,
            {"macro", "words", "modifiers_macro", "modifiers", "neutral_modifiers",
             "honorifics_macro", "honorifics", "domain_macro", "domain", "given_name_titles",
             "spouse_titles", "implies"},
            "", "titles");
  auto list = [&](const char* key, const char* macro_key, WordSet* folded) {
    std::vector<std::string> words = GetStrings(node, key, "");
    std::string macro;
    // A later pack's words join the macro an earlier pack named.
    if (GetString(node, macro_key, "", &macro, false)) {
      list_macros_[macro_key] = macro;
    } else if (list_macros_.count(macro_key)) {
      macro = list_macros_[macro_key];
    }
    if (!macro.empty()) {
      auto& forms = generated_[macro];
      forms.insert(forms.end(), words.begin(), words.end());
      generated_where_[macro] = Where(node[macro_key]);
    }
    if (folded)
      for (const auto& w : words)
        for (const auto& part : SplitWords(Fold(w))) folded->insert(part);
    return words;
  };
  list("words", "macro", &pack_->title_words);
  list("modifiers", "modifiers_macro", &pack_->title_words);
  // Modifiers that make no other office ("Acting", "Federal"): they join
  // the modifiers' macro too.
  for (const auto& w : list("neutral_modifiers", "modifiers_macro", &pack_->title_words))
    for (const auto& part : SplitWords(Fold(w))) pack_->neutral_modifiers.insert(part);
  for (const auto& w : list("honorifics", "honorifics_macro", &pack_->honorifics)) {
    for (const auto& part : SplitWords(w)) {
      // A full stop with a letter after it: "H.E.", not "Mr.".
      bool dotted = false;
      for (size_t i = 0; i + 1 < part.size(); ++i)
        dotted |= part[i] == '.' && part[i + 1] != '.';
      const std::string f = Fold(part);
      if (dotted && !undotted_honorifics_.count(f)) {
        pack_->dotted_honorifics.insert(f);
      } else if (!dotted) {
        undotted_honorifics_.insert(f);
        pack_->dotted_honorifics.erase(f);
      }
    }
  }
  for (const auto& d : list("domain", "domain_macro", nullptr)) pack_->office_domains.insert(Fold(d));
  // Kinds of title, not titles: they join no macro (a title that is one is
  // also among `words`).
  for (const auto& [key, out] : {std::pair("given_name_titles", &pack_->given_name_titles),
                                  std::pair("spouse_titles", &pack_->spouse_titles)})
    for (const auto& t : GetStrings(node, key, ""))
      if (std::string f = Fold(t); !f.empty()) out->push_back(std::move(f));
  if (YAML::Node implies = node["implies"]) {
    if (!implies.IsSequence()) {
      Error(implies, "", "'implies' must be a list of {title, member_of, represents}");
      return;
    }
    for (const auto& item : implies) {
      if (!item.IsMap()) {
        Error(item, "", "an implication must be a mapping {title, member_of, represents}");
        continue;
      }
      CheckKeys(item, {"title", "member_of", "represents"}, "", "a title implication");
      TitleImplication t;
      if (!GetString(item, "title", "", &t.title, true)) continue;
      t.folded = Fold(t.title);
      GetString(item, "member_of", "", &t.member_of, false);
      GetString(item, "represents", "", &t.represents, false);
      pack_->implications.push_back(std::move(t));
    }
  }
}

void Loader::CheckDuplicate(const std::string& id, const SourceLocation& where) {
  if (id.empty()) return;
  auto [it, inserted] = ids_by_file_[where.file].emplace(id, where.line);
  if (!inserted)
    Error(where, id, "duplicate rule id (first defined at line " + std::to_string(it->second) +
                         "); a rule replaces another only from a later pack");
}

void Loader::LoadNicknames(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'nicknames' must map a short name to its full names");
    return;
  }
  for (const auto& kv : node) {
    std::string nick = Fold(kv.first.Scalar());
    for (const auto& full : GetStrings(node, kv.first.Scalar().c_str(), ""))
      pack_->nicknames[nick].push_back(Fold(full));
  }
}

void Loader::LoadNames(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'names' must be a mapping {stopwords, breakers, surnames, enders}");
    return;
  }
  CheckKeys(node, {"stopwords", "breakers", "surnames", "enders"}, "", "names");
  for (const auto& w : GetStrings(node, "stopwords", "")) pack_->name_stopwords.insert(Fold(w));
  for (const auto& w : GetStrings(node, "breakers", "")) pack_->name_breakers.insert(Fold(w));
  for (const auto& w : GetStrings(node, "enders", "")) pack_->name_enders.insert(Fold(w));
  for (const auto& w : GetStrings(node, "surnames", "")) pack_->name_surnames.insert(Fold(w));
}

void Loader::LoadEntities(const YAML::Node& node) {
  if (!node.IsSequence()) {
    Error(node, "", "'entities' must be a list of rules");
    return;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      Error(item, "", "an entity rule must be a mapping {id, type, pattern}");
      continue;
    }
    EntityRule rule;
    GetString(item, "id", "", &rule.id, true);
    CheckKeys(item, {"id", "type", "pattern", "priority", "given_name", "description"}, rule.id,
              "an entity rule");
    if (!GetType(item, rule.id, &rule.type)) continue;
    if (YAML::Node g = item["given_name"]) {
      try {
        rule.given_name = g.as<bool>();
      } catch (const YAML::Exception&) {
        Error(g, rule.id, "'given_name' must be true or false");
      }
    }
    rule.priority = GetInt(item, "priority", rule.id, 0);
    CheckDuplicate(rule.id, Where(item["id"]));
    if (!GetPattern(item, rule.id, &rule.source, &rule.where)) continue;
    auto it = std::find_if(pack_->entity_rules.begin(), pack_->entity_rules.end(),
                           [&](const EntityRule& o) { return o.id == rule.id; });
    if (it != pack_->entity_rules.end())
      *it = std::move(rule);
    else
      pack_->entity_rules.push_back(std::move(rule));
  }
}

bool Loader::LoadArgument(const YAML::Node& node, const std::string& rule, Argument* arg) {
  std::string name;
  if (node.IsScalar()) {
    name = node.Scalar();
  } else if (node.IsMap()) {
    CheckKeys(node, {"role", "group", "types", "each", "skip_after", "skip_clause", "stop_at"}, rule,
              "a relation argument");
    std::string role;
    if (GetString(node, "role", rule, &role, false)) name = role;
    if (GetString(node, "group", rule, &arg->group, false)) {
      if (!name.empty()) {
        Error(node, rule, "an argument takes either 'role' or 'group', not both");
        return false;
      }
      name = arg->group;
    }
    for (const auto& t : GetStrings(node, "types", rule)) {
      EntityType type;
      if (!ParseEntityType(t, &type)) {
        Error(node["types"], rule, "unknown entity type '" + t + "'");
        return false;
      }
      arg->types.push_back(type);
    }
    if (YAML::Node each = node["each"]) {
      try {
        arg->each = each.as<bool>();
      } catch (const YAML::Exception&) {
        Error(each, rule, "'each' must be true or false");
      }
    }
    for (auto [key, source, where] :
         {std::tuple{"skip_after", &arg->skip_after, &arg->skip_after_where},
          std::tuple{"skip_clause", &arg->skip_clause, &arg->skip_clause_where},
          std::tuple{"stop_at", &arg->stop_at, &arg->stop_at_where}}) {
      YAML::Node words = node[key];
      if (!words) continue;
      if (!words.IsScalar()) {
        Error(words, rule, std::string("'") + key + "' must be a pattern");
      } else if (!arg->each) {
        Error(words, rule, std::string("'") + key + "' needs 'each: true'");
      } else {
        *source = words.Scalar();
        *where = Where(words);
      }
    }
  } else {
    Error(node, rule, "an argument is a role (speaker, previous_speaker, addressed, "
                      "previous_subject), a group "
                      "name, or a mapping {group|role, types, each, skip_after, skip_clause, stop_at}");
    return false;
  }
  if (name == "speaker") {
    arg->role = Role::kSpeaker;
  } else if (name == "previous_speaker") {
    arg->role = Role::kPreviousSpeaker;
  } else if (name == "addressed") {
    arg->role = Role::kAddressed;
  } else if (name == "previous_subject") {
    arg->role = Role::kPreviousSubject;
  } else if (!name.empty()) {
    arg->role = Role::kGroup;
    arg->group = name;
  } else {
    Error(node, rule, "an argument needs a role or a group");
    return false;
  }
  return true;
}

void Loader::LoadRelations(const YAML::Node& node) {
  if (!node.IsSequence()) {
    Error(node, "", "'relations' must be a list of rules");
    return;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      Error(item, "", "a relation rule must be a mapping {id, predicate, pattern, ...}");
      continue;
    }
    RelationRule rule;
    GetString(item, "id", "", &rule.id, true);
    CheckKeys(item, {"id", "predicate", "scope", "subject", "object", "pattern", "description"},
              rule.id, "a relation rule");
    CheckDuplicate(rule.id, Where(item["id"]));
    if (!GetString(item, "predicate", rule.id, &rule.predicate, true)) continue;
    rule.predicate_where = Where(item["predicate"]);
    std::string scope = "sentence";
    GetString(item, "scope", rule.id, &scope, false);
    if (scope == "sentence") {
      rule.scope = Scope::kSentence;
    } else if (scope == "paragraph") {
      rule.scope = Scope::kParagraph;
    } else if (scope == "turn") {
      rule.scope = Scope::kTurn;
    } else {
      std::string near = NearestName(scope, {"sentence", "paragraph", "turn"});
      Error(item["scope"], rule.id,
            "unknown scope '" + scope + "'" +
                (near.empty() ? "" : "; did you mean '" + near + "'?"));
      continue;
    }
    bool ok = true;
    for (const char* key : {"subject", "object"}) {
      YAML::Node arg = item[key];
      Argument* target = key[0] == 's' ? &rule.subject : &rule.object;
      if (!arg) {
        target->role = Role::kGroup;
        target->group = key;
        continue;
      }
      ok = LoadArgument(arg, rule.id, target) && ok;
    }
    if (!ok) continue;
    if (!GetPattern(item, rule.id, &rule.source, &rule.where)) continue;
    rule.where = Where(item["pattern"]);
    auto it = std::find_if(pack_->relation_rules.begin(), pack_->relation_rules.end(),
                           [&](const RelationRule& o) { return o.id == rule.id; });
    if (it != pack_->relation_rules.end())
      *it = std::move(rule);
    else
      pack_->relation_rules.push_back(std::move(rule));
  }
}

void Loader::LoadResolution(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'resolution' must be a mapping");
    return;
  }
  CheckKeys(node, {"pronoun", "collective", "said"}, "", "resolution");
  if (YAML::Node said = node["said"]) {
    if (said.IsScalar())
      pack_->said = PackPattern{said.Scalar(), nullptr, Where(said)};
    else
      Error(said, "", "'said' must be a pattern");
  }
  if (YAML::Node c = node["collective"]) {
    if (c.IsScalar())
      pack_->collective = PackPattern{c.Scalar(), nullptr, Where(c)};
    else
      Error(c, "", "'collective' must be a pattern");
  }
  if (YAML::Node p = node["pronoun"]) {
    if (p.IsScalar())
      pack_->pronoun = PackPattern{p.Scalar(), nullptr, Where(p)};
    else
      Error(p, "", "'pronoun' must be a pattern");
  }
}

void Loader::LoadTests(const YAML::Node& node) {
  if (!node.IsSequence()) {
    Error(node, "", "'tests' must be a list of {name, text, expect, reject}");
    return;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      Error(item, "", "a test must be a mapping {name, speaker, text, expect, reject}");
      continue;
    }
    PackTest t;
    t.where = Where(item);
    GetString(item, "name", "", &t.name, true);
    CheckKeys(item, {"name", "speaker", "text", "expect", "reject"}, t.name, "a test");
    GetString(item, "speaker", t.name, &t.speaker, false);
    if (!GetString(item, "text", t.name, &t.text, true)) continue;
    for (const char* key : {"expect", "reject"}) {
      YAML::Node part = item[key];
      if (!part) continue;
      if (!part.IsMap()) {
        Error(part, t.name, std::string("'") + key + "' must be a mapping {entities, relations}");
        continue;
      }
      bool expect = key[0] == 'e';
      if (expect)
        CheckKeys(part, {"entities", "relations", "only"}, t.name, "'expect'");
      else
        CheckKeys(part, {"entities", "relations"}, t.name, "'reject'");
      if (YAML::Node only = part["only"]) {
        try {
          t.only = only.as<bool>();
        } catch (const YAML::Exception&) {
          Error(only, t.name, "'only' must be true or false");
        }
      }
      auto ents = GetStrings(part, "entities", t.name);
      auto rels = GetStrings(part, "relations", t.name);
      for (const auto& r : rels) {
        if (r.find(" -") == std::string::npos || r.find("-> ") == std::string::npos)
          Error(part["relations"], t.name,
                "relation '" + r + "' is not written 'Subject -predicate-> Object'");
      }
      (expect ? t.entities : t.absent_entities) = ents;
      (expect ? t.relations : t.absent_relations) = rels;
    }
    pack_->tests.push_back(std::move(t));
  }
}

void Loader::LoadStyle(const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(node, "", "'style' must be a mapping {graph, node, edge, types, relations}");
    return;
  }
  CheckKeys(node, {"graph", "node", "edge", "types", "relations"}, "", "style");
  auto attributes = [&](const YAML::Node& map, const std::string& what,
                        std::map<std::string, std::string>* out) {
    if (!map.IsMap()) {
      Error(map, "", "style '" + what + "' must map Graphviz attributes to values");
      return;
    }
    for (const auto& kv : map) {
      if (!kv.second.IsScalar()) {
        Error(kv.second, "", "style '" + what + "': the value of '" + kv.first.Scalar() +
                                 "' must be a string");
        continue;
      }
      (*out)[kv.first.Scalar()] = kv.second.Scalar();
    }
  };
  RulePack::Style& style = pack_->style;
  if (node["graph"]) attributes(node["graph"], "graph", &style.graph);
  if (node["node"]) attributes(node["node"], "node", &style.node);
  if (node["edge"]) attributes(node["edge"], "edge", &style.edge);
  if (YAML::Node types = node["types"]) {
    if (!types.IsMap()) {
      Error(types, "", "style 'types' must map an entity type to attributes");
    } else {
      for (const auto& kv : types) {
        std::string name = kv.first.Scalar();
        EntityType type;
        if (!ParseEntityType(name, &type)) {
          std::vector<std::string> names = EntityTypeNames();
          std::string near = NearestName(name, names);
          Error(kv.first, "", "style: unknown entity type '" + name + "'" +
                                  (near.empty() ? "" : "; did you mean '" + near + "'?"));
          continue;
        }
        attributes(kv.second, name, &style.types[name]);
      }
    }
  }
  if (YAML::Node relations = node["relations"]) {
    if (!relations.IsMap()) {
      Error(relations, "", "style 'relations' must map a relation to attributes");
    } else {
      for (const auto& kv : relations) {
        style_relations_.emplace_back(kv.first.Scalar(), Where(kv.first));
        attributes(kv.second, kv.first.Scalar(), &style.relations[kv.first.Scalar()]);
      }
    }
  }
}

void Loader::DefineGeneratedMacros() {
  for (const auto& [name, forms] : generated_) {
    if (pack_->macros.count(name)) {
      Error(generated_where_[name], "",
            "macro '" + name + "' is defined both in 'macros' and by a list");
      continue;
    }
    // Prefers "United States of America" to "United States". The forms stay
    // for DeriveRequirements().
    std::string alt = AlternationOfForms(forms);
    pack_->macros[name] = alt.empty() ? "[^\\x00-\\x{10FFFF}]" : alt;  // empty: matches nothing
  }
}

std::unique_ptr<RE2> Loader::Compile(const std::string& source, const SourceLocation& where,
                                     const std::string& rule, bool slots) {
  std::string expanded, error, in_macro;
  if (!ExpandPattern(source, pack_->macros, slots, &expanded, &error, &in_macro,
                     &macro_cache_)) {
    // An error inside a macro is reported once, at the macro (Finish()).
    if (in_macro.empty()) Error(where, rule, error);
    return nullptr;
  }
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(options_.max_regex_memory);
  auto re = std::make_unique<RE2>(expanded, opts);
  if (re->error_code() == RE2::ErrorPatternTooLarge) {
    Error(where, rule, TooLargeMessage(options_.max_regex_memory));
    return nullptr;
  }
  if (!re->ok()) {
    std::string message = "invalid regex: " + re->error();
    if (!re->error_arg().empty() && re->error().find(re->error_arg()) == std::string::npos)
      message += ": " + re->error_arg();
    Error(where, rule, message);
    return nullptr;
  }
  // RE2 takes a name given to two groups, but names only one of them: the
  // other would never be bound.
  std::set<std::string> names;
  for (const auto& [index, name] : re->CapturingGroupNames()) {
    if (!names.insert(name).second) {
      Error(where, rule, "group '" + name + "' is defined twice; only one of them can be read "
                         "(make two rules)");
      return nullptr;
    }
  }
  return re;
}

void Loader::CompileGazetteers() {
  for (size_t gi = 0; gi < pack_->gazetteers.size(); ++gi) {
    Gazetteer& g = pack_->gazetteers[gi];
    std::vector<std::string> forms;
    for (size_t ei = 0; ei < g.entries.size(); ++ei) {
      const GazetteerEntry& e = g.entries[ei];
      auto add = [&](const std::string& form, bool demonym) {
        if (form.empty()) return;
        forms.push_back(form);
        pack_->forms.emplace(Fold(form), GazetteerRef{static_cast<int>(gi),
                                                      static_cast<int>(ei), demonym});
      };
      add(e.name, false);
      for (const auto& a : e.aliases) add(a, false);
      for (const auto& d : e.demonyms) add(d, true);
    }
    // Text is matched through pack_->gazetteer_trees; the names of countries
    // are also looked for in agency names (RelationFinder::CountryInName).
    if (g.type == EntityType::kCountry) g.literals = LiteralSet(forms);
    g.pattern = AlternationOfForms(forms);
    // Every form is in pack_->forms by now, and stays as it is: the first
    // gazetteer to define a folded form keeps it.
    g.refs.clear();
    for (const std::string& form : forms) g.refs.push_back(pack_->forms.at(Fold(form)));
  }
  // One tree for every 64 gazetteers: each distinct form once, with a tag bit
  // for each gazetteer that lists it and its first place there.
  pack_->gazetteer_trees.clear();
  for (size_t first = 0; first < pack_->gazetteers.size(); first += 64) {
    GazetteerTree tree;
    tree.first = first;
    std::map<std::string_view, uint32_t> slot;  // form -> its place in the tree's list
    std::vector<std::string> forms;
    std::vector<uint64_t> tags;
    const size_t last = std::min(pack_->gazetteers.size(), first + 64);
    for (size_t gi = first; gi < last; ++gi) {
      const Gazetteer& g = pack_->gazetteers[gi];
      const uint32_t bit = static_cast<uint32_t>(gi - first);
      std::vector<std::string_view> listed;
      for (const GazetteerEntry& e : g.entries) {
        listed.push_back(e.name);
        listed.insert(listed.end(), e.aliases.begin(), e.aliases.end());
        listed.insert(listed.end(), e.demonyms.begin(), e.demonyms.end());
      }
      uint32_t place = 0;  // in g's list, which leaves out empty forms
      for (std::string_view form : listed) {
        if (form.empty()) continue;
        auto [it, added] = slot.emplace(form, static_cast<uint32_t>(forms.size()));
        if (added) {
          forms.emplace_back(form);
          tags.push_back(0);
          tree.places.emplace_back();
        }
        auto& places = tree.places[it->second];
        if (places.empty() || places.back().first != bit) {
          places.emplace_back(bit, place);
          tags[it->second] |= uint64_t{1} << bit;
        }
        ++place;
      }
    }
    tree.literals = LiteralSet(forms, tags);
    pack_->gazetteer_trees.push_back(std::move(tree));
  }
}

void Loader::CompileSpeakerSet() {
  pack_->speaker_set.reset();
  if (pack_->speakers.empty()) return;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(options_.max_regex_memory);
  auto set = std::make_unique<RE2::Set>(opts, RE2::ANCHOR_START);
  for (const auto& s : pack_->speakers)
    if (!s.pattern || set->Add(s.pattern->pattern(), nullptr) < 0) return;  // one by one, then
  if (set->Compile()) pack_->speaker_set = std::move(set);
}

void Loader::CompilePatterns() {
  for (auto& c : pack_->cleanup) c.pattern = Compile(c.source, c.where, c.id, false);
  for (auto& s : pack_->speakers) {
    s.pattern = Compile(s.source, s.where, "", false);
    if (!s.pattern) continue;
    if (!s.pattern->NamedCapturingGroups().count("speaker"))
      Error(s.where, "", "a speaker pattern needs a group (?P<speaker>...)");
    for (const auto& [name, index] : s.pattern->NamedCapturingGroups())
      if (name != "speaker" && name != "country")
        Error(s.where, "", "unknown group '" + name + "' in a speaker pattern (speaker, country)");
  }
  CompileSpeakerSet();
  if (!pack_->anonymous_speaker.source.empty())
    pack_->anonymous_speaker.pattern =
        Compile(pack_->anonymous_speaker.source, pack_->anonymous_speaker.where, "", false);
  if (!pack_->headings.source.empty())
    pack_->headings.pattern =
        Compile(pack_->headings.source, pack_->headings.where, "", false);
  if (!pack_->said.source.empty())
    pack_->said.pattern = Compile(pack_->said.source, pack_->said.where, "", false);
  if (!pack_->byline.source.empty())
    pack_->byline.pattern = Compile(pack_->byline.source, pack_->byline.where, "", false);
  if (!pack_->closing.source.empty())
    pack_->closing.pattern = Compile(pack_->closing.source, pack_->closing.where, "", false);
  if (!pack_->pronoun.source.empty())
    pack_->pronoun.pattern = Compile(pack_->pronoun.source, pack_->pronoun.where, "", false);
  if (!pack_->collective.source.empty())
    pack_->collective.pattern =
        Compile(pack_->collective.source, pack_->collective.where, "", false);
  for (auto& r : pack_->entity_rules) {
    r.pattern = Compile(r.source, r.where, r.id, false);
    if (!r.pattern) continue;
    const auto& groups = r.pattern->NamedCapturingGroups();
    for (const auto& kv : groups) {
      static const std::vector<std::string> kKnown = {"name", "title", "country", "agency"};
      if (std::find(kKnown.begin(), kKnown.end(), kv.first) == kKnown.end()) {
        std::string near = NearestName(kv.first, kKnown);
        Error(r.where, r.id, "unknown group '" + kv.first + "' in an entity pattern" +
                                 (near.empty() ? "" : "; did you mean '" + near + "'?"));
      }
    }
  }
  std::vector<std::string> predicates(pack_->predicates.begin(), pack_->predicates.end());
  for (const auto& [name, where] : style_relations_) {
    if (pack_->predicates.count(name)) continue;
    std::string near = NearestName(name, predicates);
    Error(where, "", "style: unknown relation '" + name + "'" +
                         (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  for (auto& r : pack_->relation_rules) {
    if (!pack_->predicates.count(r.predicate)) {
      std::string near = NearestName(r.predicate, predicates);
      Error(r.predicate_where, r.id, "unknown relation '" + r.predicate + "'" +
                               (near.empty() ? "" : "; did you mean '" + near + "'?"));
    }
    for (Argument* arg : {&r.subject, &r.object}) {
      if (!arg->skip_after.empty())
        arg->skip_after_pattern = Compile(arg->skip_after, arg->skip_after_where, r.id, false);
      if (!arg->skip_clause.empty())
        arg->skip_clause_pattern = Compile(arg->skip_clause, arg->skip_clause_where, r.id, false);
      if (!arg->stop_at.empty())
        arg->stop_at_pattern = Compile(arg->stop_at, arg->stop_at_where, r.id, false);
    }
    r.pattern = Compile(r.source, r.where, r.id, true);
    if (!r.pattern) continue;
    const auto& groups = r.pattern->NamedCapturingGroups();
    for (const Argument* arg : {&r.subject, &r.object}) {
      if (arg->role == Role::kGroup && !groups.count(arg->group)) {
        std::vector<std::string> names = {"speaker", "previous_speaker", "addressed",
                                          "previous_subject"};
        for (const auto& kv : groups) names.push_back(kv.first);
        std::string near = NearestName(arg->group, names);
        Error(r.where, r.id,
              "the pattern has no group '" + arg->group + "' to bind the " +
                  (arg == &r.subject ? "subject" : "object") +
                  (near.empty() ? "" : "; did you mean '" + near + "'?"));
      }
    }
  }
}

// Filters are an optimisation: a pattern RE2::Set refuses, or a set that does
// not compile within the budget, leaves the filter out and every pattern
// scans every text, as correct and slower.
void Loader::CompileFilters() {
  if (!options_.prefilter) return;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(options_.max_regex_memory);
  struct Input {
    const RE2* re;
    int target;
  };
  auto build = [&](const std::vector<Input>& patterns,
                   bool literals) -> std::unique_ptr<PatternFilter> {
    if (patterns.empty()) return nullptr;
    auto filter = std::make_unique<PatternFilter>(opts, literals);
    std::string error;
    for (const Input& in : patterns)
      if (!in.re || !filter->Add(*in.re, in.target, &error)) return nullptr;
    return filter->Compile() ? std::move(filter) : nullptr;
  };
  std::vector<Input> mentions;
  // A rule searched from its start literals needs no filter: where none
  // occurs it is not searched at all.
  for (size_t i = 0; i < pack_->entity_rules.size(); ++i)
    if (pack_->entity_rules[i].start_tag == 0)
      mentions.push_back(Input{pack_->entity_rules[i].pattern.get(), static_cast<int>(i)});
  // Literals suit relation patterns, which mostly need a word ("thank",
  // "delegation") and are filtered per sentence, where a set's pass costs
  // most per byte. Entity patterns are shapes whose literals are common words
  // ("office", "committee"): over paragraphs, literals first made the bundled
  // pack 3% slower than sets alone (bench/, 25 MB).
  pack_->mention_filter = build(mentions, false);
  for (Scope scope : {Scope::kSentence, Scope::kParagraph, Scope::kTurn}) {
    std::vector<Input> relations;
    for (size_t i = 0; i < pack_->relation_rules.size(); ++i)
      if (pack_->relation_rules[i].scope == scope)
        relations.push_back(Input{pack_->relation_rules[i].pattern.get(),
                                  static_cast<int>(i)});
    pack_->relation_filters[static_cast<int>(scope)] = build(relations, true);
  }
  // Cleanup rules scan whole documents and seldom match: one set's pass
  // over a document costs about what one rule's does.
  std::vector<Input> cleanup;
  for (size_t i = 0; i < pack_->cleanup.size(); ++i)
    cleanup.push_back(Input{pack_->cleanup[i].pattern.get(), static_cast<int>(i)});
  pack_->cleanup_filter = build(cleanup, false);
}

std::map<std::string, std::vector<std::string>> Loader::ListMacros() const {
  std::map<std::string, std::vector<std::string>> lists;
  for (const auto& [name, body] : pack_->macros) {
    auto generated = generated_.find(name);
    std::vector<std::string> forms;
    if (generated != generated_.end())
      forms = generated->second;
    else if (!LiteralAlternatives(body, &forms))
      continue;
    if (forms.empty() || std::find(forms.begin(), forms.end(), "") != forms.end()) continue;
    lists[name] = std::move(forms);
  }
  return lists;
}

std::map<std::string, std::string> Loader::ListFreeMacros(
    const std::vector<const EntityRule*>& rules,
    const std::map<std::string, std::vector<std::string>>& lists) {
  std::set<std::string> used;
  for (const EntityRule* rule : rules)
    for (const auto& name : ReferencedMacros(rule->source, pack_->macros)) used.insert(name);
  std::map<std::string, std::string> out;
  for (const auto& name : used) {
    if (lists.count(name)) continue;
    const std::string& body = pack_->macros[name];
    bool uses_list = false;
    for (const auto& inner : ReferencedMacros(body, pack_->macros))
      uses_list |= lists.count(inner) > 0;
    std::string expanded, error;
    if (!uses_list &&
        ExpandPattern(body, pack_->macros, false, &expanded, &error, nullptr, &macro_cache_))
      out[name] = std::move(expanded);
  }
  return out;
}

// A large pattern's DFA costs several times a small one's per byte, and the
// one-pass filters cannot hold it (PatternFilter::kMaxFilteredRule): it scans
// every paragraph. Most of its size is lists (titles, countries, agencies),
// and it cannot match without some of them. A list macro M is required if the
// rule with M made to match nothing matches nothing: RE2 compiles such a
// pattern to a program of one instruction. Then a paragraph without any of
// M's forms holds no match, and one pass over the paragraph for the forms of
// every required list says which large rules to scan.
//
// Forms are compared byte for byte, so a rule that may fold case anywhere
// ((?i)) gets no requirement. Pairs of lists count too ("a title or a
// lower-case title"). The test compiles small patterns: each list not tried,
// and each macro that uses no list, stands for one character (or for
// nothing, if it matches nothing), which changes nothing of what can match
// nothing.
void Loader::DeriveRequirements() {
  if (!options_.prefilter) return;
  const std::string kNothing = "[^\\x00-\\x{10FFFF}]";
  const std::string kOneCharacter = "\\x{E000}";
  std::vector<EntityRule*> large;
  for (EntityRule& rule : pack_->entity_rules)
    if (rule.pattern && rule.pattern->ProgramSize() > PatternFilter::kMaxFilteredRule &&
        !MayFoldCase(rule.pattern->pattern()))
      large.push_back(&rule);
  if (large.empty()) return;
  const std::map<std::string, std::vector<std::string>> lists = ListMacros();
  if (lists.empty()) return;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(options_.max_regex_memory);
  std::map<std::string, std::string> stand_ins = pack_->macros;
  for (const auto& [name, forms] : lists) stand_ins[name] = kOneCharacter;
  for (const auto& [name, expanded] :
       ListFreeMacros({large.begin(), large.end()}, lists)) {
    RE2 re(expanded, opts);
    if (re.ok()) stand_ins[name] = re.ProgramSize() == 1 ? kNothing : kOneCharacter;
  }
  // Whether `rule` matches nothing once the lists `gone` match nothing.
  auto needs = [&](const std::string& rule, const std::vector<std::string>& gone) {
    std::map<std::string, std::string> macros = stand_ins;
    for (const auto& name : gone) macros[name] = kNothing;
    std::string expanded, error;
    if (!ExpandPattern(rule, macros, false, &expanded, &error)) return false;
    RE2 re(expanded, opts);
    return re.ok() && re.ProgramSize() == 1;
  };
  std::map<std::string, int> tags;  // macro -> bit
  auto tag = [&](const std::string& name) -> uint64_t {
    auto it = tags.find(name);
    if (it != tags.end()) return uint64_t{1} << it->second;
    if (tags.size() == 64) return 0;
    int bit = static_cast<int>(tags.size());
    tags[name] = bit;
    return uint64_t{1} << bit;
  };
  for (EntityRule* rule : large) {
    std::vector<std::string> used;
    for (const auto& name : ReferencedMacros(rule->source, pack_->macros))
      if (lists.count(name)) used.push_back(name);
    std::vector<std::vector<std::string>> clauses;
    std::set<std::string> single;
    for (const auto& m : used)
      if (needs(rule->source, {m})) {
        clauses.push_back({m});
        single.insert(m);
      }
    for (size_t i = 0; i < used.size(); ++i)
      for (size_t j = i + 1; j < used.size(); ++j)
        if (!single.count(used[i]) && !single.count(used[j]) &&
            needs(rule->source, {used[i], used[j]}))
          clauses.push_back({used[i], used[j]});
    for (const auto& clause : clauses) {
      uint64_t mask = 0;
      bool complete = true;
      for (const auto& m : clause) {
        uint64_t bit = tag(m);
        complete &= bit != 0;
        mask |= bit;
      }
      if (complete) rule->required.push_back(mask);  // else: no tag left for it
    }
  }
  pack_->required_macros.assign(tags.size(), "");
  for (const auto& [name, bit] : tags) {
    pack_->required_macros[static_cast<size_t>(bit)] = name;
    for (const auto& f : lists.at(name)) {
      literal_forms_.push_back(f);
      literal_tags_.push_back(uint64_t{1} << bit);
    }
  }
}

// Where an entity pattern can begin. Its unanchored search reads the rest of
// every paragraph after its last match, or all of it when it has none: over
// the bench corpus, 78% of what the large patterns read. When every match
// begins with a form of some lists (a title, a country's name or its
// demonym), the places where those forms occur are the only places a match
// can begin, and a search anchored at each of them, in order, finds what the
// unanchored search finds: the first place with a match is the leftmost, and
// the match there is the same. Anchored searches stop a few bytes after a
// title that no name follows.
//
// The test is RE2's: with every list made one private-use character Z, every
// string the pattern matches must begin with Z, which
// RE2::PossibleMatchRange() shows when its lower and upper bounds both begin
// with Z; and so with another character V, in case the pattern holds Z
// itself. \b and \B are taken out of the pattern first: a form begins with a
// letter where Z is no letter, and taking them out only makes the pattern
// match more. Then a list L can begin a match if, with L made Z and the other
// lists a greater character Y, the lower bound still begins below Y. Forms
// are compared byte for byte, so a rule that may fold case gets none, nor
// one in multi-line mode.
void Loader::DeriveStarts() {
  if (!options_.prefilter) return;
  const std::string kZ = "\\x{E000}", kY = "\\x{E001}";
  const std::string kZBytes = "\xEE\x80\x80", kYBytes = "\xEE\x80\x81";
  const std::map<std::string, std::vector<std::string>> lists = ListMacros();
  if (lists.empty()) return;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(options_.max_regex_memory);
  // A macro that uses no list and cannot match the empty string stands for
  // a third character W: where it can begin a match, so can W, which fails
  // the test, and elsewhere it does not change how a match can begin. The
  // patterns RE2 compiles for the test stay small.
  const std::string kW = "\\x{E002}";
  std::vector<const EntityRule*> rules;
  for (const EntityRule& rule : pack_->entity_rules) rules.push_back(&rule);
  std::map<std::string, std::string> macros = pack_->macros;
  for (const auto& [name, expanded] : ListFreeMacros(rules, lists)) {
    RE2 re(WithoutWordBoundaries(expanded), opts);
    if (re.ok() && !RE2::FullMatch("", re)) macros[name] = kW;
  }
  const std::map<std::string, std::string> stand_ins = macros;
  // The lower and upper bounds of what `source` matches with the list macros
  // of `as` made what they map to; false if RE2 cannot tell.
  auto range = [&](const std::string& source, const std::map<std::string, std::string>& as,
                   std::string* min, std::string* max) {
    for (const auto& [name, body] : as) macros[name] = body;
    std::string expanded, error;
    if (!ExpandPattern(source, macros, false, &expanded, &error)) return false;
    RE2 re(WithoutWordBoundaries(expanded), opts);
    return re.ok() && re.PossibleMatchRange(min, max, 10);
  };
  // The lists that can begin a match of `rule`; empty if something else can.
  // The pattern may hold Z itself: with the lists made another character V,
  // every match must begin with V too.
  const std::string kV = "\\x{E003}", kVBytes = "\xEE\x80\x83";
  auto first_lists = [&](const EntityRule& rule, const std::vector<std::string>& used) {
    std::vector<std::string> first;
    std::map<std::string, std::string> as;
    std::string min, max;
    for (const auto& [marker, bytes] : {std::pair{kZ, kZBytes}, std::pair{kV, kVBytes}}) {
      for (const auto& name : used) as[name] = marker;
      if (!range(rule.source, as, &min, &max) || min.compare(0, 3, bytes) != 0 ||
          max.compare(0, 3, bytes) != 0)
        return first;
    }
    for (const auto& name : used) {
      for (const auto& other : used) as[other] = other == name ? kZ : kY;
      if (!range(rule.source, as, &min, &max) || min < kYBytes) first.push_back(name);
    }
    return first;
  };
  // Tags after those of the required lists, while there are any.
  size_t bit = pack_->required_macros.size();
  for (EntityRule& rule : pack_->entity_rules) {
    if (bit == 64) break;
    // In multi-line mode, ^ after a list's form that ends a line would not
    // hold after Z.
    if (!rule.pattern || MayFoldCase(rule.pattern->pattern()) ||
        MaySetFlag(rule.pattern->pattern(), 'm'))
      continue;
    std::vector<std::string> used;
    for (const auto& name : ReferencedMacros(rule.source, pack_->macros))
      if (lists.count(name)) used.push_back(name);
    const std::vector<std::string> first = first_lists(rule, used);
    for (const auto& name : used) macros[name] = stand_ins.at(name);
    if (first.empty()) continue;
    const uint64_t tag = uint64_t{1} << bit++;
    for (const auto& name : first)
      for (const auto& f : lists.at(name)) {
        literal_forms_.push_back(f);
        literal_tags_.push_back(tag);
      }
    rule.start_tag = tag;
  }
}

void Loader::Finish() {
  for (const auto& p : kCorePredicates) pack_->predicates.insert(p);
  DefineGeneratedMacros();
  // Cycles and undefined names inside macros are reported once, at the macro
  // whose body holds them.
  std::set<std::string> reported;
  for (const auto& [name, body] : pack_->macros) {
    std::string out, error, in_macro;
    if (ExpandPattern("{" + name + "}", pack_->macros, false, &out, &error, &in_macro,
                      &macro_cache_) ||
        in_macro.empty() || reported.count(in_macro))
      continue;
    // A cycle is one problem, whichever of its macros it is met from.
    std::set<std::string> members = {in_macro};
    if (error.rfind("macro cycle ", 0) == 0)
      for (const auto& member : SplitWords(error.substr(12)))
        if (member != "->") members.insert(member);
    bool seen = false;
    for (const auto& member : members) seen |= reported.count(member) > 0;
    reported.insert(members.begin(), members.end());
    // A cycle is told from the macro it starts at, the one being expanded.
    bool cycle = members.size() > 1 || error.rfind("macro cycle ", 0) == 0;
    if (!seen) Error(macro_where_[cycle ? name : in_macro], "", error);
  }
  std::vector<std::string> ids;
  for (const auto& r : pack_->entity_rules) ids.push_back(r.id);
  for (const auto& r : pack_->relation_rules) ids.push_back(r.id);
  for (const auto& r : pack_->cleanup) ids.push_back(r.id);
  for (const auto& [id, where] : disabled_) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    std::string near = NearestName(id, ids);
    Error(where, "", "'disable' names no rule '" + id + "'" +
                         (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  auto disabled = [&](const auto& rule) { return disabled_.count(rule.id) > 0; };
  std::erase_if(pack_->entity_rules, disabled);
  std::erase_if(pack_->relation_rules, disabled);
  std::erase_if(pack_->cleanup, disabled);
  // Disabled rules are gone before compilation: disabling a broken rule of
  // another pack is a way to work around it.
  CompileGazetteers();
  CompilePatterns();
  DeriveRequirements();
  DeriveStarts();
  pack_->entity_literals = LiteralSet(literal_forms_, literal_tags_);
  CompileFilters();
}

}  // namespace

const std::string* CountryNamed(const RulePack& pack, std::string_view form) {
  auto it = pack.forms.find(Fold(form));
  if (it == pack.forms.end() || pack.gazetteers[it->second.gazetteer].type != EntityType::kCountry)
    return nullptr;
  return &pack.gazetteers[it->second.gazetteer].entries[it->second.entry].name;
}

uint64_t NewPackId() {
  static std::atomic<uint64_t> last{0};
  return ++last;
}

void SpeakersAt(const RulePack& pack, std::string_view text, std::vector<int>* which) {
  which->clear();
  if (pack.speaker_set) {
    // Most lines start no turn. Asked which patterns match, RE2::Set
    // allocates for the answer on every call; asked whether any does, not.
    const re2::StringPiece line(text.data(), text.size());
    RE2::Set::ErrorInfo info;
    if (!pack.speaker_set->Match(line, nullptr, &info) && info.kind == RE2::Set::kNoError) return;
    if (pack.speaker_set->Match(line, which, &info)) {
      std::sort(which->begin(), which->end());
      return;
    }
    if (info.kind == RE2::Set::kNoError) return;  // none matches
    which->clear();
  }
  for (size_t i = 0; i < pack.speakers.size(); ++i)
    if (pack.speakers[i].pattern) which->push_back(static_cast<int>(i));
}

bool IsHonorificWord(const RulePack& pack, std::string_view word) {
  return IsHonorificWord(pack, word, Fold(word));
}

bool IsHonorificWord(const RulePack& pack, std::string_view word, std::string_view folded) {
  if (!pack.honorifics.count(folded)) return false;
  return !pack.dotted_honorifics.count(folded) || word.find('.') != std::string_view::npos;
}

bool TitleEndsWith(const std::vector<std::string>& titles, std::string_view title) {
  for (const std::string& t : titles)
    if (title.size() >= t.size() && title.substr(title.size() - t.size()) == t &&
        (title.size() == t.size() || title[title.size() - t.size() - 1] == ' '))
      return true;
  return false;
}

bool TitleHolds(const std::vector<std::string>& titles, std::string_view title) {
  for (const std::string& t : titles)
    for (size_t at = title.find(t); at != std::string_view::npos; at = title.find(t, at + 1))
      if ((at == 0 || title[at - 1] == ' ') &&
          (at + t.size() == title.size() || title[at + t.size()] == ' '))
        return true;
  return false;
}

bool IsListedWord(const RulePack& pack, std::string_view word) {
  return pack.title_words.count(word) || pack.honorifics.count(word) ||
         pack.name_stopwords.count(word) || pack.name_breakers.count(word) ||
         pack.name_enders.count(word) || pack.forms.count(word);
}

Diagnostics LoadRulePack(const std::vector<std::string>& paths, const LoadOptions& options,
                         RulePack* pack) {
  pack->id = NewPackId();
  Loader loader(options, pack);
  for (const auto& path : paths) loader.LoadFile(path, 0);
  loader.Finish();
  pack->digest = loader.digest();
  Diagnostics diags = loader.TakeDiagnostics();
  // In reading order: files as first read, then line and column.
  auto rank = [&](const std::string& file) {
    auto it = std::find(pack->files.begin(), pack->files.end(), file);
    return it - pack->files.begin();
  };
  std::stable_sort(diags.begin(), diags.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return rank(a.file) < rank(b.file);
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  // A YAML alias makes one node appear in many places, and its problem
  // would be told once per appearance (nine times nine for a "billion
  // laughs"): each problem is told once.
  std::set<std::tuple<std::string, int, int, std::string, std::string>> told;
  std::erase_if(diags, [&](const Diagnostic& d) {
    return !told.emplace(d.file, d.line, d.column, d.rule, d.message).second;
  });
  return diags;
}

}  // namespace kgrep
