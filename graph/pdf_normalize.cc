#include "graph/pdf_normalize.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace kgrep {

namespace {

constexpr size_t kNone = std::string::npos;

// The stamp becomes the epoch, written with as many characters so that the
// file's byte offsets stay right.
void FixCreationDate(std::string* pdf) {
  const std::string key = "/CreationDate (D:";
  size_t at = pdf->find(key);
  if (at == kNone) return;
  size_t begin = at + key.size();
  size_t end = pdf->find(')', begin);
  if (end == kNone) return;
  const std::string epoch = "19700101000000";
  for (size_t i = begin, k = 0; i < end; ++i, ++k) {
    char& c = (*pdf)[i];
    if (c >= '0' && c <= '9') c = k < epoch.size() ? epoch[k] : '0';
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

// White space or a delimiter of PDF syntax: what may stand around a number.
bool IsDelimiter(char c) {
  return IsSpace(c) || c == '[' || c == ']' || c == '(' || c == ')' || c == '<' || c == '>' ||
         c == '{' || c == '}' || c == '/' || c == '%';
}

std::optional<std::string> Inflate(std::string_view in) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buffer[1 << 16];
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    status = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (status == Z_OK && z.avail_in == 0 && z.avail_out != 0) status = Z_DATA_ERROR;  // cut short
  }
  inflateEnd(&z);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

std::optional<std::string> Deflate(std::string_view in) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(in.data()), static_cast<uLong>(in.size()),
                Z_DEFAULT_COMPRESSION) != Z_OK)
    return std::nullopt;
  out.resize(size);
  return out;
}

// The unsigned integer at p[*pos], past leading white space; *pos moves past
// it. nullopt if there is none.
std::optional<size_t> ReadNumber(const std::string& p, size_t* pos) {
  while (*pos < p.size() && IsSpace(p[*pos])) ++*pos;
  size_t value = 0;
  const char* first = p.data() + *pos;
  auto [end, error] = std::from_chars(first, p.data() + p.size(), value);
  if (error != std::errc() || end == first) return std::nullopt;
  *pos += static_cast<size_t>(end - first);
  return value;
}

// One object of the file, as the cross-reference table places it.
struct Object {
  size_t number = 0;
  size_t begin = 0;  // "N 0 obj"
  size_t end = 0;    // the next object, or the table
  // A stream's data, if the object has one.
  bool stream = false;
  size_t data_begin = 0;
  size_t data_size = 0;
  size_t length_object = kNone;  // the object holding /Length, if indirect
  std::optional<std::string> new_data;
};

}  // namespace

std::string RoundPdfNumbers(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '(') {  // a literal string: balanced parentheses, backslash escapes
      size_t j = i;
      for (int depth = 0; j < s.size(); ++j) {
        if (s[j] == '\\') {
          ++j;
        } else if (s[j] == '(') {
          ++depth;
        } else if (s[j] == ')' && --depth == 0) {
          break;
        }
      }
      j = std::min(j + 1, s.size());
      out.append(s, i, j - i);
      i = j;
      continue;
    }
    if (c == '<' && i + 1 < s.size() && s[i + 1] != '<') {  // a hex string
      size_t j = s.find('>', i);
      j = j == kNone ? s.size() : j + 1;
      out.append(s, i, j - i);
      i = j;
      continue;
    }
    const bool starts = IsDigit(c) || c == '-' || c == '+' || c == '.';
    if (!starts || (i > 0 && !IsDelimiter(s[i - 1]))) {
      out += c;
      ++i;
      continue;
    }
    size_t j = i + (c == '-' || c == '+' ? 1 : 0);
    while (j < s.size() && IsDigit(s[j])) ++j;
    size_t decimals = 0;
    if (j < s.size() && s[j] == '.') {
      ++j;
      while (j < s.size() && IsDigit(s[j])) ++j, ++decimals;
    }
    double value = 0;
    const char* first = s.data() + i + (c == '+' ? 1 : 0);
    auto parsed = std::from_chars(first, s.data() + j, value);
    if (decimals < 4 || (j < s.size() && !IsDelimiter(s[j])) || parsed.ec != std::errc() ||
        parsed.ptr != s.data() + j) {
      out.append(s, i, std::max<size_t>(j - i, 1));
      i += std::max<size_t>(j - i, 1);
      continue;
    }
    char buffer[64];
    auto printed = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 3);
    std::string rounded(buffer, printed.ptr);
    while (rounded.back() == '0') rounded.pop_back();
    if (rounded.back() == '.') rounded.pop_back();
    if (rounded == "-0") rounded = "0";
    out += rounded;
    i = j;
  }
  return out;
}

bool NormalizePdf(std::string* pdf) {
  FixCreationDate(pdf);
  const std::string& p = *pdf;
  // The cross-reference table, where "startxref" says.
  const size_t startxref = p.rfind("startxref");
  if (startxref == kNone) return false;
  size_t pos = startxref + 9;
  const std::optional<size_t> xref = ReadNumber(p, &pos);
  if (!xref || *xref >= p.size() || p.compare(*xref, 4, "xref") != 0) return false;
  pos = *xref + 4;
  const std::optional<size_t> first = ReadNumber(p, &pos);
  const std::optional<size_t> count = ReadNumber(p, &pos);
  if (first != 0u || !count || *count == 0 || *count > p.size()) return false;
  while (pos < p.size() && IsSpace(p[pos])) ++pos;
  // Entries of 20 bytes: "0000000015 00000 n \n".
  const size_t entries = pos;
  if (entries + 20 * *count > startxref) return false;
  std::vector<Object> objects;
  for (size_t n = 0; n < *count; ++n) {
    const size_t at = entries + 20 * n;
    if (p[at + 17] != 'n') continue;
    size_t offset = 0;
    if (std::from_chars(p.data() + at, p.data() + at + 10, offset).ec != std::errc() ||
        offset >= *xref)
      return false;
    Object o;
    o.number = n;
    o.begin = offset;
    objects.push_back(std::move(o));
  }
  std::sort(objects.begin(), objects.end(),
            [](const Object& a, const Object& b) { return a.begin < b.begin; });
  // Each object up to the next; the integers that objects of no stream hold.
  std::map<size_t, size_t> integers;  // object -> value
  std::map<size_t, size_t> index;     // object -> place in `objects`
  for (size_t k = 0; k < objects.size(); ++k) {
    Object& o = objects[k];
    o.end = k + 1 < objects.size() ? objects[k + 1].begin : *xref;
    index[o.number] = k;
    const std::string header = std::to_string(o.number) + " 0 obj";
    if (p.compare(o.begin, header.size(), header) != 0) return false;
    const size_t body = o.begin + header.size();
    const size_t stream = p.find("stream", body);
    if (stream == kNone || stream >= o.end) {
      size_t at = body;
      std::optional<size_t> value = ReadNumber(p, &at);
      while (at < o.end && IsSpace(p[at])) ++at;
      if (value && p.compare(at, 6, "endobj") == 0) integers[o.number] = *value;
      continue;
    }
    o.stream = true;
    o.data_begin = stream + 6;
    if (p.compare(o.data_begin, 2, "\r\n") == 0)
      o.data_begin += 2;
    else if (p[o.data_begin] == '\n')
      o.data_begin += 1;
    else
      return false;
  }
  // The lengths of the streams, then the page contents rounded.
  for (Object& o : objects) {
    if (!o.stream) continue;
    const std::string_view dict(p.data() + o.begin, o.data_begin - o.begin);
    const size_t key = dict.find("/Length ");
    if (key == kNone) return false;
    size_t at = o.begin + key + 8;
    const std::optional<size_t> length = ReadNumber(p, &at);
    if (!length) return false;
    size_t rest = at;
    std::optional<size_t> generation = ReadNumber(p, &rest);
    while (rest < p.size() && IsSpace(p[rest])) ++rest;
    if (generation && p[rest] == 'R') {
      if (!integers.count(*length)) return false;
      o.length_object = *length;
      o.data_size = integers[*length];
    } else {
      o.data_size = *length;
    }
    if (o.data_begin + o.data_size > o.end) return false;
    const bool content = dict.find("/FlateDecode") != std::string_view::npos &&
                         dict.find("/Length1") == std::string_view::npos &&
                         dict.find("/Subtype /Image") == std::string_view::npos;
    if (!content) continue;
    std::optional<std::string> plain = Inflate(std::string_view(p).substr(o.data_begin, o.data_size));
    if (!plain) return false;
    o.new_data = Deflate(RoundPdfNumbers(*plain));
    if (!o.new_data) return false;
    if (o.length_object == kNone) return false;  // a direct /Length: not as cairo writes
  }
  std::map<size_t, size_t> new_lengths;  // length object -> value
  for (const Object& o : objects)
    if (o.new_data) new_lengths[o.length_object] = o.new_data->size();
  // The file again, with the table's offsets.
  std::string out = p.substr(0, objects.empty() ? *xref : objects.front().begin);
  std::vector<size_t> offsets(*count, 0);
  for (const Object& o : objects) {
    offsets[o.number] = out.size();
    if (o.new_data) {
      out.append(p, o.begin, o.data_begin - o.begin);
      out += *o.new_data;
      out.append(p, o.data_begin + o.data_size, o.end - (o.data_begin + o.data_size));
    } else if (auto changed = new_lengths.find(o.number); changed != new_lengths.end()) {
      size_t at = o.begin + std::to_string(o.number).size() + 6;  // past "N 0 obj"
      while (at < o.end && !IsDigit(p[at])) ++at;
      size_t digits = at;
      while (digits < o.end && IsDigit(p[digits])) ++digits;
      out.append(p, o.begin, at - o.begin);
      out += std::to_string(changed->second);
      out.append(p, digits, o.end - digits);
    } else {
      out.append(p, o.begin, o.end - o.begin);
    }
  }
  const size_t new_xref = out.size();
  out.append(p, *xref, entries - *xref);
  for (size_t n = 0; n < *count; ++n) {
    const size_t at = entries + 20 * n;
    if (p[at + 17] != 'n') {
      out.append(p, at, 20);
      continue;
    }
    char offset[16];
    std::snprintf(offset, sizeof offset, "%010zu", offsets[n]);
    out += offset;
    out.append(p, at + 10, 10);
  }
  out.append(p, entries + 20 * *count, startxref - (entries + 20 * *count));
  out += "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
  *pdf = std::move(out);
  return true;
}

}  // namespace kgrep
