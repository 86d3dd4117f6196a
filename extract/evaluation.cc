// Gold files in, figures out. Three parts: the gold loader (YAML -> Gold or
// Diagnostics), the comparison (Evaluate), and the two writers. Every rule
// of the comparison mirrors the reference scorer; where its Python semantics
// are not obvious in C++ (white space, case folding, rounding, dict order)
// a comment says which Python behaviour is reproduced.

#include "extract/evaluation.h"

#include <re2/re2.h>
#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "extract/macro.h"
#include "extract/text.h"

namespace kgrep {

namespace {

// ---------------------------------------------------------------------------
// Text

const std::vector<std::string> kScoredPredicates = {"welcomed", "thanked", "represents",
                                                    "member_of", "part_of"};
const std::map<std::string, std::string> kPredicateSynonyms = {{"leads", "member_of"},
                                                               {"heads", "member_of"}};
const std::map<std::string, std::string> kTypeSynonyms = {
    {"organisation", "organization"}, {"government agency", "agency"},
    {"official", "person"},           {"place", "location"},
    {"city", "location"},             {"program", "initiative"},
    {"programme", "initiative"}};
const std::vector<std::string> kTypes = {"person",  "agency",     "organization",
                                         "country", "initiative", "location"};
const char* const kPrefixes[] = {"the ", "mr ", "mrs ", "ms ", "dr "};

utf8proc_ssize_t Decode(std::string_view text, size_t i, utf8proc_int32_t* cp) {
  return DecodeUtf8(text, i, cp);
}

void Append(std::string* out, utf8proc_int32_t cp) { AppendUtf8(out, cp); }

// Calls f(code point) for each code point; an invalid byte counts as itself.
template <typename F>
void ForEachCodePoint(std::string_view text, F f) {
  size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = Decode(text, i, &cp);
    if (len <= 0) {
      cp = static_cast<unsigned char>(text[i]);
      len = 1;
    }
    i += static_cast<size_t>(len);
    f(cp);
  }
}

std::string Map(std::string_view text, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                    static_cast<utf8proc_option_t>(options));
  std::string out = n >= 0 ? std::string(reinterpret_cast<const char*>(mapped),
                                         static_cast<size_t>(n))
                           : std::string(text);
  std::free(mapped);
  return out;
}

// Python's str.isspace(), which str.split() and str.strip() use: bidi class
// WS, B or S, or category Zs.
bool IsPythonSpace(utf8proc_int32_t cp) {
  if (cp < 0x80) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  const utf8proc_property_t* p = utf8proc_get_property(cp);
  return p->bidi_class == UTF8PROC_BIDI_CLASS_WS || p->bidi_class == UTF8PROC_BIDI_CLASS_B ||
         p->bidi_class == UTF8PROC_BIDI_CLASS_S || p->category == UTF8PROC_CATEGORY_ZS;
}

// Python's str.casefold(): full case folding, nothing else.
std::string CaseFold(std::string_view text) { return Map(text, UTF8PROC_CASEFOLD); }

// Python's str.strip() without arguments.
std::string_view StripSpaces(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = Decode(text, begin, &cp);
    if (len <= 0 || !IsPythonSpace(cp)) break;
    begin += static_cast<size_t>(len);
  }
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = Decode(text, start, &cp);
    if (len <= 0 || start + static_cast<size_t>(len) != end || !IsPythonSpace(cp)) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string NormalizeType(std::string_view type) {
  std::string t = CaseFold(StripSpaces(type));
  auto it = kTypeSynonyms.find(t);
  return it == kTypeSynonyms.end() ? t : it->second;
}

std::string NormalizePredicate(std::string_view relation) {
  std::string r = CaseFold(StripSpaces(relation));
  auto it = kPredicateSynonyms.find(r);
  return it == kPredicateSynonyms.end() ? r : it->second;
}

bool IsScored(const std::string& predicate) {
  return std::find(kScoredPredicates.begin(), kScoredPredicates.end(), predicate) !=
         kScoredPredicates.end();
}

// Python's repr() of a str, for the type in "wrong type" lines.
std::string PythonRepr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  ForEachCodePoint(text, [&](utf8proc_int32_t cp) {
    if (cp == '\\' || cp == quote) {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA1)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      Append(&out, cp);
    }
  });
  out += quote;
  return out;
}

// ---------------------------------------------------------------------------
// Numbers as Python prints them

// f"{value:.{places}f}": correctly rounded, ties to even.
std::string FormatFixed(double value, int places) {
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, places);
  return std::string(buffer, result.ptr);
}

// repr(round(value, 4)) for 0 <= value <= 1.
std::string FormatRounded(double value) {
  std::string fixed = FormatFixed(value, 4);
  double rounded = 0;
  std::from_chars(fixed.data(), fixed.data() + fixed.size(), rounded);
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed);
  std::string out(buffer, result.ptr);
  if (out.find('.') == std::string::npos) out += ".0";
  return out;
}

// json.dumps(text, ensure_ascii=False).
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

Prf ComputePrf(int tp, int fp, int fn) {
  Prf out;
  out.precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0.0;
  out.recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0.0;
  out.f1 = out.precision + out.recall
               ? 2 * out.precision * out.recall / (out.precision + out.recall)
               : 0.0;
  return out;
}

// ---------------------------------------------------------------------------
// Loading

// Plain scalars that a YAML 1.1 reader (PyYAML's resolver) turns into
// booleans, nulls, numbers or dates. Decimal integers print as written, so
// they are text enough.
bool IsNonTextPlainScalar(const std::string& s) {
  static const RE2 kNonText(
      // bool
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
      // null
      "|~|null|Null|NULL|"
      // int, other than canonical decimal
      "|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
      // float
      "|[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
      // timestamp, merge, value
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt \\t].*)?|<<|=");
  static const RE2 kDecimal("0|-?[1-9][0-9]*");
  return RE2::FullMatch(s, kNonText) && !RE2::FullMatch(s, kDecimal);
}

// Reads one gold file, collecting every problem rather than stopping at the
// first. yaml-cpp's exceptions are caught by ParseGold().
class GoldLoader {
 public:
  GoldLoader(const std::string& file, std::string_view text) : file_(file) {
    std::string line;
    std::istringstream in{std::string(text)};
    while (std::getline(in, line)) lines_.push_back(line);
  }

  void Load(const YAML::Node& root, Gold* gold);
  void Error(const YAML::Node& node, const std::string& message) {
    int line = 0, column = 0;
    if (node.IsDefined() && node.Mark().line >= 0) {
      line = node.Mark().line + 1;
      column = node.Mark().column + 1;
    }
    Error(line, column, message);
  }
  void Error(int line, int column, const std::string& message) {
    Diagnostic d;
    d.file = file_;
    d.line = line;
    d.column = column;
    d.message = message;
    if (line > 0 && line <= static_cast<int>(lines_.size())) d.source_line = lines_[line - 1];
    diags_.push_back(std::move(d));
  }
  Diagnostics TakeDiagnostics() { return std::move(diags_); }

 private:
  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                 const std::string& what);
  bool GetText(const YAML::Node& node, const std::string& what, std::string* out);
  void LoadEntities(const YAML::Node& list, const char* key, bool optional, Gold* gold);
  void LoadRelations(const YAML::Node& list, const char* key,
                     std::vector<GoldRelation>* relations);
  void CheckId(const YAML::Node& node, const std::string& id);

  std::string file_;
  std::vector<std::string> lines_;
  Diagnostics diags_;
  std::map<std::string, int> id_line_;  // entity id -> line of its definition
  std::vector<std::string> ids_;        // every id seen, for "did you mean"
};

void GoldLoader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                           const std::string& what) {
  for (const auto& kv : map) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "unknown key '" + key + "' in " + what;
    std::string near = NearestName(key, known);
    if (!near.empty()) message += "; did you mean '" + near + "'?";
    Error(kv.first, message);
  }
}

bool GoldLoader::GetText(const YAML::Node& node, const std::string& what, std::string* out) {
  if (!node.IsScalar()) {
    Error(node, what + " must be text");
    return false;
  }
  if (node.Tag() == "?" && IsNonTextPlainScalar(node.Scalar())) {
    Error(node, what + " '" + node.Scalar() +
                    "' is not text to every YAML reader (YAML 1.1 reads a boolean, null, "
                    "number or date); quote it");
    return false;
  }
  *out = node.Scalar();
  return true;
}

void GoldLoader::Load(const YAML::Node& root, Gold* gold) {
  if (!root.IsMap()) {
    Error(root, "a gold file must be a mapping with 'entities' and 'relations'");
    return;
  }
  CheckKeys(root, {"document", "entities", "optional_entities", "relations", "optional_relations"},
            "a gold file");
  if (YAML::Node d = root["document"]) GetText(d, "'document'", &gold->document);
  // All ids first: relations may name entities defined further down.
  LoadEntities(root["entities"], "entities", false, gold);
  LoadEntities(root["optional_entities"], "optional_entities", true, gold);
  LoadRelations(root["relations"], "relations", &gold->relations);
  LoadRelations(root["optional_relations"], "optional_relations", &gold->optional_relations);
}

void GoldLoader::LoadEntities(const YAML::Node& list, const char* key, bool optional,
                              Gold* gold) {
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) {
    Error(list, std::string("'") + key + "' must be a list of entities");
    return;
  }
  for (const auto& item : list) {
    if (!item.IsMap()) {
      Error(item, "an entity must be a mapping with id, name, type and aliases");
      continue;
    }
    GoldEntity e;
    e.optional = optional;
    bool ok = true;
    YAML::Node id = item["id"];
    if (!id) {
      Error(item, "entity without 'id'");
      ok = false;
    } else if (!GetText(id, "'id'", &e.id)) {
      ok = false;
    } else if (e.id.empty()) {
      Error(id, "empty 'id'");
      ok = false;
    }
    const std::string what = ok ? "entity '" + e.id + "'" : "entity";
    CheckKeys(item, {"id", "name", "type", "aliases"}, what);
    if (ok) {
      auto [it, fresh] = id_line_.emplace(e.id, id.Mark().line + 1);
      if (!fresh) {
        Error(id, "duplicate entity id '" + e.id + "' (first defined on line " +
                      std::to_string(it->second) + ")");
        ok = false;
      }
    }
    YAML::Node name = item["name"];
    if (!name) {
      Error(item, what + ": missing 'name'");
      ok = false;
    } else if (!GetText(name, what + ": 'name'", &e.name)) {
      ok = false;
    }
    YAML::Node type = item["type"];
    if (!type) {
      Error(item, what + ": missing 'type'");
      ok = false;
    } else if (GetText(type, what + ": 'type'", &e.type)) {
      std::string t = NormalizeType(e.type);
      if (std::find(kTypes.begin(), kTypes.end(), t) == kTypes.end()) {
        std::string message = what + ": unknown entity type '" + e.type + "'";
        std::string near = NearestName(t, kTypes);
        if (!near.empty()) {
          near[0] = static_cast<char>(near[0] - 'a' + 'A');
          message += "; did you mean '" + near + "'?";
        }
        Error(type, message);
        ok = false;
      }
    } else {
      ok = false;
    }
    YAML::Node aliases = item["aliases"];
    if (aliases && !aliases.IsNull()) {
      if (!aliases.IsSequence()) {
        Error(aliases, what + ": 'aliases' must be a list");
        ok = false;
      } else {
        for (const auto& a : aliases) {
          std::string alias;
          if (GetText(a, what + ": alias", &alias)) e.aliases.push_back(alias);
        }
      }
    }
    if (!e.id.empty()) ids_.push_back(e.id);
    if (ok) gold->entities.push_back(std::move(e));
  }
}

void GoldLoader::CheckId(const YAML::Node& node, const std::string& id) {
  if (id_line_.count(id)) return;
  std::string message = "unknown entity id '" + id + "'";
  std::string near = NearestName(id, ids_);
  if (!near.empty()) message += "; did you mean '" + near + "'?";
  Error(node, message);
}

void GoldLoader::LoadRelations(const YAML::Node& list, const char* key,
                               std::vector<GoldRelation>* relations) {
  if (!list || list.IsNull()) return;
  if (!list.IsSequence()) {
    Error(list, std::string("'") + key + "' must be a list of [subject, predicate, object]");
    return;
  }
  for (const auto& item : list) {
    if (!item.IsSequence() || item.size() != 3) {
      Error(item, "a relation must be [subject, predicate, object]");
      continue;
    }
    GoldRelation r;
    if (!GetText(item[0], "subject", &r.subject) || !GetText(item[1], "predicate", &r.predicate) ||
        !GetText(item[2], "object", &r.object))
      continue;
    const size_t before = diags_.size();
    CheckId(item[0], r.subject);
    if (!IsScored(r.predicate)) {
      std::string message = "predicate '" + r.predicate +
                            "' is not scored (welcomed, thanked, represents, member_of, part_of)";
      std::string near = NearestName(r.predicate, kScoredPredicates);
      auto syn = kPredicateSynonyms.find(r.predicate);
      if (syn != kPredicateSynonyms.end()) near = syn->second;
      if (!near.empty()) message += "; did you mean '" + near + "'?";
      Error(item[1], message);
    }
    CheckId(item[2], r.object);
    if (diags_.size() == before) relations->push_back(std::move(r));
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Public: loading

Diagnostics ParseGold(std::string_view text, const std::string& file, Gold* gold) {
  *gold = Gold();
  gold->file = file;
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    // Not text: a loader without its lines, which quotes none.
    GoldLoader loader(file, "");
    const TextPosition at = PositionOf(text, bad);
    loader.Error(static_cast<int>(at.line), static_cast<int>(at.column),
                 InvalidUtf8Message(text, bad));
    return loader.TakeDiagnostics();
  }
  GoldLoader loader(file, text);
  try {
    YAML::Node root = YAML::Load(std::string(text));
    loader.Load(root, gold);
  } catch (const YAML::ParserException& e) {
    loader.Error(e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    loader.Error(e.mark.line + 1, e.mark.column + 1, "cannot read gold file: " + e.msg);
  }
  return loader.TakeDiagnostics();
}

Diagnostics LoadGold(const std::string& path, Gold* gold) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::ifstream in(path, std::ios::binary);
  if (!in || fs::is_directory(path, ec)) {
    *gold = Gold();
    Diagnostic d;
    d.file = path;
    d.message = fs::is_directory(path, ec) ? "is a directory, not a gold file"
                : fs::exists(path, ec)     ? "cannot open gold file: permission denied"
                                           : "cannot open gold file: no such file";
    return {d};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseGold(buffer.str(), path, gold);
}

// ---------------------------------------------------------------------------
// Public: comparison

std::string NormalizeLabel(std::string_view text) {
  const std::string nfkd = Map(text, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE);
  std::string stripped;
  ForEachCodePoint(nfkd, [&](utf8proc_int32_t cp) {
    if (utf8proc_get_property(cp)->combining_class != 0) return;
    if (cp == 0x2019 || cp == 0x2018) cp = '\'';
    Append(&stripped, cp);
  });
  const std::string folded = CaseFold(stripped);

  std::string out;
  bool pending_space = false;
  ForEachCodePoint(folded, [&](utf8proc_int32_t cp) {
    if (cp == '.' || cp == ',' || cp == '-' || IsPythonSpace(cp)) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    Append(&out, cp);
  });

  std::string_view rest = out;
  for (bool changed = true; changed;) {
    changed = false;
    for (const char* prefix : kPrefixes) {
      if (rest.substr(0, std::string_view(prefix).size()) == prefix) {
        rest.remove_prefix(std::string_view(prefix).size());
        changed = true;
      }
    }
  }
  return std::string(rest);
}

Evaluation Evaluate(const Gold& gold, const std::vector<EvalNode>& nodes,
                    const std::vector<EvalEdge>& edges) {
  Evaluation ev;
  ev.nodes = nodes.size();
  ev.edges = edges.size();

  // Normalised surface form -> entities (indices into gold.entities).
  std::map<std::string, std::set<size_t>> surface;
  std::map<std::string, size_t> by_id;
  for (size_t i = 0; i < gold.entities.size(); ++i) {
    const GoldEntity& e = gold.entities[i];
    by_id.emplace(e.id, i);
    surface[NormalizeLabel(e.name)].insert(i);
    for (const std::string& a : e.aliases) surface[NormalizeLabel(a)].insert(i);
  }
  auto label_of = [&](size_t n) {
    return nodes[n].label.empty() ? "n" + std::to_string(n) : nodes[n].label;
  };

  // Entities.
  std::vector<std::optional<size_t>> node_gold(nodes.size());
  std::map<size_t, size_t> matched;  // entity -> first node
  for (size_t n = 0; n < nodes.size(); ++n) {
    const std::string label = label_of(n);
    auto it = surface.find(NormalizeLabel(label));
    if (it == surface.end()) {
      ev.spurious_entities.push_back(label);
      continue;
    }
    if (it->second.size() > 1) {
      ev.ambiguous_labels.push_back(label);
      ev.spurious_entities.push_back(label);
      continue;
    }
    const size_t g = *it->second.begin();
    const GoldEntity& e = gold.entities[g];
    node_gold[n] = g;
    if (e.optional) continue;
    if (matched.count(g)) {
      ev.split_entities.push_back(label + " (again " + e.name + ")");
      ev.spurious_entities.push_back(label);
      continue;
    }
    matched.emplace(g, n);
    if (NormalizeType(nodes[n].type) != NormalizeType(e.type)) {
      std::string type = nodes[n].type.empty() ? "None" : PythonRepr(nodes[n].type);
      ev.wrong_types.push_back(label + ": " + type + ", gold " + e.type);
    }
  }
  for (size_t g = 0; g < gold.entities.size(); ++g) {
    if (gold.entities[g].optional) continue;
    ++ev.entity_gold;
    if (!matched.count(g)) ev.missed_entities.push_back(gold.entities[g].name);
  }
  std::sort(ev.missed_entities.begin(), ev.missed_entities.end());
  std::sort(ev.spurious_entities.begin(), ev.spurious_entities.end());
  const int tp = static_cast<int>(matched.size());
  const int wrong = static_cast<int>(ev.wrong_types.size());
  const int fp = static_cast<int>(ev.spurious_entities.size());
  const int fn = static_cast<int>(ev.missed_entities.size());
  ev.entity_tp = tp - wrong;
  ev.entity = ComputePrf(ev.entity_tp, fp + wrong, fn + wrong);
  ev.entity_untyped_f1 = ComputePrf(tp, fp, fn).f1;

  // Relations, in the order a GraphML reader lists a multigraph's edges.
  using Triple = std::tuple<std::string, std::string, std::string>;
  std::set<Triple> required, accepted;  // accepted: the optional triples
  for (const GoldRelation& r : gold.relations) required.emplace(r.subject, r.predicate, r.object);
  for (const GoldRelation& r : gold.optional_relations)
    accepted.emplace(r.subject, r.predicate, r.object);

  std::vector<size_t> order(edges.size());
  {
    std::map<std::pair<size_t, size_t>, size_t> first;  // (source, target) -> first edge
    for (size_t i = 0; i < edges.size(); ++i)
      first.emplace(std::pair(edges[i].source, edges[i].target), i);
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return std::pair(edges[a].source, first[{edges[a].source, edges[a].target}]) <
             std::pair(edges[b].source, first[{edges[b].source, edges[b].target}]);
    });
  }
  auto name_of = [&](size_t g) -> const std::string& { return gold.entities[g].name; };
  std::set<Triple> found;
  std::set<std::string> spurious;
  for (size_t i : order) {
    const EvalEdge& edge = edges[i];
    const std::string rel = NormalizePredicate(edge.relation);
    if (!IsScored(rel)) {
      auto it = std::find_if(ev.unscored_relations.begin(), ev.unscored_relations.end(),
                             [&](const auto& kv) { return kv.first == rel; });
      if (it == ev.unscored_relations.end()) {
        ev.unscored_relations.emplace_back(rel, 1);
      } else {
        ++it->second;
      }
      continue;
    }
    const std::optional<size_t> s = node_gold[edge.source], o = node_gold[edge.target];
    if (!s || !o) {
      if ((s && gold.entities[*s].optional) || (o && gold.entities[*o].optional)) continue;
      spurious.insert(label_of(edge.source) + " -" + rel + "-> " + label_of(edge.target));
      continue;
    }
    Triple t(gold.entities[*s].id, rel, gold.entities[*o].id);
    if (required.count(t)) {
      found.insert(t);
    } else if (!accepted.count(t)) {
      spurious.insert(name_of(*s) + " -" + rel + "-> " + name_of(*o));
    }
  }
  for (const Triple& t : required) {
    if (found.count(t)) continue;
    ev.missed_relations.push_back(name_of(by_id.at(std::get<0>(t))) + " -" + std::get<1>(t) +
                                  "-> " + name_of(by_id.at(std::get<2>(t))));
  }
  std::sort(ev.missed_relations.begin(), ev.missed_relations.end());
  ev.spurious_relations.assign(spurious.begin(), spurious.end());
  ev.relation_tp = static_cast<int>(found.size());
  ev.relation_gold = static_cast<int>(required.size());
  ev.relation = ComputePrf(ev.relation_tp, static_cast<int>(ev.spurious_relations.size()),
                           static_cast<int>(ev.missed_relations.size()));
  return ev;
}

// ---------------------------------------------------------------------------
// Public: output

void WriteEvaluationText(const Evaluation& ev, bool quiet, std::ostream& out) {
  if (!quiet) {
    const std::pair<const std::vector<std::string>*, const char*> lists[] = {
        {&ev.missed_entities, "missed entity"},       {&ev.spurious_entities, "spurious entity"},
        {&ev.split_entities, "  of which split"},     {&ev.wrong_types, "wrong type"},
        {&ev.missed_relations, "missed relation"},    {&ev.spurious_relations, "spurious relation"},
    };
    for (const auto& [items, name] : lists)
      for (const std::string& item : *items) out << name << ": " << item << "\n";
    if (!ev.unscored_relations.empty()) {
      auto sorted = ev.unscored_relations;
      std::sort(sorted.begin(), sorted.end());
      out << "unscored relations: ";
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0) out << ", ";
        out << (sorted[i].first.empty() ? "(none)" : sorted[i].first) << "=" << sorted[i].second;
      }
      out << "\n";
    }
  }
  out << "entities  P=" << FormatFixed(ev.entity.precision, 3)
      << " R=" << FormatFixed(ev.entity.recall, 3) << " F1=" << FormatFixed(ev.entity.f1, 3)
      << " (untyped F1=" << FormatFixed(ev.entity_untyped_f1, 3) << ", " << ev.entity_tp << "/"
      << ev.entity_gold << ")\n";
  out << "relations P=" << FormatFixed(ev.relation.precision, 3)
      << " R=" << FormatFixed(ev.relation.recall, 3) << " F1=" << FormatFixed(ev.relation.f1, 3)
      << " (" << ev.relation_tp << "/" << ev.relation_gold << ")\n";
}

namespace {

void WriteJsonList(const std::vector<std::string>& items, std::ostream& out) {
  if (items.empty()) {
    out << "[]";
    return;
  }
  out << "[\n";
  for (size_t i = 0; i < items.size(); ++i)
    out << "  " << JsonString(items[i]) << (i + 1 < items.size() ? ",\n" : "\n");
  out << " ]";
}

}  // namespace

void WriteEvaluationJson(const Evaluation& ev, std::string_view graph, std::ostream& out) {
  out << "{\n";
  out << " \"graph\": " << JsonString(graph) << ",\n";
  out << " \"nodes\": " << ev.nodes << ",\n";
  out << " \"edges\": " << ev.edges << ",\n";
  out << " \"entity\": {\n"
      << "  \"precision\": " << FormatRounded(ev.entity.precision) << ",\n"
      << "  \"recall\": " << FormatRounded(ev.entity.recall) << ",\n"
      << "  \"f1\": " << FormatRounded(ev.entity.f1) << ",\n"
      << "  \"untyped_f1\": " << FormatRounded(ev.entity_untyped_f1) << ",\n"
      << "  \"tp\": " << ev.entity_tp << ",\n"
      << "  \"gold\": " << ev.entity_gold << "\n },\n";
  out << " \"relation\": {\n"
      << "  \"precision\": " << FormatRounded(ev.relation.precision) << ",\n"
      << "  \"recall\": " << FormatRounded(ev.relation.recall) << ",\n"
      << "  \"f1\": " << FormatRounded(ev.relation.f1) << ",\n"
      << "  \"tp\": " << ev.relation_tp << ",\n"
      << "  \"gold\": " << ev.relation_gold << "\n },\n";
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"missed_entities", &ev.missed_entities},       {"spurious_entities", &ev.spurious_entities},
      {"split_entities", &ev.split_entities},         {"ambiguous_labels", &ev.ambiguous_labels},
      {"wrong_types", &ev.wrong_types},               {"missed_relations", &ev.missed_relations},
      {"spurious_relations", &ev.spurious_relations},
  };
  for (const auto& [key, items] : lists) {
    out << " \"" << key << "\": ";
    WriteJsonList(*items, out);
    out << ",\n";
  }
  out << " \"unscored_relations\": ";
  if (ev.unscored_relations.empty()) {
    out << "{}";
  } else {
    out << "{\n";
    for (size_t i = 0; i < ev.unscored_relations.size(); ++i) {
      out << "  " << JsonString(ev.unscored_relations[i].first) << ": "
          << ev.unscored_relations[i].second
          << (i + 1 < ev.unscored_relations.size() ? ",\n" : "\n");
    }
    out << " }";
  }
  out << "\n}\n";
}

}  // namespace kgrep
