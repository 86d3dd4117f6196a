// A main() for building a fuzz target without libFuzzer (any compiler): it
// feeds each file named on the command line, and every file under each
// directory named, to LLVMFuzzerTestOneInput, in sorted order. CTest runs it
// on the seeds and on every crash input kept in tests/fuzz/<target>/, so that
// what the fuzzer once found stays fixed in the ordinary build.
//
// Usage: fuzz_X_replay FILE_OR_DIR...
// Prints one line per input and exits 0, or 1 if an argument cannot be read;
// a failing input aborts (FUZZ_CHECK) or crashes, which CTest reports.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      for (const auto& entry : fs::recursive_directory_iterator(argv[i], ec)) {
        if (entry.is_regular_file()) inputs.push_back(entry.path().string());
      }
      if (ec) {
        std::fprintf(stderr, "cannot list '%s': %s\n", argv[i], ec.message().c_str());
        return 1;
      }
    } else {
      inputs.push_back(argv[i]);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  for (const std::string& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) {
      std::fprintf(stderr, "cannot read '%s'\n", path.c_str());
      return 1;
    }
    std::printf("%s (%zu bytes)\n", path.c_str(), data.size());
    std::fflush(stdout);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  std::printf("%zu inputs replayed\n", inputs.size());
  return 0;
}
