#include "graph/fragment.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "extract/macro.h"
#include "extract/text.h"

namespace kgrep {

namespace {

// Keeps keys in insertion order, so lines read as the header documents.
using Json = nlohmann::ordered_json;

Json StringArray(const std::vector<std::string>& items) {
  Json array = Json::array();
  for (const std::string& item : items) array.push_back(item);
  return array;
}

// A problem in one line: the message and, for invalid JSON, the byte of the
// line it is at.
struct LineError {
  std::string message;
  size_t at = std::string::npos;
};

// Reads the fields of one parsed line. Each accessor names the offending
// value by its path ("entities[1].type") in the error.
class LineReader {
 public:
  bool failed() const { return !error_.message.empty(); }
  const LineError& error() const { return error_; }

  // *out = object[key], which must exist and be a string (std::string or
  // SharedText).
  template <typename S>
  void String(const Json& object, const char* key, const std::string& path, S* out) {
    const Json* value = Field(object, key, path);
    if (value == nullptr) return;
    if (!value->is_string()) return Expected(path + key, "a string", *value);
    *out = value->get<std::string>();
  }

  // *out = object[key], an integer in [min, max].
  template <typename T>
  void Integer(const Json& object, const char* key, const std::string& path, T* out) {
    const Json* value = Field(object, key, path);
    if (value == nullptr) return;
    const std::string where = path + key;
    if (!value->is_number_integer()) {
      return Expected(where, std::is_signed_v<T> ? "an integer" : "a non-negative integer",
                      *value);
    }
    if (value->is_number_unsigned()) {
      auto n = value->get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return OutOfRange(where);
      *out = static_cast<T>(n);
    } else {
      auto n = value->get<std::int64_t>();
      if (!std::is_signed_v<T> && n < 0) return Expected(where, "a non-negative integer", *value);
      if (std::is_signed_v<T> && (n < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                                  n > static_cast<std::int64_t>(std::numeric_limits<T>::max())))
        return OutOfRange(where);
      *out = static_cast<T>(n);
    }
  }

  // *out = object[key] if it is there, which must then be a boolean.
  void OptionalBool(const Json& object, const char* key, const std::string& path, bool* out) {
    if (failed()) return;
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_boolean()) return Expected(path + key, "a boolean", *it);
    *out = it->get<bool>();
  }

  // object[key], which must exist and be an array; nullptr on error.
  const Json* Array(const Json& object, const char* key, const std::string& path) {
    const Json* value = Field(object, key, path);
    if (value == nullptr) return nullptr;
    if (!value->is_array()) {
      Expected(path + key, "an array", *value);
      return nullptr;
    }
    return value;
  }

  // object[key], which must exist and be an object; nullptr on error.
  const Json* Object(const Json& object, const char* key, const std::string& path) {
    const Json* value = Field(object, key, path);
    if (value == nullptr) return nullptr;
    if (!value->is_object()) {
      Expected(path + key, "an object", *value);
      return nullptr;
    }
    return value;
  }

  // Requires `value` (at `path`) to be an object.
  bool IsObject(const Json& value, const std::string& path) {
    if (value.is_object()) return true;
    Expected(path, "an object", value);
    return false;
  }

  void Fail(std::string message, size_t at = std::string::npos) {
    if (!failed()) error_ = LineError{std::move(message), at};
  }

 private:
  const Json* Field(const Json& object, const char* key, const std::string& path) {
    if (failed()) return nullptr;
    auto it = object.find(key);
    if (it == object.end()) {
      Fail("missing \"" + path + key + "\"");
      return nullptr;
    }
    return &*it;
  }
  void Expected(const std::string& where, const char* what, const Json& value) {
    Fail("\"" + where + "\": expected " + what + ", got " + value.type_name());
  }
  void OutOfRange(const std::string& where) { Fail("\"" + where + "\": out of range"); }

  LineError error_;
};

std::string Index(const char* array, size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "].";
}

void ReadEntity(LineReader& r, const Json& json, const std::string& path, Entity* entity) {
  r.String(json, "label", path, &entity->label);
  std::string type;
  r.String(json, "type", path, &type);
  if (!r.failed() && !ParseEntityType(type, &entity->type)) {
    std::vector<std::string> names;
    for (int i = 0; i < kEntityTypeCount; ++i)
      names.emplace_back(EntityTypeName(static_cast<EntityType>(i)));
    std::string near = NearestName(type, names);
    r.Fail("\"" + path + "type\": unknown entity type '" + type + "'" +
           (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  if (const Json* aliases = r.Array(json, "aliases", path)) {
    for (size_t i = 0; i < aliases->size() && !r.failed(); ++i) {
      const Json& alias = (*aliases)[i];
      if (!alias.is_string()) {
        r.Fail("\"" + path + "aliases[" + std::to_string(i) + "]\": expected a string, got " +
               alias.type_name());
        break;
      }
      entity->aliases.push_back(alias.get<std::string>());
    }
  }
  r.Integer(json, "mentions", path, &entity->mentions);
  r.String(json, "key", path, &entity->key);
  r.OptionalBool(json, "apart", path, &entity->apart);
}

void ReadRelation(LineReader& r, const Json& json, const std::string& path, size_t entities,
                  Relation* relation) {
  r.Integer(json, "subject", path, &relation->subject);
  r.String(json, "predicate", path, &relation->predicate);
  r.Integer(json, "object", path, &relation->object);
  for (auto [key, index] : {std::pair<const char*, size_t>{"subject", relation->subject},
                            std::pair<const char*, size_t>{"object", relation->object}}) {
    if (!r.failed() && index >= entities) {
      r.Fail("\"" + path + key + "\": entity " + std::to_string(index) + " out of range (" +
             std::to_string(entities) + (entities == 1 ? " entity)" : " entities)"));
    }
  }
  const std::string at = path + "evidence.";
  if (const Json* evidence = r.Object(json, "evidence", path)) {
    Evidence& e = relation->evidence;
    r.String(*evidence, "document", at, &e.document);
    r.Integer(*evidence, "begin", at, &e.begin);
    r.Integer(*evidence, "end", at, &e.end);
    r.String(*evidence, "text", at, &e.text);
    r.String(*evidence, "rule", at, &e.rule);
  }
}

// Parses one non-blank line into *fragment. `offset` is where the line
// begins in its file.
LineError ParseLine(const std::string& line, size_t offset, Fragment* fragment) {
  LineReader r;
  Json json;
  try {
    json = Json::parse(line);
  } catch (const Json::parse_error& e) {
    // JSON is UTF-8: a line that is not says so as a document does, naming
    // the first bad byte.
    if (size_t bad = 0; !IsValidUtf8(line, &bad)) {
      r.Fail(InvalidUtf8Message(line, bad, offset), bad);
    } else {
      r.Fail("invalid JSON: " + JsonParseErrorReason(e.what()),
             std::min(e.byte == 0 ? 0 : e.byte - 1, line.size()));
    }
    return r.error();
  }
  if (!json.is_object()) {
    r.Fail(std::string("expected a JSON object, got ") + json.type_name());
    return r.error();
  }
  auto format = json.find("format");
  if (format == json.end() || !format->is_string() || *format != kFragmentFormat) {
    r.Fail(std::string("not a kgrep fragment (no \"format\": \"") + kFragmentFormat + "\")");
    return r.error();
  }
  int version = 0;
  r.Integer(json, "version", "", &version);
  if (!r.failed() && version != kFragmentVersion) {
    r.Fail("fragment version " + std::to_string(version) + " is not supported (this kgrep reads " +
           std::to_string(kFragmentVersion) + ")");
  }
  if (const Json* rules = r.Array(json, "rules", "")) {
    for (size_t i = 0; i < rules->size() && !r.failed(); ++i) {
      if (!(*rules)[i].is_string()) {
        r.Fail("\"rules[" + std::to_string(i) + "]\": expected a string, got " +
               (*rules)[i].type_name());
        break;
      }
      fragment->rules.push_back((*rules)[i].get<std::string>());
    }
  }
  r.String(json, "pack", "", &fragment->pack);
  Extraction& x = fragment->extraction;
  r.String(json, "document", "", &x.document);
  if (const Json* entities = r.Array(json, "entities", "")) {
    x.entities.resize(entities->size());
    for (size_t i = 0; i < entities->size() && !r.failed(); ++i) {
      const std::string path = Index("entities", i);
      if (r.IsObject((*entities)[i], path.substr(0, path.size() - 1)))
        ReadEntity(r, (*entities)[i], path, &x.entities[i]);
    }
  }
  if (const Json* relations = r.Array(json, "relations", "")) {
    x.relations.resize(relations->size());
    for (size_t i = 0; i < relations->size() && !r.failed(); ++i) {
      const std::string path = Index("relations", i);
      if (r.IsObject((*relations)[i], path.substr(0, path.size() - 1)))
        ReadRelation(r, (*relations)[i], path, x.entities.size(), &x.relations[i]);
    }
  }
  return r.error();
}

bool Blank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

std::string FragmentLine(const Fragment& fragment) {
  const Extraction& x = fragment.extraction;
  Json json = Json::object();
  json["format"] = kFragmentFormat;
  json["version"] = kFragmentVersion;
  json["rules"] = StringArray(fragment.rules);
  json["pack"] = fragment.pack;
  json["document"] = x.document;
  Json entities = Json::array();
  for (const Entity& entity : x.entities) {
    Json e = Json::object();
    e["label"] = entity.label;
    e["type"] = std::string(EntityTypeName(entity.type));
    e["aliases"] = StringArray(entity.aliases);
    e["mentions"] = entity.mentions;
    e["key"] = entity.key;
    if (entity.apart) e["apart"] = true;
    entities.push_back(std::move(e));
  }
  json["entities"] = std::move(entities);
  Json relations = Json::array();
  for (const Relation& relation : x.relations) {
    Json r = Json::object();
    r["subject"] = relation.subject;
    r["predicate"] = relation.predicate;
    r["object"] = relation.object;
    Json evidence = Json::object();
    evidence["document"] = relation.evidence.document;
    evidence["begin"] = relation.evidence.begin;
    evidence["end"] = relation.evidence.end;
    evidence["text"] = relation.evidence.text;
    evidence["rule"] = relation.evidence.rule;
    r["evidence"] = std::move(evidence);
    relations.push_back(std::move(r));
  }
  json["relations"] = std::move(relations);
  // replace: an invalid byte sequence becomes U+FFFD instead of throwing.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void WriteFragment(const Fragment& fragment, std::ostream& out) {
  out << FragmentLine(fragment) << '\n';
}

Status ReadFragments(std::istream& in, const std::string& name,
                     const std::function<Status(Fragment&&)>& sink, size_t* consumed) {
  std::string line;
  size_t offset = 0;  // of the line in the file
  for (size_t number = 1; std::getline(in, line); ++number) {
    const size_t line_offset = offset;
    offset += line.size() + (in.eof() ? 0 : 1);
    if (consumed) *consumed += line.size() + (in.eof() ? 0 : 1);
    if (Blank(line)) continue;
    Fragment fragment;
    LineError error = ParseLine(line, line_offset, &fragment);
    if (!error.message.empty()) {
      // The column counts code points, as every other error's does.
      std::string place = name + ":" + std::to_string(number);
      if (error.at != std::string::npos)
        place += ":" + std::to_string(PositionOf(line, error.at).column);
      return Status::Error(place + ": " + error.message);
    }
    Status s = sink(std::move(fragment));
    if (!s.ok()) return Status::Error(name + ":" + std::to_string(number) + ": " + s.message());
  }
  if (in.bad()) return Status::Error(name + ": read error");
  return Status::Ok();
}

}  // namespace kgrep
