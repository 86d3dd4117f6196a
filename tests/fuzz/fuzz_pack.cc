// Fuzzes loading a rule pack: any bytes, written to a pack file, must load
// into a RulePack or into diagnostics, never crash, hang or throw. A pack
// that loads is then used: its own tests run and it reads a short document,
// so that the compiled rules (odd groups, empty matches, strange types) are
// exercised too.
//
// Inputs that mention `include` are skipped: an include names any file on
// the machine, and a fuzzer that finds /dev/stdin or a file in /proc would
// test the machine, not kgrep. Packs that are devices (/dev/zero) or larger
// than 64 MiB are refused (tests/data/include-device.yaml, in CTest).

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "extract/pack_test.h"
#include "extract/rule_pack.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// A file of this process for the pack, removed at exit.
const std::string& PackPath() {
  static const std::string path = [] {
    char name[] = "/tmp/kgrep-fuzz-pack-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) {
      std::perror("mkstemp");
      std::abort();
    }
    close(fd);
    std::atexit([] { std::remove(PackPath().c_str()); });
    return std::string(name);
  }();
  return path;
}

// README promises one-line errors, whatever pack text (rule ids, yaml-cpp's
// and RE2's messages) a diagnostic quotes: crash-multiline-diagnostic-* once
// broke it.
constexpr bool kCheckOneLineDiagnostics = true;

constexpr std::string_view kDocument =
    "SECRETARY BLINKEN: Good morning. I want to welcome Foreign Minister "
    "Ebrard of Mexico and thank the Department of Homeland Security.\n\n"
    "FOREIGN MINISTER EBRARD: Thank you, Mr. Secretary. Mexico welcomes the "
    "Bicentennial Framework.\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.find("include") != std::string_view::npos) return 0;
  {
    std::ofstream out(PackPath(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    FUZZ_CHECK(out.flush(), "cannot write " + PackPath());
  }

  kgrep::RulePack pack;
  kgrep::LoadOptions options;
  options.max_regex_memory = 8 << 20;  // enough for any small pack; keeps runs fast
  const kgrep::Diagnostics diagnostics = kgrep::LoadRulePack({PackPath()}, options, &pack);
  for (const kgrep::Diagnostic& d : diagnostics) {
    FUZZ_CHECK(!d.message.empty(), "a diagnostic without a message: " + d.Headline());
    FUZZ_CHECK(!kCheckOneLineDiagnostics || d.Headline().find('\n') == std::string::npos,
               "a diagnostic headline of more than one line: " + kgrep::fuzz::Quote(d.Headline()));
    (void)d.ToString();
  }
  if (!diagnostics.empty()) return 0;

  (void)kgrep::RunPackTests(pack);
  kgrep::Extraction extraction;
  (void)kgrep::ExtractDocument(pack, "fuzz.txt", std::string(kDocument), &extraction);
  for (const kgrep::Relation& r : extraction.relations) {
    FUZZ_CHECK(r.subject < extraction.entities.size() && r.object < extraction.entities.size(),
               "a relation points past the entities");
  }
  return 0;
}
